/**
 * GameStore: every write the server makes, each one durable before the caller broadcasts
 * (persist before broadcast). Works on any Kysely dialect (SQLite now, PostgreSQL later).
 */
import { CompiledQuery, type Compilable, type Kysely } from 'kysely';
import type { Orders, ReplayHeader, ReplayQuarter, Ticker } from '../../shared/index.js';
import type { GameOptions } from '../../shared/protocol/index.js';
import type Database from 'better-sqlite3';
import { sqliteHandleOf, type DatabaseSchema } from './db.js';
import { shocksOf } from './shocks.js';

export type GameStatus = 'lobby' | 'running' | 'finished';

/** A game's row. */
export interface StoredGame {
  id: string;
  options: GameOptions;
  header: ReplayHeader;
  status: GameStatus;
  isPublic: boolean;
  hostTokenHash: string;
  quarter: number;
  deadlineAt: number | null;
  createdAt: number;
  /**
   * Whether anyone has ever joined the game's room. False only for a game created by matchmaking
   * until its first join (stored before that join is answered); a game nobody ever joined is closed
   * and removed after a grace period, also when restored after a restart (server/rooms/unjoined.ts).
   */
  joined: boolean;
}

/** A seat's row. */
export interface StoredSeat {
  company: Ticker;
  name: string;
  kind: 'human' | 'bot';
  strategy: string;
  tokenHash: string | null;
}

/** An accepted pending order (or a bare ready flag) of the current quarter. */
export interface StoredPending {
  company: Ticker;
  orders: Orders | null;
  ready: boolean;
}

/** Everything needed to restore a game. */
export interface LoadedGame {
  game: StoredGame;
  seats: StoredSeat[];
  quarters: ReplayQuarter[];
  pending: StoredPending[];
}

/** The fields of a game that change while it is played. */
export interface GameProgress {
  status: GameStatus;
  quarter: number;
  deadlineAt: number | null;
}

const num = (v: number | string | null): number | null => (v === null ? null : Number(v));

/**
 * The JSON of orders objects written before. A seat's accepted orders are written with its submit,
 * again with its ready flag, and once more in the resolved quarter: serialised once. Accepted
 * orders are never changed in place (the controller replaces them; the engine copies what it uses).
 */
const ordersJson = new WeakMap<object, string>();

function jsonOfOrders(o: object): string {
  let json = ordersJson.get(o);
  if (json === undefined) {
    json = JSON.stringify(o);
    ordersJson.set(o, json);
  }
  return json;
}

/** JSON.stringify of a quarter's orders by seat, each seat's part from jsonOfOrders (the same text). */
function jsonOfOrdersBySeat(bySeat: Readonly<Record<string, object | undefined>>): string {
  const parts: string[] = [];
  for (const k of Object.keys(bySeat)) {
    const v = bySeat[k];
    if (v !== undefined) parts.push(`${JSON.stringify(k)}:${jsonOfOrders(v)}`);
  }
  return `{${parts.join(',')}}`;
}

/**
 * The least time between two group commits (ms; see GameStore.write). 6 rather than 2: in four
 * alternated `npm run loadtest -- --baseline` runs the game server's CPU was ~0.25 s lower (4.0–4.5 s
 * against 4.3–4.6 s, the bare room's the same), for acknowledgements at most 4 ms later.
 */
export const COMMIT_SPACING_MS = 6;

/** Marks the place of the i-th value in a query built once (see Statement). */
const SLOT = (i: number): never => `\u0000slot${i}` as never;

/**
 * A query built and compiled once, then run with new values in the same places: the hot writes
 * (pending orders, resolved quarters) skip Kysely's builder and compiler on every call, which cost
 * more than SQLite itself under load (npm run loadtest's profile). Same SQL on both dialects.
 */
class Statement {
  private readonly sql: string;
  /** For each compiled parameter: the index of its value, or -1 for a constant kept in `fixed`. */
  private readonly slots: number[];
  private readonly fixed: unknown[];

  constructor(query: Compilable) {
    const c = query.compile();
    this.sql = c.sql;
    this.fixed = [...c.parameters];
    this.slots = c.parameters.map((p) => (typeof p === 'string' && p.startsWith('\u0000slot') ? Number(p.slice(5)) : -1));
  }

  /** The compiled query with these values. */
  with(values: readonly unknown[]): CompiledQuery {
    const params = new Array<unknown>(this.slots.length);
    for (let i = 0; i < this.slots.length; i += 1) params[i] = this.slots[i]! >= 0 ? values[this.slots[i]!] : this.fixed[i];
    return CompiledQuery.raw(this.sql, params);
  }
}

