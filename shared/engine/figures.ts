/**
 * Public figures of a quarter (for charts, the simulator's --play output, debriefs), the ranking
 * by total shareholder return (GAME.md "Game end"), and hidden shocks a teacher schedules.
 */
import { compareIds } from './math.js';
import { companyDef, tsrBps } from './model.js';
import { CARD_IDS } from './phases/events.js';
import { fundamentalUsdM } from './phases/market.js';
import { countedReturnBps, scoreBpsOf, worldIndexBps } from './phases/publish.js';
import { getScenario } from '../scenarios/index.js';
import { MARKET_TICKERS, REGION_IDS } from './types.js';
import type { GameState, MarketTicker, Result, ScheduledShock, Ticker } from './types.js';

/** "2026 Q3" for a 0-based quarter index of a scenario. */
export function quarterLabel(scenarioId: string, quarter: number): string {
  const sc = getScenario(scenarioId);
  const q0 = sc.startQuarter - 1 + quarter;
  return `${sc.startYear + Math.floor(q0 / 4)} Q${(q0 % 4) + 1}`;
}

/** One company's public figures after a quarter. */
export interface CompanyFigures {
  priceCents: number;
  marketCapUsdM: number;
  tsrBps: number;
  revenueUsdM: number;
  selfUseRevenueUsdM: number;
  cloudRevenueUsdM: number;
  netIncomeUsdM: number;
  capexUsdM: number;
  capexByCategory: { chips: number; energy: number; talent: number; data: number; program: number };
  chipMw: number;
  poweredMw: number;
  waitingMw: number;
  idleChipMw: number;
  cashUsdM: number;
  debtUsdM: number;
  qualityBps: number;
  carbonTons: number;
}

/** Public figures of the whole game after a quarter. */
export interface QuarterFigures {
  quarter: number;
  companies: Partial<Record<Ticker, CompanyFigures>>;
  market: Record<MarketTicker, { priceCents: number; changeBps: number; tsrBps: number }>;
  world: { era: string; sentimentBps: number; agentAdoptionBps: number; monetizationBps: number; cloudPriceUsd: number };
}

/** The public figures of the last resolved quarter. */
export function quarterFigures(state: GameState): QuarterFigures {
  const companies: Partial<Record<Ticker, CompanyFigures>> = {};
  for (const t of state.seats) {
    const c = state.companies[t];
    if (!c) continue;
    const r = c.report;
    companies[t] = {
      priceCents: c.priceCents,
      marketCapUsdM: r.marketCapUsdM,
      tsrBps: tsrBps(c.priceCents, c.startPriceCents),
      revenueUsdM: r.revenueUsdM,
      selfUseRevenueUsdM: r.selfUseRevenueUsdM,
      cloudRevenueUsdM: r.cloudRevenueUsdM,
      netIncomeUsdM: r.netIncomeUsdM,
      capexUsdM: r.capexUsdM,
      capexByCategory: { ...r.capexByCategory },
      chipMw: r.chipMw,
      poweredMw: r.poweredMw,
      waitingMw: r.waitingMw,
      idleChipMw: r.idleChipMw,
      cashUsdM: c.cashUsdM,
      debtUsdM: c.debtUsdM + c.revolverUsdM + c.vendorDebtUsdM,
      qualityBps: c.qualityBps,
      carbonTons: r.carbonTons,
    };
  }
  const market = {} as QuarterFigures['market'];
  for (const m of MARKET_TICKERS) {
    const x = state.market[m];
    market[m] = {
      priceCents: x.priceCents,
      changeBps: x.prevPriceCents > 0 ? Math.round(((x.priceCents - x.prevPriceCents) * 10_000) / x.prevPriceCents) : 0,
      tsrBps: tsrBps(x.priceCents, x.startPriceCents),
    };
  }
  const w = state.world;
  return {
    quarter: state.quarter - 1,
    companies,
    market,
    world: { era: w.era, sentimentBps: w.sentimentBps, agentAdoptionBps: w.agentAdoptionBps, monetizationBps: w.monetizationBps, cloudPriceUsd: w.cloudPriceUsd },
  };
}

/**
 * Each seat's return (bps): total shareholder return to the fundamental (closing) value per share —
 * operations, net cash and capacity being built, without sentiment, guidance or market mood (buybacks
 * count through the shares they retired); at most −100% for a company that went through a restructuring.
 */
export function finalReturns(state: GameState): Partial<Record<Ticker, number>> {
  const out: Partial<Record<Ticker, number>> = {};
  for (const t of state.seats) {
    const c = state.companies[t];
    out[t] = c ? countedReturnBps(c, fundamentalUsdM(c.value)) : 0;
  }
  return out;
}

/**
 * Each seat's final score (GAME.md "Game end"): its return against its company's par at the table's
 * level, in units of the company's swing, both for a game of the quarters played (10,000 = one swing above par; see scoreBpsOf).
 */
export function finalScores(state: GameState): Partial<Record<Ticker, number>> {
  const out: Partial<Record<Ticker, number>> = {};
  const sc = getScenario(state.scenarioId);
  const returns = finalReturns(state);
  const world = worldIndexBps(state.world, state.quarter);
  for (const t of state.seats) out[t] = scoreBpsOf(returns[t] ?? 0, companyDef(sc, t).par[state.parLevel], state.quarter, world);
  return out;
}

/** The ranking rule (GAME.md "Game end"): by score, best first, ties by ticker. Used by `ranking` and by clients' standings. */
export function rankByScore<T extends { ticker: Ticker; scoreBps: number }>(rows: readonly T[]): T[] {
  return [...rows].sort((a, b) => b.scoreBps - a.scoreBps || compareIds(a.ticker, b.ticker));
}

/** Seats ranked by final score, best first (ties by ticker), with the return each score is made of. */
export function ranking(state: GameState): { ticker: Ticker; scoreBps: number; returnBps: number }[] {
  const scores = finalScores(state);
  const returns = finalReturns(state);
  return rankByScore(state.seats.map((t) => ({ ticker: t, scoreBps: scores[t] ?? 0, returnBps: returns[t] ?? 0 })));
}

/**
 * Schedules a hidden shock (GAME.md "Hidden macro shocks"): a deck card that hits in a future
 * quarter, unseen by players until it does. Returns a new state, or the reason it cannot.
 */
export function scheduleShock(state: GameState, shock: ScheduledShock): Result<GameState> {
  const problems = [];
  if (!(CARD_IDS as readonly string[]).includes(shock.card)) problems.push({ key: 'shock.unknownCard', path: 'card', params: { card: String(shock.card) } });
  if (!Number.isSafeInteger(shock.quarter) || shock.quarter < state.quarter || shock.quarter >= state.quarterCount) {
    problems.push({ key: 'shock.quarter', path: 'quarter', params: { from: state.quarter, to: state.quarterCount - 1 } });
  }
  if (shock.region !== null && !(REGION_IDS as readonly string[]).includes(shock.region)) problems.push({ key: 'shock.region', path: 'region', params: { region: String(shock.region) } });
  if (state.finished) problems.push({ key: 'orders.gameOver', path: '', params: {} });
  if (problems.length > 0) return { ok: false, problems };
  const shocks = [...state.shocks, { quarter: shock.quarter, card: shock.card, region: shock.region }].sort((a, b) => a.quarter - b.quarter || compareIds(a.card, b.card));
  return { ok: true, value: { ...state, shocks } };
}
