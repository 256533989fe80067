import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { replayGame, TICKERS } from '../../shared/index.js';
import { bootServer, createGame, joinGame, until, type Player } from './helpers.js';

let server: Awaited<ReturnType<typeof bootServer>>;
beforeAll(async () => {
  server = await bootServer();
});
afterAll(async () => {
  await server.stop();
});

describe('GameRoom: a whole game', () => {
  it('plays 2 humans + 5 bots to the last quarter, persisting every quarter', async () => {
    const host = await createGame(server.url, { name: 'Ann', company: 'AMZN', game: { quarterCount: 4 } });
    const gameId = host.welcome.gameId;
    expect(gameId).toMatch(/^[A-Z2-9]{6}$/);
    expect(host.welcome).toMatchObject({ seat: 'AMZN', host: true });
    expect(host.welcome.seatToken).toBeTruthy();
    const bob = await joinGame(server.url, gameId, { name: 'Bob', company: 'MSFT' });
    expect(bob.welcome).toMatchObject({ seat: 'MSFT', host: false });
    expect(bob.welcome.hostToken).toBeUndefined();
    const watcher = await joinGame(server.url, gameId, {});
    expect(watcher.welcome.seat).toBeNull();

    host.send('game:start', {});
    await until(() => bob.room.state.status === 'running', 5000, 'running');
    const humans: Player[] = [host, bob];
    for (let q = 0; q < 4; q += 1) {
      const marks = [host, bob, watcher].map((p) => p.mark());
      for (const p of humans) p.send('orders:submit', { quarter: q, orders: { guidanceCapexUsdM: 100_000 + q } });
      for (const p of humans) await p.waitFor('orders:state', (m) => m.quarter === q && m.orders !== null);
      for (const p of humans) p.send('orders:ready', { quarter: q, ready: true });
      const [a, b, w] = await Promise.all([host, bob, watcher].map((p, i) => p.waitFor('quarter:resolved', (m) => m.quarter === q, marks[i])));
      expect(a!.hash).toBe(b!.hash);
      expect(w!.hash).toBe(a!.hash);
      expect(Object.keys(a!.orders).sort()).toEqual([...TICKERS].sort());
      expect(a!.orders['AMZN']?.guidanceCapexUsdM).toBe(100_000 + q);
      expect(a!.view.seat).toBe('AMZN');
      expect(a!.view.me?.ticker).toBe('AMZN');
      expect(w!.view.me).toBeNull();
      expect(a!.finished).toBe(q === 3);
    }
    await until(() => host.room.state.status === 'finished', 5000, 'finished');
    // A game shorter than its scenario: after its last quarter, every client gets its own view again with the board's years.
    const [fa, fb, fw] = await Promise.all([host, bob, watcher].map((p) => p.waitFor('view', (m) => m.view.board !== undefined)));
    expect(fa!.view.board?.fromQuarter).toBe(4);
    expect(fb!.view.board).toEqual(fa!.view.board);
    expect(fw!.view.board).toEqual(fa!.view.board);
    expect([fa!.view.me?.ticker, fb!.view.me?.ticker, fw!.view.me]).toEqual(['AMZN', 'MSFT', null]);
    const stored = await server.context.store.load(gameId);
    expect(stored?.game.status).toBe('finished');
    expect(stored?.quarters.length).toBe(4);
    const replay = replayGame({ header: stored!.game.header, quarters: stored!.quarters });
    expect(replay.ok).toBe(true);
    for (const p of [host, bob, watcher]) await p.leave();
  });

  it('takes orders with the ready flag in one message: one answer, stored together, and the quarter resolves on it', async () => {
    const host = await createGame(server.url, { name: 'Eve', company: 'AMZN', game: { quarterCount: 4 } });
    const gameId = host.welcome.gameId;
    const bob = await joinGame(server.url, gameId, { name: 'Fay', company: 'MSFT' });
    host.send('game:start', {});
    await until(() => bob.room.state.status === 'running', 5000, 'running');
    // Orders the engine refuses: neither stored nor ready.
    const refused = bob.mark();
    bob.send('orders:submit', { quarter: 0, orders: { talentBidUsdM: -5 }, ready: true });
    expect((await bob.waitFor('error', () => true, refused)).code).toBe('error.ordersInvalid');
    expect((await server.context.store.load(gameId))?.pending.find((p) => p.company === 'MSFT')).toBeUndefined();
    const marks = [host, bob].map((p) => p.mark());
    host.send('orders:submit', { quarter: 0, orders: { guidanceCapexUsdM: 123_456 }, ready: true });
    const ack = await host.waitFor('orders:state', (m) => m.quarter === 0, marks[0]);
    expect(ack.ready).toBe(true);
    expect(ack.orders?.guidanceCapexUsdM).toBe(123_456);
    expect((await server.context.store.load(gameId))?.pending.find((p) => p.company === 'AMZN')).toMatchObject({ ready: true, orders: { guidanceCapexUsdM: 123_456 } });
    await until(() => bob.room.state.seats.get('AMZN')?.ready === true, 5000, 'AMZN ready for the others');
    bob.send('orders:submit', { quarter: 0, orders: { guidanceCapexUsdM: 654_321 }, ready: true });
    const [a] = await Promise.all([host, bob].map((p, i) => p.waitFor('quarter:resolved', (m) => m.quarter === 0, marks[i])));
    expect(a!.orders['AMZN']?.guidanceCapexUsdM).toBe(123_456);
    expect(a!.orders['MSFT']?.guidanceCapexUsdM).toBe(654_321);
    expect(host.inbox.slice(marks[0]).filter((m) => m.type === 'orders:state').length).toBe(1);
    await host.leave();
    await bob.leave();
  });

  it('serves health, scenarios, open public games and a game summary', async () => {
    const host = await createGame(server.url, { name: 'Cy', game: { quarterCount: 4, companies: ['META', 'AAPL'], public: true } });
    const priv = await createGame(server.url, { name: 'Di', game: { quarterCount: 4, public: false } });
    const health = await (await fetch(`${server.url}/api/health`)).json();
    expect(health).toMatchObject({ ok: true, protocolVersion: 1 });
    const sc = await (await fetch(`${server.url}/api/scenarios`)).json();
    expect(sc.scenarios[0].companies.length).toBe(7);
    expect(sc.scenarios[0].regions.length).toBe(12);
    const list = await (await fetch(`${server.url}/api/games`)).json();
    const ids = list.games.map((g: { gameId: string }) => g.gameId);
    expect(ids).toContain(host.welcome.gameId);
    expect(ids).not.toContain(priv.welcome.gameId);
    const one = await (await fetch(`${server.url}/api/games/${host.welcome.gameId.toLowerCase()}`)).json();
    expect(one.seats.map((s: { company: string }) => s.company)).toEqual(['AAPL', 'META']);
    expect(JSON.stringify(one)).not.toContain('seed');
    expect((await fetch(`${server.url}/api/games/ZZZZZZ`)).status).toBe(404);
    const page = await fetch(`${server.url}/some/client/route`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('Capex Race');
    await host.leave();
    await priv.leave();
  });
});
