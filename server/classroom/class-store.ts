/**
 * ClassStore: the classroom's own tables in the game database (one Kysely code path: SQLite and
 * PostgreSQL). Classes (options, host token hash, status, pause, game ids), students (name,
 * token hash, team) and injected shocks (secret until their quarter resolves; they are part of the
 * replay log). Tables are created if missing.
 */
import { sql, type Kysely } from 'kysely';
import type { ClassGameLabel, ScheduledShock } from '../../shared/index.js';
import type { ClassOptions } from '../../shared/protocol/classroom.js';
import type { PlayedBy } from '../game/controller.js';
import { ensureFlagColumn } from '../store/db.js';
import type { GameStore } from '../store/game-store.js';
import { deleteShock, ensureShocksTable, insertShock, shocksOf, type ShocksTable } from '../store/shocks.js';

interface ClassesTable {
  id: string;
  options_json: string;
  host_token_hash: string;
  status: string;
  paused: number;
  /** JSON: per game, the ms left when paused (null: not paused). */
  paused_json: string;
  /** JSON: game ids by game index (empty before the start). */
  games_json: string;
  broadcast_json: string | null;
  created_at: number;
  updated_at: number;
  /** 1 once anyone has joined the class's room; 0 for a class nobody has joined yet (server/rooms/unjoined.ts). Older classes count as joined. */
  joined: number;
}

interface ClassStudentsTable {
  class_id: string;
  student_id: string;
  display_name: string;
  token_hash: string;
  game_index: number | null;
  company: string | null;
  removed: number;
  joined_at: number;
}

interface ClassQuartersTable {
  class_id: string;
  game_id: string;
  quarter: number;
  record_json: string;
  resolved_at: number;
}

interface ClassReflectionsTable {
  class_id: string;
  student_id: string;
  answers_json: string;
  updated_at: number;
}

interface ClassExtrasTable {
  class_id: string;
  extras_json: string;
}

interface ClassSchema {
  class_quarters: ClassQuartersTable;
  class_reflections: ClassReflectionsTable;
  class_extras: ClassExtrasTable;
  classes: ClassesTable;
  class_students: ClassStudentsTable;
  class_shocks: ShocksTable;
}

export type ClassStatus = 'lobby' | 'running' | 'finished';

/** A stored class. */
export interface StoredClass {
  id: string;
  options: ClassOptions;
  hostTokenHash: string;
  status: ClassStatus;
  paused: boolean;
  pausedLeft: (number | null)[];
  gameIds: string[];
  broadcast: { text: string; at: number } | null;
  createdAt: number;
  /** Whether anyone has ever joined the class's room (false from its creation until the first join is stored: server/rooms/unjoined.ts). */
  joined: boolean;
}

/** One student's activity in one quarter (counted, never read: drafts edited, orders submitted, chat messages). */
export interface Activity {
  drafts: number;
  submits: number;
  chats: number;
}

/**
 * One resolved quarter of a class game as the class saw it: who was on each team at that moment
 * and who decided the team's orders (exports credit people per quarter with it, not with the
 * roster at download time), and each student's activity during the quarter.
 */
export interface QuarterRecord {
  gameId: string;
  game: number;
  quarter: number;
  teams: { company: string; played: PlayedBy; members: string[] }[];
  activity: Record<string, Activity>;
}

/** A class's settings beyond its options (kept in their own row). */
export interface ClassExtras {
  /** Join lock: only roster names may join. */
  locked: boolean;
  /** Games played as practice before a restart (kept for the library). */
  practiceGameIds: string[];
  /** Hash of the co-host (TA) secret, if one was made. */
  coHostHash: string | null;
  /** The finished game's replay the host is showing the class (game index, id, frame), if any. */
  replay: { game: number; gameId: string; quarter: number } | null;
  /** Games whose replay the host has shown the class: the class's students may open them. */
  presented: string[];
}

/** A class's extras before anything was set (fresh arrays each time: sessions push into them). */
export function noExtras(): ClassExtras {
  return { locked: false, practiceGameIds: [], coHostHash: null, replay: null, presented: [] };
}

/** A stored student. */
export interface StoredStudent {
  id: string;
  name: string;
  tokenHash: string;
  game: number | null;
  company: string | null;
  removed: boolean;
  joinedAt: number;
}

const num = (v: number | string | null): number | null => (v === null ? null : Number(v));

/** Persistence of classes. */
export class ClassStore {
  private readonly db: Kysely<ClassSchema>;
  private ready: Promise<void> | null = null;

