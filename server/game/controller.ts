/**
 * GameController: the framework-free owner of one game's engine state (no Colyseus here).
 * Seats, pending orders, ready flags, deadlines, bots and autopilot, resolution and restore.
 * Every change is written to the store before the method returns, so callers broadcast only
 * what is durable (persist before broadcast).
 */
import {
  boardRun, botOrders, createGame, defaultOrders, defaultStrategyFor, finalStandings, headerFor, standingsOf, historyPointOf, orderContextOfState, playerView, playerViews, publicCompanies, replayGame,
  resolveQuarter, scheduleShock, validateOrders, type GameState, type ReplayHeader, type ScheduledShock, type Orders, type PlayerView, type Problem, type ReplayQuarter, type Ticker, type HistoryPoint, type Difficulty, type FinalStandings,
} from '../../shared/index.js';
import type { ErrorCode, GameOptions, ServerMessage } from '../../shared/protocol/index.js';
import type { GameStatus, GameStore, StoredGame, StoredPending } from '../store/game-store.js';
import { buildDigest, historyOf, type QuarterHistory } from './digest.js';
import { SeatBook, type Seat } from './seat-book.js';
import { inTurns } from './turns.js';
import { hashToken, newSeed, newToken } from './tokens.js';

/** What the controller needs from its host. */
export interface ControllerDeps {
  store: GameStore;
  /** Epoch milliseconds (the room's clock, so tests can fake it). */
  now: () => number;
  /** How long a player may be gone before a bot plays for them (ms). */
  autopilotGraceMs: number;
}

/** A refusal, as a message key + params (+ order problems). */
export interface Refusal {
  ok: false;
  code: ErrorCode;
  params: Record<string, string | number>;
  problems?: Problem[];
}
export type Outcome<T> = { ok: true; value: T } | Refusal;

/** A seat's pending orders and ready flag. */
export interface Pending {
  orders: Orders | null;
  ready: boolean;
}

/**
 * Who decided a seat's orders in a resolved quarter: its human players (submitted or drafted
 * orders, or ready on the defaults), a bot seat, a bot playing for players gone past the grace
 * period (autopilot), or the timeout policy for players who decided nothing.
 */
export type PlayedBy = 'human' | 'bot' | 'autopilot' | 'timeout';

/** A resolved quarter, as the room announces it. */
export interface QuarterOutcome {
  quarter: number;
  hash: string;
  orders: Partial<Record<Ticker, Orders>>;
  finished: boolean;
  /** Who decided each seat's orders (exports credit players per quarter with it). */
  played: Partial<Record<Ticker, PlayedBy>>;
}

/** A stored game that cannot be restored (missing, unreadable rows, or a log that no longer replays): data, not a bug. */
export class RestoreError extends Error {
  override readonly name = 'RestoreError';
}

const refuse = (code: ErrorCode, params: Record<string, string | number> = {}, problems?: Problem[]): Refusal =>
  problems ? { ok: false, code, params, problems } : { ok: false, code, params };

/** One game: engine state plus everything around it. */
export class GameController {
  private pending = new Map<Ticker, Pending>();
  private readonly history: QuarterHistory[] = [];
  /** The chart history: the start, then one point per resolved quarter (public figures only). */
  private readonly points: HistoryPoint[] = [];
  private audience = 0;
  /** Classroom hook: the host paces the game (nothing resolves on "all ready" or at the deadline). */
  holdForHost = false;
  /** Shocks injected for the quarter being played (logged with it when it resolves). */
  private injected: ScheduledShock[] = [];
  /** The state before the first shock of the quarter being played (taking the last one back re-applies the others to it). */
  private beforeShocks: GameState | null = null;
  /** The final standings, worked out once the game is over (`standings`, `settleStandings`). */
  private final: FinalStandings | null = null;

  private constructor(
    private readonly deps: ControllerDeps,
    private readonly game: StoredGame,
    private stateNow: GameState,
    readonly seats: SeatBook,
    private readonly quarters: ReplayQuarter[],
  ) {}

