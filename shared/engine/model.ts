/**
 * The economy's formulas (GAME.md "Decisions" and "Resolution"), shared by the phases, the
 * order validator, the client's preview and the bots. Pure functions of state + scenario.
 */
import { applyBps, clamp, mulDiv } from './math.js';
import type { ChipCohort, ChipType, Cooling, EnergySource, GameState, RegionId, Site } from './types.js';
import type { ChipGen, ConstantName, RegionDef, Scenario } from '../scenarios/types.js';
import { registered } from '../scenarios/index.js';

/** Constant values by name. */
export type Constants = Readonly<Record<ConstantName, number>>;

/** The scenario's constants as plain numbers (precomputed for registered scenarios). */
export function constantsOf(sc: Scenario): Constants {
  const reg = registered(sc);
  if (reg) return reg.constants;
  return Object.fromEntries(Object.entries(sc.constants).map(([k, v]) => [k, v.value])) as Record<ConstantName, number>;
}

/** The roadmap entry of a generation (the last one if beyond the roadmap). */
export function genInfo(sc: Scenario, gen: number): ChipGen {
  const at = sc.roadmap[gen];
  if (at !== undefined && at.gen === gen) return at; // roadmaps list generations in order from 0
  const last = sc.roadmap[sc.roadmap.length - 1];
  const g = sc.roadmap.find((r) => r.gen === gen) ?? last;
  if (!g) throw new Error('scenario has no chip roadmap');
  return g;
}

/** The newest generation shipping in a quarter (GAME.md "Visible future market"). */
export function genAt(sc: Scenario, quarter: number): number {
  let gen = 0;
  for (const r of sc.roadmap) if (r.quarter <= quarter) gen = r.gen;
  return gen;
}

/** List price per MW of a chip type in the current generation ($M), before the foundry ladder. */
export function chipListUsdMPerMw(sc: Scenario, K: Constants, type: ChipType, gen: number): number {
  const merchant = genInfo(sc, gen).merchantUsdMPerMw;
  if (type === 'merchant') return merchant;
  if (type === 'secondSource') return Math.max(1, applyBps(merchant, K.secondSourcePriceBps));
  return Math.max(1, applyBps(merchant, K.customPriceBps));
}

/** Compute units per MW of a cohort (before utilisation friction). */
export function perfPerMw(sc: Scenario, K: Constants, type: ChipType, gen: number): number {
  const base = genInfo(sc, gen).perfX100;
  if (type === 'merchant') return base;
  if (type === 'secondSource') return applyBps(base, K.secondSourcePerfBps);
  return applyBps(base, K.customPerfBps);
}

/** Utilisation of second-source chips: software friction that talent fixes (CALIBRATION chips). */
export function secondSourceUtilBps(K: Constants, researchers: number): number {
  return clamp(K.secondSourceBaseUtilBps + mulDiv(2_500, researchers, 3_000), 0, 9_500);
}

/** Capex per MW of a new energy project ($M): facility + cooling + source. */
export function energyUsdMPerMw(K: Constants, source: EnergySource, cooling: Cooling): number {
  const src =
    source === 'grid' ? K.gridUsdMPerMw : source === 'gas' ? K.gasUsdMPerMw : source === 'renewables' ? K.renewablesUsdMPerMw : K.nuclearUsdMPerMw;
  return K.facilityUsdMPerMw + (cooling === 'liquid' ? K.liquidUsdMPerMw : 0) + src;
}

/** Earliest quarter a project ordered now can be powered (before queue caps and backlogs). */
export function energyLeadQ(K: Constants, region: RegionDef, regionQueueQuarters: number, source: EnergySource): number {
  if (source === 'grid') return regionQueueQuarters;
  if (source === 'gas') return K.gasLeadQ;
  if (source === 'renewables') return region.renewablesLeadQ;
  return K.nuclearLeadQ;
}

/** Energy price of a source in a region ($/MWh). */
export function sourcePriceUsdPerMwh(K: Constants, regionPrice: number, source: EnergySource): number {
  if (source === 'grid') return regionPrice;
  if (source === 'gas') return K.gasPriceUsdPerMwh;
  if (source === 'renewables') return K.renewablesPriceUsdPerMwh;
  return K.nuclearPriceUsdPerMwh;
}

