/**
 * Runs one all-bot (or partly scripted) game with the shared engine, and derives per-game seeds
 * and seat assignments from a batch's base seed. Pure functions of their inputs: the simulator's
 * workers and its single-thread path call the same code, so their results are identical.
 */
import {
  botOrders, createGame, DIFFICULTIES, hashState, headerFor, playerViews, resolveQuarter, streamFor,
  type BotStrategyId, type Difficulty, type GameState, type Orders, type ReplayFile, type Ticker,
} from '../../shared/index.js';

/** Who plays a seat in a simulated game. */
export interface SeatPlan {
  company: Ticker;
  strategy: BotStrategyId;
  difficulty: Difficulty;
}

/** One game to simulate. */
export interface GameSpec {
  scenarioId: string;
  seed: string;
  quarterCount: number;
  seats: SeatPlan[];
  /** Orders given by a script, by quarter then seat; other seats/quarters are played by bots. */
  scripted?: Partial<Record<number, Partial<Record<Ticker, Orders>>>>;
}

/** The outcome of one game. */
export interface GameResult {
  seed: string;
  finalHash: string;
  /** Companies by total shareholder return, best first (ties by ticker). */
  ranking: Ticker[];
  tsrBps: Partial<Record<Ticker, number>>;
  seats: SeatPlan[];
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

/** Plays a whole game; returns its result and (if asked) the saved-game file. */
export function runGame(spec: GameSpec, keepReplay = false, onQuarter?: QuarterHook): { result: GameResult; replay: ReplayFile | null } {
  let state = createGame({ scenarioId: spec.scenarioId, seed: spec.seed, quarterCount: spec.quarterCount, seats: spec.seats.map((s) => s.company) });
  const replay: ReplayFile | null = keepReplay
    ? {
        header: headerFor(state, spec.seats.map((s) => ({ company: s.company, name: `${s.strategy} (${s.difficulty})`, kind: 'bot', strategy: s.strategy }))),
        quarters: [],
      }
    : null;
  let hash = '';
  while (!state.finished) {
    const q = state.quarter;
    const script = spec.scripted?.[q] ?? {};
    const orders: Partial<Record<Ticker, Orders>> = {};
    const views = playerViews(state);
    for (const seat of spec.seats) {
      orders[seat.company] = script[seat.company] ?? botOrders(views[seat.company], seat.strategy, seat.difficulty);
    }
    // Only saved games and scripted plays need every quarter's hash; a batch needs the last one.
    // Nothing keeps a state here unless a hook is watching, so the quarter resolves in place.
    const r = resolveQuarter(state, orders, { hash: keepReplay || onQuarter !== undefined, consume: onQuarter === undefined });
    state = r.state;
    hash = r.hash || (state.finished ? hashState(state) : '');
    // The file keeps the orders as given (a rejected order replays to the same rejection event).
    replay?.quarters.push({ quarter: q, orders, hash: r.hash });
    onQuarter?.(state, r.orders, r.hash);
  }
  const tsrBps: Partial<Record<Ticker, number>> = {};
  for (const seat of state.seats) tsrBps[seat] = state.companies[seat]?.report.tsrBps ?? 0;
  return { result: { seed: spec.seed, finalHash: hash, ranking: rankByTsr(tsrBps), tsrBps, seats: spec.seats }, replay };
}