  /**
   * Creates and stores a new game; returns it with the host's token. `joined: false` (a game created
   * by matchmaking) stores it as not joined yet, until markJoined; a class's games are created by its
   * host, who has joined the class, and count as joined (the default).
   */
  static async create(deps: ControllerDeps, id: string, options: GameOptions, how: { joined?: boolean } = {}): Promise<{ controller: GameController; hostToken: string }> {
    const state = createGame({ scenarioId: options.scenarioId, seed: options.seed ?? newSeed(), quarterCount: options.quarterCount, seats: options.companies, parLevel: options.botDifficulty });
    const seats = SeatBook.ofBots(state.seats, (t) => defaultStrategyFor(t));
    const hostToken = newToken();
    const now = deps.now();
    const game: StoredGame = {
      id, options, header: headerFor(state, seats.infos()), status: 'lobby', isPublic: options.public,
      hostTokenHash: hashToken(hostToken), quarter: 0, deadlineAt: null, createdAt: now, joined: how.joined ?? true,
    };
    await deps.store.insertGame(game, seats.stored(), now);
    const controller = new GameController(deps, game, state, seats, []);
    controller.points.push(pointOfState(state));
    return { controller, hostToken };
  }

  /** Restores a stored game by re-folding its log with the engine; throws if a hash differs. */
  static async restore(deps: ControllerDeps, id: string, injected: Record<number, ScheduledShock[]> = {}): Promise<GameController> {
    const loaded = await deps.store.load(id).catch((e: Error) => {
      throw new RestoreError(`game ${id}'s stored rows cannot be read: ${e.message}`);
    });
    if (!loaded) throw new RestoreError(`game ${id} is not stored`);
    loaded.quarters = loaded.quarters.map((q) => (injected[q.quarter]?.length ? { ...q, shocks: injected[q.quarter] } : q));
    const replay = replayGame({ header: loaded.game.header, quarters: loaded.quarters }, true);
    if (!replay.ok) throw new RestoreError(`game ${id} does not replay at quarter ${replay.quarter}: ${replay.reason}`);
    const seats = SeatBook.ofStored(loaded.seats, deps.now(), replay.state.quarter);
    const c = new GameController(deps, loaded.game, replay.state, seats, loaded.quarters);
    replay.states.slice(1).forEach((s, i) => c.history.push(historyOf(i, s)));
    for (const s of replay.states) c.points.push(pointOfState(s));
    for (const p of loaded.pending) c.pending.set(p.company, { orders: p.orders, ready: p.ready });
    for (const shock of injected[c.stateNow.quarter] ?? []) c.injectShock(shock.card, shock.region);
    if (c.game.status === 'running') await c.fillBots();
    // A finished game's final standings before anyone sees its end (restores are a cold path: at once).
    c.standings();
    return c;
  }

  get id(): string { return this.game.id; }
  get status(): GameStatus { return this.game.status; }
  get options(): GameOptions { return this.game.options; }
  get deadlineAt(): number | null { return this.game.deadlineAt; }
  get createdAt(): number { return this.game.createdAt; }
  /** Whether anyone has ever joined the game (stored; server/rooms/unjoined.ts). */
  get joined(): boolean { return this.game.joined; }

  /** Records the first join (stored before it returns; nothing to do after that). */
  async markJoined(): Promise<void> {
    if (this.game.joined) return;
    await this.deps.store.markJoined(this.id);
    this.game.joined = true;
  }
  /** The engine state (server-side only: it holds the seed). */
  get state(): GameState { return this.stateNow; }
  /** The resolved quarters (orders + hashes). */
  get log(): readonly ReplayQuarter[] { return this.quarters; }
  /** The replay header (server-side only: it holds the seed). */
  get header(): ReplayHeader { return this.game.header; }
  /** Shocks injected for the quarter being played (secret until it resolves). */
  get pendingShocks(): readonly ScheduledShock[] { return this.injected; }

  /** Classroom hook: moves (or clears) the deadline of the quarter being played (stored). */
  async setDeadline(deadlineAt: number | null): Promise<void> {
    this.game.deadlineAt = deadlineAt;
    await this.deps.store.updateProgress(this.id, this.progress(), this.deps.now());
  }

