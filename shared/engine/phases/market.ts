/**
 * Phase 8: earnings and the market (GAME.md "Resolution" 8). The stock price is the market's value of
 * the company divided by its shares, and the value is a sum of parts a teacher can point at:
 *
 *   operations   = ½ × P/E × trailing operating earnings + ½ × P/S × trailing revenue, the company's own
 *                  businesses at its multiples, its third-party AI business (cloud AI, lab contracts) at
 *                  the AI-cloud sector's multiples whoever runs it (sum of the parts)
 *   at risk      = minus the share of third-party AI profit and revenue whose customers do not monetize
 *                  (F2, F9: only what is at risk is discounted, never the core business)
 *   expectations = the multiples shrink each quarter by the core growth the market priced in at the
 *                  start, so only results beyond it add value
 *   sentiment    = the AI index above or below neutral, on the AI part of operations
 *   net cash     = cash − debt − credit line − vendor loans
 *   construction = chips on order and power being built, at what the market expects a dollar of them to
 *                  be worth (F3: more than a dollar when the returns are the company's own and it has
 *                  room to use them; F2: less when they depend on customers who do not monetize)
 *   guidance     = the market's reaction to a capex programme it did not expect (a new guide, or spending
 *                  at a higher pace): credibility × a multi-year horizon × (value per $ − 1) × the surprise,
 *                  less doubt on a sudden jump (F4); it fades as the capex turns into capacity, and it is
 *                  never worth more (or less) than a quarter of the fundamental value
 *   mood         = market noise that fades
 *
 * Each quarter's move is the exact sum of the changes of these parts (plus the effect of shares issued
 * or bought back): the reasons shown to the player. The final score counts only the fundamental parts
 * (operations, at risk, net cash, construction): guidance, sentiment and mood move the price, never the
 * score. Credibility is updated here: spending that misses the guidance in force costs credibility.
 */
import { capexUsdM, emit, LINE, payCashOf, totalRevenueUsdM, type CompanyWork, type Ctx } from '../context.js';
import { applyBps, BPS, clamp, mulDiv, ratioBps, sumLast } from '../math.js';
import { capexValueBps, energyUsdMPerMw, nextCredibilityBps } from '../model.js';
import { streamFor, type Rng } from '../rng.js';
import { MARKET_TICKERS, type CompanyState, type MarketTicker, type ValueParts } from '../types.js';
import type { Constants } from '../model.js';

/** The reasons a price moves, in the order the player sees them. */
export const MOVE_REASONS = ['earnings', 'revenue', 'atRisk', 'expectations', 'sentiment', 'cash', 'construction', 'guidance', 'mood', 'shares'] as const;
export type MoveReason = (typeof MOVE_REASONS)[number];

/** AI revenue of a company this quarter: self-use uplift, AI cloud, lab contracts, licenses. */
export function aiRevenueUsdM(w: CompanyWork): number {
  return w.selfUseRevenueUsdM + w.cloudAiRevenueUsdM + w.labRevenueUsdM + w.licenseRevenueUsdM;
}

/** A copy of value parts, field by field (one object shape). */
export function copyValue(v: ValueParts): ValueParts {
  return { earnings: v.earnings, revenue: v.revenue, atRisk: v.atRisk, sentiment: v.sentiment, netCash: v.netCash, construction: v.construction, guidance: v.guidance, premium: v.premium, mood: v.mood };
}

/** Zero value in every part. */
export function zeroValue(): ValueParts {
  return { earnings: 0, revenue: 0, atRisk: 0, sentiment: 0, netCash: 0, construction: 0, guidance: 0, premium: 0, mood: 0 };
}

/** The fundamental (closing) value: what the final score counts ($M). */
export function fundamentalUsdM(v: ValueParts): number {
  return v.earnings + v.revenue + v.atRisk + v.netCash + v.construction;
}

/** The market's whole value: the fundamental value plus sentiment, guidance, the programme premium and mood ($M). */
export function marketValueUsdM(v: ValueParts): number {
  return fundamentalUsdM(v) + v.sentiment + v.guidance + v.premium + v.mood;
}

