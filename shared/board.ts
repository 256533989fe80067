/**
 * The board's years (GAME.md "Game end"; docs/economy.md "The board's years"): a game shorter than its
 * scenario (the default scenario runs 2026 Q1 → 2030 Q4) is scored where the scenario ends. After the
 * last quarter played, every company's board carries on with its own management — the table's level, the
 * same bots that set the par — until the scenario's last quarter, and the score is taken there against
 * the par of the whole scenario.
 *
 * Why (docs/balance.md "Short games"): a build-out pays years after it is ordered (F17: infrastructure
 * before productivity; grid queues of ~11 quarters, F13). Scored at the end of a one-year game, the stated
 * 2026 plans only cost, and a seat that stood still won every one-year game at five companies. Played on by
 * the board, what a player did in the quarters they played is judged by what it earned by 2030: the same
 * yardstick at every game length, and no last quarters in which spending can only lose.
 *
 * Pure and deterministic like the engine: the board's quarters are resolved by the same engine from the
 * game's own seed, so the same game gives the same board's years in Node and in the browser.
 */
import { defaultStrategyFor, botOrders } from './bots/index.js';
import { finalReturns, finalScores, rankByScore, ranking } from './engine/figures.js';
import { copyForResolution, resolveQuarter } from './engine/resolve.js';
import { fundamentalUsdM } from './engine/phases/market.js';
import { playerViews } from './engine/view.js';
import { getScenario } from './scenarios/index.js';
import type { GameState, Orders, Ticker } from './engine/types.js';

/** One company at the end of the board's years. */
export interface BoardRow {
  ticker: Ticker;
  /** Score against the par of the whole scenario (bps of a swing). */
  scoreBps: number;
  /** Return to fundamental value at the scenario's end (bps). */
  returnBps: number;
  /** The score and return when the players stopped (the last quarter played: "at the bell"). */
  bellScoreBps: number;
  bellReturnBps: number;
  /** Fundamental value at the scenario's end ($M). */
  fundamentalUsdM: number;
}

/** What the board's years came to: the quarters the boards played and the final standings, best first. */
export interface BoardYears {
  /** The first quarter the boards played (the quarters played before it were the players'). */
  fromQuarter: number;
  /** The quarter after the last one the boards played: the scenario's length. */
  toQuarter: number;
  rows: BoardRow[];
  /**
   * Each company's return to fundamental value (bps) at the bell and after each quarter the boards played
   * (`toQuarter - fromQuarter + 1` points): how the build-outs of the quarters played paid off, quarter by quarter.
   */
  path: Partial<Record<Ticker, number>>[];
}

/** How many quarters the boards play after a game stopped at `state.quarter`: up to the scenario's length (0 for full games). */
export function boardQuartersOf(state: Pick<GameState, 'scenarioId' | 'quarter'>): number {
  return Math.max(0, getScenario(state.scenarioId).defaultQuarters - state.quarter);
}

/** The board's years being played: one quarter a `step` (a server plays them between other games' work). */
export interface BoardRun {
  /** The state so far (the run's own copy). */
  readonly state: GameState;
  /** Each company's return at the bell and after each quarter played so far (`BoardYears.path`). */
  readonly path: Partial<Record<Ticker, number>>[];
  done(): boolean;
  /** Resolves the next quarter: every seat's company played by its own management at the table's level. */
  step(): void;
}

/** Starts the board's years from `state` (not changed), or null when the game already reached the scenario's end. */
export function boardRun(state: GameState): BoardRun | null {
  const left = boardQuartersOf(state);
  if (left === 0) return null;
  // The run's own copy, made the way each quarter's resolution copies a state (a generic deep copy would
  // give its objects other hidden classes than the engine's own, and V8 would recompile the engine for them).
  let s = copyForResolution(state);
  s.quarterCount = s.quarter + left;
  s.finished = false;
  const path = [finalReturns(state)];
  return {
    get state() { return s; },
    path,
    done: () => s.finished,
    step: () => {
      const views = playerViews(s);
      const orders: Partial<Record<Ticker, Orders>> = {};
      for (const t of s.seats) orders[t] = botOrders(views[t], defaultStrategyFor(t), s.parLevel);
      // The copy is the run's alone: each quarter resolves in place.
      s = resolveQuarter(s, orders, { hash: false, consume: true }).state;
      path.push(finalReturns(s));
    },
  };
}

/**
 * Plays the board's years from `state` (not changed): every seat's company played by its own management at
 * the table's level (`state.parLevel`) until the scenario's length. Returns the state at the end, or null when
 * the game already reached it.
 */
export function playBoardYears(state: GameState): GameState | null {
  return playedRun(state)?.state ?? null;
}

/** The board's years from `state` played to the end (null: none to play). */
function playedRun(state: GameState): BoardRun | null {
  const run = boardRun(state);
  if (run) while (!run.done()) run.step();
  return run;
}

/** What `finalStandings` returns: the board's years (null for a game that ran its whole scenario) and the ranking. */
export interface FinalStandings {
  board: BoardYears | null;
  rows: { ticker: Ticker; scoreBps: number; returnBps: number }[];
}

/**
 * The game's final standings (GAME.md "Game end"), best first: at the scenario's end after the board's years
 * when the game stopped before it, else as the game ended. `board` is null for a game that ran the whole scenario.
 */
export function finalStandings(state: GameState): FinalStandings {
  return standingsOf(state, playedRun(state));
}

/** The final standings of a game that stopped at `bell`, whose board's years `run` has played to the end (null: none were played). */
export function standingsOf(bell: GameState, run: BoardRun | null): FinalStandings {
  if (!run) return { board: null, rows: ranking(bell) };
  const end = run.state;
  const bellScores = finalScores(bell);
  const bellReturns = finalReturns(bell);
  const scores = finalScores(end);
  const returns = finalReturns(end);
  const rows = rankByScore(bell.seats.map((t) => {
    const c = end.companies[t];
    return {
      ticker: t,
      scoreBps: scores[t] ?? 0,
      returnBps: returns[t] ?? 0,
      bellScoreBps: bellScores[t] ?? 0,
      bellReturnBps: bellReturns[t] ?? 0,
      fundamentalUsdM: c ? fundamentalUsdM(c.value) : 0,
    };
  }));
  return { board: { fromQuarter: bell.quarter, toQuarter: end.quarter, rows, path: run.path }, rows: rows.map((r) => ({ ticker: r.ticker, scoreBps: r.scoreBps, returnBps: r.returnBps })) };
}
