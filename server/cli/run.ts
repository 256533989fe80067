/**
 * Runs one all-bot (or partly scripted) game with the shared engine, and derives per-game seeds
 * and seat assignments from a batch's base seed. Pure functions of their inputs: the simulator's
 * workers and its single-thread path call the same code, so their results are identical.
 */
import {
  botOrders, createGame, playBoardYears, defaultOrders, DIFFICULTIES, finalReturns, orderContextOfView, worldIndexBps, finalScores, hashState, headerFor, playerViews, policyOrders, resolveQuarter, streamFor,
  type BotStrategyId, type Difficulty, type GameState, type Orders, type PlayerView, type PolicyGenes, type Profile, type ReplayFile, type ScheduledShock, type Ticker,
} from '../../shared/index.js';
import { addQuarter, startMetrics, type GameMetrics } from './metrics.js';
import { applyVariant, VARIANTS } from './variants.js';

/** Who plays a seat in a simulated game. */
export interface SeatPlan {
  company: Ticker;
  strategy: BotStrategyId;
  difficulty: Difficulty;
  /** A policy of the searched family (shared/bots/policy.ts) plays the seat instead of the strategy. */
  policy?: PolicyGenes;
  /** An order variant (variants.ts) applied to the strategy's orders every quarter (`--sensitivity`). */
  variant?: string;
  /** Fields replacing the company's posture when its management plays (`--climb`). */
  posture?: Partial<Profile>;
  /** The seat only says it is ready: the server's default orders every quarter (last quarter's again: from the start, no new spending). */
  readyOnly?: boolean;
  /** The seat only says it is ready before this quarter, then its plan plays (`--ablate`: the first year's plan taken away). */
  readyUntilQ?: number;
}

/** One game to simulate. */
export interface GameSpec {
  scenarioId: string;
  seed: string;
  quarterCount: number;
  seats: SeatPlan[];
  /** Orders given by a script, by quarter then seat; other seats/quarters are played by bots. */
  scripted?: Partial<Record<number, Partial<Record<Ticker, Orders>>>>;
  /** A seat whose orders (as the engine used them) are kept, quarter by quarter (open-loop scripts). */
  record?: Ticker;
  /** Hidden shocks scheduled from the start (a world the sensitivity study plays in). */
  shocks?: ScheduledShock[];
  /** Collect the economy's measures (metrics.ts) while playing. */
  metrics?: boolean;
  /** The table's level, whose par the scores are measured against (default hard). */
  parLevel?: Difficulty;
}

/** The outcome of one game. */
export interface GameResult {
  seed: string;
  finalHash: string;
  /** Companies by final score, best first (ties by ticker). */
  ranking: Ticker[];
  /** Each company's final score (see finalStandings: after the board's years in a game shorter than its scenario). */
  tsrBps: Partial<Record<Ticker, number>>;
  /** Each company's return to fundamental value (bps; see finalReturns), at the end of the board's years. */
  returnsBps: Partial<Record<Ticker, number>>;
  /** How well AI paid in the game: its average monetization (bps; worldIndexBps), which the par is adjusted to. */
  worldBps: number;
  /**
   * The returns and world when the game's last quarter was played, before the board's years (the same as the
   * above for a game that ran its whole scenario): what the par of a game of this length measures (`--par`),
   * for the score shown while a game runs.
   */
  bellReturnsBps: Partial<Record<Ticker, number>>;
  bellWorldBps: number;
  seats: SeatPlan[];
  /** The recorded seat's orders by quarter (GameSpec.record). */
  recorded?: Orders[];
  /** The economy's measures (GameSpec.metrics). */
  metrics?: GameMetrics;
}

/** Called after each resolved quarter (for `--play` output). */
export type QuarterHook = (state: GameState, orders: Record<Ticker, Orders>, hash: string) => void;

/** Seed of game `index` of a batch whose base seed is `baseSeed`. */
export function gameSeed(baseSeed: string, index: number): string {
  return `${baseSeed}-${index}`;
}

/** Companies by TSR, best first; ties by ticker (code-unit order). */
export function rankByTsr(tsrBps: Partial<Record<Ticker, number>>): Ticker[] {
  return (Object.keys(tsrBps) as Ticker[]).sort((a, b) => (tsrBps[b] ?? 0) - (tsrBps[a] ?? 0) || (a < b ? -1 : a > b ? 1 : 0));
}

/**
 * The level a simulated table is scored at (whose par): the one difficulty all its seats play at, or hard
 * when they differ or each seat draws its own ('random': a mixed table is measured against the strongest
 * managements' par).
 */
export function tableLevel(levels: readonly (Difficulty | 'random')[]): Difficulty {
  const first = levels[0];
  return first !== undefined && first !== 'random' && levels.every((l) => l === first) ? first : 'hard';
}

/** How a batch assigns strategies and difficulties to seats. */
export interface Assignment {
  companies: Ticker[];
  /** Fixed strategy per company, or null: drawn from `pool` (a shuffled deal, repeated if short). */
  fixed: Partial<Record<Ticker, BotStrategyId>>;
  pool: BotStrategyId[];
  /** One difficulty for every seat, or 'random' (drawn per seat). */
  difficulty: Difficulty | 'random';
}