/** Persistence of games, seats, pending orders and resolved quarters. */
export class GameStore {
  /** When the last group commit started (performance.now(); see write()). */
  private lastCommitAt = -Infinity;
  /** Writes waiting for the next group commit (see write()). */
  private queued: { queries: CompiledQuery[]; resolve: () => void; reject: (e: unknown) => void }[] = [];
  /** The hot writes, compiled once (Statement). */
  private readonly upsertPending: Statement;
  private readonly insertQuarter: Statement;
  private readonly clearPending: Statement;
  private readonly moveGameOn: Statement;

  /** SQLite: the better-sqlite3 handle the group commit writes on directly (null: PostgreSQL, through Kysely). */
  private readonly sqlite: Database.Database | null;
  /** SQLite: runs a group commit's statements in one transaction (built once: better-sqlite3 builds its BEGIN/COMMIT per wrapper). */
  private readonly runBatch: ((jobs: { queries: CompiledQuery[] }[]) => void) | null;

  /** The least time between two group commits (ms). */
  private readonly commitSpacingMs: number;

  constructor(private readonly db: Kysely<DatabaseSchema>, opts: { commitSpacingMs?: number } = {}) {
    this.commitSpacingMs = opts.commitSpacingMs ?? COMMIT_SPACING_MS;
    const sqlite = sqliteHandleOf(db);
    this.sqlite = sqlite;
    this.runBatch = sqlite && sqlite.transaction((jobs: { queries: CompiledQuery[] }[]) => {
      for (const j of jobs) for (const q of j.queries) sqlite.prepare(q.sql).run(q.parameters as unknown[]);
    });
    this.upsertPending = new Statement(db.insertInto('pending_orders')
      .values({ game_id: SLOT(0), quarter: SLOT(1), company: SLOT(2), orders_json: SLOT(3), ready: SLOT(4), updated_at: SLOT(5) })
      .onConflict((oc) => oc.columns(['game_id', 'quarter', 'company']).doUpdateSet({ orders_json: SLOT(3), ready: SLOT(4), updated_at: SLOT(5) })));
    this.insertQuarter = new Statement(db.insertInto('quarters').values({ game_id: SLOT(0), quarter: SLOT(1), orders_json: SLOT(2), hash: SLOT(3), resolved_at: SLOT(4) }));
    this.clearPending = new Statement(db.deleteFrom('pending_orders').where('game_id', '=', SLOT(0)).where('quarter', '=', SLOT(1)));
    this.moveGameOn = new Statement(db.updateTable('games').set({ status: SLOT(0), quarter: SLOT(1), deadline_at: SLOT(2), updated_at: SLOT(3) }).where('id', '=', SLOT(4)));
  }

  /** The database handle, for modules that keep their own tables in it (server/classroom). */
  get database(): Kysely<DatabaseSchema> { return this.db; }

  /** Whether a game id (join code) is taken. */
  async exists(id: string): Promise<boolean> {
    const row = await this.db.selectFrom('games').select('id').where('id', '=', id).executeTakeFirst();
    return row !== undefined;
  }

  /** Stores a new game and its seats in one transaction. */
  async insertGame(game: StoredGame, seats: StoredSeat[], nowMs: number): Promise<void> {
    await this.db.transaction().execute(async (tx) => {
      await tx.insertInto('games').values({
        id: game.id, options_json: JSON.stringify(game.options), header_json: JSON.stringify(game.header), status: game.status,
        is_public: game.isPublic ? 1 : 0, host_token_hash: game.hostTokenHash, quarter: game.quarter, deadline_at: game.deadlineAt,
        created_at: game.createdAt, updated_at: nowMs, joined: game.joined ? 1 : 0,
      }).execute();
      for (const s of seats) await tx.insertInto('seats').values(seatRow(game.id, s)).execute();
    });
  }

  /** Updates a game's status, quarter and deadline. */
  async updateProgress(id: string, p: GameProgress, nowMs: number): Promise<void> {
    await this.db.updateTable('games').set({ status: p.status, quarter: p.quarter, deadline_at: p.deadlineAt, updated_at: nowMs }).where('id', '=', id).execute();
  }

  /** Records that someone has joined the game (once, on the first join; server/rooms/unjoined.ts). */
  async markJoined(id: string): Promise<void> {
    await this.db.updateTable('games').set({ joined: 1 }).where('id', '=', id).execute();
  }

  /** Replaces one seat (claim, takeover). */
  async saveSeat(gameId: string, seat: StoredSeat): Promise<void> {
    await this.db.insertInto('seats').values(seatRow(gameId, seat))
      .onConflict((oc) => oc.columns(['game_id', 'company']).doUpdateSet({ display_name: seat.name, kind: seat.kind, strategy: seat.strategy, token_hash: seat.tokenHash }))
      .execute();
  }

