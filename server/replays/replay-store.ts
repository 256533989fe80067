/**
 * The replay library's persistence, next to the game store's tables (same Kysely database):
 * where a stored game came from (played / imported / fork, parent, title), its annotations, the
 * library's queries, imports and forks written in one transaction, and deletion.
 */
import { sql, type Kysely, type Transaction } from 'kysely';
import { deleteShocks, ensureShocksTable, insertLogShocks } from '../store/shocks.js';
import type { ReplayFile, ReplayHeader, ReplayResultRow, ReplaySource, Ticker } from '../../shared/index.js';
import type { DatabaseSchema } from '../store/db.js';
import type { GameStatus, GameStore, StoredGame, StoredSeat } from '../store/game-store.js';

/** Where a game came from (no row: played on this server). */
export interface ReplayMetaTable {
  game_id: string;
  source: string;
  parent_id: string | null;
  parent_quarter: number | null;
  title: string | null;
  created_at: number;
}

/** Notes pinned to quarters. */
export interface AnnotationsTable {
  game_id: string;
  seq: number;
  quarter: number;
  author: string;
  text: string;
  created_at: number;
}

/** A finished game's final results (the engine's ranking), computed once: a finished game's log never changes. */
export interface ResultsTable {
  game_id: string;
  results_json: string;
  created_at: number;
}

/**
 * Stored forks that no longer replay, set aside at boot instead of failing to restore at every
 * restart: the whole log as a replay file (JSON), where it came from and why it was set aside.
 */
export interface QuarantineTable {
  game_id: string;
  parent_id: string | null;
  reason: string;
  file_json: string;
  quarantined_at: number;
}

type Schema = DatabaseSchema & { replay_meta: ReplayMetaTable; replay_annotations: AnnotationsTable; replay_results: ResultsTable; replay_quarantine: QuarantineTable };

/** One annotation. */
export interface Annotation {
  quarter: number;
  author: string;
  text: string;
}

/** A row of the library before it is turned into a list item. */
export interface LibraryRow {
  id: string;
  header: ReplayHeader;
  status: GameStatus;
  isPublic: boolean;
  quarter: number;
  createdAt: number;
  /** Last change (a finished game: when it finished). */
  updatedAt: number;
  hostTokenHash: string;
  source: ReplaySource;
  parent: { id: string; quarter: number } | null;
  title: string | null;
  seats: { company: Ticker; name: string; kind: 'human' | 'bot'; tokenHash: string | null }[];
}

/** Which games to list. */
export interface LibraryQuery {
  /** Only these ids. */
  ids?: string[];
  /** Only finished games. */
  finished?: boolean;
  /** Only public games. */
  publicOnly?: boolean;
  /** Only games one of these token hashes hosts or holds a seat in. */
  tokenHashes?: string[];
  /** Only games hosted by this token hash. */
  hostHash?: string;
  fromMs?: number;
  toMs?: number;
  limit: number;
}

/** A game to store whole (an import or a fork). */
export interface NewStoredGame extends Pick<StoredGame, 'id' | 'options' | 'header' | 'status' | 'isPublic' | 'hostTokenHash'> {
  quarters: ReplayFile['quarters'];
  seats: StoredSeat[];
  source: ReplaySource;
  title: string | null;
  annotations: Annotation[];
}

const num = (v: number | string | null): number => Number(v ?? 0);

/** The library's store. */
export class ReplayStore {
  private readonly db: Kysely<Schema>;
  private ready: Promise<void> | null = null;

  constructor(readonly games: GameStore) {
    // The game store's own Kysely handle (its `db` field): the library's tables live next to its tables.
    this.db = (games as unknown as { db: Kysely<Schema> }).db;
  }

  /** Creates the library's tables if missing (once). */
  ensure(): Promise<void> {
    this.ready ??= (async () => {
      await this.db.schema.createTable('replay_meta').ifNotExists()
        .addColumn('game_id', 'varchar(16)', (c) => c.primaryKey())
        .addColumn('source', 'varchar(16)', (c) => c.notNull())
        .addColumn('parent_id', 'varchar(16)')
        .addColumn('parent_quarter', 'integer')
        .addColumn('title', 'varchar(120)')
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .execute();
      await this.db.schema.createTable('replay_annotations').ifNotExists()
        .addColumn('game_id', 'varchar(16)', (c) => c.notNull())
        .addColumn('seq', 'integer', (c) => c.notNull())
        .addColumn('quarter', 'integer', (c) => c.notNull())
        .addColumn('author', 'varchar(64)', (c) => c.notNull())
        .addColumn('text', 'text', (c) => c.notNull())
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .addPrimaryKeyConstraint('replay_annotations_pk', ['game_id', 'seq'])
        .execute();
      await this.db.schema.createTable('replay_results').ifNotExists()
        .addColumn('game_id', 'varchar(16)', (c) => c.primaryKey())
        .addColumn('results_json', 'text', (c) => c.notNull())
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .execute();
      await this.db.schema.createTable('replay_quarantine').ifNotExists()
        .addColumn('game_id', 'varchar(16)', (c) => c.primaryKey())
        .addColumn('parent_id', 'varchar(16)')
        .addColumn('reason', 'text', (c) => c.notNull())
        .addColumn('file_json', 'text', (c) => c.notNull())
        .addColumn('quarantined_at', 'bigint', (c) => c.notNull())
        .execute();
    })();
    return this.ready;
  }