  constructor(store: GameStore) {
    this.db = store.database as unknown as Kysely<ClassSchema>;
  }

  /** Creates the tables if missing (idempotent; called before every first use). */
  migrate(): Promise<void> {
    this.ready ??= (async () => {
      await this.db.schema.createTable('classes').ifNotExists()
        .addColumn('id', 'varchar(16)', (c) => c.primaryKey())
        .addColumn('options_json', 'text', (c) => c.notNull())
        .addColumn('host_token_hash', 'varchar(128)', (c) => c.notNull())
        .addColumn('status', 'varchar(16)', (c) => c.notNull())
        .addColumn('paused', 'integer', (c) => c.notNull())
        .addColumn('paused_json', 'text', (c) => c.notNull())
        .addColumn('games_json', 'text', (c) => c.notNull())
        .addColumn('broadcast_json', 'text')
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .addColumn('updated_at', 'bigint', (c) => c.notNull())
        .addColumn('joined', 'integer', (c) => c.notNull().defaultTo(1))
        .execute();
      // Stores made before the column existed: their classes count as joined (none is removed).
      await ensureFlagColumn(this.db as unknown as Kysely<never>, 'classes', 'joined', 1);
      await this.db.schema.createTable('class_students').ifNotExists()
        .addColumn('class_id', 'varchar(16)', (c) => c.notNull())
        .addColumn('student_id', 'varchar(32)', (c) => c.notNull())
        .addColumn('display_name', 'varchar(64)', (c) => c.notNull())
        .addColumn('token_hash', 'varchar(128)', (c) => c.notNull())
        .addColumn('game_index', 'integer')
        .addColumn('company', 'varchar(8)')
        .addColumn('removed', 'integer', (c) => c.notNull())
        .addColumn('joined_at', 'bigint', (c) => c.notNull())
        .addPrimaryKeyConstraint('class_students_pk', ['class_id', 'student_id'])
        .execute();
      await ensureShocksTable(this.db as unknown as Kysely<never>);
      await this.db.schema.createTable('class_quarters').ifNotExists()
        .addColumn('class_id', 'varchar(16)', (c) => c.notNull())
        .addColumn('game_id', 'varchar(16)', (c) => c.notNull())
        .addColumn('quarter', 'integer', (c) => c.notNull())
        .addColumn('record_json', 'text', (c) => c.notNull())
        .addColumn('resolved_at', 'bigint', (c) => c.notNull())
        .addPrimaryKeyConstraint('class_quarters_pk', ['class_id', 'game_id', 'quarter'])
        .execute();
      await this.db.schema.createTable('class_reflections').ifNotExists()
        .addColumn('class_id', 'varchar(16)', (c) => c.notNull())
        .addColumn('student_id', 'varchar(32)', (c) => c.notNull())
        .addColumn('answers_json', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'bigint', (c) => c.notNull())
        .addPrimaryKeyConstraint('class_reflections_pk', ['class_id', 'student_id'])
        .execute();
      await this.db.schema.createTable('class_extras').ifNotExists()
        .addColumn('class_id', 'varchar(16)', (c) => c.primaryKey())
        .addColumn('extras_json', 'text', (c) => c.notNull())
        .execute();
      await sql`select 1`.execute(this.db);
    })();
    return this.ready;
  }

  async exists(id: string): Promise<boolean> {
    await this.migrate();
    return (await this.db.selectFrom('classes').select('id').where('id', '=', id).executeTakeFirst()) !== undefined;
  }

  async insertClass(c: StoredClass, nowMs: number): Promise<void> {
    await this.migrate();
    await this.db.insertInto('classes').values({
      id: c.id, options_json: JSON.stringify(c.options), host_token_hash: c.hostTokenHash, status: c.status, paused: c.paused ? 1 : 0,
      paused_json: JSON.stringify(c.pausedLeft), games_json: JSON.stringify(c.gameIds), broadcast_json: c.broadcast ? JSON.stringify(c.broadcast) : null,
      created_at: c.createdAt, updated_at: nowMs, joined: c.joined ? 1 : 0,
    }).execute();
  }

  /** Records that someone has joined the class (once, on the first join; server/rooms/unjoined.ts). */
  async markJoined(id: string): Promise<void> {
    await this.migrate();
    await this.db.updateTable('classes').set({ joined: 1 }).where('id', '=', id).execute();
  }

