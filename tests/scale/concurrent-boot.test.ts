/**
 * N processes booting together on an empty database (issue 18): the README's own way to start a
 * deployment. Unguarded, two concurrent `CREATE TABLE IF NOT EXISTS` kill one process with a
 * duplicate key in pg_type; under the migration lock (server/store/db.ts) both boot, every time.
 * Ten rounds, each on a fresh schema and its own Redis key prefix; both processes are spawned in
 * the same tick and both must be listening, sharing one marked store.
 */
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import { TEST_DATABASE_URL, dropSchema, freshSchema, requirePostgres } from '../store/backends.js';
import { freePort, killAll, liveGames, requireRedis, spawnServer, type Proc } from './spawn.js';

const ROUNDS = 10;
const schemas: string[] = [];
let redisUrl: string;

beforeAll(async () => {
  await requirePostgres();
  redisUrl = await requireRedis();
});
afterAll(async () => {
  killAll();
  for (const s of schemas) await dropSchema(s);
});

async function storeIdsOf(schema: string): Promise<string[]> {
  const c = new pg.Client({ connectionString: TEST_DATABASE_URL });
  await c.connect();
  try {
    return (await c.query<{ value: string }>(`select value from "${schema}".store_meta where key = 'store_id'`)).rows.map((r) => r.value);
  } finally {
    await c.end();
  }
}

describe('concurrent boot on an empty database', () => {
  it(`two processes started at the same instant boot, ${ROUNDS} times out of ${ROUNDS}`, async () => {
    const failures: string[] = [];
    for (let round = 0; round < ROUNDS; round += 1) {
      const schema = freshSchema('boot');
      schemas.push(schema);
      const env = {
        DATABASE_URL: TEST_DATABASE_URL, DATABASE_SCHEMA: schema, REDIS_URL: redisUrl,
        REDIS_KEY_PREFIX: `capex-boot-${randomBytes(4).toString('hex')}:`, DATA_DIR: '/nonexistent',
      };
      const [pa, pb] = [await freePort(), await freePort()];
      const started = await Promise.allSettled([spawnServer(pa, env), spawnServer(pb, env)]);
      const procs = started.flatMap((r) => (r.status === 'fulfilled' ? [r.value] : []));
      for (const r of started) if (r.status === 'rejected') failures.push(`round ${round}: ${(r.reason as Error).message.slice(0, 400)}`);
      if (procs.length === 2) {
        for (const p of procs) expect(await liveGames(p.url)).toBe(0);
        // One store, marked once.
        expect(await storeIdsOf(schema)).toHaveLength(1);
      }
      await Promise.all(procs.map((p: Proc) => p.kill()));
    }
    expect(failures).toEqual([]);
  }, 240_000);
});