/** Total powered MW of a site. */
export function sitePoweredMw(site: Site): number {
  return site.poweredMw.grid + site.poweredMw.gas + site.poweredMw.renewables + site.poweredMw.nuclear;
}

/** Blended energy price of a site ($/MWh, rounded). */
export function siteBlendedPrice(K: Constants, site: Site, regionPrice: number): number {
  const total = sitePoweredMw(site);
  if (total === 0) return regionPrice;
  const p = site.poweredMw;
  const weighted =
    p.grid * sourcePriceUsdPerMwh(K, regionPrice, 'grid') + p.gas * sourcePriceUsdPerMwh(K, regionPrice, 'gas') +
    p.renewables * sourcePriceUsdPerMwh(K, regionPrice, 'renewables') + p.nuclear * sourcePriceUsdPerMwh(K, regionPrice, 'nuclear');
  return mulDiv(weighted, 1, total);
}

/** Blended carbon intensity of a site's power (g/kWh): grid at the region's, gas, or clean sources. */
export function siteCarbonGPerKwh(K: Constants, site: Site, regionCarbon: number): number {
  const total = sitePoweredMw(site);
  if (total === 0) return regionCarbon;
  const weighted = site.poweredMw.grid * regionCarbon + site.poweredMw.gas * K.gasCarbonGPerKwh + (site.poweredMw.renewables + site.poweredMw.nuclear) * K.cleanCarbonGPerKwh;
  return mulDiv(weighted, 1, total);
}

/** Tons of CO2 from running `mw` for a quarter at a carbon intensity (g/kWh = kg/MWh). */
export function carbonTons(K: Constants, mw: number, gPerKwh: number): number {
  return mulDiv(mw * K.hoursPerQuarter, gPerKwh, 1_000);
}

/** Energy cost of running `mw` for a quarter at `priceUsdPerMwh` ($M). */
export function energyCostUsdM(K: Constants, mw: number, priceUsdPerMwh: number): number {
  return mulDiv(mw * K.hoursPerQuarter, priceUsdPerMwh, 1_000_000);
}

/** Usable MW at a site this quarter: cooling and event derates applied (GAME.md phase 4). */
export function siteUsableMw(K: Constants, site: Site, derates: { heatDerateBps: number; waterRestrictBps: number; outageBps: number }): number {
  const powered = sitePoweredMw(site);
  const liquid = Math.min(site.liquidMw, powered);
  const air = powered - liquid;
  const liquidUsable = liquid - applyBps(liquid, derates.waterRestrictBps);
  const airUsable = applyBps(air, K.airEfficiencyBps);
  const gross = liquidUsable + airUsable;
  const derate = clamp(derates.heatDerateBps + derates.outageBps, 0, 10_000);
  return gross - applyBps(gross, derate);
}

/** Chips barred from a region by export controls (leading chips; GAME.md regions, China). */
export function chipAllowedIn(region: RegionDef, exportBanQ: number, type: ChipType): boolean {
  if (type === 'secondSource') return true;
  return !(region.leadingChipsBarred || exportBanQ > 0);
}

/** Training → quality curve with diminishing returns (F8). */
export function qualityFromStock(K: Constants, stock: number): number {
  return mulDiv(K.qualityMaxBps, stock, stock + K.trainingHalf);
}

/** The training stock that yields a given quality (inverse of qualityFromStock). */
export function stockForQuality(K: Constants, qualityBps: number): number {
  const q = clamp(qualityBps, 0, K.qualityMaxBps - 1);
  return mulDiv(K.trainingHalf, q, K.qualityMaxBps - q);
}

/** Tokens per task (×100) as agents spread (F6: agents use 10–25× the tokens of chat). */
export function tokensPerTaskX100(K: Constants, agentAdoptionBps: number): number {
  return 100 + mulDiv(K.tokensAgentMaxX100 - 100, agentAdoptionBps, 10_000);
}

/**
 * Cost index of the newest generation relative to gen 0 (bps): price per compute unit falls with
 * each generation (F6: cost per token falls fast), so older chips earn less (obsolescence).
 */