  /** Deletes a class that has no games (one created and never joined: server/rooms/unjoined.ts), in one transaction. */
  async removeWithoutGames(id: string): Promise<void> {
    await this.migrate();
    await this.db.transaction().execute(async (tx) => {
      const row = await tx.selectFrom('classes').select('games_json').where('id', '=', id).executeTakeFirst();
      if (!row || (JSON.parse(row.games_json) as unknown[]).length > 0) throw new Error(`class ${id} has games: not removed`);
      for (const t of ['class_students', 'class_quarters', 'class_reflections', 'class_extras'] as const) await tx.deleteFrom(t).where('class_id', '=', id).execute();
      await tx.deleteFrom('classes').where('id', '=', id).execute();
    });
  }

  /** Saves the mutable fields of a class. */
  async updateClass(c: StoredClass, nowMs: number): Promise<void> {
    await this.migrate();
    await this.db.updateTable('classes').set({
      status: c.status, paused: c.paused ? 1 : 0, paused_json: JSON.stringify(c.pausedLeft), games_json: JSON.stringify(c.gameIds),
      broadcast_json: c.broadcast ? JSON.stringify(c.broadcast) : null, updated_at: nowMs,
    }).where('id', '=', c.id).execute();
  }

  async saveStudent(classId: string, s: StoredStudent): Promise<void> {
    await this.migrate();
    const row = { display_name: s.name, token_hash: s.tokenHash, game_index: s.game, company: s.company, removed: s.removed ? 1 : 0 };
    await this.db.insertInto('class_students').values({ class_id: classId, student_id: s.id, joined_at: s.joinedAt, ...row })
      .onConflict((oc) => oc.columns(['class_id', 'student_id']).doUpdateSet(row)).execute();
  }

  async saveShock(gameId: string, quarter: number, seq: number, shock: ScheduledShock): Promise<void> {
    await this.migrate();
    await insertShock(this.db as unknown as Kysely<never>, gameId, quarter, seq, shock);
  }

  async deleteShock(gameId: string, quarter: number, seq: number): Promise<void> {
    await this.migrate();
    await deleteShock(this.db as unknown as Kysely<never>, gameId, quarter, seq);
  }

  /** Injected shocks of a game by quarter. */
  async shocksOf(gameId: string): Promise<Record<number, ScheduledShock[]>> {
    await this.migrate();
    return shocksOf(this.db as unknown as Kysely<never>, gameId);
  }

  async load(id: string): Promise<{ cls: StoredClass; students: StoredStudent[] } | null> {
    await this.migrate();
    const c = await this.db.selectFrom('classes').selectAll().where('id', '=', id).executeTakeFirst();
    if (!c) return null;
    const rows = await this.db.selectFrom('class_students').selectAll().where('class_id', '=', id).orderBy('joined_at').orderBy('student_id').execute();
    return {
      cls: {
        id: c.id, options: JSON.parse(c.options_json) as ClassOptions, hostTokenHash: c.host_token_hash, status: c.status as ClassStatus,
        paused: c.paused === 1, pausedLeft: JSON.parse(c.paused_json) as (number | null)[], gameIds: JSON.parse(c.games_json) as string[],
        broadcast: c.broadcast_json ? (JSON.parse(c.broadcast_json) as { text: string; at: number }) : null, createdAt: num(c.created_at) ?? 0,
        joined: c.joined !== 0,
      },
      students: rows.map((r) => ({
        id: r.student_id, name: r.display_name, tokenHash: r.token_hash, game: r.game_index, company: r.company, removed: r.removed === 1, joinedAt: num(r.joined_at) ?? 0,
      })),
    };
  }

  /** Ids of classes to recreate on boot: every open class, and finished ones changed since `sinceMs` (debrief, exports). */
  async openIds(sinceMs = 0): Promise<string[]> {
    await this.migrate();
    const rows = await this.db.selectFrom('classes').select('id')
      .where((eb) => eb.or([eb('status', '!=', 'finished'), eb('updated_at', '>=', sinceMs)]))
      .orderBy('created_at').execute();
    return rows.map((r) => r.id);
  }

  /** The host-secret hash of the class a game belongs to (null: not a class game). */
  async hostHashOfGame(gameId: string): Promise<string | null> {
    await this.migrate();
    const rows = await this.db.selectFrom('classes').select(['games_json', 'host_token_hash']).where('games_json', 'like', `%"${gameId.replace(/[^A-Z0-9]/gi, '')}"%`).execute();
    const row = rows.find((r) => (JSON.parse(r.games_json) as string[]).includes(gameId));
    return row?.host_token_hash ?? null;
  }