/** Chips on order and power being built, at cost ($M). */
export function constructionUsdM(K: Constants, c: CompanyState): number {
  let total = 0;
  for (const s of c.shipments) total += s.costUsdM;
  for (const p of c.projects) total += p.mw * energyUsdMPerMw(K, p.source, p.cooling);
  return total;
}

/** What the operations are worth: earnings and revenue halves and the discount for what is at risk. */
export interface Operations {
  earnings: number;
  revenue: number;
  atRisk: number;
}

/**
 * The operations' value (sum of the parts). The company's own businesses at its multiples; its
 * third-party AI business (cloud AI and lab contracts: `riskyProfitUsdM`, `riskyRevenueUsdM`) at the AI
 * cloud sector's multiples, whoever runs it — so a high-multiple company gains nothing from renting out
 * compute that a cloud company would not — less the share at risk of customers who may not monetize.
 * All amounts annual.
 */
export function operations(K: Constants, peX1000: number, psX10000: number, earningsUsdM: number, revenueUsdM: number, riskyProfitUsdM: number, riskyRevenueUsdM: number, discountBps: number): Operations {
  const ownEarnings = Math.max(0, earningsUsdM - riskyProfitUsdM);
  const ownRevenue = Math.max(0, revenueUsdM - Math.max(0, riskyRevenueUsdM));
  const riskyEarnings = mulDiv(riskyProfitUsdM, K.aiCloudPeX1000, 2_000);
  const riskyRevenue = mulDiv(Math.max(0, riskyRevenueUsdM), K.aiCloudPsX10000, 20_000);
  return {
    earnings: mulDiv(ownEarnings, peX1000, 2_000) + riskyEarnings,
    revenue: mulDiv(ownRevenue, psX10000, 20_000) + riskyRevenue,
    atRisk: 0 - applyBps(Math.max(0, riskyEarnings), discountBps) - applyBps(riskyRevenue, discountBps),
  };
}

/** The at-risk discount (bps): the share of customers who do not monetize, times its weight (F9). */
export function atRiskDiscountBps(K: Constants, monetizationBps: number): number {
  return mulDiv(BPS - clamp(monetizationBps, 0, BPS), K.atRiskWeightBps, BPS);
}

/**
 * Third-party AI profit this quarter ($M): cloud and lab revenue less write-offs and the running cost,
 * energy and chip depreciation of the compute that served it.
 */
export function riskyProfitUsdM(w: CompanyWork): number {
  if (w.computeUnits <= 0) return w.cloudAiRevenueUsdM + w.labRevenueUsdM - w.writeOffsUsdM;
  const share = ratioBps(Math.min(w.computeUnits, w.cloudServedUnits + w.labServedUnits), w.computeUnits);
  const costs = applyBps(w.energyCostUsdM + w.inferenceCostUsdM + w.depreciationUsdM, share);
  return w.cloudAiRevenueUsdM + w.labRevenueUsdM - w.writeOffsUsdM - costs;
}

/**
 * A quarter's operating earnings as the market values them ($M): net income before net interest —
 * operations are valued on what they earn, and debt is counted once, in net cash — with one-off
 * write-downs (obsolete chips retired, fire-sale losses) added back. Each is added back after tax:
 * it lowered the tax bill as much as it lowered income. The company keeps the last four.
 */
export function adjustedEarningsUsdM(w: CompanyWork, taxBps: number): number {
  return w.netIncomeUsdM + applyBps(w.interestUsdM + w.impairmentUsdM + w.fireSaleLossUsdM, BPS - taxBps);
}

/**
 * Credibility after a quarter (GAME.md "Guidance"): the last four quarters' capex — the three before
 * and `capexUsdM` now — against what the company said it would spend: the guidance in force in each
 * of the three quarters before, and `guidanceUsdM`, the one it stands by now. Used by the market phase
 * and by the order desk's preview.
 */
