/**
 * Hidden shocks injected into a game, by quarter (a teacher's card, logged with the quarter it hit
 * so the game replays). One table for every path that writes a game: the classroom (while a
 * quarter is played: secret until it resolves) and the replay library (an import or a fork
 * copies its log's shocks in the same transaction as its quarters). The table keeps its first
 * name, `class_shocks`, so existing stores keep their rows. Created if missing.
 */
import { sql, type Kysely, type Transaction } from 'kysely';
import type { ReplayQuarter, ScheduledShock } from '../../shared/index.js';

export interface ShocksTable {
  game_id: string;
  quarter: number;
  seq: number;
  card: string;
  region: string | null;
}

interface ShockSchema {
  class_shocks: ShocksTable;
}

const created = new WeakMap<object, Promise<void>>();

/** Creates the shocks table if missing (once per database handle). */
export function ensureShocksTable(db: Kysely<never>): Promise<void> {
  let p = created.get(db);
  if (!p) {
    const k = db as unknown as Kysely<ShockSchema>;
    p = (async () => {
      await k.schema.createTable('class_shocks').ifNotExists()
        .addColumn('game_id', 'varchar(16)', (c) => c.notNull())
        .addColumn('quarter', 'integer', (c) => c.notNull())
        .addColumn('seq', 'integer', (c) => c.notNull())
        .addColumn('card', 'varchar(32)', (c) => c.notNull())
        .addColumn('region', 'varchar(32)')
        .addPrimaryKeyConstraint('class_shocks_pk', ['game_id', 'quarter', 'seq'])
        .execute();
      await sql`select 1`.execute(k);
    })();
    p.catch(() => created.delete(db));
    created.set(db, p);
  }
  return p;
}

/** Stores one shock (call ensureShocksTable first). */
export async function insertShock(db: Kysely<never> | Transaction<never>, gameId: string, quarter: number, seq: number, shock: ScheduledShock): Promise<void> {
  await (db as unknown as Kysely<ShockSchema>).insertInto('class_shocks').values({ game_id: gameId, quarter, seq, card: shock.card, region: shock.region }).execute();
}

/** Deletes one shock (a host took it back before its quarter resolved). */
export async function deleteShock(db: Kysely<never>, gameId: string, quarter: number, seq: number): Promise<void> {
  await (db as unknown as Kysely<ShockSchema>).deleteFrom('class_shocks').where('game_id', '=', gameId).where('quarter', '=', quarter).where('seq', '=', seq).execute();
}

/** Stores the shocks of a whole log (an import or a fork), inside the caller's transaction. */
export async function insertLogShocks(tx: Transaction<never>, gameId: string, quarters: readonly ReplayQuarter[]): Promise<void> {
  for (const q of quarters) {
    let seq = 0;
    for (const s of q.shocks ?? []) {
      await insertShock(tx, gameId, q.quarter, seq, { quarter: q.quarter, card: s.card, region: s.region });
      seq += 1;
    }
  }
}

/** A game's shocks by quarter. */
export async function shocksOf(db: Kysely<never>, gameId: string): Promise<Record<number, ScheduledShock[]>> {
  await ensureShocksTable(db);
  const rows = await (db as unknown as Kysely<ShockSchema>).selectFrom('class_shocks').selectAll().where('game_id', '=', gameId).orderBy('quarter').orderBy('seq').execute();
  const out: Record<number, ScheduledShock[]> = {};
  for (const r of rows) (out[r.quarter] ??= []).push({ quarter: r.quarter, card: r.card, region: r.region as ScheduledShock['region'] });
  return out;
}

/** Deletes a game's shocks (the library deletes a game), inside the caller's transaction. */
export async function deleteShocks(tx: Transaction<never>, gameId: string): Promise<void> {
  await (tx as unknown as Transaction<ShockSchema>).deleteFrom('class_shocks').where('game_id', '=', gameId).execute();
}