  /** Classroom hook: resolves the quarter now, whoever is ready (missing seats: bot/timeout policy). */
  async forceResolve(): Promise<QuarterOutcome[]> {
    if (this.game.status !== 'running') return [];
    return [await this.resolveNow()];
  }

  /**
   * Classroom hook: a hidden shock (a deck card) hits when the quarter being played resolves.
   * The caller stores it first; it is logged with the quarter so replays verify.
   */
  injectShock(card: string, region: ScheduledShock['region']): Outcome<ScheduledShock> {
    if (this.game.status === 'finished') return refuse('error.gameNotRunning', { status: this.game.status });
    const shock: ScheduledShock = { quarter: this.stateNow.quarter, card, region };
    const r = scheduleShock(this.stateNow, shock);
    if (!r.ok) return refuse('error.badOptions', { detail: r.problems.map((p) => p.key).join(', ') });
    this.beforeShocks ??= this.stateNow;
    this.stateNow = r.value;
    this.injected.push(shock);
    return { ok: true, value: shock };
  }

  /**
   * Classroom hook: takes the last hidden shock of the quarter being played back (safe: nothing has
   * seen it — it is secret until the quarter resolves, and bots' plans never read it). The caller
   * deletes it from the store first. Returns the shock taken back, or null when there is none.
   */
  retractShock(): ScheduledShock | null {
    const last = this.injected.at(-1);
    if (!last || !this.beforeShocks) return null;
    let state = this.beforeShocks;
    const keep = this.injected.slice(0, -1);
    for (const s of keep) {
      const r = scheduleShock(state, s);
      if (!r.ok) throw new Error(`shock ${s.card} no longer schedules`);
      state = r.value;
    }
    this.stateNow = state;
    this.injected = keep;
    if (keep.length === 0) this.beforeShocks = null;
    return last;
  }

  /** Classroom hook: a bot takes a seat over (its holder keeps no token). */
  async releaseToBot(company: Ticker): Promise<Outcome<null>> {
    const seat = this.seats.get(company);
    if (!seat) return refuse('error.seatUnknown', { company });
    if (seat.kind === 'bot') return { ok: true, value: null };
    this.seats.makeBot(company);
    await this.deps.store.saveSeat(this.id, this.seats.stored(company));
    if (this.game.status === 'running') {
      this.pending.delete(company);
      await this.fillBots();
    }
    return { ok: true, value: null };
  }

  /**
   * Classroom hook: ends the game now (it stays replayable up to its last resolved quarter); its final standings
   * are the board's years from where it stopped, worked out at once (a class's few games).
   */
  async finish(): Promise<void> {
    if (this.game.status === 'finished') return;
    this.game.status = 'finished';
    this.game.deadlineAt = null;
    await this.deps.store.updateProgress(this.id, this.progress(), this.deps.now());
    this.standings();
  }

  /** Whether a token is this game's host token. */
  isHost(token: string | undefined): boolean {
    return token !== undefined && hashToken(token) === this.game.hostTokenHash;
  }

  /** A seat's pending orders (null for spectators). */
  pendingOf(seat: Ticker | null): ServerMessage<'orders:state'> | null {
    if (!seat) return null;
    const p = this.pending.get(seat);
    return { quarter: this.stateNow.quarter, orders: p?.orders ?? null, ready: p?.ready ?? false };
  }

  /** The chart history so far (public: prices and reports after each resolved quarter). */
  historyPoints(): readonly HistoryPoint[] {
    return this.points;
  }

  /** The view of a seat (null: spectator). */
  viewFor(seat: Ticker | null): PlayerView {
    return this.withBoard(playerView(this.stateNow, seat));
  }

  /**
   * The final standings once the game is over (shared/board.ts): after the board's years when it stopped before
   * its scenario's end (a short game, or one a teacher ended), worked out now if they were not yet (a class, a
   * restored game). Null while it runs.
   */
  standings(): FinalStandings | null {
    if (this.game.status !== 'finished') return null;
    return (this.final ??= finalStandings(this.stateNow));
  }

