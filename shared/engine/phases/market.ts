/**
 * Phase 8: earnings and the market (GAME.md "Resolution" 8). The AI sentiment index moves with
 * aggregate results and circular-financing exposure; each company's stock reacts to its revenue
 * surprise, capex guidance against consensus (rewarded when the AI returns are its own, punished
 * when they depend on third parties), capacity constraints, sentiment and a valuation anchor;
 * the suppliers' tickers follow what players spend (GAME.md "The market ticker").
 */
import { capexUsdM, emit, freeCashFlowUsdM, totalRevenueUsdM, type Ctx } from '../context.js';
import { applyBps, BPS, clamp, isqrt, mulDiv, ratioBps, sumLast } from '../math.js';
import { marketCapUsdM } from '../model.js';
import { streamFor } from '../rng.js';
import { MARKET_TICKERS, type CompanyState, type MarketTicker } from '../types.js';

/** AI revenue of a company this quarter: self-use uplift, AI cloud, lab contracts, licenses. */
function aiRevenue(w: Ctx['work'][keyof Ctx['work']]): number {
  return w.selfUseRevenueUsdM + w.cloudAiRevenueUsdM + w.labRevenueUsdM + w.licenseRevenueUsdM;
}

/** Operating value ($M) before sentiment and discounts: half earnings × P/E, half revenue × P/S. */
export function operatingValueUsdM(c: CompanyState, revenueUsdM: number): number {
  const income = c.incomeHistoryUsdM.reduce((a, b) => a + b, 0);
  const n = Math.max(1, c.incomeHistoryUsdM.length);
  const annual = Math.max(0, mulDiv(income, 4, n));
  return mulDiv(mulDiv(annual, c.fairPeX1000, 1_000) + mulDiv(revenueUsdM * 4, c.fairPsX10000, 10_000), 1, 2);
}

/** Discount (bps) for dependence on customers who do not monetize (F2, F9). */
export function dependenceDiscountBps(dependence: number, monetizationBps: number, dependenceWeightBps: number): number {
  return clamp(mulDiv(mulDiv(dependence, BPS - monetizationBps, BPS), dependenceWeightBps, 1_000), 0, 5_000);
}

/**
 * The market's fair value of a company ($M): operating value × sentiment, discounted for
 * dependence on customers who do not monetize, plus net cash (so hoarded cash is worth its face
 * value and buybacks are not free).
 */
export function fairValueUsdM(c: CompanyState, revenueUsdM: number, sentimentBps: number, dependence: number, monetizationBps: number, dependenceWeightBps: number): number {
  const op = mulDiv(mulDiv(operatingValueUsdM(c, revenueUsdM), sentimentBps, BPS), BPS - dependenceDiscountBps(dependence, monetizationBps, dependenceWeightBps), BPS);
  return op + c.cashUsdM - c.debtUsdM - c.revolverUsdM - c.vendorDebtUsdM;
}

/** Share of AI revenue that comes from third parties (cloud + labs), in bps. */
export function dependenceBps(w: Ctx['work'][keyof Ctx['work']]): number {
  const ai = aiRevenue(w);
  return ai > 0 ? ratioBps(w.cloudAiRevenueUsdM + w.labRevenueUsdM, ai) : 0;
}

