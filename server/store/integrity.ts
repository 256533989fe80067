/**
 * Store integrity (issue 17): the server refuses to start on a store that should hold games but
 * does not — a 0-byte file, a garbled or truncated one (SQLite's `PRAGMA quick_check`), a file
 * that is not a Capex Race store, or a marked store whose tables are gone — with a message that
 * says what is wrong and the way out, instead of booting an empty server. A marker table
 * (`store_meta`) records that a directory's store was created by the server; stores made before
 * the marker existed are recognised by their tables and marked on their next boot.
 */
import fs from 'node:fs';
import { randomBytes } from 'node:crypto';
import type Database from 'better-sqlite3';
import type { Kysely } from 'kysely';

/** The store format this server writes (`store_meta.format`). */
export const STORE_FORMAT = 1;
/** The tables every marked store has (feature modules add their own, created on demand). */
export const CORE_TABLES = ['games', 'seats', 'pending_orders', 'quarters', 'game_leases'] as const;

/** The marker table. */
export interface StoreMetaTable {
  key: string;
  value: string;
}

/** Exit code of `npm start` when the store is refused. */
export const STORE_REFUSED_EXIT_CODE = 3;

/** The server will not start on this store: what is wrong, and what to do. */
export class StoreRefusedError extends Error {
  override readonly name = 'StoreRefusedError';
  constructor(readonly problem: string, readonly wayOut: string) {
    super(`${problem}\n${wayOut}`);
  }
}

const restoreHint = (file: string): string =>
  `Way out: restore the last good backup (stop the server, then \`npm run restore -- <backup file>\`; docs/operations.md), ` +
  `or, to start with a new empty store on purpose, move this file away (\`mv ${file} ${file}.bad\`) and start again.`;

/** Before opening a SQLite file: a 0-byte file is never one the server wrote. */
export function checkSqliteFileBeforeOpen(file: string): 'new' | 'existing' {
  if (!fs.existsSync(file)) return 'new';
  const size = fs.statSync(file).size;
  if (size === 0) {
    throw new StoreRefusedError(
      `The store ${file} is empty (0 bytes). The server writes a header on its first start, so this file was truncated or replaced: starting on it would show a server with every game gone.`,
      restoreHint(file),
    );
  }
  return 'existing';
}

/** Runs a SQLite step, turning "not a database" / "malformed" errors into a refusal. */
export function sqliteStep<T>(file: string, what: string, step: () => T): T {
  try {
    return step();
  } catch (e) {
    throw refusalOfSqliteError(file, what, e);
  }
}

function refusalOfSqliteError(file: string, what: string, e: unknown): Error {
  const code = (e as { code?: string }).code ?? '';
  const message = (e as Error).message ?? String(e);
  if (/NOTADB|CORRUPT|FORMAT/.test(code) || /not a database|malformed|corrupt/i.test(message)) {
    return new StoreRefusedError(`The store ${file} is damaged (${what}: ${message}). It may be truncated or garbled; the server will not start on it.`, restoreHint(file));
  }
  return e instanceof Error ? e : new Error(message);
}

/** `PRAGMA quick_check` on an existing file: anything but "ok" is a refusal (the first problems named). */
export function quickCheck(file: string, db: Database.Database): void {
  const rows = sqliteStep(file, 'quick_check', () => db.pragma('quick_check(5)') as { quick_check: string }[]);
  const found = rows.map((r) => r.quick_check);
  if (found.length === 1 && found[0] === 'ok') return;
  throw new StoreRefusedError(
    `The store ${file} is damaged: PRAGMA quick_check found ${found.length === 5 ? 'at least 5 problems' : `${found.length} problem(s)`}: ${found.join('; ').slice(0, 400)}.`,
    restoreHint(file),
  );
}

type MetaDb = Kysely<{ store_meta: StoreMetaTable }>;

/** What the store is, before migrating it. */
export type StoreState = 'new' | 'marked' | 'legacy';

/**
 * Checks the marker before any table is created: an existing store must be marked (or hold the
 * core tables of a store made before the marker), and a marked store must still hold every core
 * table. `expectExisting`: the file existed (SQLite), so an unmarked, table-less store is refused.
 * `schema`: PostgreSQL's current schema (tables of other schemas do not count).
 */
export async function checkMarker(db: MetaDb, where: string, expectExisting: boolean, schema?: string): Promise<StoreState> {
  const tables = new Set((await db.introspection.getTables()).filter((t) => schema === undefined || t.schema === schema).map((t) => t.name));
  const marked = tables.has('store_meta') && (await db.selectFrom('store_meta').select('value').where('key', '=', 'format').executeTakeFirst()) !== undefined;
  const missing = CORE_TABLES.filter((t) => !tables.has(t));
  if (marked) {
    if (missing.length > 0) {
      throw new StoreRefusedError(
        `The store ${where} is marked as a Capex Race store but its table(s) ${missing.join(', ')} are gone: starting would recreate them empty and lose their games.`,
        restoreHint(where),
      );
    }
    return 'marked';
  }
  if (missing.length === 0) return 'legacy';
  if (expectExisting) {
    throw new StoreRefusedError(
      `The store ${where} is a database but not a Capex Race store (no marker, table(s) ${missing.join(', ')} missing).`,
      restoreHint(where),
    );
  }
  return 'new';
}

/** Writes the marker (new and legacy stores); idempotent. */
export async function writeMarker(db: MetaDb, nowMs: number): Promise<void> {
  await db.schema.createTable('store_meta').ifNotExists()
    .addColumn('key', 'varchar(32)', (c) => c.primaryKey())
    .addColumn('value', 'text', (c) => c.notNull())
    .execute();
  const rows = [
    { key: 'format', value: String(STORE_FORMAT) },
    { key: 'store_id', value: randomBytes(8).toString('hex') },
    { key: 'created_at', value: new Date(nowMs).toISOString() },
  ];
  for (const r of rows) await db.insertInto('store_meta').values(r).onConflict((oc) => oc.column('key').doNothing()).execute();
}
