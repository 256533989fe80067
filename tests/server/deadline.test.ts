import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { botOrders, defaultStrategyFor } from '../../shared/index.js';
import { bootServer, createGame, fakeClock, joinGame, roundTrip, until } from './helpers.js';

let server: Awaited<ReturnType<typeof bootServer>>;
beforeAll(async () => {
  server = await bootServer({ autopilotGraceMs: 60_000 });
});
afterAll(async () => {
  await server.stop();
});

async function twoPlayerGame(game: Record<string, unknown>) {
  const host = await createGame(server.url, { name: 'Ann', company: 'AMZN', game: { quarterCount: 4, ...game } });
  const gameId = host.welcome.gameId;
  const bob = await joinGame(server.url, gameId, { name: 'Bob', company: 'MSFT' });
  const clock = fakeClock(gameId);
  host.send('game:start', {});
  await until(() => host.room.state.status === 'running' && bob.room.state.deadlineAt > 0 || (host.room.state.status === 'running' && game['deadlineSec'] === null), 5000, 'running');
  return { host, bob, gameId, clock };
}

describe('deadlines (fake time)', () => {
  it('resolves at the deadline with the pending orders of a seat that never got ready', async () => {
    const { host, bob, clock } = await twoPlayerGame({ deadlineSec: 600 });
    const deadlineAt = host.room.state.deadlineAt;
    expect(deadlineAt).toBeGreaterThan(Date.now() + 590_000);
    bob.send('orders:submit', { quarter: 0, orders: { guidanceCapexUsdM: 4_242 } });
    await bob.waitFor('orders:state', (m) => m.orders !== null);
    host.send('orders:ready', { quarter: 0, ready: true });
    await host.waitFor('orders:state', (m) => m.ready);
    clock.set(deadlineAt - 1_000);
    await roundTrip(host);
    expect(host.all('quarter:resolved')).toHaveLength(0);
    expect(host.room.state.quarter).toBe(0);
    clock.set(deadlineAt + 1);
    const r = await host.waitFor('quarter:resolved', (m) => m.quarter === 0);
    expect(r.orders['MSFT']?.guidanceCapexUsdM).toBe(4_242);
    await until(() => host.room.state.quarter === 1, 5000, 'quarter 1');
    expect(host.room.state.deadlineAt).toBe(deadlineAt + 1 + 600_000);
  });

  it("timeout policy 'bot': a seat with no orders gets the bot's orders", async () => {
    const { host, bob, clock } = await twoPlayerGame({ deadlineSec: 60, timeoutPolicy: 'bot' });
    const view = bob.all('view').at(-1)!.view;
    host.send('orders:ready', { quarter: 0, ready: true });
    await host.waitFor('orders:state', (m) => m.ready);
    clock.set(host.room.state.deadlineAt + 1);
    const r = await bob.waitFor('quarter:resolved', (m) => m.quarter === 0);
    expect(r.orders['MSFT']).toEqual(botOrders(view, defaultStrategyFor('MSFT'), 'normal'));
  });

  it("timeout policy 'repeat': a seat with no orders repeats its last orders (no new spending)", async () => {
    const { host, bob, clock } = await twoPlayerGame({ deadlineSec: 60, timeoutPolicy: 'repeat' });
    host.send('orders:ready', { quarter: 0, ready: true });
    await host.waitFor('orders:state', (m) => m.ready);
    clock.set(host.room.state.deadlineAt + 1);
    const r = await bob.waitFor('quarter:resolved', (m) => m.quarter === 0);
    const msft = r.orders['MSFT']!;
    expect(msft.chips.merchantUsdM + msft.chips.customUsdM + msft.talentBidUsdM).toBe(0);
    expect(msft.energy).toEqual([]);
  });

  it('puts a player gone past the grace period on autopilot, and hands the seat back with a digest', async () => {
    const { host, bob, gameId, clock } = await twoPlayerGame({ deadlineSec: null });
    const token = bob.welcome.seatToken!;
    const t0 = Date.now();
    await bob.leave();
    await until(() => host.room.state.seats.get('MSFT')?.connected === false, 5000, 'MSFT away');
    host.send('orders:ready', { quarter: 0, ready: true });
    await host.waitFor('orders:state', (m) => m.ready);
    clock.set(t0 + 30_000);
    await roundTrip(host);
    expect(host.room.state.seats.get('MSFT')?.autopilot).toBe(false);
    expect(host.all('quarter:resolved')).toHaveLength(0);
    clock.set(t0 + 61_000);
    await host.waitFor('quarter:resolved', (m) => m.quarter === 0);
    await until(() => host.room.state.seats.get('MSFT')?.autopilot === true, 5000, 'autopilot');
    host.send('orders:ready', { quarter: 1, ready: true });
    await host.waitFor('quarter:resolved', (m) => m.quarter === 1);
    const back = await joinGame(server.url, gameId, { seatToken: token });
    expect(back.welcome.seat).toBe('MSFT');
    const digest = await back.waitFor('digest');
    expect(digest).toMatchObject({ fromQuarter: 0, toQuarter: 2 });
    expect(digest.quarters.map((q) => [q.quarter, q.autopilot])).toEqual([[0, true], [1, true]]);
    await until(() => host.room.state.seats.get('MSFT')?.autopilot === false && host.room.state.seats.get('MSFT')?.connected === true, 5000, 'back');
    const pending = back.all('view').at(-1)!.pending!;
    expect(pending.ready).toBe(false);
    expect(pending.orders).not.toBeNull();
  });
});
