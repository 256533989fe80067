/**
 * Phase 10: publish (GAME.md "Resolution" 10): the public quarterly report per company, revealed
 * orders, the quarter's events; the clock advances.
 */
import { capexUsdM, freeCashFlowUsdM, reportLedger, totalRevenueUsdM, type Ctx } from '../context.js';
import { appendKeepLast, applyBps, mulDiv, ratioBps } from '../math.js';
import { companyDef, fundamentalCentsPerShare, marketCapUsdM, tsrBps } from '../model.js';
import { adjustedEarningsUsdM, copyValue, fundamentalUsdM, riskyProfitUsdM } from './market.js';

/** Total shareholder return to the fundamental value per share (bps; buybacks count through the shares they retired). */
export function fundamentalTsrBps(c: { sharesM: number; startPriceCents: number }, fundamentalUsdM: number): number {
  return tsrBps(fundamentalCentsPerShare(fundamentalUsdM, c.sharesM), c.startPriceCents);
}

/**
 * The return a company counts (bps): its return to fundamental value, or at most −100% if it went
 * through a restructuring (its shareholders were all but wiped out).
 */
export function countedReturnBps(c: { sharesM: number; startPriceCents: number; restructured: boolean }, fundamentalUsdM: number): number {
  const tsr = fundamentalTsrBps(c, fundamentalUsdM);
  return c.restructured ? Math.min(tsr, -10_000) : tsr;
}

/**
 * A company's par table (`CompanyDef.par`): rows [quarters, returnBps, swingBps, worldBps, worldSlopeX100],
 * sorted by quarters — the par in a game of average world (`worldBps`: the average monetization over the
 * quarters played, across the games measured), and how much the par moves with the world (return bps per
 * bps of average monetization, ×100).
 */
export type ParTable = readonly (readonly [quarters: number, returnBps: number, swingBps: number, worldBps: number, worldSlopeX100: number])[];

/** How well AI paid in this game so far (bps): the average monetization over the quarters played (the start's before any). */
export function worldIndexBps(world: { monetizationBps: number; monetizationSumBps: number }, quartersPlayed: number): number {
  return quartersPlayed > 0 ? Math.floor(world.monetizationSumBps / quartersPlayed) : world.monetizationBps;
}

/**
 * A company's par and swing after `quarters` quarters (bps) in a world whose index is `worldBps`
 * (worldIndexBps; null: the average world): its table interpolated linearly between the two lengths
 * around it (before the first length the par and its slope from 0 at 0, the first swing; beyond the last,
 * the last row), then the par moved by the slope × how far this world is from the average one — in a game
 * where AI paid, every management does better (or worse, if it bet against it), and the par follows.
 */
export function parAt(table: ParTable, quarters: number, worldBps: number | null = null): { parBps: number; swingBps: number } {
  const first = table[0];
  if (!first) return { parBps: 0, swingBps: 10_000 };
  let [q0, p0, w0, r0, s0] = [0, 0, first[2], first[3], 0];
  let at: [number, number, number, number] | null = null;
  for (const [q1, p1, w1, r1, s1] of table) {
    if (quarters <= q1) {
      const span = Math.max(1, q1 - q0);
      const into = Math.max(0, quarters - q0);
      at = [p0 + mulDiv(p1 - p0, into, span), w0 + mulDiv(w1 - w0, into, span), r0 + mulDiv(r1 - r0, into, span), s0 + mulDiv(s1 - s0, into, span)];
      break;
    }
    [q0, p0, w0, r0, s0] = [q1, p1, w1, r1, s1];
  }
  const [par, swing, ref, slope] = at ?? [p0, w0, r0, s0];
  const moved = worldBps === null ? 0 : mulDiv(worldBps - ref, slope, 100);
  return { parBps: par + moved, swingBps: Math.max(1, swing) };
}

/**
 * The score (GAME.md "Game end"): how far the return beat the company's par — the return its own
 * default management reaches at a table of this level (`table`: the company's par table for the game's
 * `parLevel`) in a game of that length and in a world like this one (`worldBps`: worldIndexBps) — in units
 * of its swing (how far its good games go above that par), so a company whose results barely move can win
 * as often as one whose results swing wildly, luck of the world (AI paying off or not) is not skill, a short
 * class game is as fair as a full one, and at an easy table the bar is what easy managements reach.
 * 10,000 = one swing above par (the client shows it as points: 100 = one swing). `quarters`: the quarters played.
 */
export function scoreBpsOf(returnBps: number, table: ParTable, quarters: number, worldBps: number | null = null): number {
  const { parBps, swingBps } = parAt(table, quarters, worldBps);
  return mulDiv(returnBps - parBps, 10_000, swingBps);
}

