/**
 * Two measures of each seat, shown when a seat is picked; no rule reads them.
 *
 * How forgiving each seat is at a table of each level, measured (npm run sim -- --par): the mean score,
 * in bps of the company's swing, against that level's par, of the five named strategies played at normal
 * difficulty for the company while the six other seats play their managements at that level, in a game
 * of the scenario's default length. Near 0, any sensible
 * plan lands near par (Apple, whose return its AI strategy barely moves); far below it, only a plan
 * fitted to the company reaches par (Amazon). Shown when a seat is picked; no rule reads it.
 *
 * Kept apart from the scenario data on purpose: the scenario is part of every game's state hash, and a
 * figure that only informs the player must not make saved games unreplayable when it is measured again
 * (after a change to the bots, say).
 */
import type { Level, Ticker } from '../engine/types.js';

const GAPS: Readonly<Record<string, Readonly<Record<Level, Readonly<Partial<Record<Ticker, number>>>>>>> = Object.freeze({
  'capex-race-2026': Object.freeze({
    hard: { AAPL: -3054, AMZN: -38987, GOOGL: -12990, META: -13197, MSFT: -8974, ORCL: -11403, TSLA: -22970 },
    normal: { AAPL: -2665, AMZN: -3276, GOOGL: -5442, META: -9758, MSFT: -3936, ORCL: -1478, TSLA: -2846 },
    easy: { AAPL: -548, AMZN: 5161, GOOGL: 9791, META: 16077, MSFT: 9283, ORCL: 10485, TSLA: 4408 },
  }),
});

/** A seat's measured gap at a table of `level` (bps of a swing), or null where it has not been measured. */
export function seatGapBps(scenarioId: string, ticker: Ticker, level: Level): number | null {
  return GAPS[scenarioId]?.[level]?.[ticker] ?? null;
}

/**
 * How much skill pays at each seat at a table of each level below hard, measured (npm run sim -- --levels
 * --seed ladder [--difficulty easy]): the share of games (bps, 60 seeds) a player who plays as well as the
 * company's hard management finishes first when the six other seats play their managements at that level.
 * A fair share is 1 in 7 (1,429); near it, play barely moves the seat's score (Apple, whose return its AI
 * strategy barely moves); near 10,000, a strong player almost always wins there (Amazon at a normal table).
 * At a hard table the hard management is the par itself, so there is no measure.
 */
const SKILL: Readonly<Record<string, Readonly<Partial<Record<Level, Readonly<Partial<Record<Ticker, number>>>>>>>> = Object.freeze({
  'capex-race-2026': Object.freeze({
    normal: { AAPL: 2000, AMZN: 9667, GOOGL: 4500, META: 4667, MSFT: 3667, ORCL: 4167, TSLA: 5500 },
    easy: { AAPL: 2833, AMZN: 8333, GOOGL: 8167, META: 10000, MSFT: 5667, ORCL: 9167, TSLA: 8167 },
  }),
});

/** The share of games (bps) a player as good as the hard management wins at a seat at a table of `level`, or null where not measured (hard tables). */
export function seatSkillWinsBps(scenarioId: string, ticker: Ticker, level: Level): number | null {
  return SKILL[scenarioId]?.[level]?.[ticker] ?? null;
}
