/**
 * SIGTERM on a process of a two-process deployment (issue 18): the room settles and closes its
 * clients with 4001, every lease is released before the store closes (no "not released" error),
 * the process exits 0, and the survivor adopts the game at its next sweep — long before the lease
 * would have expired (LEASE_TTL_MS is a minute here) — with every acknowledged order.
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createGame, joinGame, until, type Player } from '../server/helpers.js';
import { TEST_DATABASE_URL, dropSchema, freshSchema, requirePostgres } from '../store/backends.js';
import { freePort, killAll, requireRedis, spawnServer, summaryOf, untilAsync } from './spawn.js';

const schema = freshSchema('term');
const players: Player[] = [];
let env: Record<string, string>;

beforeAll(async () => {
  await requirePostgres();
  env = {
    REDIS_URL: await requireRedis(), REDIS_KEY_PREFIX: `capex-term-${randomBytes(4).toString('hex')}:`,
    DATABASE_URL: TEST_DATABASE_URL, DATABASE_SCHEMA: schema, LEASE_TTL_MS: '60000', LEASE_SWEEP_MS: '250', DATA_DIR: '/nonexistent',
  };
});
afterAll(async () => {
  for (const p of players) p.room.connection.close();
  killAll();
  await dropSchema(schema);
});

async function leaseOwner(gameId: string): Promise<string | null> {
  const c = new pg.Client({ connectionString: TEST_DATABASE_URL });
  await c.connect();
  try {
    return (await c.query<{ owner: string }>(`select owner from "${schema}".game_leases where game_id = $1`, [gameId])).rows[0]?.owner ?? null;
  } finally {
    await c.end();
  }
}

describe('graceful shutdown', () => {
  it.each(['SIGTERM', 'SIGINT'] as const)('%s: clients closed with 4001, leases released (awaited), exit 0, the survivor adopts at once', async (signal) => {
    const a = await spawnServer(await freePort(), env);
    const host = await createGame(a.url, { name: 'Ann', company: 'AMZN', game: { quarterCount: 4, companies: ['AMZN', 'MSFT'] } });
    const gameId = host.welcome.gameId;
    const bob = await joinGame(a.url, gameId, { name: 'Bob', company: 'MSFT' });
    players.push(host, bob);
    // The survivor boots after the game exists: the game is A's (its lease is a minute long).
    const b = await spawnServer(await freePort(), env);
    host.send('game:start', {});
    await until(() => host.room.state.status === 'running', 5000, 'running');
    host.send('orders:submit', { quarter: 0, orders: { guidanceCapexUsdM: 4_321 } });
    await host.waitFor('orders:state', (m) => m.quarter === 0 && m.orders !== null);
    const ownerBefore = await leaseOwner(gameId);
    expect(ownerBefore).not.toBeNull();

    let closeCode = 0;
    host.room.onLeave((code) => (closeCode = code));
    const exit = await a.stop(signal);
    expect(exit).toEqual({ code: 0, signal: null });
    expect(a.log()).toContain('shut down cleanly');
    expect(a.log()).not.toMatch(/not released|destroyed|error during shutdown/);
    await until(() => closeCode !== 0, 5000, 'the client is closed');
    expect(closeCode).toBe(4001);

    // Released, so B adopts at its next sweep (not after the 60 s lease).
    await untilAsync(async () => b.log().includes(`adopted 1 game(s): ${gameId}`), 15_000, 'B adopts the game');
    expect(await leaseOwner(gameId)).not.toBe(ownerBefore);
    const host2 = await joinGame(b.url, gameId, { seatToken: host.welcome.seatToken! });
    players.push(host2);
    expect(host2.all('view').at(-1)?.pending).toMatchObject({ quarter: 0, orders: { guidanceCapexUsdM: 4_321 } });
    expect((await summaryOf(b.url, gameId)).status).toBe('running');
    await b.kill(); // the next case starts its own pair
  }, 90_000);
});
