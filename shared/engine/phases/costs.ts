/**
 * Phase 7: costs (GAME.md "Resolution" 7): energy at regional prices, the running cost of compute,
 * payroll, the core business's costs, depreciation and obsolescence, interest, vendor repayments, tax;
 * then liquidity (GAME.md "Game end"), as a ladder a company climbs down only as far as it must:
 *
 * 1. Cash below zero draws the credit line, up to the credit headroom.
 * 2. Still short: the company is distressed and sells chips at half their book value, oldest first.
 * 3. Still short: rescue equity at a 30% discount covers the rest, up to doubling the share count.
 * 4. Still short: restructuring. Creditors take the company (old shareholders keep a tenth), the debt
 *    they hold becomes the cash that covers the shortfall, and the seat is ranked last.
 */
import { emit, LINE, moveCashOf, payCashOf, totalRevenueUsdM, type Ctx } from '../context.js';
import { applyBps, BPS, mulDiv } from '../math.js';
import { carbonTons, computeOpsUsdM, researchersPerGw, creditHeadroomUsdM, energyCostUsdM, interestRateBps, regionDef, siteBlendedPrice, siteCarbonGPerKwh, sitePoweredMw } from '../model.js';
import type { ChipCohort, CompanyState, RegionId, Ticker } from '../types.js';
import type { CompanyWork } from '../context.js';

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
    // Running the compute: per MW in use, less what the company's researchers save (F4), measured per GW of chips.
    w.inferenceCostUsdM = computeOpsUsdM(K, w.usedMw, researchersPerGw(c.researchers, w.chipMw));
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
    // Interest: the rate rises with leverage, falling sentiment and lost credibility; vendor debt costs 2% more.
    const ebitdaGuess = Math.max(1, c.lastEbitdaUsdM);
    const rate = interestRateBps(K, state.world.baseRateBps, c.debtUsdM + c.revolverUsdM + c.vendorDebtUsdM, ebitdaGuess, state.world.sentimentBps, c.credibilityBps);
    // Net interest: debt at the company's rate, vendor debt 2% dearer; cash earns the base rate less 1%.
    const earned = mulDiv(Math.max(0, c.cashUsdM), Math.max(0, state.world.baseRateBps - 100), 4 * BPS);
    w.interestUsdM = mulDiv(c.debtUsdM + c.revolverUsdM, rate, 4 * BPS) + mulDiv(c.vendorDebtUsdM, rate + 200, 4 * BPS) - earned;
    const vendorRepay = Math.min(c.vendorDebtUsdM, Math.max(mulDiv(c.vendorDebtUsdM, K.vendorRepayBps, BPS), c.vendorDebtUsdM < 50 ? c.vendorDebtUsdM : 0));
    c.vendorDebtUsdM -= vendorRepay;
    const revenue = totalRevenueUsdM(w);
    const expensed = w.capex.talent + w.capex.data + w.capex.program + w.licenseCostUsdM + w.reservationFeeUsdM;
    const opCash = w.energyCostUsdM + w.inferenceCostUsdM + w.payrollUsdM + w.coreCostUsdM;
    const pretax = revenue - w.writeOffsUsdM - opCash - expensed - w.depreciationUsdM - w.impairmentUsdM - w.interestUsdM;
    const tax = pretax > 0 ? applyBps(pretax, K.taxBps) : 0;
    w.netIncomeUsdM = pretax - tax;
    w.ebitdaUsdM = revenue - w.writeOffsUsdM - opCash - expensed;
    payCashOf(c, w, LINE.opex, opCash);
    payCashOf(c, w, LINE.interest, w.interestUsdM);
    payCashOf(c, w, LINE.tax, tax);
    payCashOf(c, w, LINE.vendorRepay, vendorRepay);
    settleLiquidity(ctx, seat);
  }
}