  /** The games matching a query, newest first. */
  async list(q: LibraryQuery): Promise<LibraryRow[]> {
    await this.ensure();
    if (q.ids && q.ids.length === 0) return [];
    if (q.tokenHashes && q.tokenHashes.length === 0) return [];
    let query = this.db.selectFrom('games').leftJoin('replay_meta', 'replay_meta.game_id', 'games.id')
      .select(['games.id', 'games.header_json', 'games.status', 'games.is_public', 'games.quarter', 'games.created_at', 'games.updated_at', 'games.host_token_hash',
        'replay_meta.source', 'replay_meta.parent_id', 'replay_meta.parent_quarter', 'replay_meta.title']);
    if (q.ids) query = query.where('games.id', 'in', q.ids);
    if (q.finished) query = query.where('games.status', '=', 'finished');
    if (q.publicOnly) query = query.where('games.is_public', '=', 1);
    if (q.hostHash !== undefined) query = query.where('games.host_token_hash', '=', q.hostHash);
    if (q.fromMs !== undefined) query = query.where('games.created_at', '>=', q.fromMs);
    if (q.toMs !== undefined) query = query.where('games.created_at', '<', q.toMs);
    if (q.tokenHashes) {
      const hashes = q.tokenHashes;
      query = query.where((eb) => eb.or([
        eb('games.host_token_hash', 'in', hashes),
        eb('games.id', 'in', eb.selectFrom('seats').select('seats.game_id').where('seats.token_hash', 'in', hashes)),
      ]));
    }
    const rows = await query.orderBy('games.created_at', 'desc').orderBy('games.id').limit(q.limit).execute();
    if (rows.length === 0) return [];
    const seats = await this.db.selectFrom('seats').selectAll().where('game_id', 'in', rows.map((r) => r.id)).orderBy('company').execute();
    return rows.map((r) => ({
      id: r.id,
      header: JSON.parse(r.header_json) as ReplayHeader,
      status: r.status as GameStatus,
      isPublic: r.is_public === 1,
      quarter: r.quarter,
      createdAt: num(r.created_at),
      updatedAt: num(r.updated_at),
      hostTokenHash: r.host_token_hash,
      source: (r.source ?? 'played') as ReplaySource,
      parent: r.parent_id ? { id: r.parent_id, quarter: r.parent_quarter ?? 0 } : null,
      title: r.title ?? null,
      seats: seats.filter((s) => s.game_id === r.id).map((s) => ({ company: s.company as Ticker, name: s.display_name, kind: s.kind === 'human' ? 'human' : 'bot', tokenHash: s.token_hash })),
    }));
  }

  /** One game's library row. */
  async row(id: string): Promise<LibraryRow | null> {
    return (await this.list({ ids: [id], limit: 1 }))[0] ?? null;
  }

  /** A game's annotations, by quarter then insertion order. */
  async annotations(id: string): Promise<Annotation[]> {
    await this.ensure();
    const rows = await this.db.selectFrom('replay_annotations').select(['quarter', 'author', 'text']).where('game_id', '=', id).orderBy('quarter').orderBy('seq').execute();
    return rows.map((r) => ({ quarter: r.quarter, author: r.author, text: r.text }));
  }

  /** Pins a note (returns the game's notes after it). */
  async annotate(id: string, a: Annotation, nowMs: number): Promise<Annotation[]> {
    await this.ensure();
    await this.db.transaction().execute(async (tx) => {
      const top = await tx.selectFrom('replay_annotations').select(sql<number>`coalesce(max(seq), 0)`.as('top')).where('game_id', '=', id).executeTakeFirst();
      await tx.insertInto('replay_annotations').values({ game_id: id, seq: Number(top?.top ?? 0) + 1, quarter: a.quarter, author: a.author, text: a.text, created_at: nowMs }).execute();
    });
    return this.annotations(id);
  }

  /** Stored results of finished games, by id (ids without any are absent). */
  async results(ids: string[]): Promise<Map<string, ReplayResultRow[]>> {
    await this.ensure();
    if (ids.length === 0) return new Map();
    const rows = await this.db.selectFrom('replay_results').select(['game_id', 'results_json']).where('game_id', 'in', ids).execute();
    return new Map(rows.map((r) => [r.game_id, JSON.parse(r.results_json) as ReplayResultRow[]]));
  }

