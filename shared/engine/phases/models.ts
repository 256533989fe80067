/**
 * Phase 5: models (GAME.md "Resolution" 5). Training compute → model quality with diminishing
 * returns (F8), times data coverage (F7: data wall; synthetic data above its share degrades models)
 * and talent; licensing a model sets a floor (F10).
 */
import { emit, LINE, moveCash, payCash, type Ctx } from '../context.js';
import { applyBps, BPS, clamp, mulDiv } from '../math.js';
import { licenseFeeUsdM, qualityFromStock, researchersPerGw, trainingTalentBps } from '../model.js';
import type { Ticker } from '../types.js';

/**
 * The data a quarter's training needs and the data the company has for it: its human data stretched
 * by its synthetic share (at most 90%). What licensing must buy is the difference.
 */
export function dataNeedAndHeld(humanData: number, syntheticBps: number, trainingUnits: number, dataPerUnit: number): { need: number; effective: number } {
  return { need: mulDiv(trainingUnits, dataPerUnit, 1_000), effective: mulDiv(humanData, BPS, BPS - clamp(syntheticBps, 0, 9_000)) };
}

/** Data coverage of this quarter's training (bps) and the model-collapse penalty (bps). */
export function dataFactors(humanData: number, syntheticBps: number, trainingUnits: number, dataPerUnit: number, safeBps: number, collapseBps: number): { coverageBps: number; collapseBps: number } {
  const { need, effective } = dataNeedAndHeld(humanData, syntheticBps, trainingUnits, dataPerUnit);
  const coverageBps = need <= 0 ? BPS : clamp(mulDiv(effective, BPS, need), 0, BPS);
  const penalty = clamp(mulDiv(Math.max(0, syntheticBps - safeBps), collapseBps, BPS), 0, BPS);
  return { coverageBps, collapseBps: penalty };
}

/** Runs training, data and licensing. */
export function modelsPhase(ctx: Ctx): void {
  const { K, state, scenario } = ctx;
  const eraFactor = state.world.era === 'trainingBoom' ? BPS : 7_500;
  for (const { seat, c, w, o } of ctx.seated) {
    const def = scenario.companies.find((d) => d.ticker === seat);
    c.humanData = c.humanData - applyBps(c.humanData, K.dataDecayBps) + (c.consumer && def ? def.firstPartyData : 0);
    c.syntheticBps = o.data.syntheticBps;
    const f = dataFactors(c.humanData, o.data.syntheticBps, w.trainingUnits, K.dataPerUnit, K.syntheticSafeBps, K.collapseBps);
    // Researchers turn compute and data into a better model: with few for the fleet, training is mostly wasted.
    const talent = trainingTalentBps(K, researchersPerGw(c.researchers, w.chipMw));
    const efficiency = mulDiv(mulDiv(f.coverageBps, BPS - f.collapseBps, BPS), talent, BPS);
    const gained = mulDiv(applyBps(w.trainingUnits, efficiency), eraFactor, BPS);
    const decay = applyBps(c.trainingStock, K.trainingDecayBps);
    // Model collapse also erodes what the model already knows (F7).
    const collapse = mulDiv(c.trainingStock, f.collapseBps, BPS * 8);
    c.trainingStock = Math.max(0, c.trainingStock - decay - collapse + gained);
    if (f.collapseBps > 0) {
      emit(ctx, { kind: 'modelDegraded', key: 'event.modelDegraded', seat, region: null, headline: false, params: { seat, syntheticBps: o.data.syntheticBps } });
    }
  }
  // Quality: own model, or a licensed one (at a discount) if better.
  const own: Partial<Record<Ticker, number>> = {};
  for (const seat of state.seats) {
    const c = state.companies[seat];
    if (c) own[seat] = qualityFromStock(K, c.trainingStock);
  }
  for (const { seat, c, w, o } of ctx.seated) {
    let quality = own[seat] ?? 0;
    if (o.licenseFrom) {
      const source = o.licenseFrom === 'LAB' ? K.labQualityBps : (own[o.licenseFrom] ?? 0);
      quality = Math.max(quality, applyBps(source, K.licenseQualityBps));
      const fee = licenseFeeUsdM(K, c.upliftUsdM);
      payCash(ctx, seat, LINE.license, fee);
      w.licenseCostUsdM += fee;
      if (o.licenseFrom === 'LAB') ctx.market.labPaymentsUsdM += fee;
      else if (state.companies[o.licenseFrom]) {
        moveCash(ctx, o.licenseFrom, LINE.licenseIncome, fee);
        ctx.work[o.licenseFrom]!.licenseRevenueUsdM += fee;
      }
      if (c.licensedFrom !== o.licenseFrom) {
        emit(ctx, { kind: 'modelLicensed', key: 'event.modelLicensed', seat, region: null, headline: true, params: { seat, from: o.licenseFrom, fee } });
      }
    }
    c.licensedFrom = o.licenseFrom;
    c.qualityBps = quality;
  }
  let frontier = K.labQualityBps;
  let totalQ = 0;
  let n = 0;
  for (const { c } of ctx.seated) {
    frontier = Math.max(frontier, c.qualityBps);
    totalQ += c.qualityBps;
    n += 1;
  }
  state.world.frontierQualityBps = frontier;
  state.world.avgQualityBps = n > 0 ? mulDiv(totalQ, 1, n) : 0;
}