export function genCostIndexBps(sc: Scenario, gen: number): number {
  const g0 = genInfo(sc, 0);
  const g = genInfo(sc, gen);
  return mulDiv(g.merchantUsdMPerMw * g0.perfX100, 10_000, g.perfX100 * g0.merchantUsdMPerMw);
}

/**
 * Revenue per compute unit served ($ per quarter) by pricing model. Usage pricing tracks the
 * market price; a flat subscription earns a premium per seat but its usage grows with tokens per
 * task, so its revenue per unit falls as agents spread: the inference trap (F5).
 */
export function revenuePerUnitUsd(K: Constants, priceUsd: number, pricing: 'usage' | 'flat', tokensX100: number): number {
  if (pricing === 'usage') return priceUsd;
  return mulDiv(applyBps(priceUsd, K.flatPremiumBps), 100, tokensX100);
}

/**
 * Effective compute of a cohort this quarter, in compute units per MW. `secondUtilBps` is the
 * company's second-source utilisation, `secondSourceUtilBps(K, researchers)` (one figure per company
 * and quarter, so callers placing many cohorts work it out once).
 */
export function cohortPerf(sc: Scenario, K: Constants, c: Pick<ChipCohort, 'type' | 'gen'>, secondUtilBps: number): number {
  const p = perfPerMw(sc, K, c.type, c.gen);
  return c.type === 'secondSource' ? applyBps(p, secondUtilBps) : p;
}

/** Total chips installed (MW). */
export function chipMw(chips: readonly ChipCohort[]): number {
  let total = 0;
  for (const c of chips) total += c.mw;
  return total;
}

/** Interest rate (annual bps): base + leverage + sentiment (GAME.md "Financing"). */
export function interestRateBps(baseRateBps: number, debtUsdM: number, ebitdaQUsdM: number, sentimentBps: number): number {
  const annualEbitda = Math.max(1, ebitdaQUsdM * 4);
  const leverageX100 = mulDiv(debtUsdM, 100, annualEbitda);
  const leverageSpread = clamp(leverageX100, 0, 1_500);
  const sentimentSpread = clamp(mulDiv(10_000 - sentimentBps, 1, 20), -100, 500);
  return clamp(baseRateBps + leverageSpread + sentimentSpread, 100, 3_000);
}

/** Credit still available ($M): a multiple of annualised EBITDA less what is drawn. */
export function creditHeadroomUsdM(K: Constants, ebitdaQUsdM: number, debtUsdM: number, revolverUsdM: number, distressed: boolean): number {
  if (distressed) return 0;
  const limit = mulDiv(Math.max(0, ebitdaQUsdM) * 4, K.creditMultipleX10, 10);
  return Math.max(0, limit - debtUsdM - revolverUsdM);
}

/** Megawatts by region with every region listed, all 0 (one object shape for per-quarter figures). */
export function mwByRegion(): Record<RegionId, number> {
  return {
    'us-east': 0, 'us-texas': 0, 'us-west': 0, canada: 0, nordics: 0, 'eu-west': 0,
    'middle-east': 0, india: 0, sea: 0, 'japan-korea': 0, china: 0, latam: 0,
  };
}

/** A region's definition in a scenario. */
export function regionDef(sc: Scenario, id: RegionId): RegionDef {
  const reg = registered(sc);
  const r = reg ? reg.regions[id] : sc.regions.find((x) => x.id === id);
  if (!r) throw new Error(`unknown region ${id}`);
  return r;
}

/** Market cap ($M) from price (cents) and shares (millions). */
export function marketCapUsdM(priceCents: number, sharesM: number): number {
  return mulDiv(priceCents, sharesM, 100);
}

/** Total shareholder return (bps): price change plus cash returned per share. */
export function tsrBps(priceCents: number, returnedCentsPerShare: number, startPriceCents: number): number {
  return mulDiv(priceCents + returnedCentsPerShare - startPriceCents, 10_000, startPriceCents);
}

/** Number of quarters between now and a quarter (never negative). */
export function quartersUntil(state: GameState, quarter: number): number {
  return Math.max(0, quarter - state.quarter);
}