export function credibilityAfterBps(
  K: Constants,
  c: { credibilityBps: number; capexHistoryUsdM: readonly number[]; guidanceHistoryUsdM: readonly number[] },
  capexUsdM: number,
  guidanceUsdM: number,
): number {
  const recent = sumLast(c.capexHistoryUsdM, 3) + capexUsdM;
  const inForce = guidancesInForce(c);
  const guided = mulDiv(sumLast(c.guidanceHistoryUsdM, inForce) + guidanceUsdM, 1, inForce + 1);
  return nextCredibilityBps(K, c.credibilityBps, recent, guided);
}

/** How many earlier guidances the credibility check averages with the new one (the three before, when there are). */
function guidancesInForce(c: { guidanceHistoryUsdM: readonly number[] }): number {
  return Math.min(3, c.guidanceHistoryUsdM.length);
}

/**
 * The new guidance that squares the credibility check (`credibilityAfterBps`) for four quarters' capex of
 * `recentUsdM`: the one that makes the average guidance equal to it (negative when the guidances before
 * already average more). Hard bots guide by it (shared/bots/plan.ts).
 */
export function squaringGuidanceUsdM(c: { guidanceHistoryUsdM: readonly number[] }, recentUsdM: number): number {
  const inForce = guidancesInForce(c);
  return recentUsdM * (inForce + 1) - sumLast(c.guidanceHistoryUsdM, inForce);
}

/**
 * The market's reaction to a capex programme it did not expect (GAME.md Guidance; F2–F4): the
 * programme (the new guidance, or this quarter's spending annualised if larger) against what the market
 * expected, valued over a multi-year horizon at the market's value per dollar less one — and doubted
 * beyond a jump of guidanceExcessGapBps (half as much for capex whose returns are the company's own).
 * Weighted by credibility: a management that does not do what it says moves the price less.
 */
export function programmeReactionUsdM(K: Constants, credibilityBps: number, surpriseUsdM: number, expectedUsdM: number, selfShareBps: number, valueBps: number): number {
  const excess = Math.max(0, surpriseUsdM - applyBps(expectedUsdM, K.guidanceExcessGapBps));
  const doubt = applyBps(applyBps(excess, K.guidanceExcessWeightBps), BPS - mulDiv(selfShareBps, 1, 2));
  const programme = applyBps(surpriseUsdM, valueBps - BPS) - doubt;
  return mulDiv(applyBps(programme, credibilityBps), K.guidanceHorizonX10, 10);
}

/** The circular-financing unwind: vendor debt called, lab contracts cancelled, the index hit (F11). */
function unwind(ctx: Ctx, rng: Rng): void {
  const { state } = ctx;
  state.world.unwound = true;
  state.world.sentimentBps = clamp(state.world.sentimentBps - 2_000, 7_000, 13_000);
  state.market.LABS.priceCents = Math.max(1, applyBps(state.market.LABS.priceCents, 6_000));
  state.market.NVDA.priceCents = Math.max(1, applyBps(state.market.NVDA.priceCents, 7_500));
  emit(ctx, { kind: 'circularUnwind', key: 'event.circularUnwind', seat: null, region: null, headline: true, params: { exposure: state.world.labFinancingUsdM } });
  for (const { seat, c, w } of ctx.seated) {
    const called = mulDiv(c.vendorDebtUsdM, 1, 2);
    if (called <= 0 && c.labContracts.length === 0) continue;
    if (called > 0) {
      c.vendorDebtUsdM -= called;
      payCashOf(c, w, LINE.vendorCalled, called);
      w.vendorUnwindUsdM = called;
    }
    let lost = 0;
    c.labContracts = c.labContracts.filter((lc) => {
      if (rng.chanceBps(5_000)) return true;
      lost += lc.usdMPerQuarter * lc.quartersLeft;
      return false;
    });
    emit(ctx, { kind: 'unwindHit', key: 'event.unwindHit', seat, region: null, headline: true, params: { seat, called, lost } });
  }
}

/** Splits a move (bps) among reasons so they add up exactly: the rounding goes to the largest. */
function exactReasons(raw: Record<string, number>, move: number): Record<string, number> {
  let sum = 0;
  let largest = 'mood';
  for (const k in raw) {
    sum += raw[k] as number;
    if (Math.abs(raw[k] as number) > Math.abs(raw[largest] ?? 0)) largest = k;
  }
  raw[largest] = (raw[largest] ?? 0) + move - sum;
  return raw;
}

