/**
 * The database: one Kysely code path for SQLite (default, a file in DATA_DIR) and PostgreSQL
 * (when DATABASE_URL is set; the scale-out issue). Tables are created if missing.
 */
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { Kysely, PostgresDialect, PostgresIntrospector, SqliteDialect, sql } from 'kysely';
import pg from 'pg';
import { checkMarker, checkSqliteFileBeforeOpen, quickCheck, sqliteStep, writeMarker, type StoreMetaTable } from './integrity.js';

/** Games: options, replay header (with the seed), status, host token hash, deadline. */
export interface GamesTable {
  id: string;
  options_json: string;
  header_json: string;
  status: string;
  is_public: number;
  host_token_hash: string;
  quarter: number;
  deadline_at: number | null;
  created_at: number;
  updated_at: number;
  /**
   * 1 once anyone has joined the game's room; 0 for a game created by matchmaking that nobody has
   * joined yet (server/rooms/unjoined.ts). Games stored before the column existed count as joined.
   */
  joined: number;
}

/** Seats: who holds each company. */
export interface SeatsTable {
  game_id: string;
  company: string;
  display_name: string;
  kind: string;
  strategy: string;
  token_hash: string | null;
}

/** Accepted, not yet resolved orders (write-ahead, one row per seat of the current quarter). */
export interface PendingOrdersTable {
  game_id: string;
  quarter: number;
  company: string;
  orders_json: string | null;
  ready: number;
  updated_at: number;
}

/** Resolved quarters: the orders every seat played and the resulting state hash. */
export interface QuartersTable {
  game_id: string;
  quarter: number;
  orders_json: string;
  hash: string;
  resolved_at: number;
}

/** Which process holds a game's room (multi-process: a live process renews, a survivor takes over). */
export interface GameLeasesTable {
  game_id: string;
  owner: string;
  expires_at: number;
}

export interface DatabaseSchema {
  store_meta: StoreMetaTable;
  game_leases: GameLeasesTable;
  games: GamesTable;
  seats: SeatsTable;
  pending_orders: PendingOrdersTable;
  quarters: QuartersTable;
}

/** Where the data lives. */
export interface DbConfig {
  dataDir: string;
  databaseUrl?: string | undefined;
  /** PostgreSQL schema to use (created if missing; tests isolate runs with a fresh one). Default: the URL's search_path. */
  pgSchema?: string | undefined;
  /** SQLite durability (default NORMAL in WAL mode: safe against process crashes). */
  sqliteSynchronous?: 'FULL' | 'NORMAL';
}

/** The better-sqlite3 handle under a SQLite Kysely instance (GameStore's group commit writes on it directly). */
const sqliteHandles = new WeakMap<Kysely<DatabaseSchema>, Database.Database>();

/** The SQLite handle of a database opened by openDatabase (null: PostgreSQL). */
export function sqliteHandleOf(db: Kysely<DatabaseSchema>): Database.Database | null {
  return sqliteHandles.get(db) ?? null;
}

/** Whether a URL selects PostgreSQL. */
export function isPostgresUrl(url: string | undefined): url is string {
  return url !== undefined && /^postgres(ql)?:\/\//.test(url);
}

/** The SQLite file of a data directory. */
export function sqliteFileOf(dataDir: string): string {
  return path.join(dataDir, 'capex-race.sqlite');
}

/** Extra tables to create under the same boot lock (feature modules: the replay library, classes). */
export type ExtraMigration = (db: Kysely<DatabaseSchema>) => Promise<void>;

/**
 * Opens (and creates) the database. An existing store is checked first (server/store/integrity.ts):
 * a 0-byte, damaged or foreign store throws StoreRefusedError instead of booting an empty server.
 *
 * PostgreSQL: the check, the schema and every table (`also` included) are created under one
 * advisory lock per schema, so N processes booting at once on an empty database create them once
 * (unguarded, two concurrent `CREATE TABLE IF NOT EXISTS` fail with a duplicate key in pg_type).
 */
