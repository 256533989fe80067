/**
 * The store suite runs on both databases: SQLite in a temporary directory and this machine's
 * PostgreSQL (TEST_DATABASE_URL, default postgres://postgres@127.0.0.1:5432/test) in a fresh
 * schema per run, dropped afterwards. An unreachable PostgreSQL fails the suite with a clear
 * message (never a skip): `.ci/run` starts it.
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { openDatabase } from '../../server/store/db.js';
import { GameStore } from '../../server/store/game-store.js';

export const TEST_DATABASE_URL = process.env['TEST_DATABASE_URL'] ?? 'postgres://postgres@127.0.0.1:5432/test';
export const TEST_REDIS_URL = process.env['TEST_REDIS_URL'] ?? 'redis://127.0.0.1:6379';

/** A unique schema name for one test run. */
export function freshSchema(tag = 't'): string {
  return `capex_${tag}_${process.pid}_${randomBytes(4).toString('hex')}`;
}

/** Throws a readable error when PostgreSQL does not answer. */
export async function requirePostgres(url = TEST_DATABASE_URL): Promise<void> {
  const c = new pg.Client({ connectionString: url, connectionTimeoutMillis: 3000 });
  try {
    await c.connect();
    await c.query('select 1');
  } catch (e) {
    throw new Error(`PostgreSQL is not reachable at ${url} (${(e as Error).message}): start it (.ci/run does) or set TEST_DATABASE_URL`, { cause: e });
  } finally {
    await c.end().catch(() => undefined);
  }
}

/** Drops a test schema. */
export async function dropSchema(schema: string, url = TEST_DATABASE_URL): Promise<void> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    await c.query(`drop schema if exists "${schema}" cascade`);
  } finally {
    await c.end();
  }
}

/** A store backend under test. */
export interface Backend {
  name: 'sqlite' | 'postgres';
  open(): Promise<GameStore>;
  cleanup(): Promise<void>;
}

export function sqliteBackend(): Backend {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'capex-store-'));
  return {
    name: 'sqlite',
    open: async () => new GameStore(await openDatabase({ dataDir: dir })),
    cleanup: async () => fs.rmSync(dir, { recursive: true, force: true }),
  };
}

export function postgresBackend(): Backend {
  const schema = freshSchema('store');
  return {
    name: 'postgres',
    open: async () => {
      await requirePostgres();
      return new GameStore(await openDatabase({ dataDir: '', databaseUrl: TEST_DATABASE_URL, pgSchema: schema }));
    },
    cleanup: () => dropSchema(schema),
  };
}

export const BACKENDS: (() => Backend)[] = [sqliteBackend, postgresBackend];
