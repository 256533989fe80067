/**
 * One process on PostgreSQL, SIGKILLed mid-quarter and restarted: the game comes back from the
 * database with its hash and the acknowledged pending orders, and play goes on. (The SQLite case
 * is tests/server/restart.test.ts; two processes: multi-process.test.ts.)
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createGame, joinGame, until, type Player } from '../server/helpers.js';
import { TEST_DATABASE_URL, dropSchema, freshSchema, requirePostgres } from '../store/backends.js';
import { freePort, killAll, spawnServer, summaryOf } from './spawn.js';

const schema = freshSchema('restart');
const players: Player[] = [];
beforeAll(async () => {
  await requirePostgres();
});
afterAll(async () => {
  for (const p of players) p.room.connection.close();
  killAll();
  await dropSchema(schema);
});

describe('restart on PostgreSQL', () => {
  it('SIGKILL mid-quarter, restart: same hash, same pending orders, the game goes on', async () => {
    const env = { DATABASE_URL: TEST_DATABASE_URL, DATABASE_SCHEMA: schema, REDIS_URL: '', DATA_DIR: '/nonexistent' };
    const port = await freePort();
    const a = await spawnServer(port, env);
    const host = await createGame(a.url, { name: 'Ann', company: 'AMZN', game: { quarterCount: 4, companies: ['AMZN', 'MSFT'] } });
    const gameId = host.welcome.gameId;
    const bob = await joinGame(a.url, gameId, { name: 'Bob', company: 'MSFT' });
    players.push(host, bob);
    host.send('game:start', {});
    await until(() => host.room.state.status === 'running', 5000, 'running');
    host.send('orders:ready', { quarter: 0, ready: true });
    bob.send('orders:ready', { quarter: 0, ready: true });
    const q0 = await host.waitFor('quarter:resolved', (m) => m.quarter === 0);
    host.send('orders:submit', { quarter: 1, orders: { guidanceCapexUsdM: 2_345 } });
    await host.waitFor('orders:state', (m) => m.quarter === 1 && m.orders !== null);
    bob.send('orders:ready', { quarter: 1, ready: true });
    await bob.waitFor('orders:state', (m) => m.quarter === 1 && m.ready);

    await a.kill();
    const b = await spawnServer(port, env);
    expect(b.log()).toContain('1 game(s) restored');
    expect(await summaryOf(b.url, gameId)).toMatchObject({ hash: q0.hash, quarter: 1, status: 'running' });
    const host2 = await joinGame(b.url, gameId, { seatToken: host.welcome.seatToken! });
    players.push(host2);
    expect(host2.all('view').at(-1)?.pending).toMatchObject({ quarter: 1, ready: false, orders: { guidanceCapexUsdM: 2_345 } });
    host2.send('orders:ready', { quarter: 1, ready: true });
    const q1 = await host2.waitFor('quarter:resolved', (m) => m.quarter === 1);
    expect(q1.orders['AMZN']?.guidanceCapexUsdM).toBe(2_345);
    expect((await summaryOf(b.url, gameId)).hash).toBe(q1.hash);
  }, 60_000);
});
