/**
 * The database goes away for a while (every store write throws): clients get a readable error,
 * nothing refused is played, the process stays up; when the database returns, play resumes and
 * every acknowledged order is there — also after a restore from the store.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GameController } from '../../server/game/controller.js';
import type { GameStore } from '../../server/store/game-store.js';
import { bootServer, startedGame, type Player } from '../server/helpers.js';

type Server = Awaited<ReturnType<typeof bootServer>>;
let server: Server;
let host: Player;
let bob: Player;
let gameId: string;
const WRITES = ['savePending', 'saveResolved', 'saveSeat', 'updateProgress', 'insertGame'] as const;

/** Makes every store write fail until the returned function is called. */
function outage(store: GameStore): () => void {
  const saved = WRITES.map((m) => [m, store[m]] as const);
  for (const m of WRITES) (store as unknown as Record<string, unknown>)[m] = async () => Promise.reject(new Error('connection refused (database down)'));
  return () => {
    for (const [m, f] of saved) (store as unknown as Record<string, unknown>)[m] = f;
  };
}

beforeAll(async () => {
  server = await bootServer();
  ({ host, bob, gameId } = await startedGame(server.url));
});
afterAll(async () => {
  await host.leave();
  await bob.leave();
  await server.stop();
});

describe('database unavailable for a while', () => {
  it('refuses with a clear error, plays nothing unstored, recovers when the database returns', async () => {
    host.send('orders:submit', { quarter: 0, orders: { guidanceCapexUsdM: 1_111 } });
    await host.waitFor('orders:state', (m) => m.orders?.guidanceCapexUsdM === 1_111);
    const errors = console.error;
    const logged: string[] = [];
    console.error = (...a: unknown[]) => void logged.push(a.map(String).join(' '));
    const restore = outage(server.context.store);
    try {
      const at = host.mark();
      host.send('orders:submit', { quarter: 0, orders: { guidanceCapexUsdM: 2_222 } });
      const err = await host.waitFor('error', () => true, at);
      expect(err).toMatchObject({ code: 'error.internal', type: 'orders:submit' });
      expect(err.message).toMatch(/internal error/);
      const atB = bob.mark();
      bob.send('orders:ready', { quarter: 0, ready: true });
      expect((await bob.waitFor('error', () => true, atB)).code).toBe('error.internal');
      // Still up: the connection answers, the refused orders are not pending.
      const at2 = host.mark();
      host.send('game:sync', {});
      expect((await host.waitFor('view', () => true, at2)).pending).toMatchObject({ quarter: 0, ready: false, orders: { guidanceCapexUsdM: 1_111 } });
      expect(server.context.live.get(gameId)?.isReady('MSFT')).toBe(false);
      expect(logged.join('\n')).toMatch(/database down/);
    } finally {
      restore();
      console.error = errors;
    }
    // Back: the same messages now work, and the quarter plays only acknowledged orders.
    bob.send('orders:submit', { quarter: 0, orders: { guidanceCapexUsdM: 3_333 } });
    await bob.waitFor('orders:state', (m) => m.orders?.guidanceCapexUsdM === 3_333);
    host.send('orders:ready', { quarter: 0, ready: true });
    bob.send('orders:ready', { quarter: 0, ready: true });
    const q0 = await host.waitFor('quarter:resolved', (m) => m.quarter === 0);
    expect(q0.orders['AMZN']?.guidanceCapexUsdM).toBe(1_111);
    expect(q0.orders['MSFT']?.guidanceCapexUsdM).toBe(3_333);
    const again = await GameController.restore({ store: server.context.store, now: () => Date.now(), autopilotGraceMs: 60_000 }, gameId);
    expect(again.summary()).toMatchObject({ quarter: 1, hash: q0.hash });
  });

  it('a resolution that cannot be stored does not happen; it happens once the database is back', async () => {
    host.send('orders:submit', { quarter: 1, orders: { guidanceCapexUsdM: 4_444 } });
    await host.waitFor('orders:state', (m) => m.quarter === 1 && m.orders !== null);
    bob.send('orders:ready', { quarter: 1, ready: true });
    await bob.waitFor('orders:state', (m) => m.quarter === 1 && m.ready);
    const errors = console.error;
    const quiet: string[] = [];
    console.error = (...a: unknown[]) => void quiet.push(a.map(String).join(' '));
    const ctl = server.context.live.get(gameId)!;
    try {
      // Only saveResolved fails: the ready flag is stored, the quarter itself cannot be.
      const realPending = server.context.store.savePending;
      const stop = outage(server.context.store);
      (server.context.store as unknown as { savePending: typeof realPending }).savePending = realPending;
      const at = host.mark();
      host.send('orders:ready', { quarter: 1, ready: true });
      await host.waitFor('error', (m) => m.code === 'error.internal', at);
      expect(ctl.summary().quarter).toBe(1);
      expect(host.all('quarter:resolved', at)).toEqual([]);
      stop();
    } finally {
      console.error = errors;
    }
    // The room's clock tick settles the ready quarter once writes work again.
    const q1 = await host.waitFor('quarter:resolved', (m) => m.quarter === 1, 0, 10_000).catch((e: Error) => {
      throw new Error(`${e.message}; ready: ${ctl.isReady('AMZN')} ${ctl.isReady('MSFT')} ${ctl.isReady('META')}; logged: ${quiet.join(' | ')}`);
    });
    expect(q1.orders['AMZN']?.guidanceCapexUsdM).toBe(4_444);
    expect(ctl.summary()).toMatchObject({ quarter: 2, hash: q1.hash });
  });
});
