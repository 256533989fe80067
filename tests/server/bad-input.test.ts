import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client } from '@colyseus/sdk';
import { MAX_MESSAGE_BYTES, ROOM_NAME } from '../../shared/protocol/index.js';
import { bootServer, createGame, joinGame, until, type Player } from './helpers.js';

let server: Awaited<ReturnType<typeof bootServer>>;
let host: Player;
let zh: Player;
let watcher: Player;
let gameId: string;

beforeAll(async () => {
  server = await bootServer();
  host = await createGame(server.url, { name: 'Ann', company: 'AMZN', game: { quarterCount: 4 } });
  gameId = host.welcome.gameId;
  zh = await joinGame(server.url, gameId, { name: '李', company: 'MSFT', locale: 'zh-CN' });
  watcher = await joinGame(server.url, gameId, {});
  host.send('game:start', {});
  await until(() => host.room.state.status === 'running', 5000, 'running');
});
afterAll(async () => {
  await server.stop();
});

/** Sends something and returns the error it is answered with; then proves the connection is open. */
async function errorFor(p: Player, type: string, payload: unknown): Promise<{ code: string; message: string; params: Record<string, unknown>; problems?: unknown[] }> {
  const at = p.mark();
  p.sendRaw(type, payload);
  const err = await p.waitFor('error', () => true, at);
  const at2 = p.mark();
  p.send('game:sync', {});
  await p.waitFor('view', () => true, at2);
  return err;
}

describe('bad input gets a readable error and keeps the connection', () => {
  it.each([
    ['unknown message type', 'orders:hack', { quarter: 0 }, 'error.unknownMessage'],
    ['malformed payload', 'orders:submit', { quarter: 'zero', orders: {} }, 'error.badPayload'],
    ['unknown payload field', 'orders:ready', { quarter: 0, ready: true, extra: 1 }, 'error.badPayload'],
    ['payload that is not an object', 'orders:withdraw', 42, 'error.badPayload'],
    ['wrong quarter', 'orders:submit', { quarter: 3, orders: {} }, 'error.wrongQuarter'],
    ["someone else's seat", 'orders:submit', { quarter: 0, seat: 'MSFT', orders: {} }, 'error.notYourSeat'],
    ['game:start from a non-host', 'game:start', {}, 'error.notHost'],
    ['claiming a second seat', 'seat:claim', { company: 'META' }, 'error.seatTaken'],
  ])('%s', async (_name, type, payload, code) => {
    const seatBound = ['error.wrongQuarter', 'error.notYourSeat', 'error.seatTaken'].includes(code);
    const err = await errorFor(type === 'game:start' ? zh : seatBound ? host : watcher, type, payload);
    expect(err.code).toBe(code);
    expect(err.message.length).toBeGreaterThan(5);
  });

  it('orders the engine rejects: every problem, translated (zh-CN)', async () => {
    const err = await errorFor(zh, 'orders:submit', { quarter: 0, orders: { ops: { trainingBps: 9_000, selfUseBps: 9_000, cloudBps: 0 }, talentBidUsdM: -5 } });
    expect(err.code).toBe('error.ordersInvalid');
    expect(err.problems?.length).toBeGreaterThan(0);
    expect(err.message).toMatch(/指令/);
  });

  it('a spectator cannot send orders', async () => {
    expect((await errorFor(watcher, 'orders:submit', { quarter: 0, orders: {} })).code).toBe('error.notSeated');
  });

  it('orders are locked once ready', async () => {
    host.send('orders:ready', { quarter: 0, ready: true });
    await host.waitFor('orders:state', (m) => m.ready);
    expect((await errorFor(host, 'orders:submit', { quarter: 0, orders: {} })).code).toBe('error.ordersLocked');
    host.send('orders:ready', { quarter: 0, ready: false });
    await host.waitFor('orders:state', (m) => !m.ready);
  });

  it('oversize payloads', async () => {
    const err = await errorFor(host, 'orders:submit', { quarter: 0, orders: { note: 'x'.repeat(MAX_MESSAGE_BYTES + 100) } });
    expect(err.code).toBe('error.payloadTooLarge');
  });

  it('floods are rate limited without disconnecting', async () => {
    const at = host.mark();
    for (let i = 0; i < 70; i += 1) host.send('orders:withdraw', { quarter: 0 });
    await host.waitFor('error', (e) => e.code === 'error.rateLimited', at);
    expect(host.all('error', at).filter((e) => e.code === 'error.rateLimited').length).toBe(1);
    await new Promise((r) => setTimeout(r, 1100)); // let the bucket refill (1 s)
    const at2 = host.mark();
    host.send('game:sync', {});
    await host.waitFor('view', () => true, at2);
  });

  it('a failing store answers error.internal and the room keeps working', async () => {
    const store = server.context.store;
    const original = store.savePending.bind(store);
    store.savePending = async () => {
      throw new Error('disk on fire');
    };
    try {
      expect((await errorFor(host, 'orders:withdraw', { quarter: 0 })).code).toBe('error.internal');
    } finally {
      store.savePending = original;
    }
    const at = host.mark();
    host.send('orders:withdraw', { quarter: 0 });
    await host.waitFor('orders:state', () => true, at);
  });

  it('bad join and create options are refused with a reason', async () => {
    await expect(new Client(server.url).joinById(gameId, { seatToken: 'not-a-token-of-this-game-000' })).rejects.toThrow(/token/);
    await expect(new Client(server.url).joinById(gameId, { company: 'MSFT' })).rejects.toThrow(/already played/);
    await expect(new Client(server.url).create(ROOM_NAME, { game: { quarterCount: 2 } })).rejects.toThrow(/invalid options/);
    await expect(new Client(server.url).create(ROOM_NAME, {})).rejects.toThrow(/game options are required/);
  });
});
