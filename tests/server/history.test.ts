import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HistoryPoint, PlayerView } from '../../shared/index.js';
import { bootServer, createGame, until } from './helpers.js';

let server: Awaited<ReturnType<typeof bootServer>>;

beforeAll(async () => {
  server = await bootServer();
});

afterAll(async () => {
  await server?.stop();
});

async function history(id: string): Promise<{ status: number; points: HistoryPoint[] }> {
  const res = await fetch(`${server.url}/api/games/${id}/history`);
  const body = (await res.json()) as { points?: HistoryPoint[] };
  return { status: res.status, points: body.points ?? [] };
}

describe('chart history served by the server', () => {
  it('has the start and every resolved quarter with public figures, live and after the game is stored', async () => {
    const host = await createGame(server.url, { name: 'Hist', company: 'AMZN', game: { quarterCount: 4, public: false } });
    const id = host.welcome.gameId;
    expect((await history(id)).points.map((p) => p.quarter)).toEqual([0]);
    host.send('game:start', {});
    await until(() => host.room.state.status === 'running', 5000, 'running');
    const views: PlayerView[] = [];
    for (let q = 0; q < 4; q += 1) {
      host.send('orders:ready', { quarter: q, ready: true });
      views.push((await host.waitFor('quarter:resolved', (m) => m.quarter === q)).view as unknown as PlayerView);
    }
    const live = await history(id);
    expect(live.points.map((p) => p.quarter)).toEqual([0, 1, 2, 3, 4]);
    for (const v of views) {
      const p = live.points[v.quarter]!;
      expect(p.priceCents['NVDA']).toBe(v.market.NVDA.priceCents);
      expect(p.priceCents['MSFT']).toBe(v.companies.MSFT!.priceCents);
      expect(p.companies['AMZN']).toMatchObject({ cashUsdM: v.me!.cashUsdM, poweredMw: v.me!.report.poweredMw, revenueUsdM: v.me!.report.revenueUsdM });
    }
    await host.leave();
    // The finished room goes away: the history is replayed from the store, the same.
    await until(() => !server.context.live.has(id), 10_000, 'room disposed');
    expect(await history(id)).toEqual(live);
    expect((await history('ZZZZZZ')).status).toBe(404);
  });
});