export async function openDatabase(config: DbConfig, also?: ExtraMigration): Promise<Kysely<DatabaseSchema>> {
  let db: Kysely<DatabaseSchema>;
  let existing = false;
  let where: string;
  let sqlite: Database.Database | null = null;
  let schema: string | undefined;
  if (config.databaseUrl) {
    if (!isPostgresUrl(config.databaseUrl)) throw new Error('DATABASE_URL must start with postgres:// or postgresql://');
    schema = config.pgSchema;
    if (schema !== undefined && !/^[a-z_][a-z0-9_]{0,62}$/.test(schema)) throw new Error(`bad PostgreSQL schema name ${schema}`);
    const pool = new pg.Pool({
      connectionString: config.databaseUrl, max: 10, connectionTimeoutMillis: 5_000,
      ...(schema ? { options: `-c search_path=${schema}` } : {}),
    });
    // An idle client losing its server (PostgreSQL restarted) must not crash the process.
    pool.on('error', (err) => console.error('database pool:', err.message));
    db = new Kysely<DatabaseSchema>({ dialect: new PostgresDialect({ pool }) });
    where = 'PostgreSQL';
  } else {
    fs.mkdirSync(config.dataDir, { recursive: true });
    where = sqliteFileOf(config.dataDir);
    existing = checkSqliteFileBeforeOpen(where) === 'existing';
    const file = sqliteStep(where, 'open', () => new Database(where));
    if (existing) {
      try {
        sqliteStep(where, 'read', () => file.pragma('schema_version'));
        quickCheck(where, file);
      } catch (e) {
        file.close();
        throw e;
      }
    }
    file.pragma('busy_timeout = 5000');
    // WAL + NORMAL: a commit survives the process being killed (SIGKILL), only a power loss may drop
    // the last commits; FULL (SQLITE_SYNCHRONOUS=FULL) fsyncs every commit (slow under load).
    file.pragma(`synchronous = ${config.sqliteSynchronous ?? (process.env['SQLITE_SYNCHRONOUS'] === 'FULL' ? 'FULL' : 'NORMAL')}`);
    cachePreparedStatements(file);
    sqlite = file;
    db = new Kysely<DatabaseSchema>({ dialect: new SqliteDialect({ database: file }) });
  }
  const setUp = async (q: Kysely<DatabaseSchema>): Promise<void> => {
    let schemaName: string | undefined;
    if (config.databaseUrl) {
      if (schema) await sql`create schema if not exists ${sql.id(schema)}`.execute(q);
      schemaName = (await sql<{ s: string }>`select current_schema() as s`.execute(q)).rows[0]?.s;
      where = `PostgreSQL schema ${schemaName ?? '?'}`;
    }
    const state = await checkMarker(q as unknown as Parameters<typeof checkMarker>[0], where, existing, schemaName);
    // Only now that the store is known to be ours (or new) is anything written to it.
    if (sqlite) sqlite.pragma('journal_mode = WAL');
    await migrate(q);
    if (state !== 'marked') await writeMarker(q as unknown as Parameters<typeof writeMarker>[0], Date.now());
    await also?.(q);
  };
  try {
    if (config.databaseUrl) await underMigrationLock(db, schema ?? '', setUp);
    else await setUp(db);
  } catch (e) {
    await db.destroy().catch(() => undefined);
    throw e;
  }
  if (sqlite) sqliteHandles.set(db, sqlite);
  return db;
}

/**
 * Runs `fn` on one connection holding a session advisory lock named after the schema: a second
 * process waits here until the first has created everything (the lock goes with the session if
 * the holder dies).
 */
async function underMigrationLock(db: Kysely<DatabaseSchema>, schema: string, fn: (q: Kysely<DatabaseSchema>) => Promise<void>): Promise<void> {
  const name = `capex-race:migrate:${schema}`;
  await db.connection().execute(async (conn) => {
    await sql`select pg_advisory_lock(hashtext(${name}))`.execute(conn);
    try {
      await fn(conn);
    } finally {
      await sql`select pg_advisory_unlock(hashtext(${name}))`.execute(conn).catch(() => undefined);
    }
  });
}

/**
 * Kysely's SQLite driver prepares every query anew; under load (npm run loadtest) preparing cost
 * as much as running. The server issues a few dozen distinct statements: keep them prepared.
 */