/** Writes reports and advances the quarter (the report takes over the scratch figures: work is not used after this). */
export function publishPhase(ctx: Ctx): void {
  const { state, q } = ctx;
  for (const { c, w, o } of ctx.seated) {
    const revenue = totalRevenueUsdM(w);
    const capex = capexUsdM(w);
    const opex = w.energyCostUsdM + w.inferenceCostUsdM + w.payrollUsdM + w.coreCostUsdM;
    const cloudShare = w.cloudServedUnits > 0 ? ratioBps(w.cloudServedUnits, Math.max(1, w.computeUnits)) : 0;
    // Cloud AI margin: revenue less write-offs, against its share of energy, running cost and chip depreciation.
    const cloudCosts = applyBps(w.energyCostUsdM + w.inferenceCostUsdM + w.depreciationUsdM, cloudShare) + w.writeOffsUsdM;
    const fcf = freeCashFlowUsdM(w);
    const fundamental = fundamentalUsdM(c.value);
    c.report = {
      quarter: q,
      revenueUsdM: revenue,
      selfUseRevenueUsdM: w.selfUseRevenueUsdM,
      cloudRevenueUsdM: w.cloudRevenueUsdM,
      licenseRevenueUsdM: w.licenseRevenueUsdM,
      energyRevenueUsdM: w.energyRevenueUsdM,
      coreRevenueUsdM: w.coreRevenueUsdM,
      opexUsdM: opex,
      energyCostUsdM: w.energyCostUsdM,
      carbonTons: w.carbonTons,
      inferenceCostUsdM: w.inferenceCostUsdM,
      payrollUsdM: w.payrollUsdM,
      depreciationUsdM: w.depreciationUsdM,
      impairmentUsdM: w.impairmentUsdM,
      writeOffsUsdM: w.writeOffsUsdM,
      interestUsdM: w.interestUsdM,
      netIncomeUsdM: w.netIncomeUsdM,
      freeCashFlowUsdM: fcf,
      capexUsdM: capex,
      capexByCategory: w.capex,
      chipMw: w.chipMw,
      poweredMw: w.poweredMw,
      waitingMw: w.waitingMw,
      usedMw: w.usedMw,
      idleChipMw: w.idleChipMw,
      computeUnits: w.computeUnits,
      cloudDemandUnits: w.cloudDemandUnits,
      cloudServedUnits: w.cloudServedUnits,
      unmetCloudBps: w.cloudDemandUnits > 0 ? ratioBps(w.cloudDemandUnits - w.cloudServedUnits, w.cloudDemandUnits) : 0,
      cloudMarginBps: w.cloudAiRevenueUsdM > 0 ? ratioBps(w.cloudAiRevenueUsdM - cloudCosts, w.cloudAiRevenueUsdM) : 0,
      priceMoveBps: w.priceMoveBps,
      marketCapUsdM: marketCapUsdM(c.priceCents, c.sharesM),
      tsrBps: tsrBps(c.priceCents, c.startPriceCents),
      fundamentalUsdM: fundamental,
      scoreBps: scoreBpsOf(countedReturnBps(c, fundamental), companyDef(ctx.scenario, c.ticker).par[state.parLevel], q + 1, worldIndexBps(state.world, q + 1)),
      credibilityBps: c.credibilityBps,
      chipsOrderedMw: w.chipsOrderedMw,
      chipsAllocatedMw: w.chipsAllocatedMw,
      qualityBps: c.qualityBps,
      moveReasons: w.moveReasons,
      value: copyValue(c.value),
      ledger: reportLedger(w),
    };
    c.lastOrders = o;
    c.capexHistoryUsdM = appendKeepLast(c.capexHistoryUsdM, capex, 4);
    c.guidanceHistoryUsdM = appendKeepLast(c.guidanceHistoryUsdM, c.guidanceCapexUsdM, 4);
    c.incomeHistoryUsdM = appendKeepLast(c.incomeHistoryUsdM, adjustedEarningsUsdM(w, ctx.K.taxBps), 4);
    c.revenueHistoryUsdM = appendKeepLast(c.revenueHistoryUsdM, revenue, 4);
    c.riskyRevenueHistoryUsdM = appendKeepLast(c.riskyRevenueHistoryUsdM, w.cloudAiRevenueUsdM + w.labRevenueUsdM, 4);
    c.riskyProfitHistoryUsdM = appendKeepLast(c.riskyProfitHistoryUsdM, riskyProfitUsdM(w), 4);
    c.lastRevenueUsdM = revenue;
    c.lastEbitdaUsdM = w.ebitdaUsdM;
  }
  state.events = ctx.events;
  state.quarter = q + 1;
  state.finished = state.quarter >= state.quarterCount;
}
