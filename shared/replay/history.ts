/**
 * A game's chart history: one point at the start and one after each resolved quarter, with every
 * ticker's price and each company's public report figures. Everything here is public (what a
 * spectator's view shows), so the server can serve it to anyone and the client can add the points
 * of the views it receives: charts survive reloads and browser restarts (issue 14, defect 5).
 * Pure: the server and the client share it.
 */
import { MARKET_TICKERS, type MarketTicker, type Ticker } from '../engine/types.js';
import type { PlayerView } from '../engine/view.js';

/** One company's public figures at a point. */
export interface HistoryFigures {
  tsrBps: number;
  revenueUsdM: number;
  selfUseRevenueUsdM: number;
  cloudRevenueUsdM: number;
  cashUsdM: number;
  poweredMw: number;
  idleChipMw: number;
}

/** Prices and public figures after `quarter` quarters have resolved (0: the start). */
export interface HistoryPoint {
  quarter: number;
  priceCents: Partial<Record<Ticker | MarketTicker, number>>;
  companies: Partial<Record<Ticker, HistoryFigures>>;
}

/** The point of a view (any seat's or a spectator's: only public figures are read). */
export function historyPointOf(view: Pick<PlayerView, 'quarter' | 'seats' | 'companies' | 'market'>): HistoryPoint {
  const priceCents: HistoryPoint['priceCents'] = {};
  const companies: HistoryPoint['companies'] = {};
  for (const s of view.seats) {
    const c = view.companies[s];
    if (!c) continue;
    priceCents[s] = c.priceCents;
    const r = c.report;
    companies[s] = {
      tsrBps: r.tsrBps, revenueUsdM: r.revenueUsdM, selfUseRevenueUsdM: r.selfUseRevenueUsdM, cloudRevenueUsdM: r.cloudRevenueUsdM,
      cashUsdM: c.cashUsdM, poweredMw: r.poweredMw, idleChipMw: r.idleChipMw,
    };
  }
  for (const m of MARKET_TICKERS) priceCents[m] = view.market[m].priceCents;
  return { quarter: view.quarter, priceCents, companies };
}

/** The start point rebuilt from a later view's start prices (when the real one is not known yet). */
export function startPointOf(view: Pick<PlayerView, 'seats' | 'companies' | 'market'>): HistoryPoint {
  const priceCents: HistoryPoint['priceCents'] = {};
  for (const s of view.seats) {
    const c = view.companies[s];
    if (c) priceCents[s] = c.startPriceCents;
  }
  for (const m of MARKET_TICKERS) priceCents[m] = view.market[m].startPriceCents;
  return { quarter: 0, priceCents, companies: {} };
}

/**
 * Merges points into a history, one per quarter, sorted: a point from `incoming` replaces a known
 * one of the same quarter unless that one is real and the incoming one is a rebuilt start.
 */
export function mergeHistory(known: readonly HistoryPoint[], incoming: readonly HistoryPoint[]): HistoryPoint[] {
  const byQuarter = new Map<number, HistoryPoint>();
  for (const p of known) byQuarter.set(p.quarter, p);
  for (const p of incoming) {
    const prev = byQuarter.get(p.quarter);
    const rebuilt = Object.keys(p.companies).length === 0;
    if (!prev || !rebuilt || Object.keys(prev.companies).length === 0) byQuarter.set(p.quarter, p);
  }
  return [...byQuarter.values()].sort((a, b) => a.quarter - b.quarter);
}
