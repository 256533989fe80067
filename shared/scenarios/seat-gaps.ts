/**
 * How forgiving each seat is, measured (npm run sim -- --par): the mean score, in bps of the company's
 * swing, of the five named strategies played at normal difficulty for the company while the six other
 * seats play their hard managements, in a game of the scenario's default length. Near 0, any sensible
 * plan lands near par (Apple, whose return its AI strategy barely moves); far below it, only a plan
 * fitted to the company reaches par (Amazon). Shown when a seat is picked; no rule reads it.
 *
 * Kept apart from the scenario data on purpose: the scenario is part of every game's state hash, and a
 * figure that only informs the player must not make saved games unreplayable when it is measured again
 * (after a change to the bots, say).
 */
import type { Ticker } from '../engine/types.js';

const GAPS: Readonly<Record<string, Readonly<Partial<Record<Ticker, number>>>>> = Object.freeze({
  'capex-race-2026': Object.freeze({ AAPL: -3633, AMZN: -21613, GOOGL: -14812, META: -18835, MSFT: -11042, ORCL: -18405, TSLA: -27045 }),
});

/** A seat's measured gap (bps of a swing), or null where it has not been measured. */
export function seatGapBps(scenarioId: string, ticker: Ticker): number | null {
  return GAPS[scenarioId]?.[ticker] ?? null;
}
