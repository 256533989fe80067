/**
 * A storm of disconnects and reconnects: seven players drop abruptly (sockets destroyed) and come
 * back with their seat tokens, again and again, while orders are pending. The state hash and
 * every acknowledged order survive, and the game goes on.
 */
import type net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TICKERS } from '../../shared/index.js';
import { bootServer, createGame, joinGame, until, type Player } from '../server/helpers.js';

let server: Awaited<ReturnType<typeof bootServer>>;
const all: Player[] = [];
afterAll(async () => {
  for (const p of all) p.room.connection.close();
  await server.stop();
});

beforeAll(async () => {
  server = await bootServer({ reconnectGraceSec: 1 });
});

/** Drops a connection the hard way (no close handshake: the server sees an abnormal close). */
function cut(p: Player): void {
  const ws = (p.room.connection.transport as unknown as { ws: { _socket: net.Socket } }).ws;
  p.room.removeAllListeners();
  ws._socket.destroy();
}

describe('disconnect/reconnect storm', () => {
  it('seven players drop and rejoin five times: hash unchanged, orders kept, the game continues', async () => {
    const seats = TICKERS.slice(0, 7);
    const host = await createGame(server.url, { name: 'P0', company: seats[0], game: { quarterCount: 4 } });
    const gameId = host.welcome.gameId;
    let players = [host, ...(await Promise.all(seats.slice(1).map((c, i) => joinGame(server.url, gameId, { name: `P${i + 1}`, company: c }))))];
    all.push(...players);
    const tokens = players.map((p) => p.welcome.seatToken!);
    host.send('game:start', {});
    await until(() => host.room.state.status === 'running', 5000, 'running');
    for (const p of players) p.send('orders:ready', { quarter: 0, ready: true });
    const q0 = await host.waitFor('quarter:resolved', (m) => m.quarter === 0);
    // Quarter 1: everyone has stored orders; the first three are also ready.
    for (const [i, p] of players.entries()) p.send('orders:submit', { quarter: 1, orders: { guidanceCapexUsdM: 1_000 + i } });
    await Promise.all(players.map((p, i) => p.waitFor('orders:state', (m) => m.quarter === 1 && m.orders?.guidanceCapexUsdM === 1_000 + i)));
    for (const p of players.slice(0, 3)) p.send('orders:ready', { quarter: 1, ready: true });
    await Promise.all(players.slice(0, 3).map((p) => p.waitFor('orders:state', (m) => m.quarter === 1 && m.ready)));
    const ctl = server.context.live.get(gameId)!;

    for (let round = 0; round < 5; round += 1) {
      players.forEach(cut);
      players = await Promise.all(tokens.map((seatToken) => joinGame(server.url, gameId, { seatToken })));
      all.push(...players);
      expect(players.map((p) => p.welcome.seat)).toEqual(seats);
      expect(ctl.summary()).toMatchObject({ quarter: 1, hash: q0.hash, status: 'running' });
      for (const [i, p] of players.entries()) {
        expect(p.all('view').at(-1)?.pending).toMatchObject({ quarter: 1, ready: i < 3, orders: { guidanceCapexUsdM: 1_000 + i } });
      }
    }
    expect(ctl.seats.list().every((s) => s.kind === 'human' && !s.autopilot)).toBe(true);
    for (const p of players.slice(3)) p.send('orders:ready', { quarter: 1, ready: true });
    const q1 = await players[6]!.waitFor('quarter:resolved', (m) => m.quarter === 1);
    for (const [i, t] of seats.entries()) expect(q1.orders[t]?.guidanceCapexUsdM).toBe(1_000 + i);
    expect(ctl.summary()).toMatchObject({ quarter: 2, hash: q1.hash });
    // Old sessions' reconnection windows run out without disturbing the new ones.
    await until(() => ctl.summary().seats.every((s) => s.connected), 5000, 'all connected');
  }, 60_000);
});
