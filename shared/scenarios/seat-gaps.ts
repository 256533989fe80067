/**
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
    hard: { AAPL: -3633, AMZN: -21613, GOOGL: -14812, META: -18835, MSFT: -11042, ORCL: -18405, TSLA: -27045 },
    normal: { AAPL: -3203, AMZN: 6375, GOOGL: 3253, META: -5819, MSFT: 2140, ORCL: 5333, TSLA: -1634 },
    easy: { AAPL: -304, AMZN: 2435, GOOGL: 12870, META: 15115, MSFT: 8726, ORCL: 7389, TSLA: 1525 },
  }),
});

/** A seat's measured gap at a table of `level` (bps of a swing), or null where it has not been measured. */
export function seatGapBps(scenarioId: string, ticker: Ticker, level: Level): number | null {
  return GAPS[scenarioId]?.[level]?.[ticker] ?? null;
}