/** Runs the market phase. */
export function marketPhase(ctx: Ctx): void {
  const { K, state, q } = ctx;
  const world = state.world;
  const rng = streamFor(state.seed, q, 'market');
  // Sentiment: AI revenue growth against capex growth, monetization, circular exposure.
  let aggAi = 0;
  let aggCapex = 0;
  let vendorDebt = 0;
  for (const { w, c } of ctx.seated) {
    aggAi += aiRevenue(w);
    aggCapex += capexUsdM(w);
    vendorDebt += c.vendorDebtUsdM;
  }
  world.labFinancingUsdM = vendorDebt;
  const aiGrowth = world.lastAiRevenueUsdM > 0 ? ratioBps(aggAi - world.lastAiRevenueUsdM, world.lastAiRevenueUsdM) : 0;
  const capexGrowth = world.lastCapexUsdM > 0 ? ratioBps(aggCapex - world.lastCapexUsdM, world.lastCapexUsdM) : 0;
  const exposure = ratioBps(vendorDebt, Math.max(1, aggAi));
  const before = world.sentimentBps;
  const delta =
    clamp(mulDiv(aiGrowth - capexGrowth, 1, 12), -300, 300) +
    mulDiv(world.monetizationBps - 1_500, 1, 20) -
    mulDiv(exposure, 1, 50) +
    mulDiv(BPS - before, 1, 10);
  world.sentimentBps = clamp(before + delta, 3_000, 15_000);
  const sentimentMove = world.sentimentBps - before;
  world.lastAiRevenueUsdM = aggAi;
  world.lastCapexUsdM = aggCapex;

  for (const { seat, c, w, o } of ctx.seated) {
    const reasons: Record<string, number> = {};
    const revenue = totalRevenueUsdM(w);
    reasons['revenue'] = clamp(mulDiv(ratioBps(revenue - c.consensusRevenueUsdM, Math.max(1, c.consensusRevenueUsdM)), K.revWeightBps, BPS), -2_000, 2_000);
    const ai = aiRevenue(w);
    const selfShare = ai > 0 ? ratioBps(w.selfUseRevenueUsdM, ai) : 5_000;
    const guidanceInForce = c.guidanceCapexUsdM;
    if (o.guidanceCapexUsdM !== c.guidanceCapexUsdM) {
      const gap = ratioBps(o.guidanceCapexUsdM - c.consensusCapexUsdM, Math.max(1, c.consensusCapexUsdM));
      const punish = world.era === 'monetizationReckoning' ? mulDiv(K.capexWeightBps, 3, 2) : K.capexWeightBps;
      const factor = mulDiv(selfShare, K.selfWeightBps, BPS) - mulDiv(BPS - selfShare, punish, BPS);
      const excess = mulDiv(Math.max(0, gap - K.capexExcessGapBps), K.capexExcessWeightBps, BPS);
      // A cut is rewarded half as much as a raise is punished (markets distrust flip-flops).
      // The reaction scales with how much capex matters to the company (capex against market cap):
      // a guide change at Apple (capex ~0.4% of its value) moves it far less than one at Meta (~7%).
      const intensity = ratioBps(c.consensusCapexUsdM, Math.max(1, marketCapUsdM(c.priceCents, c.sharesM)));
      const sizeBps = clamp(isqrt(ratioBps(intensity, K.capexIntensityRefBps) * BPS), 2_000, 15_000);
      const raw = mulDiv(mulDiv(gap, factor, BPS) - excess, sizeBps, BPS);
      reasons['capexGuidance'] = clamp(gap < 0 ? mulDiv(raw, 1, 2) : raw, -1_500, 1_500);
      c.guidanceCapexUsdM = o.guidanceCapexUsdM;
      c.consensusCapexUsdM = o.guidanceCapexUsdM;
    }
    // Guidance is checked against what is then spent: the last four quarters' capex against the
    // guides in force while it was spent (a full year into the game; a guide not kept loses credibility).
    if (c.guidanceHistoryUsdM.length >= 3 && q >= 4) {
      const spent = sumLast(c.capexHistoryUsdM, 3) + capexUsdM(w);
      const guided = mulDiv(sumLast(c.guidanceHistoryUsdM, 3) + guidanceInForce, 1, 4);
      const miss = Math.abs(ratioBps(spent - guided, Math.max(1, guided)));
      if (miss > K.guidanceToleranceBps) reasons['credibility'] = 0 - clamp(mulDiv(miss - K.guidanceToleranceBps, K.credibilityWeightBps, BPS), 0, 800);
    }
    const unmet = w.cloudDemandUnits > 0 ? ratioBps(w.cloudDemandUnits - w.cloudServedUnits, w.cloudDemandUnits) : 0;
    // The market learns of a constraint when it shows (the baseline quarter counts as unknown), F2.
    const prevUnmet = c.report.quarter >= 0 ? c.report.unmetCloudBps : 0;
    // Only news moves the stock: a constraint that worsens (lost revenue already shows in revenue).
    const constraint = mulDiv(Math.max(0, unmet - prevUnmet), K.capacityWeightBps, BPS);
    reasons['capacity'] = 0 - clamp(mulDiv(constraint, BPS - selfShare, BPS), 0, 1_500);
    reasons['sentiment'] = mulDiv(sentimentMove, K.sentimentBetaBps, BPS);
    const fcf = freeCashFlowUsdM(w);
    reasons['cashFlow'] = clamp(mulDiv(ratioBps(fcf * 4, Math.max(1, marketCapUsdM(c.priceCents, c.sharesM))), K.fcfWeightBps, BPS), -300, 300);
    const cap = marketCapUsdM(c.priceCents, c.sharesM);
    const fair = fairValueUsdM(c, revenue, world.sentimentBps, dependenceBps(w), world.monetizationBps, K.dependenceWeightBps);
    // The growth the market expected is priced in: multiples shrink by it (see CompanyState.fairPeX1000).
    c.fairPeX1000 = Math.max(1, mulDiv(c.fairPeX1000, BPS, BPS + c.coreGrowthBps));
    c.fairPsX10000 = Math.max(1, mulDiv(c.fairPsX10000, BPS, BPS + c.coreGrowthBps));
    reasons['valuation'] = clamp(mulDiv(ratioBps(fair - cap, Math.max(1, cap)), K.anchorWeightBps, BPS), -2_000, 2_000);
    if (o.finance.equityUsdM > 0) reasons['dilution'] = 0 - clamp(ratioBps(o.finance.equityUsdM, Math.max(1, cap)) * 2, 0, 1_500);
    if (c.distressed) reasons['distress'] = -2_500;
    reasons['noise'] = rng.range(-K.noiseBps, K.noiseBps);
    let move = 0;
    for (const k in reasons) move += reasons[k] ?? 0;
    move = clamp(move, -5_000, 5_000);
    c.priceCents = Math.max(1, mulDiv(c.priceCents, BPS + move, BPS));
    w.priceMoveBps = move;
    w.moveReasons = reasons;
    // Analysts extrapolate the core growth they now see, model-quality edge included.
    c.consensusRevenueUsdM = mulDiv(revenue, BPS + c.coreGrowthBps + w.coreEdgeBps, BPS);
    if (move <= -800 || move >= 800) {
      emit(ctx, { kind: move < 0 ? 'stockFell' : 'stockRose', key: move < 0 ? 'event.stockFell' : 'event.stockRose', seat, region: null, headline: true, params: { seat, moveBps: move } });
    }
  }

  // Suppliers and indices: the road-builders' tickers follow what players spend (F17).
  const drivers: Record<MarketTicker, number> = {
    NVDA: ctx.market.merchantUsdM,
    AMD: ctx.market.secondSourceUsdM,
    AVGO: ctx.market.customUsdM + ctx.market.programUsdM,
    TSM: ctx.market.merchantUsdM + ctx.market.secondSourceUsdM + ctx.market.customUsdM,
    UTIL: ctx.market.energyCapexUsdM + ctx.market.energyOpexUsdM,
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
      m.externalUsdM = applyBps(m.externalUsdM, BPS + ctx.scenario.marketStart[t].externalGrowthBps);
      const smoothed = mulDiv(m.driverUsdM + drivers[t] + m.externalUsdM, 1, 2);
      move = clamp(mulDiv(ratioBps(smoothed - m.driverUsdM, Math.max(1, m.driverUsdM)), 6, 10), -3_000, 3_000) + mulDiv(sentimentMove, 1, 2);
      m.driverUsdM = smoothed;
    }
    move = clamp(move + rng.range(-100, 100), -5_000, 5_000);
    m.priceCents = Math.max(1, mulDiv(m.priceCents, BPS + move, BPS));
  }
}