  /** Stores what the class saw of a resolved quarter (replaces a record of the same quarter). */
  async saveQuarter(classId: string, r: QuarterRecord, nowMs: number): Promise<void> {
    await this.migrate();
    const json = JSON.stringify(r);
    await this.db.insertInto('class_quarters').values({ class_id: classId, game_id: r.gameId, quarter: r.quarter, record_json: json, resolved_at: nowMs })
      .onConflict((oc) => oc.columns(['class_id', 'game_id', 'quarter']).doUpdateSet({ record_json: json })).execute();
  }

  /** The quarter records of a class, in the order they were resolved. */
  async quarters(classId: string): Promise<QuarterRecord[]> {
    await this.migrate();
    const rows = await this.db.selectFrom('class_quarters').select('record_json').where('class_id', '=', classId).orderBy('resolved_at').orderBy('game_id').orderBy('quarter').execute();
    return rows.map((r) => JSON.parse(r.record_json) as QuarterRecord);
  }

  async saveReflection(classId: string, studentId: string, answers: string[], nowMs: number): Promise<void> {
    await this.migrate();
    const json = JSON.stringify(answers);
    await this.db.insertInto('class_reflections').values({ class_id: classId, student_id: studentId, answers_json: json, updated_at: nowMs })
      .onConflict((oc) => oc.columns(['class_id', 'student_id']).doUpdateSet({ answers_json: json, updated_at: nowMs })).execute();
  }

  /** Reflection answers by student id. */
  async reflections(classId: string): Promise<Map<string, { answers: string[]; at: number }>> {
    await this.migrate();
    const rows = await this.db.selectFrom('class_reflections').selectAll().where('class_id', '=', classId).execute();
    return new Map(rows.map((r) => [r.student_id, { answers: JSON.parse(r.answers_json) as string[], at: Number(r.updated_at) }]));
  }

  async saveExtras(classId: string, x: ClassExtras): Promise<void> {
    await this.migrate();
    const json = JSON.stringify(x);
    await this.db.insertInto('class_extras').values({ class_id: classId, extras_json: json })
      .onConflict((oc) => oc.column('class_id').doUpdateSet({ extras_json: json })).execute();
  }

  async extras(classId: string): Promise<ClassExtras> {
    await this.migrate();
    const row = await this.db.selectFrom('class_extras').select('extras_json').where('class_id', '=', classId).executeTakeFirst();
    return row ? { ...noExtras(), ...(JSON.parse(row.extras_json) as Partial<ClassExtras>) } : noExtras();
  }

  /**
   * Which class each of these games belongs to and its number (1-based; practice games numbered
   * apart, in the order they were set aside) — the library's titles of class games.
   */
  async gameLabels(ids: string[]): Promise<Map<string, ClassGameLabel>> {
    await this.migrate();
    const out = new Map<string, ClassGameLabel>();
    const clean = [...new Set(ids.map((id) => id.replace(/[^A-Z0-9]/gi, '')).filter((id) => id.length > 0))].slice(0, 500);
    if (clean.length === 0) return out;
    const classes = await this.db.selectFrom('classes').leftJoin('class_extras', 'class_extras.class_id', 'classes.id')
      .select(['classes.id', 'classes.options_json', 'classes.games_json', 'class_extras.extras_json'])
      .where((eb) => eb.or(clean.flatMap((id) => [eb('classes.games_json', 'like', `%"${id}"%`), eb('class_extras.extras_json', 'like', `%"${id}"%`)])))
      .execute();
    const wanted = new Set(ids);
    for (const c of classes) {
      const title = (JSON.parse(c.options_json) as ClassOptions).title ?? '';
      const games = JSON.parse(c.games_json) as string[];
      const practice = c.extras_json ? ((JSON.parse(c.extras_json) as Partial<ClassExtras>).practiceGameIds ?? []) : [];
      games.forEach((id, i) => { if (wanted.has(id)) out.set(id, { code: c.id, title, game: i + 1, practice: false }); });
      practice.forEach((id, i) => { if (wanted.has(id)) out.set(id, { code: c.id, title, game: i + 1, practice: true }); });
    }
    return out;
  }

  /** Game ids that belong to classes (the plain game recovery skips them). */
  async classGameIds(): Promise<Set<string>> {
    await this.migrate();
    const rows = await this.db.selectFrom('classes').select('games_json').execute();
    return new Set(rows.flatMap((r) => JSON.parse(r.games_json) as string[]));
  }
}
