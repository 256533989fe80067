/**
 * Two real server processes sharing Redis (presence + driver) and PostgreSQL: a game created
 * through one, players joining through the other; the owner is SIGKILLed mid-quarter → the
 * survivor's recovery sweep adopts the game from the database (lease expired) and play goes on
 * with every accepted order.
 */
import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createGame, joinGame, until, type Player } from '../server/helpers.js';
import { TEST_DATABASE_URL, dropSchema, freshSchema, requirePostgres } from '../store/backends.js';
import { freePort, killAll, liveGames, requireRedis, spawnServer, summaryOf, untilAsync, type Proc } from './spawn.js';

const schema = freshSchema('mp');
const prefix = `capex-mp-${randomBytes(4).toString('hex')}:`;
let redisUrl = '';
let env: Record<string, string>;
const players: Player[] = [];

beforeAll(async () => {
  await requirePostgres();
  redisUrl = await requireRedis();
  env = { REDIS_URL: redisUrl, REDIS_KEY_PREFIX: prefix, DATABASE_URL: TEST_DATABASE_URL, DATABASE_SCHEMA: schema, LEASE_TTL_MS: '1500', LEASE_SWEEP_MS: '250', DATA_DIR: '/nonexistent' };
});
afterAll(async () => {
  for (const p of players) p.room.connection.close();
  killAll();
  await dropSchema(schema);
});

/** The room listings of this deployment (Colyseus' RedisDriver hash, under the key prefix). */
async function listings(): Promise<{ roomId: string; processId: string }[]> {
  const r = new Redis(redisUrl);
  try {
    return Object.values(await r.hgetall(`${prefix}roomcaches`)).map((v) => JSON.parse(v) as { roomId: string; processId: string });
  } finally {
    r.disconnect();
  }
}

const servedVia = async (url: string, id: string): Promise<boolean> =>
  ((await (await fetch(`${url}/api/games/${id}`)).json()) as { served: boolean }).served;

describe('two processes, Redis + PostgreSQL', () => {
  it('create on A, join through B; A is killed → B adopts the game, nothing accepted is lost', async () => {
    const a: Proc = await spawnServer(await freePort(), env);
    const b: Proc = await spawnServer(await freePort(), env);
    const host = await createGame(a.url, { name: 'Ann', company: 'AMZN', game: { quarterCount: 4, companies: ['AMZN', 'MSFT', 'META'] } });
    const gameId = host.welcome.gameId;
    const bob = await joinGame(b.url, gameId, { name: 'Bob', company: 'MSFT' });
    const cat = await joinGame(b.url, gameId, { name: 'Cat', company: 'META' });
    players.push(host, bob, cat);
    expect(await liveGames(a.url)).toBe(1);
    expect(await liveGames(b.url)).toBe(0);
    // Bob's WebSocket went straight to A (its public address), not through B.
    expect(bob.room.connection.url ?? '').toContain(`:${a.port}`);

    host.send('game:start', {});
    await until(() => bob.room.state.status === 'running', 5000, 'running');
    for (const p of [host, bob, cat]) p.send('orders:ready', { quarter: 0, ready: true });
    const q0 = await cat.waitFor('quarter:resolved', (m) => m.quarter === 0);
    host.send('orders:submit', { quarter: 1, orders: { guidanceCapexUsdM: 5_151 } });
    bob.send('orders:submit', { quarter: 1, orders: { guidanceCapexUsdM: 6_161 } });
    await host.waitFor('orders:state', (m) => m.quarter === 1 && m.orders !== null);
    await bob.waitFor('orders:state', (m) => m.quarter === 1 && m.orders !== null);
    bob.send('orders:ready', { quarter: 1, ready: true });
    await bob.waitFor('orders:state', (m) => m.quarter === 1 && m.ready);

    // The lobby API on B says where the game is: served (by A) now; not served once A is killed
    // (its lease is still unexpired, but A is gone from the presence) until B adopts it.
    expect(await servedVia(b.url, gameId)).toBe(true);
    const processOfA = (await listings()).find((l) => l.roomId === gameId)?.processId;
    expect(processOfA).toBeTruthy();
    await a.kill();
    expect(await servedVia(b.url, gameId)).toBe(false);
    await untilAsync(async () => b.log().includes(`adopted 1 game(s): ${gameId}`), 20_000, 'B adopts the game').catch((e: Error) => {
      throw new Error(`${e.message}\nB's log:\n${b.log()}`);
    });
    expect(await liveGames(b.url)).toBe(1);
    expect(await servedVia(b.url, gameId)).toBe(true);
    expect(await summaryOf(b.url, gameId)).toMatchObject({ hash: q0.hash, quarter: 1, status: 'running' });

    const host2 = await joinGame(b.url, gameId, { seatToken: host.welcome.seatToken! });
    const bob2 = await joinGame(b.url, gameId, { seatToken: bob.welcome.seatToken! });
    const cat2 = await joinGame(b.url, gameId, { seatToken: cat.welcome.seatToken! });
    players.push(host2, bob2, cat2);
    expect(host2.welcome).toMatchObject({ gameId, seat: 'AMZN' });
    expect(host2.all('view').at(-1)?.pending).toMatchObject({ quarter: 1, ready: false, orders: { guidanceCapexUsdM: 5_151 } });
    expect(bob2.all('view').at(-1)?.pending).toMatchObject({ quarter: 1, ready: true, orders: { guidanceCapexUsdM: 6_161 } });
    host2.send('orders:ready', { quarter: 1, ready: true });
    cat2.send('orders:ready', { quarter: 1, ready: true });
    const q1 = await bob2.waitFor('quarter:resolved', (m) => m.quarter === 1);
    expect(q1.orders['AMZN']?.guidanceCapexUsdM).toBe(5_151);
    expect(q1.orders['MSFT']?.guidanceCapexUsdM).toBe(6_161);
    expect((await summaryOf(b.url, gameId)).hash).toBe(q1.hash);

    // A fresh process on A's port joins the cluster and does not steal B's live game; its boot
    // removes the dead process's stale listings (quietly), and B's are untouched.
    const a2 = await spawnServer(a.port, env);
    await untilAsync(async () => !(await listings()).some((l) => l.processId === processOfA), 10_000, 'stale listings removed');
    expect((await listings()).find((l) => l.roomId === gameId)?.processId).not.toBe(processOfA);
    expect(a2.log()).not.toMatch(/failed to respond|❌/);
    expect(a2.log()).toContain('0 game(s) restored');
    expect(await liveGames(a2.url)).toBe(0);
    const dan = await joinGame(a2.url, gameId, {});
    players.push(dan);
    expect(dan.welcome.seat).toBeNull();
    expect(dan.room.connection.url ?? '').toContain(`:${b.port}`);
  }, 90_000);
});
