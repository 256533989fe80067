/**
 * Phase 10: publish (GAME.md "Resolution" 10): the public quarterly report per company, revealed
 * orders, the quarter's events; the clock advances.
 */
import { capexUsdM, freeCashFlowUsdM, reportLedger, totalRevenueUsdM, type Ctx } from '../context.js';
import { appendKeepLast, ratioBps } from '../math.js';
import { marketCapUsdM, tsrBps } from '../model.js';

/** Writes reports and advances the quarter (the report takes over the scratch figures: work is not used after this). */
export function publishPhase(ctx: Ctx): void {
  const { state, q } = ctx;
  for (const { c, w, o } of ctx.seated) {
    const revenue = totalRevenueUsdM(w);
    const capex = capexUsdM(w);
    const opex = w.energyCostUsdM + w.inferenceCostUsdM + w.payrollUsdM + w.coreCostUsdM;
    const cloudCost = w.cloudServedUnits > 0 ? ratioBps(w.cloudServedUnits, Math.max(1, w.computeUnits)) : 0;
    // Cloud AI margin: revenue against its share of energy, inference opex and chip depreciation.
    const cloudCosts = Math.floor((w.energyCostUsdM * cloudCost) / 10_000) + Math.floor((w.depreciationUsdM * cloudCost) / 10_000) + Math.floor((w.cloudServedUnits * ctx.K.inferenceOpexUsdK) / 1_000);
    const fcf = freeCashFlowUsdM(w);
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
      tsrBps: tsrBps(c.priceCents, c.returnedCentsPerShare, c.startPriceCents),
      qualityBps: c.qualityBps,
      moveReasons: w.moveReasons,
      ledger: reportLedger(w),
    };
    c.lastOrders = o;
    c.capexHistoryUsdM = appendKeepLast(c.capexHistoryUsdM, capex, 4);
    c.guidanceHistoryUsdM = appendKeepLast(c.guidanceHistoryUsdM, c.guidanceCapexUsdM, 4);
    c.incomeHistoryUsdM = appendKeepLast(c.incomeHistoryUsdM, w.netIncomeUsdM, 4);
    c.lastRevenueUsdM = revenue;
    c.lastEbitdaUsdM = w.ebitdaUsdM;
  }
  state.events = ctx.events;
  state.quarter = q + 1;
  state.finished = state.quarter >= state.quarterCount;
}