  /**
   * Works out the final standings in the background: the board's years one quarter per turn of the event loop,
   * shared with every other game's (turns.ts), so other games' quarters resolve meanwhile — a game room announces
   * its last quarter first, then this, then the views again (100 four-quarter games ending together: ~0.9 s of
   * board's years, which held the last quarter's announcement when worked out before it; docs/performance.md).
   * Resolves true when this call worked them out (the views changed).
   */
  async settleStandings(): Promise<boolean> {
    if (this.game.status !== 'finished' || this.final) return false;
    const run = boardRun(this.stateNow);
    if (run) await inTurns(() => {
      if (this.final) return true;
      run.step();
      return run.done();
    });
    if (this.final) return false;
    this.final = standingsOf(this.stateNow, run);
    return true;
  }

  /** A view with the board's years once they are worked out (the engine's views leave them out). */
  private withBoard(view: PlayerView): PlayerView {
    const board = this.final?.board;
    return board ? { ...view, board } : view;
  }

  /**
   * A view source for sending to many clients at once (a resolved quarter): every seat's view built
   * together, sharing their public parts (server/rooms/message-frames.ts packs those once). Use it
   * for one broadcast and drop it: kept longer, the views would outlive the young generation.
   */
  viewsForAll(): (seat: Ticker | null) => PlayerView {
    const bySeat = playerViews(this.stateNow);
    let spectator: PlayerView | null = null;
    return (seat) => this.withBoard(seat === null ? (spectator ??= playerView(this.stateNow, null)) : (bySeat[seat] ?? playerView(this.stateNow, seat)));
  }

  /** Whether the clock tick has anything to do: a deadline, a player away (autopilot), or a ready quarter not yet resolved. */
  needsTick(): boolean {
    if (this.game.status !== 'running') return false;
    return this.game.deadlineAt !== null || this.seats.someoneAway() || this.stateNow.seats.every((s) => this.isReady(s));
  }

  /** Whether a seat is ready this quarter. */
  isReady(seat: Ticker): boolean {
    return this.pending.get(seat)?.ready ?? false;
  }

  /** A connection (seat or spectator) arrived; returns the seat's digest if it was away. */
  async attach(seat: Ticker | null): Promise<ServerMessage<'digest'> | null> {
    this.audience += 1;
    if (!seat) return null;
    const back = this.seats.connect(seat);
    if (!back) return null;
    if (back.wasAutopilot && this.game.status === 'running') {
      // Hand the quarter back: autopilot's orders stay as a draft, the player decides.
      const p = this.pending.get(seat);
      this.pending.set(seat, { orders: p?.orders ?? null, ready: false });
      await this.persistPending([seat]);
    }
    return buildDigest(this.history, seat, back.awayFromQuarter, this.stateNow.quarter, back.autopilotQuarters);
  }

  /** A connection left (or dropped). */
  detach(seat: Ticker | null): void {
    this.audience = Math.max(0, this.audience - 1);
    if (seat) this.seats.disconnect(seat, this.deps.now(), this.stateNow.quarter);
  }

  /** Claims an open or bot-held seat for a human; returns the new seat token. */
  async claim(company: Ticker, name: string): Promise<Outcome<string>> {
    const seat = this.seats.get(company);
    if (!seat) return refuse('error.seatUnknown', { company });
    if (seat.kind === 'human') return refuse('error.seatTaken', { company });
    const token = newToken();
    this.seats.makeHuman(company, name, hashToken(token));
    await this.deps.store.saveSeat(this.id, this.seats.stored(company));
    if (this.game.status === 'running') {
      this.pending.set(company, { orders: null, ready: false });
      await this.persistPending([company]);
    }
    return { ok: true, value: token };
  }

  /** Starts the game (lobby → quarter 0). */
  async start(): Promise<Outcome<null>> {
    if (this.game.status !== 'lobby') return refuse('error.gameNotRunning', { status: this.game.status });
    this.game.status = 'running';
    this.game.deadlineAt = this.nextDeadline();
    await this.deps.store.updateProgress(this.id, this.progress(), this.deps.now());
    await this.fillBots();
    return { ok: true, value: null };
  }