  /** Write-ahead of accepted orders / ready flags for the current quarter (atomically, in the next group commit). */
  async savePending(gameId: string, quarter: number, rows: StoredPending[], nowMs: number): Promise<void> {
    if (rows.length === 0) return;
    await this.write(rows.map((r) => this.upsertPending.with([gameId, quarter, r.company, r.orders ? jsonOfOrders(r.orders) : null, r.ready ? 1 : 0, nowMs])));
  }

  /** Stores a resolved quarter, clears its pending orders and moves the game on, atomically (in the next group commit). */
  async saveResolved(gameId: string, q: ReplayQuarter, next: GameProgress, nowMs: number): Promise<void> {
    await this.write([
      this.insertQuarter.with([gameId, q.quarter, jsonOfOrdersBySeat(q.orders), q.hash, nowMs]),
      this.clearPending.with([gameId, q.quarter]),
      this.moveGameOn.with([next.status, next.quarter, next.deadlineAt, nowMs, gameId]),
    ]);
  }

  /**
   * Group commit: the writes asked for while the event loop works through one turn go to the store
   * in one transaction, and each caller's promise settles when that transaction has committed (so a
   * caller still acknowledges only what is stored), or rejects if it failed (nothing of it stored).
   * Under load many games' writes share a commit (SQLite: one WAL append instead of one per write).
   * Each caller has at most one write in flight (rooms serialize their work), so order within a
   * game is kept.
   *
   * Commits are spaced at least COMMIT_SPACING_MS apart (the constructor's `commitSpacingMs`): a
   * write asked for sooner after the last commit waits for the rest of that interval, with whatever
   * else comes meanwhile. An idle store commits at once (the next turn); a busy one batches more
   * writes per commit. Under npm run loadtest (700 clients, 6,800 writes with the joins), unspaced,
   * most commits held one write (3,149 of 4,206 commits); spaced 2 ms apart, 3,071 commits (1,472 of
   * one write); 6 ms: see COMMIT_SPACING_MS. Store benchmark of the load test's write pattern (100
   * games × 4 quarters, 6,000 writes): ~120–137 ms of CPU one write per commit, ~93–104 ms three per
   * commit. An acknowledgement waits at most that interval longer; it still goes out only once committed.
   */
  private write(queries: CompiledQuery[]): Promise<void> {
    return new Promise((resolve, reject) => {
      this.queued.push({ queries, resolve, reject });
      if (this.queued.length > 1) return;
      const wait = this.lastCommitAt + this.commitSpacingMs - performance.now();
      if (wait > 0) setTimeout(() => void this.commitQueued(), wait);
      else setImmediate(() => void this.commitQueued());
    });
  }

  private async commitQueued(): Promise<void> {
    const sqlite = this.sqlite;
    // A Kysely transaction of another module holding the connection (never seen: they await nothing
    // but the database, which is synchronous here): our statements must not join it, so try again soon.
    if (sqlite?.inTransaction) {
      setTimeout(() => void this.commitQueued(), 1);
      return;
    }
    const jobs = this.queued;
    this.queued = [];
    this.lastCommitAt = performance.now();
    if (sqlite && this.runBatch) {
      // SQLite is synchronous under Kysely anyway: the same statements (prepared once: db.ts) in one
      // transaction, without Kysely's per-query promises. Committed when this returns.
      try {
        const only = jobs.length === 1 && jobs[0]!.queries.length === 1 ? jobs[0]!.queries[0]! : null;
        if (only) sqlite.prepare(only.sql).run(only.parameters as unknown[]);
        else this.runBatch(jobs);
      } catch (e) {
        for (const j of jobs) j.reject(e);
        return;
      }
      for (const j of jobs) j.resolve();
      return;
    }
    try {
      if (jobs.length === 1 && jobs[0]!.queries.length === 1) await this.db.executeQuery(jobs[0]!.queries[0]!);
      else {
        await this.db.transaction().execute(async (tx) => {
          for (const j of jobs) for (const q of j.queries) await tx.executeQuery(q);
        });
      }
    } catch (e) {
      for (const j of jobs) j.reject(e);
      return;
    }
    for (const j of jobs) j.resolve();
  }