function cachePreparedStatements(file: Database.Database): void {
  const prepare = file.prepare.bind(file);
  const cache = new Map<string, Database.Statement>();
  file.prepare = ((source: string) => {
    let st = cache.get(source);
    if (!st) {
      st = prepare(source);
      if (cache.size >= 256) cache.clear();
      cache.set(source, st);
    }
    return st;
  }) as typeof file.prepare;
}

async function migrate(db: Kysely<DatabaseSchema>): Promise<void> {
  await db.schema.createTable('games').ifNotExists()
    .addColumn('id', 'varchar(16)', (c) => c.primaryKey())
    .addColumn('options_json', 'text', (c) => c.notNull())
    .addColumn('header_json', 'text', (c) => c.notNull())
    .addColumn('status', 'varchar(16)', (c) => c.notNull())
    .addColumn('is_public', 'integer', (c) => c.notNull())
    .addColumn('host_token_hash', 'varchar(128)', (c) => c.notNull())
    .addColumn('quarter', 'integer', (c) => c.notNull())
    .addColumn('deadline_at', 'bigint')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .addColumn('joined', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();
  // Stores made before the column existed: their games count as joined (none is removed).
  await ensureFlagColumn(db as unknown as Kysely<never>, 'games', 'joined', 1);
  await db.schema.createTable('seats').ifNotExists()
    .addColumn('game_id', 'varchar(16)', (c) => c.notNull())
    .addColumn('company', 'varchar(8)', (c) => c.notNull())
    .addColumn('display_name', 'varchar(64)', (c) => c.notNull())
    .addColumn('kind', 'varchar(8)', (c) => c.notNull())
    .addColumn('strategy', 'varchar(32)', (c) => c.notNull())
    .addColumn('token_hash', 'varchar(128)')
    .addPrimaryKeyConstraint('seats_pk', ['game_id', 'company'])
    .execute();
  await db.schema.createTable('pending_orders').ifNotExists()
    .addColumn('game_id', 'varchar(16)', (c) => c.notNull())
    .addColumn('quarter', 'integer', (c) => c.notNull())
    .addColumn('company', 'varchar(8)', (c) => c.notNull())
    .addColumn('orders_json', 'text')
    .addColumn('ready', 'integer', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('pending_orders_pk', ['game_id', 'quarter', 'company'])
    .execute();
  await db.schema.createTable('quarters').ifNotExists()
    .addColumn('game_id', 'varchar(16)', (c) => c.notNull())
    .addColumn('quarter', 'integer', (c) => c.notNull())
    .addColumn('orders_json', 'text', (c) => c.notNull())
    .addColumn('hash', 'varchar(32)', (c) => c.notNull())
    .addColumn('resolved_at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('quarters_pk', ['game_id', 'quarter'])
    .execute();
  await db.schema.createTable('game_leases').ifNotExists()
    .addColumn('game_id', 'varchar(16)', (c) => c.primaryKey())
    .addColumn('owner', 'varchar(64)', (c) => c.notNull())
    .addColumn('expires_at', 'bigint', (c) => c.notNull())
    .execute();
  await sql`select 1`.execute(db);
}

/**
 * Adds an integer flag column (NOT NULL, with a default that every existing row takes) to a table
 * made before the column existed; nothing when it is there. SQLite has no `ADD COLUMN IF NOT
 * EXISTS`, so the column is looked up first (on PostgreSQL too: an ALTER locks the table even when
 * it changes nothing; `IF NOT EXISTS` there covers a second process adding it meanwhile).
 */
export async function ensureFlagColumn(db: Kysely<never>, table: string, column: string, defaultValue: 0 | 1): Promise<void> {
  if (db.introspection instanceof PostgresIntrospector) {
    const found = await sql`select 1 from information_schema.columns where table_schema = current_schema() and table_name = ${table} and column_name = ${column}`.execute(db);
    if (found.rows.length > 0) return;
    await sql`alter table ${sql.table(table)} add column if not exists ${sql.ref(column)} integer not null default ${sql.lit(defaultValue)}`.execute(db);
    return;
  }
  const found = await sql<{ name: string }>`select name from pragma_table_info(${table})`.execute(db);
  if (found.rows.some((r) => r.name === column)) return;
  await sql`alter table ${sql.table(table)} add column ${sql.ref(column)} integer not null default ${sql.lit(defaultValue)}`.execute(db);
}