/** Runs the market phase. */
export function marketPhase(ctx: Ctx): void {
  const { K, state, q, scenario } = ctx;
  const world = state.world;
  const rng = streamFor(state.seed, q, 'market');
  let aggAi = 0;
  let aggCapex = 0;
  let vendorDebt = 0;
  for (const { w, c } of ctx.seated) {
    aggAi += aiRevenueUsdM(w);
    aggCapex += capexUsdM(w);
    vendorDebt += c.vendorDebtUsdM;
  }
  world.labFinancingUsdM = vendorDebt;
  // The circular loop unwinds when exposure is high and sentiment low (F11): its effects are this quarter's reasons.
  const exposure = ratioBps(vendorDebt, Math.max(1, world.lastAiRevenueUsdM));
  if (!world.unwound && vendorDebt > 0 && exposure >= K.unwindExposureBps && world.sentimentBps <= K.unwindSentimentBps) unwind(ctx, rng);
  else if (world.unwound && vendorDebt === 0) world.unwound = false;
  // The AI sentiment index: AI revenue growth against capex growth, monetization, circular exposure.
  const aiGrowth = world.lastAiRevenueUsdM > 0 ? ratioBps(aggAi - world.lastAiRevenueUsdM, world.lastAiRevenueUsdM) : 0;
  const capexGrowth = world.lastCapexUsdM > 0 ? ratioBps(aggCapex - world.lastCapexUsdM, world.lastCapexUsdM) : 0;
  const before = world.sentimentBps;
  const delta = clamp(mulDiv(aiGrowth - capexGrowth, 1, 12), -300, 300) + mulDiv(world.monetizationBps - 1_500, 1, 20) - mulDiv(exposure, 1, 50) + mulDiv(BPS - before, 1, 10);
  world.sentimentBps = clamp(before + delta, 7_000, 13_000);
  world.lastAiRevenueUsdM = aggAi;
  world.lastCapexUsdM = aggCapex;
  const discount = atRiskDiscountBps(K, world.monetizationBps);

  for (const { seat, c, w, o } of ctx.seated) {
    // Credibility: the last four quarters' capex against what the company said it would spend — the
    // guidance in force in each of the three quarters before, and the one it stands by now.
    const capex = capexUsdM(w);
    const recent = sumLast(c.capexHistoryUsdM, 3) + capex;
    c.credibilityBps = credibilityAfterBps(K, c, capex, o.guidanceCapexUsdM);
    c.guidanceCapexUsdM = o.guidanceCapexUsdM;
    // Operations at last quarter's multiples, then at this quarter's (the growth priced in).
    const revenue = totalRevenueUsdM(w);
    // Trailing four quarters of earnings and revenue (a quarter's lumps do not swing the value).
    const earnings = sumLast(c.incomeHistoryUsdM, 3) + adjustedEarningsUsdM(w, K.taxBps);
    const annualRevenue = sumLast(c.revenueHistoryUsdM, 3) + revenue;
    // The third-party AI business over the same four quarters (kept by the publish phase).
    const riskyRevenue = sumLast(c.riskyRevenueHistoryUsdM, 3) + w.cloudAiRevenueUsdM + w.labRevenueUsdM;
    const risky = sumLast(c.riskyProfitHistoryUsdM, 3) + riskyProfitUsdM(w);
    const old = operations(K, c.fairPeX1000, c.fairPsX10000, earnings, annualRevenue, risky, riskyRevenue, discount);
    c.fairPeX1000 = Math.max(1, mulDiv(c.fairPeX1000, BPS, BPS + c.coreGrowthBps));
    c.fairPsX10000 = Math.max(1, mulDiv(c.fairPsX10000, BPS, BPS + c.coreGrowthBps));
    const ops = operations(K, c.fairPeX1000, c.fairPsX10000, earnings, annualRevenue, risky, riskyRevenue, discount);
    // Sentiment on the AI share of operations.
    const ai = aiRevenueUsdM(w);
    const aiShare = revenue > 0 ? ratioBps(ai, revenue) : 0;
    const sentiment = applyBps(applyBps(applyBps(ops.earnings + ops.revenue + ops.atRisk, aiShare), world.sentimentBps - BPS), K.sentimentBetaBps);
    // What the market makes of new capex: a dollar is worth more than a dollar when the returns are the
    // company's own (and it has headroom), less when they depend on customers who may not monetize.
    const selfShare = ai > 0 ? ratioBps(w.selfUseRevenueUsdM, ai) : 5_000;
    const cap = applyBps(c.coreRevenueUsdM, c.upliftCapBps);
    const headroom = cap > 0 ? clamp(BPS - ratioBps(c.upliftUsdM, cap), 0, BPS) : 0;
    const perDollar = capexValueBps(K, selfShare, headroom, world.monetizationBps);
    // Guidance: the last programme's reaction fades as its capex turns into capacity; a programme the
    // market did not expect (a new guide, or spending at a higher pace) moves the price now.
    const programme = Math.max(c.guidanceCapexUsdM, capex * 4);
    const reaction = programme === c.consensusCapexUsdM ? 0 : programmeReactionUsdM(K, c.credibilityBps, programme - c.consensusCapexUsdM, c.consensusCapexUsdM, selfShare, perDollar);
    const netCash = c.cashUsdM - c.debtUsdM - c.revolverUsdM - c.vendorDebtUsdM;
    // Capacity being built, at what the market expects it to be worth: below cost counts in the
    // fundamental value; a premium above cost is the market's view of the programme (not in the score).
    const building = constructionUsdM(K, c);
    const construction = applyBps(building, Math.min(BPS, perDollar));
    // The programme's reaction is bounded by a share of what the company is worth (its fundamental value).
    const bound = applyBps(Math.max(0, ops.earnings + ops.revenue + ops.atRisk + netCash + construction), K.guidanceCapBps);
    // (0 - bound, not -bound: a bound of 0 would store -0, which JSON turns into 0.)
    const guidance = clamp(applyBps(c.value.guidance, K.guidanceFadeBps) + reaction, 0 - bound, bound);
    const premium = applyBps(building, Math.max(0, perDollar - BPS));
    const beforeMood = ops.earnings + ops.revenue + ops.atRisk + sentiment + netCash + construction + guidance + premium;
    const mood = applyBps(c.value.mood, K.moodDecayBps) + applyBps(Math.max(0, beforeMood), rng.range(-K.moodBps, K.moodBps));
    const prev = c.value;
    const next: ValueParts = { earnings: ops.earnings, revenue: ops.revenue, atRisk: ops.atRisk, sentiment, netCash, construction, guidance, premium, mood };
    // The price is the value over the shares. Its move is split into the change of each part (over
    // last quarter's market cap) and the effect of shares issued or bought back this quarter; the
    // rounding goes to the largest reason, so the reasons add up to the move exactly.
    const p0 = c.priceCents;
    const n0 = w.sharesStartM;
    const cap0 = Math.max(1, mulDiv(p0, n0, 100));
    const v1 = marketValueUsdM(next);
    // New equity is priced now, with its cash in the value: at a discount to the lower of the price and
    // the fundamental value per share (so no one can sell shares dearer than they are worth).
    if (w.equityRaisedUsdM > 0) {
      const perShare = mulDiv(Math.max(1, Math.min(v1, fundamentalUsdM(next))), 100, Math.max(1, c.sharesM));
      const issueCents = Math.max(1, applyBps(perShare, BPS - K.equityDiscountBps));
      c.sharesM += Math.max(1, mulDiv(w.equityRaisedUsdM, 100, issueCents));
    }
    // Buybacks retire shares at the market's price, the value before the cash left (what the sellers
    // are paid): the price does not move, but the fundamental value per share rises when the market
    // priced the shares below it and falls when above (buy back when the stock is cheap).
    if (w.buybackUsdM > 0) {
      const paidCents = Math.max(1, mulDiv(Math.max(1, v1 + w.buybackUsdM), 100, Math.max(1, c.sharesM)));
      c.sharesM = Math.max(1, c.sharesM - mulDiv(w.buybackUsdM, 100, paidCents));
    }
    const p1 = Math.max(1, mulDiv(Math.max(0, v1), 100, Math.max(1, c.sharesM)));
    const move = ratioBps(p1 - p0, p0);
    const raw: Record<string, number> = {
      earnings: ratioBps(old.earnings - prev.earnings, cap0),
      revenue: ratioBps(old.revenue - prev.revenue, cap0),
      atRisk: ratioBps(old.atRisk - prev.atRisk, cap0),
      expectations: ratioBps(ops.earnings + ops.revenue + ops.atRisk - old.earnings - old.revenue - old.atRisk, cap0),
      sentiment: ratioBps(sentiment - prev.sentiment, cap0),
      cash: ratioBps(netCash - prev.netCash, cap0),
      construction: ratioBps(construction - prev.construction, cap0),
      guidance: ratioBps(guidance + premium - prev.guidance - prev.premium, cap0),
      mood: ratioBps(mood - prev.mood, cap0),
      shares: n0 === c.sharesM ? 0 : ratioBps(mulDiv(Math.max(0, v1), n0 - c.sharesM, c.sharesM), cap0),
    };
    const reasons = exactReasons(raw, move);
    c.value = next;
    c.priceCents = p1;
    w.priceMoveBps = move;
    w.moveReasons = reasons;
    c.consensusCapexUsdM = applyBps(programme, c.credibilityBps) + applyBps(recent, BPS - c.credibilityBps);
    c.consensusRevenueUsdM = mulDiv(revenue, BPS + c.coreGrowthBps + w.coreEdgeBps, BPS);
    // An equity cushion gone is a covenant breach: distress (no price below a tenth of its start without one).
    if (p1 * 10 < c.startPriceCents && !c.distressed) {
      c.distressed = true;
      emit(ctx, { kind: 'distressed', key: 'event.covenantBreach', seat, region: null, headline: true, params: { seat, shortfall: 0 } });
    }
    if (move <= -800 || move >= 800) {
      emit(ctx, { kind: move < 0 ? 'stockFell' : 'stockRose', key: move < 0 ? 'event.stockFell' : 'event.stockRose', seat, region: null, headline: true, params: { seat, moveBps: move } });
    }
  }

  // Suppliers and indices: the road-builders' tickers follow what players spend (F17).
  const sentimentMove = world.sentimentBps - before;
  const drivers: Record<MarketTicker, number> = {
    NVDA: ctx.market.merchantUsdM,
    AMD: ctx.market.secondSourceUsdM,
    AVGO: ctx.market.customUsdM + ctx.market.programUsdM,
    TSM: ctx.market.merchantUsdM + ctx.market.secondSourceUsdM + ctx.market.customUsdM,
    UTIL: ctx.market.energyDeliveredUsdM + ctx.market.energyOpexUsdM,
    SAAS: 0,
    LABS: ctx.market.labPaymentsUsdM + vendorDebt,
  };
  for (const t of MARKET_TICKERS) {
    const m = state.market[t];
    m.prevPriceCents = m.priceCents;
    let move: number;
    if (t === 'SAAS') {
      // F12: software falls as agents get better.
      move = 0 - mulDiv(Math.max(0, world.avgQualityBps - m.driverUsdM), 3, 1) + mulDiv(sentimentMove, 3, 10) - 50;
      m.driverUsdM = world.avgQualityBps;
    } else {
      // The road-builders sell to players and to the rest of the world (which grows on its own).
      m.externalUsdM = applyBps(m.externalUsdM, BPS + scenario.marketStart[t].externalGrowthBps);
      const smoothed = mulDiv(m.driverUsdM + drivers[t] + m.externalUsdM, 1, 2);
      move = clamp(mulDiv(ratioBps(smoothed - m.driverUsdM, Math.max(1, m.driverUsdM)), 6, 10), -3_000, 3_000) + mulDiv(sentimentMove, 1, 2);
      m.driverUsdM = smoothed;
    }
    move = clamp(move + rng.range(-100, 100), -5_000, 5_000);
    m.priceCents = Math.max(1, mulDiv(m.priceCents, BPS + move, BPS));
  }
}
