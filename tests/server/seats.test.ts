import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client } from '@colyseus/sdk';
import { bootServer, createGame, joinGame, roundTrip, until } from './helpers.js';

let server: Awaited<ReturnType<typeof bootServer>>;
beforeAll(async () => {
  server = await bootServer({ reconnectGraceSec: 20 });
});
afterAll(async () => {
  await server.stop();
});

async function runningGame() {
  const host = await createGame(server.url, { name: 'Ann', company: 'AMZN', game: { quarterCount: 4 } });
  const gameId = host.welcome.gameId;
  host.send('game:start', {});
  await until(() => host.room.state.status === 'running', 5000, 'running');
  return { host, gameId };
}

describe('seats', () => {
  it('a spectator takes over a bot seat mid-game; the quarter then waits for them', async () => {
    const { host, gameId } = await runningGame();
    const guest = await joinGame(server.url, gameId, { name: 'Gus' });
    expect(guest.welcome.seat).toBeNull();
    expect(host.room.state.seats.get('META')).toMatchObject({ kind: 'bot', ready: true });
    guest.send('seat:claim', { company: 'META', name: 'Gus' });
    await guest.waitFor('welcome', (w) => w.seat === 'META');
    expect(guest.welcome.seatToken).toBeTruthy();
    await until(() => host.room.state.seats.get('META')?.kind === 'human' && host.room.state.seats.get('META')?.ready === false, 5000, 'META human');
    host.send('orders:ready', { quarter: 0, ready: true });
    await host.waitFor('orders:state', (m) => m.ready);
    await roundTrip(host);
    expect(host.all('quarter:resolved')).toHaveLength(0);
    expect(host.room.state.quarter).toBe(0);
    // Gus's own orders are played, not a bot's: a guidance no bot would pick.
    guest.send('orders:submit', { quarter: 0, orders: { guidanceCapexUsdM: 4_321 } });
    await guest.waitFor('orders:state', (m) => m.orders !== null);
    guest.send('orders:ready', { quarter: 0, ready: true });
    const r = await host.waitFor('quarter:resolved', (m) => m.quarter === 0);
    expect(r.orders['META']?.guidanceCapexUsdM).toBe(4_321);
    expect((await server.context.store.load(gameId))?.seats.find((s) => s.company === 'META')?.kind).toBe('human');
  });

  it('a reload rejoins the seat with its token, pending orders intact; an old tab becomes a spectator', async () => {
    const { host, gameId } = await runningGame();
    host.send('orders:submit', { quarter: 0, orders: { guidanceCapexUsdM: 7_777 } });
    await host.waitFor('orders:state', (m) => m.orders !== null);
    const token = host.welcome.seatToken!;
    const tab2 = await joinGame(server.url, gameId, { seatToken: token });
    expect(tab2.welcome.seat).toBe('AMZN');
    expect(tab2.all('view').at(-1)?.pending?.orders?.guidanceCapexUsdM).toBe(7_777);
    await host.waitFor('welcome', (w) => w.seat === null);
    expect((await (async () => {
      const at = host.mark();
      host.send('orders:withdraw', { quarter: 0 });
      return host.waitFor('error', () => true, at);
    })()).code).toBe('error.notSeated');
    await tab2.leave();
    await host.leave();
    const reloaded = await joinGame(server.url, gameId, { seatToken: token });
    expect(reloaded.welcome).toMatchObject({ seat: 'AMZN', seatToken: token });
    expect(reloaded.all('view').at(-1)?.pending?.orders?.guidanceCapexUsdM).toBe(7_777);
    // A wrong host token is refused like a wrong seat token (it does not join as a spectator).
    await expect(new Client(server.url).joinById(gameId, { hostToken: 'x'.repeat(43) })).rejects.toThrow(/host token is not valid/);
    await expect(new Client(server.url).joinById(gameId, { seatToken: 'y'.repeat(43) })).rejects.toThrow(/token/);
  });

  it('a dropped connection comes back into the same session (allowReconnection)', async () => {
    const { host, gameId } = await runningGame();
    host.room.reconnection.minUptime = 0;
    const sessionId = host.room.sessionId;
    const at = host.mark();
    (host.room as unknown as { connection: { transport: { ws: { terminate(): void } } } }).connection.transport.ws.terminate();
    await until(() => server.context.live.get(gameId)?.summary().seats.find((s) => s.company === 'AMZN')?.connected === false, 5000, 'dropped');
    await host.waitFor('welcome', () => true, at);
    expect(host.room.sessionId).toBe(sessionId);
    expect(host.welcome.seat).toBe('AMZN');
    await until(() => server.context.live.get(gameId)?.summary().seats.find((s) => s.company === 'AMZN')?.connected === true, 5000, 'back');
    const at2 = host.mark();
    host.send('orders:ready', { quarter: 0, ready: true });
    await host.waitFor('quarter:resolved', (m) => m.quarter === 0, at2);
  });
});