/** Sells chips at the fire-sale share of book, oldest first, until `shortUsdM` is raised; returns the cash raised. */
function sellChips(K: Ctx['K'], c: CompanyState, w: CompanyWork, shortUsdM: number): number {
  const byAge = c.chips.slice().sort((a: ChipCohort, b: ChipCohort) => a.boughtQ - b.boughtQ || a.gen - b.gen);
  let raised = 0;
  const sold = new Set<ChipCohort>();
  for (const ch of byAge) {
    if (raised >= shortUsdM) break;
    const price = applyBps(ch.bookUsdM, K.fireSaleBps);
    if (price <= 0) continue;
    if (raised + price <= shortUsdM) {
      raised += price;
      w.fireSaleLossUsdM += ch.bookUsdM - price;
      sold.add(ch);
      continue;
    }
    // Part of the cohort covers the rest.
    const needed = shortUsdM - raised;
    const mw = Math.min(ch.mw, Math.max(1, mulDiv(ch.mw, needed, price)));
    const book = mulDiv(ch.bookUsdM, mw, ch.mw);
    const got = applyBps(book, K.fireSaleBps);
    raised += got;
    w.fireSaleLossUsdM += book - got;
    ch.deprUsdM = mulDiv(ch.deprUsdM, ch.mw - mw, ch.mw);
    ch.bookUsdM -= book;
    ch.mw -= mw;
    if (ch.mw <= 0) sold.add(ch);
  }
  if (sold.size > 0) c.chips = c.chips.filter((ch) => !sold.has(ch));
  return raised;
}

/**
 * Liquidity after the quarter's cash moves: the credit line, then the distress ladder (see the top of
 * this file). Every step is a cash line of the ledger and a headline.
 */
export function settleLiquidity(ctx: Ctx, seat: Ticker): void {
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
      payCashOf(c, w, LINE.revolverRepay, repay);
    }
  }
  const wasDistressed = c.distressed;
  if (c.cashUsdM < 0) {
    const short = -c.cashUsdM;
    const raised = sellChips(K, c, w, short);
    if (raised > 0) {
      moveCashOf(c, w, LINE.assetSale, raised);
      emit(ctx, { kind: 'assetsSold', key: 'event.assetsSold', seat, region: null, headline: true, params: { seat, amount: raised, loss: w.fireSaleLossUsdM } });
    }
  }
  if (c.cashUsdM < 0) {
    const short = -c.cashUsdM;
    const price = Math.max(1, applyBps(c.priceCents, BPS - K.forcedEquityDiscountBps));
    const shares = mulDiv(short, 100, price);
    if (shares <= c.sharesM) {
      c.sharesM += Math.max(1, shares);
      moveCashOf(c, w, LINE.forcedEquity, short);
      emit(ctx, { kind: 'forcedEquity', key: 'event.forcedEquity', seat, region: null, headline: true, params: { seat, amount: short, shares } });
    } else {
      restructure(ctx, seat);
    }
  }
  c.distressed = c.cashUsdM < 0 || w.fireSaleLossUsdM > 0 || (w.ledgerMoved & (1 << LINE.forcedEquity)) !== 0;
  if (c.distressed && !wasDistressed) {
    emit(ctx, { kind: 'distressed', key: 'event.distressed', seat, region: null, headline: true, params: { seat, shortfall: Math.max(0, -c.cashUsdM) } });
  } else if (!c.distressed && wasDistressed) {
    emit(ctx, { kind: 'recovered', key: 'event.recovered', seat, region: null, headline: true, params: { seat } });
  }
}

/**
 * Restructuring (bankruptcy): creditors take the company. The shortfall is covered by converting debt
 * they hold into new shares (old shareholders keep restructureKeepBps of the company); the seat keeps
 * playing with a sound balance sheet but is ranked last.
 */
function restructure(ctx: Ctx, seat: Ticker): void {
  const { K } = ctx;
  const c = ctx.state.companies[seat]!;
  const w = ctx.work[seat]!;
  const short = -c.cashUsdM;
  const owed = c.debtUsdM + c.revolverUsdM + c.vendorDebtUsdM;
  // Creditors write their claims off and put in the cash the company lacks, for (1 − keep) of it.
  const newShares = mulDiv(c.sharesM, BPS - K.restructureKeepBps, K.restructureKeepBps);
  c.sharesM += newShares;
  c.debtUsdM = 0;
  c.revolverUsdM = 0;
  c.vendorDebtUsdM = 0;
  moveCashOf(c, w, LINE.forcedEquity, short);
  c.restructured = true;
  emit(ctx, { kind: 'restructured', key: 'event.restructured', seat, region: null, headline: true, params: { seat, debt: owed, shortfall: short } });
}
