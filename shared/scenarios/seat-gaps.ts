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
    hard: { AAPL: -3052, AMZN: -42896, GOOGL: -13294, META: -13467, MSFT: -9290, ORCL: -14065, TSLA: -23040 },
    normal: { AAPL: -2572, AMZN: -4269, GOOGL: -5574, META: -9705, MSFT: -4049, ORCL: -868, TSLA: -2989 },
    easy: { AAPL: -548, AMZN: 5635, GOOGL: 9986, META: 16346, MSFT: 9515, ORCL: 10164, TSLA: 4408 },
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
    normal: { AAPL: 2000, AMZN: 9667, GOOGL: 4667, META: 4500, MSFT: 3833, ORCL: 4833, TSLA: 5500 },
    easy: { AAPL: 2667, AMZN: 8500, GOOGL: 8333, META: 10000, MSFT: 5833, ORCL: 8167, TSLA: 8167 },
  }),
});

/** The share of games (bps) a player as good as the hard management wins at a seat at a table of `level`, or null where not measured (hard tables). */
export function seatSkillWinsBps(scenarioId: string, ticker: Ticker, level: Level): number | null {
  return SKILL[scenarioId]?.[level]?.[ticker] ?? null;
}