  /** Submits or replaces a seat's orders for the current quarter (`ready`: and marks the seat ready with them). */
  async submit(seat: Ticker, quarter: number, input: unknown, ready = false): Promise<Outcome<Pending>> {
    const bad = this.checkTurn(seat, quarter);
    if (bad) return bad;
    if (this.isReady(seat)) return refuse('error.ordersLocked');
    const v = validateOrders(orderContextOfState(this.stateNow, seat), input);
    if (!v.ok) return refuse('error.ordersInvalid', { count: v.problems.length }, v.problems);
    // Orders and the ready flag are stored together (one write): ready with exactly these orders, or neither.
    return this.setPending(seat, { orders: v.value, ready });
  }

  /** Withdraws a seat's orders. */
  async withdraw(seat: Ticker, quarter: number): Promise<Outcome<Pending>> {
    const bad = this.checkTurn(seat, quarter);
    if (bad) return bad;
    if (this.isReady(seat)) return refuse('error.ordersLocked');
    return this.setPending(seat, { orders: null, ready: false });
  }

  /** Marks a seat ready or not ready. */
  async setReady(seat: Ticker, quarter: number, ready: boolean): Promise<Outcome<Pending>> {
    const bad = this.checkTurn(seat, quarter);
    if (bad) return bad;
    return this.setPending(seat, { orders: this.pending.get(seat)?.orders ?? null, ready });
  }

  /** Clock tick: autopilot for players gone past the grace period, then the deadline. */
  async tick(): Promise<QuarterOutcome[]> {
    if (this.game.status !== 'running') return [];
    const now = this.deps.now();
    const newly = this.seats.startAutopilot(now, this.deps.autopilotGraceMs);
    if (newly.length > 0) await this.fillBots();
    if (!this.holdForHost && this.game.deadlineAt !== null && now >= this.game.deadlineAt) return [await this.resolveNow(), ...(await this.settle())];
    return this.settle();
  }

  /** Resolves quarters while every seat is ready and someone is watching. */
  async settle(): Promise<QuarterOutcome[]> {
    const out: QuarterOutcome[] = [];
    while (!this.holdForHost && this.game.status === 'running' && this.audience > 0 && this.stateNow.seats.every((s) => this.isReady(s))) {
      out.push(await this.resolveNow());
    }
    return out;
  }

  /** Public summary (HTTP API and lobby lists). */
  summary(): GameSummary {
    const o = this.game.options;
    return {
      gameId: this.id, joinCode: this.id, scenarioId: this.stateNow.scenarioId, status: this.game.status,
      quarter: this.stateNow.quarter, quarterCount: this.stateNow.quarterCount, deadlineSec: o.deadlineSec,
      deadlineAt: this.game.deadlineAt, timeoutPolicy: o.timeoutPolicy, botDifficulty: o.botDifficulty, public: o.public, createdAt: this.game.createdAt,
      hash: this.quarters.at(-1)?.hash ?? null,
      seats: this.seats.list().map((s) => ({ company: s.company, name: s.name, kind: s.kind, connected: s.connections > 0, autopilot: s.autopilot, ready: this.isReady(s.company) })),
    };
  }

  private checkTurn(seat: Ticker, quarter: number): Refusal | null {
    if (this.game.status !== 'running') return refuse('error.gameNotRunning', { status: this.game.status });
    if (quarter !== this.stateNow.quarter) return refuse('error.wrongQuarter', { got: quarter, current: this.stateNow.quarter });
    if (!this.seats.get(seat)) return refuse('error.seatUnknown', { company: seat });
    return null;
  }

  private async setPending(seat: Ticker, p: Pending): Promise<Outcome<Pending>> {
    const before = this.pending.get(seat);
    this.pending.set(seat, p);
    try {
      await this.persistPending([seat]);
    } catch (e) {
      // Not stored → not accepted: the quarter must not play an order the player was refused.
      if (before) this.pending.set(seat, before);
      else this.pending.delete(seat);
      throw e;
    }
    return { ok: true, value: p };
  }

