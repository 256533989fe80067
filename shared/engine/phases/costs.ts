/**
 * Phase 7: costs (GAME.md "Resolution" 7): energy at regional prices, inference opex, payroll,
 * the core business's costs, depreciation and obsolescence, interest, vendor repayments, tax;
 * then the revolver and distress (GAME.md "Game end").
 */
import { emit, LINE, moveCashOf, totalRevenueUsdM, type Ctx } from '../context.js';
import { applyBps, BPS, mulDiv } from '../math.js';
import { carbonTons, creditHeadroomUsdM, energyCostUsdM, interestRateBps, regionDef, siteBlendedPrice, siteCarbonGPerKwh, sitePoweredMw } from '../model.js';
import type { RegionId } from '../types.js';

/** Runs the costs phase. */
export function costsPhase(ctx: Ctx): void {
  const { K, state } = ctx;
  for (const { seat, c, w } of ctx.seated) {
    // Energy: used MW at the site's blended price plus a carbon price; powered-but-idle MW pay a standby share.
    let energy = 0;
    let tons = 0;
    for (const key in c.sites) {
      const id = key as RegionId;
      const site = c.sites[id]!;
      const price = siteBlendedPrice(K, site, state.regions[id].priceUsdPerMwh);
      const used = w.usedMwByRegion[id];
      const standby = Math.max(0, sitePoweredMw(site) - used);
      const siteTons = carbonTons(K, used, siteCarbonGPerKwh(K, site, regionDef(ctx.scenario, id).carbonGPerKwh));
      tons += siteTons;
      energy += energyCostUsdM(K, used, price) + applyBps(energyCostUsdM(K, standby, price), K.standbyEnergyBps) + mulDiv(siteTons, K.carbonPriceUsdPerTon, 1_000_000);
    }
    w.carbonTons = tons;
    w.energyCostUsdM = energy;
    ctx.market.energyOpexUsdM += energy;
    const labServed = c.labContracts.reduce((a, lc) => a + lc.units, 0);
    w.inferenceCostUsdM = mulDiv(w.selfUnits + w.cloudServedUnits + Math.min(labServed, w.cloudUnits), K.inferenceOpexUsdK, 1_000);
    w.payrollUsdM = mulDiv(c.researchers, c.compUsdK, 1_000);
    w.coreCostUsdM = applyBps(c.coreRevenueUsdM, BPS - c.coreMarginBps) + applyBps(c.cloudBaseUsdM, BPS - K.legacyCloudMarginBps) + applyBps(w.energyRevenueUsdM, BPS - K.energyBusinessMarginBps);
    // Depreciation; chips generations behind are written off and retired (obsolescence).
    let depr = 0;
    let impairment = 0;
    const keep = [];
    for (const ch of c.chips) {
      if (ch.gen <= state.world.currentGen - K.obsoleteGens) {
        impairment += ch.bookUsdM;
        emit(ctx, { kind: 'chipsRetired', key: 'event.chipsRetired', seat, region: null, headline: false, params: { seat, mw: ch.mw, gen: ch.gen, writeOff: ch.bookUsdM } });
        continue;
      }
      const d = Math.min(ch.bookUsdM, ch.deprUsdM);
      ch.bookUsdM -= d;
      depr += d;
      keep.push(ch);
    }
    c.chips = keep;
    const facilityDepr = mulDiv(c.facilitiesBookUsdM, 1, K.facilityDeprQuarters);
    c.facilitiesBookUsdM -= facilityDepr;
    w.depreciationUsdM = depr + facilityDepr;
    w.impairmentUsdM = impairment;
    // Interest: the rate rises with leverage and falling sentiment; vendor debt costs 2% more.
    const ebitdaGuess = Math.max(1, c.lastEbitdaUsdM);
    const rate = interestRateBps(state.world.baseRateBps, c.debtUsdM + c.revolverUsdM + c.vendorDebtUsdM, ebitdaGuess, state.world.sentimentBps);
    // Net interest: debt at the company's rate, vendor debt 2% dearer; cash earns the base rate less 1%.
    const earned = mulDiv(Math.max(0, c.cashUsdM), Math.max(0, state.world.baseRateBps - 100), 4 * BPS);
    w.interestUsdM = mulDiv(c.debtUsdM + c.revolverUsdM, rate, 4 * BPS) + mulDiv(c.vendorDebtUsdM, rate + 200, 4 * BPS) - earned;
    const vendorRepay = Math.min(c.vendorDebtUsdM, Math.max(mulDiv(c.vendorDebtUsdM, K.vendorRepayBps, BPS), c.vendorDebtUsdM < 50 ? c.vendorDebtUsdM : 0));
    c.vendorDebtUsdM -= vendorRepay;
    const revenue = totalRevenueUsdM(w);
    const expensed = w.capex.talent + w.capex.data + w.capex.program + w.licenseCostUsdM;
    const opCash = w.energyCostUsdM + w.inferenceCostUsdM + w.payrollUsdM + w.coreCostUsdM;
    const pretax = revenue - opCash - expensed - w.depreciationUsdM - w.impairmentUsdM - w.interestUsdM;
    const tax = pretax > 0 ? applyBps(pretax, K.taxBps) : 0;
    w.netIncomeUsdM = pretax - tax;
    w.ebitdaUsdM = revenue - opCash - expensed;
    moveCashOf(c, w, LINE.opex, -opCash);
    moveCashOf(c, w, LINE.interest, -w.interestUsdM);
    moveCashOf(c, w, LINE.tax, -tax);
    moveCashOf(c, w, LINE.vendorRepay, -vendorRepay);
    settleLiquidity(ctx, seat);
  }
}

/** Draws or repays the revolver; a company short of cash with no credit left is distressed. */
export function settleLiquidity(ctx: Ctx, seat: (typeof ctx.state.seats)[number]): void {
  const { K } = ctx;
  const c = ctx.state.companies[seat];
  const w = ctx.work[seat];
  if (!c || !w) return;
  if (c.cashUsdM < K.minCashUsdM) {
    const headroom = creditHeadroomUsdM(K, Math.max(w.ebitdaUsdM, c.lastEbitdaUsdM), c.debtUsdM, c.revolverUsdM, false);
    const draw = Math.min(headroom, K.minCashUsdM - c.cashUsdM);
    if (draw > 0) {
      c.revolverUsdM += draw;
      moveCashOf(c, w, LINE.revolverDraw, draw);
    }
  } else if (c.revolverUsdM > 0) {
    const excess = c.cashUsdM - K.minCashUsdM - mulDiv(Math.abs(w.ebitdaUsdM), 1, 2);
    const repay = Math.min(c.revolverUsdM, Math.max(0, excess));
    if (repay > 0) {
      c.revolverUsdM -= repay;
      moveCashOf(c, w, LINE.revolverRepay, -repay);
    }
  }
  const wasDistressed = c.distressed;
  c.distressed = c.cashUsdM < 0;
  if (c.distressed && !wasDistressed) {
    emit(ctx, { kind: 'distressed', key: 'event.distressed', seat, region: null, headline: true, params: { seat, shortfall: -c.cashUsdM } });
  } else if (!c.distressed && wasDistressed) {
    emit(ctx, { kind: 'recovered', key: 'event.recovered', seat, region: null, headline: true, params: { seat } });
  }
}