/** Seats of game `index`: fixed strategies kept, the others dealt from the pool by a seeded shuffle. */
export function seatsFor(a: Assignment, baseSeed: string, index: number): SeatPlan[] {
  const rng = streamFor(baseSeed, index, 'sim-seats');
  const deck: BotStrategyId[] = [];
  const open = a.companies.filter((c) => !a.fixed[c]);
  while (deck.length < open.length && a.pool.length > 0) {
    const round = [...a.pool];
    for (let i = round.length - 1; i > 0; i -= 1) {
      const j = rng.int(i + 1);
      [round[i], round[j]] = [round[j]!, round[i]!];
    }
    deck.push(...round);
  }
  let k = 0;
  return a.companies.map((company) => {
    const strategy = a.fixed[company] ?? deck[k++] ?? 'neverInvest';
    const difficulty = a.difficulty === 'random' ? DIFFICULTIES[rng.int(DIFFICULTIES.length)]! : a.difficulty;
    return { company, strategy, difficulty };
  });
}

/**
 * The orders a seat's plan gives for its view: a searched policy, or a strategy (with a variant).
 * `ownGuidance` keeps, per seat, the guidance its bot would have announced: a variant that changes only
 * what the seat announces (`plansOnOwnGuidance`) has the bot plan as if its own guidance were in force,
 * so its spending stays the bot's (otherwise a bot keeping its word would spend to the new guidance).
 */
function seatOrders(seat: SeatPlan, view: PlayerView, ownGuidance: Map<Ticker, number>): Orders {
  if (seat.policy) return policyOrders(view, seat.policy);
  if (seat.readyOnly || (seat.readyUntilQ !== undefined && view.quarter < seat.readyUntilQ)) {
    const ctx = orderContextOfView(view);
    if (ctx) return defaultOrders(ctx);
  }
  const variant = seat.variant ? VARIANTS[seat.variant] : undefined;
  const own = variant?.plansOnOwnGuidance && view.me ? ownGuidance.get(seat.company) : undefined;
  const seen = own !== undefined && view.me ? { ...view, me: { ...view.me, guidanceCapexUsdM: own } } : view;
  const planned = botOrders(seen, seat.strategy, seat.difficulty, seat.posture);
  if (variant?.plansOnOwnGuidance) ownGuidance.set(seat.company, planned.guidanceCapexUsdM);
  return seat.variant ? applyVariant(seat.variant, planned, view) : planned;
}

/** Plays a whole game; returns its result and (if asked) the saved-game file. */
export function runGame(spec: GameSpec, keepReplay = false, onQuarter?: QuarterHook): { result: GameResult; replay: ReplayFile | null } {
  let state = createGame({ scenarioId: spec.scenarioId, seed: spec.seed, quarterCount: spec.quarterCount, seats: spec.seats.map((s) => s.company), shocks: spec.shocks, parLevel: spec.parLevel });
  const replay: ReplayFile | null = keepReplay
    ? {
        header: headerFor(state, spec.seats.map((s) => ({ company: s.company, name: `${s.strategy} (${s.difficulty})`, kind: 'bot', strategy: s.strategy }))),
        quarters: [],
      }
    : null;
  let hash = '';
  const recorded: Orders[] = [];
  const metrics = spec.metrics ? startMetrics(state) : null;
  const ownGuidance = new Map<Ticker, number>();
  while (!state.finished) {
    const q = state.quarter;
    const script = spec.scripted?.[q] ?? {};
    const orders: Partial<Record<Ticker, Orders>> = {};
    const views = playerViews(state);
    for (const seat of spec.seats) {
      const view = views[seat.company];
      orders[seat.company] = script[seat.company] ?? seatOrders(seat, view, ownGuidance);
    }
    // Only saved games and scripted plays need every quarter's hash; a batch needs the last one.
    // Nothing keeps a state here unless a hook is watching, so the quarter resolves in place.
    const r = resolveQuarter(state, orders, { hash: keepReplay || onQuarter !== undefined, consume: onQuarter === undefined });
    state = r.state;
    hash = r.hash || (state.finished ? hashState(state) : '');
    // The file keeps the orders as given (a rejected order replays to the same rejection event).
    replay?.quarters.push({ quarter: q, orders, hash: r.hash });
    if (spec.record) recorded.push(r.orders[spec.record]);
    if (metrics) addQuarter(metrics, state);
    onQuarter?.(state, r.orders, r.hash);
  }
  // A game shorter than its scenario is scored after the board's years (shared/board.ts); the par measures the bell.
  const end = playBoardYears(state) ?? state;
  const tsrBps = finalScores(end);
  const result: GameResult = {
    seed: spec.seed, finalHash: hash, ranking: rankByTsr(tsrBps), tsrBps, returnsBps: finalReturns(end), worldBps: worldIndexBps(end.world, end.quarter),
    bellReturnsBps: finalReturns(state), bellWorldBps: worldIndexBps(state.world, state.quarter), seats: spec.seats,
  };
  if (spec.record) result.recorded = recorded;
  if (metrics) result.metrics = metrics;
  return { result, replay };
}