  /** Keeps a finished game's results (a second writer of the same results changes nothing). */
  async saveResults(id: string, results: ReplayResultRow[], nowMs: number): Promise<void> {
    await this.ensure();
    await this.db.insertInto('replay_results').values({ game_id: id, results_json: JSON.stringify(results), created_at: nowMs })
      .onConflict((oc) => oc.column('game_id').doNothing()).execute();
  }

  /** Stores a whole game (import or fork) in one transaction: nothing is written if any insert fails. */
  async insertWhole(g: NewStoredGame, parent: { id: string; quarter: number } | null, nowMs: number): Promise<void> {
    await this.ensure();
    await ensureShocksTable(this.db as unknown as Kysely<never>);
    await this.db.transaction().execute(async (tx) => {
      await tx.insertInto('games').values({
        id: g.id, options_json: JSON.stringify(g.options), header_json: JSON.stringify(g.header), status: g.status,
        is_public: g.isPublic ? 1 : 0, host_token_hash: g.hostTokenHash, quarter: g.quarters.length, deadline_at: null,
        // An import or a fork counts as joined: its author holds its host token (and a solo fork's
        // player a seat token) from the reply, and may come back to it however late.
        created_at: nowMs, updated_at: nowMs, joined: 1,
      }).execute();
      for (const s of g.seats) {
        await tx.insertInto('seats').values({ game_id: g.id, company: s.company, display_name: s.name, kind: s.kind, strategy: s.strategy, token_hash: s.tokenHash }).execute();
      }
      for (const q of g.quarters) {
        await tx.insertInto('quarters').values({ game_id: g.id, quarter: q.quarter, orders_json: JSON.stringify(q.orders), hash: q.hash, resolved_at: nowMs }).execute();
      }
      // Injected shocks are part of the log: without them the stored copy would not replay.
      await insertLogShocks(tx as unknown as Transaction<never>, g.id, g.quarters);
      await tx.insertInto('replay_meta').values({
        game_id: g.id, source: g.source, parent_id: parent?.id ?? null, parent_quarter: parent?.quarter ?? null, title: g.title, created_at: nowMs,
      }).execute();
      let seq = 0;
      for (const a of g.annotations) {
        seq += 1;
        await tx.insertInto('replay_annotations').values({ game_id: g.id, seq, quarter: a.quarter, author: a.author, text: a.text, created_at: nowMs }).execute();
      }
    });
  }

  /** Deletes a stored game and everything about it. */
  async remove(id: string): Promise<void> {
    await this.ensure();
    await ensureShocksTable(this.db as unknown as Kysely<never>);
    await this.db.transaction().execute((tx) => this.removeIn(tx, id));
  }

  /**
   * Moves a game out of the store into `replay_quarantine` (its log kept as a file, with the
   * reason), in one transaction: it is no longer listed, served or restored.
   */
  async quarantine(id: string, parentId: string | null, reason: string, file: ReplayFile, nowMs: number): Promise<void> {
    await this.ensure();
    await ensureShocksTable(this.db as unknown as Kysely<never>);
    await this.db.transaction().execute(async (tx) => {
      await tx.insertInto('replay_quarantine').values({ game_id: id, parent_id: parentId, reason: reason.slice(0, 500), file_json: JSON.stringify(file), quarantined_at: nowMs })
        .onConflict((oc) => oc.column('game_id').doUpdateSet({ reason: reason.slice(0, 500), file_json: JSON.stringify(file), quarantined_at: nowMs })).execute();
      await this.removeIn(tx, id);
    });
  }

  /** Ids of quarantined games (newest first). */
  async quarantined(): Promise<{ id: string; parentId: string | null; reason: string }[]> {
    await this.ensure();
    const rows = await this.db.selectFrom('replay_quarantine').select(['game_id', 'parent_id', 'reason']).orderBy('quarantined_at', 'desc').execute();
    return rows.map((r) => ({ id: r.game_id, parentId: r.parent_id, reason: r.reason }));
  }

  private async removeIn(tx: Transaction<Schema>, id: string): Promise<void> {
    await deleteShocks(tx as unknown as Transaction<never>, id);
    await tx.deleteFrom('replay_annotations').where('game_id', '=', id).execute();
    await tx.deleteFrom('replay_results').where('game_id', '=', id).execute();
    await tx.deleteFrom('replay_meta').where('game_id', '=', id).execute();
    await tx.deleteFrom('quarters').where('game_id', '=', id).execute();
    await tx.deleteFrom('pending_orders').where('game_id', '=', id).execute();
    await tx.deleteFrom('seats').where('game_id', '=', id).execute();
    await tx.deleteFrom('game_leases').where('game_id', '=', id).execute();
    await tx.deleteFrom('games').where('id', '=', id).execute();
  }

  /** How many games are stored (tests: nothing stored from a rejected import). */
  async count(): Promise<number> {
    const r = await this.db.selectFrom('games').select(sql<number>`count(*)`.as('n')).executeTakeFirst();
    return Number(r?.n ?? 0);
  }
}
