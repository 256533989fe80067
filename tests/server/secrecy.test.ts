import { WebSocket } from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bootServer, createGame, joinGame, until, type Player } from './helpers.js';

// Record every raw frame every ws client in this process receives, from its first byte.
const frames = new WeakMap<object, Buffer[]>();
const originalEmit = WebSocket.prototype.emit;
WebSocket.prototype.emit = function (this: WebSocket, event: string | symbol, ...args: unknown[]): boolean {
  if (event === 'message') {
    const list = frames.get(this) ?? [];
    frames.set(this, list);
    const data = args[0];
    list.push(Buffer.isBuffer(data) ? Buffer.from(data) : Array.isArray(data) ? Buffer.concat(data as Buffer[]) : Buffer.from(data as ArrayBuffer));
  }
  return originalEmit.call(this, event, ...args);
} as typeof WebSocket.prototype.emit;

function rawOf(p: Player): Buffer {
  const ws = (p.room as unknown as { connection: { transport: { ws: object } } }).connection.transport.ws;
  return Buffer.concat(frames.get(ws) ?? []);
}

const SEED = 'SEED-7f3a-very-secret';
const GUIDANCE = 1_357_913; // msgpack uint32: ce 00 14 b8 59
const NEEDLE_ORDERS = Buffer.from([0xce, 0x00, 0x14, 0xb8, 0x59]);

let server: Awaited<ReturnType<typeof bootServer>>;
beforeAll(async () => {
  server = await bootServer();
});
afterAll(async () => {
  await server.stop();
});

describe('secrecy over raw frames', () => {
  it('never sends pending orders, tokens or the seed to anyone else before resolution', async () => {
    const host = await createGame(server.url, { name: 'Ann', company: 'AMZN', game: { quarterCount: 4, seed: SEED } });
    const gameId = host.welcome.gameId;
    const rival = await joinGame(server.url, gameId, { name: 'Eve', company: 'MSFT' });
    const watcher = await joinGame(server.url, gameId, {});
    host.send('game:start', {});
    await until(() => host.room.state.status === 'running', 5000, 'running');
    host.send('orders:submit', { quarter: 0, orders: { guidanceCapexUsdM: GUIDANCE, talentBidUsdM: 1_234 } });
    await host.waitFor('orders:state', (m) => m.orders !== null);
    rival.send('orders:submit', { quarter: 0, orders: { guidanceCapexUsdM: 2_000 } });
    await rival.waitFor('orders:state', (m) => m.orders !== null);
    // The submitter itself got its orders back: the needle is the right encoding.
    expect(rawOf(host).includes(NEEDLE_ORDERS)).toBe(true);
    const secrets = [Buffer.from(SEED), Buffer.from(host.welcome.seatToken!), Buffer.from(host.welcome.hostToken!)];
    for (const other of [rival, watcher]) {
      const raw = rawOf(other);
      expect(raw.length).toBeGreaterThan(1000);
      expect(raw.includes(NEEDLE_ORDERS)).toBe(false);
      expect(raw.includes(Buffer.from(String(GUIDANCE)))).toBe(false);
      for (const s of secrets) expect(raw.includes(s)).toBe(false);
    }
    const atRival = rival.mark();
    host.send('orders:ready', { quarter: 0, ready: true });
    rival.send('orders:ready', { quarter: 0, ready: true });
    const resolved = await rival.waitFor('quarter:resolved', (m) => m.quarter === 0, atRival);
    expect(resolved.orders['AMZN']?.guidanceCapexUsdM).toBe(GUIDANCE);
    await watcher.waitFor('quarter:resolved', (m) => m.quarter === 0);
    // After resolution the orders are revealed (the detector works), the seed and tokens still never.
    for (const other of [rival, watcher]) {
      const raw = rawOf(other);
      expect(raw.includes(NEEDLE_ORDERS)).toBe(true);
      for (const s of secrets) expect(raw.includes(s)).toBe(false);
    }
    expect(rawOf(host).includes(Buffer.from(SEED))).toBe(false);
    for (const p of [host, rival, watcher]) await p.leave();
  });
});
