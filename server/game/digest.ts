/**
 * History kept for "while you were away" digests: per resolved quarter, the headlines and every
 * company's price move. Rebuilt from the replayed states on restore.
 */
import type { GameEvent, GameState, Ticker } from '../../shared/index.js';
import type { ServerMessage } from '../../shared/protocol/index.js';

/** What a digest needs of one resolved quarter. */
export interface QuarterHistory {
  quarter: number;
  headlines: GameEvent[];
  priceMoveBps: Partial<Record<Ticker, number>>;
}

/** Most headlines listed per quarter in a digest. */
export const DIGEST_HEADLINES_PER_QUARTER = 6;

/** The history entry of a quarter from the state right after it resolved. */
export function historyOf(quarter: number, after: GameState): QuarterHistory {
  const priceMoveBps: Partial<Record<Ticker, number>> = {};
  for (const seat of after.seats) priceMoveBps[seat] = after.companies[seat]?.report.priceMoveBps ?? 0;
  return { quarter, headlines: after.events.filter((e) => e.headline), priceMoveBps };
}

/** The digest of quarters [fromQuarter, toQuarter) for a seat, or null when nothing happened. */
export function buildDigest(history: readonly QuarterHistory[], seat: Ticker, fromQuarter: number, toQuarter: number,
  autopilotQuarters: ReadonlySet<number>): ServerMessage<'digest'> | null {
  const quarters = history.filter((h) => h.quarter >= fromQuarter && h.quarter < toQuarter).map((h) => ({
    quarter: h.quarter,
    autopilot: autopilotQuarters.has(h.quarter),
    priceMoveBps: h.priceMoveBps[seat] ?? 0,
    headlines: h.headlines.slice(0, DIGEST_HEADLINES_PER_QUARTER).map((e) => ({ ...e, params: { ...e.params } })),
  }));
  if (quarters.length === 0) return null;
  return { fromQuarter, toQuarter, quarters };
}
