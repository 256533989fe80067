/**
 * Backups of the SQLite store (issue 17): `npm run backup` copies the live database with SQLite's
 * online backup API (a consistent snapshot while the server keeps writing), then opens the copy
 * and checks it; `npm run restore -- <file>` checks a backup, keeps the current store aside (never
 * deletes it) and puts the backup in its place. PostgreSQL stores are backed up with pg_dump
 * (docs/operations.md). Both refuse a store or a backup that fails the integrity checks.
 */
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { sqliteFileOf } from './db.js';
import { CORE_TABLES, StoreRefusedError, checkSqliteFileBeforeOpen, quickCheck, sqliteStep } from './integrity.js';

/** What a store file holds. */
export interface StoreSummary {
  file: string;
  bytes: number;
  storeId: string | null;
  games: number;
  unfinished: number;
  quarters: number;
}

/** A filesystem-safe UTC time stamp (2026-12-04T21-45-00Z). */
export function stamp(nowMs: number): string {
  return new Date(nowMs).toISOString().replace(/\.\d+Z$/, 'Z').replace(/:/g, '-');
}

/**
 * Opens a store file, checks it (not empty, a database, quick_check, marker or core tables) and
 * sums it up; throws StoreRefusedError when it is not a sound Capex Race store.
 */
export function inspectStore(file: string): StoreSummary {
  if (checkSqliteFileBeforeOpen(file) === 'new') throw new StoreRefusedError(`There is no store at ${file}.`, 'Check the path (DATA_DIR, or the backup file named).');
  const db = sqliteStep(file, 'open', () => new Database(file, { fileMustExist: true }));
  try {
    quickCheck(file, db);
    const tables = new Set((db.prepare("select name from sqlite_master where type = 'table'").all() as { name: string }[]).map((r) => r.name));
    const missing = CORE_TABLES.filter((t) => !tables.has(t));
    if (missing.length > 0) throw new StoreRefusedError(`${file} is not a Capex Race store (table(s) ${missing.join(', ')} missing).`, 'Pick another file.');
    const one = (q: string): number => (db.prepare(q).get() as { n: number }).n;
    const storeId = tables.has('store_meta') ? ((db.prepare("select value from store_meta where key = 'store_id'").get() as { value: string } | undefined)?.value ?? null) : null;
    return {
      file, bytes: fs.statSync(file).size, storeId,
      games: one('select count(*) as n from games'), unfinished: one("select count(*) as n from games where status != 'finished'"), quarters: one('select count(*) as n from quarters'),
    };
  } finally {
    db.close();
  }
}

/** Backs the store of a data directory up into `outDir` (created if missing); returns the checked copy. */
export async function backupStore(dataDir: string, outDir: string, nowMs = Date.now()): Promise<StoreSummary> {
  const source = sqliteFileOf(dataDir);
  inspectStore(source);
  fs.mkdirSync(outDir, { recursive: true });
  const target = path.join(outDir, `capex-race-${stamp(nowMs)}.sqlite`);
  if (fs.existsSync(target)) throw new Error(`${target} exists already`);
  const db = new Database(source, { fileMustExist: true });
  try {
    db.pragma('busy_timeout = 5000');
    await db.backup(target);
  } finally {
    db.close();
  }
  return inspectStore(target);
}

/** What a restore did. */
export interface Restored {
  restored: StoreSummary;
  /** Where the replaced store (and its -wal/-shm files) went; null when there was none. */
  keptAs: string | null;
}

/**
 * Puts a checked backup in place of a data directory's store. The current store, with its -wal
 * and -shm files (a stale WAL must never meet another database), is renamed, not deleted. The
 * server must be stopped (the command line checks the port).
 */
export function restoreStore(dataDir: string, backupFile: string, nowMs = Date.now()): Restored {
  inspectStore(backupFile);
  fs.mkdirSync(dataDir, { recursive: true });
  const live = sqliteFileOf(dataDir);
  let keptAs: string | null = null;
  if (fs.existsSync(live)) {
    keptAs = `${live}.before-restore-${stamp(nowMs)}`;
    for (const suffix of ['', '-wal', '-shm']) if (fs.existsSync(live + suffix)) fs.renameSync(live + suffix, keptAs + suffix);
  }
  const temp = `${live}.restoring`;
  fs.copyFileSync(backupFile, temp);
  fs.renameSync(temp, live);
  return { restored: inspectStore(live), keptAs };
}