  /** Loads a game with its seats, resolved quarters and the current quarter's pending orders. */
  async load(id: string): Promise<LoadedGame | null> {
    const g = await this.db.selectFrom('games').selectAll().where('id', '=', id).executeTakeFirst();
    if (!g) return null;
    const seats = await this.db.selectFrom('seats').selectAll().where('game_id', '=', id).orderBy('company').execute();
    const quarters = await this.db.selectFrom('quarters').selectAll().where('game_id', '=', id).orderBy('quarter').execute();
    const shocks = await shocksOf(this.db as unknown as Kysely<never>, id);
    const pending = await this.db.selectFrom('pending_orders').selectAll().where('game_id', '=', id).where('quarter', '=', g.quarter).orderBy('company').execute();
    return {
      game: {
        id: g.id, options: JSON.parse(g.options_json) as GameOptions, header: JSON.parse(g.header_json) as ReplayHeader,
        status: g.status as GameStatus, isPublic: g.is_public === 1, hostTokenHash: g.host_token_hash, quarter: g.quarter,
        deadlineAt: num(g.deadline_at), createdAt: num(g.created_at) ?? 0, joined: g.joined !== 0,
      },
      seats: seats.map((s) => ({ company: s.company as Ticker, name: s.display_name, kind: s.kind === 'human' ? 'human' : 'bot', strategy: s.strategy, tokenHash: s.token_hash })),
      quarters: quarters.map((q) => ({
        quarter: q.quarter, orders: JSON.parse(q.orders_json) as ReplayQuarter['orders'], hash: q.hash,
        ...(shocks[q.quarter]?.length ? { shocks: shocks[q.quarter] } : {}),
      })),
      pending: pending.map((p) => ({ company: p.company as Ticker, orders: p.orders_json ? (JSON.parse(p.orders_json) as Orders) : null, ready: p.ready === 1 })),
    };
  }

  /** Ids of games not finished (recreated on boot). */
  async unfinishedIds(): Promise<string[]> {
    const rows = await this.db.selectFrom('games').select('id').where('status', '!=', 'finished').orderBy('created_at').execute();
    return rows.map((r) => r.id);
  }

  /** Ids of public games still open (lobby or running), newest first. */
  async publicOpenIds(limit: number): Promise<string[]> {
    const rows = await this.db.selectFrom('games').select('id').where('status', '!=', 'finished').where('is_public', '=', 1)
      .orderBy('created_at', 'desc').limit(limit).execute();
    return rows.map((r) => r.id);
  }

  /**
   * Takes (or renews) the lease of a game for an owner when it is free, expired or already the
   * owner's (`force`: unconditionally, for a single process restarting). True when the owner holds it.
   */
  async claimLease(gameId: string, owner: string, nowMs: number, ttlMs: number, force = false): Promise<boolean> {
    const expires_at = nowMs + ttlMs;
    await this.db.insertInto('game_leases').values({ game_id: gameId, owner, expires_at })
      .onConflict((oc) => {
        const upd = oc.column('game_id').doUpdateSet({ owner, expires_at });
        return force ? upd : upd.where((eb) => eb.or([eb('game_leases.expires_at', '<', nowMs), eb('game_leases.owner', '=', owner)]));
      })
      .execute();
    const row = await this.db.selectFrom('game_leases').select('owner').where('game_id', '=', gameId).executeTakeFirst();
    return row?.owner === owner;
  }

  /** Extends every lease an owner holds; returns how many. */
  async renewLeases(owner: string, nowMs: number, ttlMs: number): Promise<number> {
    const r = await this.db.updateTable('game_leases').set({ expires_at: nowMs + ttlMs }).where('owner', '=', owner).executeTakeFirst();
    return Number(r.numUpdatedRows);
  }

  /** Gives a lease up (the room closed). */
  async releaseLease(gameId: string, owner: string): Promise<void> {
    await this.db.deleteFrom('game_leases').where('game_id', '=', gameId).where('owner', '=', owner).execute();
  }

  /** The owner of a game's lease and when it expires (null: nobody). */
  async leaseOf(gameId: string): Promise<{ owner: string; expiresAt: number } | null> {
    const row = await this.db.selectFrom('game_leases').selectAll().where('game_id', '=', gameId).executeTakeFirst();
    return row ? { owner: row.owner, expiresAt: Number(row.expires_at) } : null;
  }

  /** Unfinished games whose lease is missing or expired (their process is gone). */
  async orphanedIds(nowMs: number): Promise<string[]> {
    const rows = await this.db.selectFrom('games').leftJoin('game_leases', 'game_leases.game_id', 'games.id').select('games.id')
      .where('games.status', '!=', 'finished')
      .where((eb) => eb.or([eb('game_leases.expires_at', 'is', null), eb('game_leases.expires_at', '<', nowMs)]))
      .orderBy('games.created_at').execute();
    return rows.map((r) => r.id);
  }

  /** Closes the database. */
  async close(): Promise<void> {
    await this.db.destroy();
  }
}

function seatRow(gameId: string, s: StoredSeat): DatabaseSchema['seats'] {
  return { game_id: gameId, company: s.company, display_name: s.name, kind: s.kind, strategy: s.strategy, token_hash: s.tokenHash };
}