  private async persistPending(seats: Ticker[]): Promise<void> {
    const rows: StoredPending[] = seats.map((company) => ({ company, orders: this.pending.get(company)?.orders ?? null, ready: this.isReady(company) }));
    await this.deps.store.savePending(this.id, this.stateNow.quarter, rows, this.deps.now());
  }

  /** Bots and autopilot seats that are not ready get bot orders and become ready (stored). */
  private async fillBots(): Promise<void> {
    const filled: Ticker[] = [];
    for (const s of this.seats.list()) {
      if (!(s.kind === 'bot' || s.autopilot) || this.isReady(s.company)) continue;
      this.pending.set(s.company, { orders: this.botPlan(s), ready: true });
      filled.push(s.company);
    }
    await this.persistPending(filled);
  }

  private botPlan(s: Seat): Orders {
    return botOrders(playerView(this.stateNow, s.company), s.strategy, this.game.options.botDifficulty);
  }

  /** The orders a seat plays now: its pending orders, defaults if ready without any, else the timeout policy. */
  private playedBy(s: Seat): Orders {
    const p = this.pending.get(s.company);
    if (p?.orders) return p.orders;
    if (p?.ready || this.game.options.timeoutPolicy === 'repeat') return defaultOrders(orderContextOfState(this.stateNow, s.company));
    return this.botPlan(s);
  }

  private async resolveNow(): Promise<QuarterOutcome> {
    const orders: Partial<Record<Ticker, Orders>> = {};
    const played: Partial<Record<Ticker, PlayedBy>> = {};
    for (const s of this.seats.list()) {
      orders[s.company] = this.playedBy(s);
      const p = this.pending.get(s.company);
      played[s.company] = s.kind === 'bot' ? 'bot' : s.autopilot ? 'autopilot' : p?.orders || p?.ready ? 'human' : 'timeout';
    }
    const quarter = this.stateNow.quarter;
    const res = resolveQuarter(this.stateNow, orders);
    const logged: ReplayQuarter = this.injected.length > 0 ? { quarter, orders, hash: res.hash, shocks: this.injected } : { quarter, orders, hash: res.hash };
    this.injected = [];
    this.beforeShocks = null;
    const finished = res.state.finished;
    const progress = { status: (finished ? 'finished' : 'running') as GameStatus, quarter: res.state.quarter, deadlineAt: finished ? null : this.nextDeadline() };
    await this.deps.store.saveResolved(this.id, logged, progress, this.deps.now());
    this.stateNow = res.state;
    this.quarters.push(logged);
    this.history.push(historyOf(quarter, res.state));
    this.points.push(pointOfState(res.state));
    this.seats.noteAutopilotQuarter(quarter);
    this.pending = new Map();
    this.game.status = progress.status;
    this.game.quarter = progress.quarter;
    this.game.deadlineAt = progress.deadlineAt;
    if (!finished) await this.fillBots();
    return { quarter, hash: res.hash, orders: res.orders, finished, played };
  }

  private nextDeadline(): number | null {
    const sec = this.game.options.deadlineSec;
    return sec === null ? null : this.deps.now() + sec * 1000;
  }

  private progress(): { status: GameStatus; quarter: number; deadlineAt: number | null } {
    return { status: this.game.status, quarter: this.stateNow.quarter, deadlineAt: this.game.deadlineAt };
  }
}

/** The chart point of a state (its public figures). */
export function pointOfState(state: GameState): HistoryPoint {
  return historyPointOf({ quarter: state.quarter, seats: state.seats, companies: publicCompanies(state), market: state.market });
}

/** A game's public summary. */
export interface GameSummary {
  gameId: string;
  joinCode: string;
  scenarioId: string;
  status: GameStatus;
  quarter: number;
  quarterCount: number;
  deadlineSec: number | null;
  deadlineAt: number | null;
  timeoutPolicy: 'bot' | 'repeat';
  /** The bots' level (also the advisor's). */
  botDifficulty: Difficulty;
  public: boolean;
  createdAt: number;
  /** The state hash after the last resolved quarter (null before the first). */
  hash: string | null;
  seats: { company: Ticker; name: string; kind: 'human' | 'bot'; connected: boolean; autopilot: boolean; ready: boolean }[];
}
