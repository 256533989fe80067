/**
 * The economy's formulas (GAME.md "Decisions" and "Resolution"), shared by the phases, the
 * order validator, the client's preview and the bots. Pure functions of state + scenario.
 */
import { applyBps, BPS, clamp, mulDiv, ratioBps, saturate } from './math.js';
import type { ChipCohort, ChipType, Cooling, CompanyState, EnergySource, GameState, LabContract, RegionId, Site, Ticker } from './types.js';
import type { ChipGen, CompanyDef, ConstantName, RegionDef, Scenario } from '../scenarios/types.js';
import { getScenario as getScenarioById, registered } from '../scenarios/index.js';

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

/**
 * What an AI lab pays a quarter for a MW of the newest chips under a multi-quarter contract ($M): a share
 * of the chips' list price a quarter (F11: labs commit to compute at a premium to spot; the price follows
 * what the capacity costs, generation by generation).
 */
export function labPriceUsdMPerMw(sc: Scenario, K: Constants, gen: number): number {
  return Math.max(1, applyBps(chipListUsdMPerMw(sc, K, 'merchant', gen), K.labPriceBpsOfList));
}

/**
 * The generation of the chips a company buys of a type this quarter: the newest for merchant and
 * second-source GPUs; for custom silicon, the generation its design program last caught up with.
 */
export function chipGenFor(type: ChipType, currentGen: number, program: { designGen: number }): number {
  return type === 'custom' ? Math.min(currentGen, program.designGen) : currentGen;
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

/**
 * Capex per MW of a new energy project ($M): facility + cooling + source; gas turbines at the
 * quarter's turbine price (`turbineBps`, bps of list).
 */
export function energyUsdMPerMw(K: Constants, source: EnergySource, cooling: Cooling, turbineBps = 10_000): number {
  const src =
    source === 'grid' ? K.gridUsdMPerMw : source === 'gas' ? applyBps(K.gasUsdMPerMw, turbineBps) : source === 'renewables' ? K.renewablesUsdMPerMw : K.nuclearUsdMPerMw;
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

/**
 * Powered MW of a site usable this quarter, by cooling (GAME.md phase 4, F15): liquid-cooled halls lose
 * what a water restriction cuts; heat waves and outages derate both.
 */
export function siteRoomMw(site: Site, derates: { heatDerateBps: number; waterRestrictBps: number; outageBps: number }): { liquidMw: number; airMw: number } {
  const powered = sitePoweredMw(site);
  const liquid = Math.min(site.liquidMw, powered);
  const derate = clamp(derates.heatDerateBps + derates.outageBps, 0, 10_000);
  const liquidMw = liquid - applyBps(liquid, derates.waterRestrictBps);
  const airMw = powered - liquid;
  return { liquidMw: liquidMw - applyBps(liquidMw, derate), airMw: airMw - applyBps(airMw, derate) };
}

/**
 * Compute a MW of leading chips (merchant, custom) gives in an air-cooled hall (bps of its speed):
 * parts over 1,000 W are at air cooling's limit and run throttled (F15). Second-source chips, less
 * dense, run at full speed in air.
 */
export function airSpeedBps(K: Constants, type: ChipType): number {
  return type === 'secondSource' ? BPS : K.airEfficiencyBps;
}

/** Chips barred from a region by export controls (leading chips; GAME.md regions, China). */
export function chipAllowedIn(region: RegionDef, exportBanQ: number, type: ChipType): boolean {
  if (type === 'secondSource') return true;
  return !(region.leadingChipsBarred || exportBanQ > 0);
}

/**
 * A model licence's fee this quarter ($M): a flat fee plus a royalty on the self-use uplift the licensee
 * earned last quarter (F10: Apple pays ~$1B a year for Gemini; a bigger business pays more for the same
 * model). Known when ordering, so the order desk and the validator see the same fee.
 */
export function licenseFeeUsdM(K: Constants, upliftUsdM: number): number {
  return K.licenseFeeUsdM + applyBps(Math.max(0, upliftUsdM), K.licenseRoyaltyBps);
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
 * Self-use uplift ($M a quarter): the AI gains a company's own business keeps (GAME.md "Self-use",
 * F3). `cap` is the most AI can add; `effectiveUnits` is self-use compute × model quality; `needUnits`
 * is the compute at which half the cap is earned, which grows with tokens per task (agents and
 * reasoning use more compute for the same job, F6). Diminishing returns: uplift = cap × x / (x + need).
 */
export function selfUpliftUsdM(capUsdM: number, effectiveUnits: number, needUnits: number): number {
  if (capUsdM <= 0 || effectiveUnits <= 0) return 0;
  return mulDiv(capUsdM, effectiveUnits, effectiveUnits + Math.max(1, needUnits));
}

/** The self-use compute at which a company earns half its uplift cap, at today's tokens per task. */
export function selfNeedUnits(baseNeedUnits: number, tokensX100: number, startTokensX100: number): number {
  return mulDiv(baseNeedUnits, tokensX100, Math.max(1, startTokensX100));
}

/**
 * The cloud price's scarcity factor (bps): demand against the compute offered for it. Where they meet
 * the price is the reference price; customers queueing raise it (capped), a glut lowers it toward a
 * floor: factor = ½ + ½ × demand / offered, within [glut floor, scarcity cap] (GAME.md "Cloud").
 */
export function cloudScarcityBps(K: Constants, demandUnits: number, offeredUnits: number): number {
  const tightness = ratioBps(demandUnits, Math.max(1, offeredUnits));
  return clamp(5_000 + mulDiv(tightness, 1, 2), K.cloudGlutFloorBps, K.cloudScarcityCapBps);
}

/**
 * The foundry's spot price for this quarter (bps of list, F16; GAME.md "Price ladders"), from the
 * bookings (players' and outside buyers' MW at list, bps of the slots):
 * - a boom: above the ladder's start, dearer in proportion to how far bookings exceed it, up to a cap;
 * - a glut: below the glut's start, cheaper in proportion to the idle slots, down to a floor (spot
 *   chips and rented GPUs sold below list when supply caught up, 2024–25);
 * - between the two, list.
 * Chips reserved by guidance pay list either way: reserving protects from the boom and forgoes the glut.
 */
export function foundryPriceBps(K: Constants, bookedBps: number): number {
  const boom = mulDiv(Math.max(0, bookedBps - K.foundryLadderStartBps), K.foundryLadderSlopeBps, 10_000);
  const glut = mulDiv(Math.max(0, K.foundryGlutStartBps - bookedBps), K.foundryGlutSlopeBps, 10_000);
  return clamp(10_000 + boom - glut, K.foundryGlutFloorBps, K.foundryLadderMaxBps);
}

/**
 * Chips a company's capex guidance commits it to buy this quarter ($M at list price; supply.ts): a quarter
 * of the year's guidance × the chip share. Ordering less than the floor of it costs the take-or-pay fee,
 * whether or not the foundry believed the guidance.
 */
export function guidedChipUsdM(K: Constants, guidanceCapexUsdM: number): number {
  return applyBps(mulDiv(guidanceCapexUsdM, 1, 4), K.reservationChipShareBps);
}

/**
 * Chips the foundry reserves for that guidance this quarter ($M at list price; supply.ts): the guided
 * chips × the management's credibility. Reserved chips are served first and pay list. The foundry books
 * a plan only as far as the company's record makes it believable: a management that keeps missing its
 * guidance reserves less and less, and at 0% credibility nothing (engine 15; before, guiding $800B while
 * spending $300B kept first call on the foundry).
 */
export function reservedChipUsdM(K: Constants, guidanceCapexUsdM: number, credibilityBps: number): number {
  return applyBps(guidedChipUsdM(K, guidanceCapexUsdM), clamp(credibilityBps, 0, BPS));
}

/** Gas-turbine price (bps of list): dearer for every quarter of backlog ahead of a new order. */
export function turbinePriceBps(K: Constants, backlogMw: number): number {
  return clamp(10_000 + mulDiv(backlogMw, K.turbinePremiumBpsPerQ, Math.max(1, K.turbineSlotsMw)), 10_000, K.turbinePremiumMaxBps);
}

/**
 * Researchers per GW of chips a company runs: what its talent is measured against (F10) — a fleet
 * that doubles without hiring trains and serves worse. A company with no chips counts as well staffed.
 */
export function researchersPerGw(researchers: number, chipMw: number): number {
  return chipMw > 0 ? mulDiv(researchers, 1_000, chipMw) : researchers;
}

/**
 * Share of the running cost of compute that a company's researchers save (bps; F4: Gemini's serving
 * cost fell 78%): saturating in researchers per GW of chips, at most servingEfficiencyMaxBps.
 */
export function servingEfficiencyBps(K: Constants, perGw: number): number {
  return saturate(perGw, K.servingHalf, K.servingEfficiencyMaxBps);
}

/** Running cost of `mw` of AI compute for a quarter ($M): operations per MW, less what researchers save. */
export function computeOpsUsdM(K: Constants, mw: number, perGw: number): number {
  return mulDiv(mw * K.opsUsdKPerMw, BPS - servingEfficiencyBps(K, perGw), BPS * 1_000);
}

/**
 * How much of its compute a company's researchers can run (bps; F10): the floor with nobody, rising to
 * all of it as researchers per GW of chips grow (half the way at staffHalf per GW).
 */
export function staffingBps(K: Constants, perGw: number): number {
  return K.staffFloorBps + saturate(perGw, K.staffHalf, BPS - K.staffFloorBps);
}

/** How much of its training compute a company's researchers turn into a better model (bps; F10). */
export function trainingTalentBps(K: Constants, perGw: number): number {
  return K.talentFloorEfficiencyBps + saturate(perGw, K.talentHalf, BPS - K.talentFloorEfficiencyBps);
}

/**
 * The market's value of a dollar of capex beyond recent spending (bps), by where its returns go: for
 * self-use up to selfValueBps, less as the company nears its uplift cap (F3); for selling to third
 * parties cloudValueBaseBps plus cloudValuePerMonetization per point of customers who monetize (F2, F9).
 */
export function capexValueBps(K: Constants, selfShareBps: number, headroomBps: number, monetizationBps: number): number {
  const self = BPS + mulDiv(K.selfValueBps - BPS, headroomBps, BPS);
  const cloud = K.cloudValueBaseBps + mulDiv(monetizationBps, K.cloudValuePerMonetization, 1);
  return mulDiv(self, selfShareBps, BPS) + mulDiv(cloud, BPS - selfShareBps, BPS);
}

/**
 * Credibility after a quarter (GAME.md Guidance): the last four quarters' capex against the guidance in
 * force while it was spent. Within the tolerance it recovers; beyond, it falls by the miss.
 */
export function nextCredibilityBps(K: Constants, credibilityBps: number, spentUsdM: number, guidedUsdM: number): number {
  const miss = Math.abs(ratioBps(spentUsdM - guidedUsdM, Math.max(1, guidedUsdM)));
  if (miss <= K.guidanceToleranceBps) return clamp(credibilityBps + K.credibilityRecoveryBps, 0, BPS);
  return clamp(credibilityBps - mulDiv(miss - K.guidanceToleranceBps, K.credibilityLossBps, BPS), 0, BPS);
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
 * The chance (bps) that a lab contract defaults this quarter (demand phase, rule 2): the funding risk,
 * `labDefaultBps` at 100% sentiment (double at none), plus the customer risk, `labUnpaidBps` when no
 * enterprise AI pays and nothing once monetization reaches `labBreakEvenBps`. Selling to labs is the
 * bet of the source: the seller's return depends on whether the labs' customers monetize.
 */
export function labDefaultChanceBps(K: Constants, sentimentBps: number, monetizationBps: number): number {
  const funding = mulDiv(K.labDefaultBps, 20_000 - sentimentBps, BPS);
  const customers = mulDiv(K.labUnpaidBps, Math.max(0, K.labBreakEvenBps - monetizationBps), Math.max(1, K.labBreakEvenBps));
  return Math.max(0, funding + customers);
}

/**
 * The share of a quarter's AI cloud bills customers fail to pay, on average (bps; demand.ts rule 5
 * draws the quarter's actual share between none and twice this). Usage is billed after the fact, so
 * customers who cannot make AI pay (1 − monetization) leave customerDefaultBps of their bills unpaid
 * (F9). Flat plans are paid in advance: a failing customer does not renew, and leaves no bad debt.
 */
export function writeOffShareBps(K: Constants, pricing: 'usage' | 'flat', monetizationBps: number): number {
  return pricing === 'flat' ? 0 : applyBps(BPS - monetizationBps, K.customerDefaultBps);
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

/** Whether a lab contract is in force in `quarter`: it has started (a backlog signed before the game starts later; phases/demand.ts rule 2). */
export function labContractInForce(lc: LabContract, quarter: number): boolean {
  return lc.startsQ <= quarter;
}

/** A company's lab contracts in `quarter`: those in force, then each not yet started (its backlog) by start. */
export interface LabBook {
  inForce: { count: number; mw: number; usdMPerQuarter: number };
  /** Contracts not started yet (Oracle's backlog), soonest first: the capacity they will want free when they start. */
  pending: { startsQ: number; mw: number; usdMPerQuarter: number; quarters: number }[];
  /** MW promised to labs (every contract, started or not), against the chips installed. */
  promisedMw: number;
  chipMw: number;
}

/** The lab contracts of a company in `quarter` (the dashboard, the advisor and the debrief read it). */
export function labBook(c: Pick<CompanyState, 'labContracts' | 'chips'>, quarter: number): LabBook {
  const inForce = { count: 0, mw: 0, usdMPerQuarter: 0 };
  const pending: LabBook['pending'] = [];
  let promisedMw = 0;
  for (const lc of c.labContracts) {
    promisedMw += lc.mw;
    if (labContractInForce(lc, quarter)) {
      inForce.count += 1;
      inForce.mw += lc.mw;
      inForce.usdMPerQuarter += lc.usdMPerQuarter;
    } else pending.push({ startsQ: lc.startsQ, mw: lc.mw, usdMPerQuarter: lc.usdMPerQuarter, quarters: lc.quartersLeft });
  }
  pending.sort((a, b) => a.startsQ - b.startsQ);
  return { inForce, pending, promisedMw, chipMw: chipMw(c.chips) };
}

/**
 * Interest rate (annual bps): base + leverage + sentiment + credibility (GAME.md "Financing"): a
 * management that misses its guidance pays up to credibilitySpreadBps more.
 */
export function interestRateBps(K: Constants, baseRateBps: number, debtUsdM: number, ebitdaQUsdM: number, sentimentBps: number, credibilityBps: number): number {
  const annualEbitda = Math.max(1, ebitdaQUsdM * 4);
  const leverageX100 = mulDiv(debtUsdM, 100, annualEbitda);
  const leverageSpread = clamp(leverageX100, 0, 1_500);
  const sentimentSpread = clamp(mulDiv(10_000 - sentimentBps, 1, 20), -100, 500);
  const credibilitySpread = mulDiv(K.credibilitySpreadBps, BPS - clamp(credibilityBps, 0, BPS), BPS);
  return clamp(baseRateBps + leverageSpread + sentimentSpread + credibilitySpread, 100, 3_000);
}

/**
 * The most a company may spend on buybacks this quarter ($M): its net cash (cash less debt, credit line and
 * vendor loans) after the quarter's other spending. Only net cash can be handed back — borrowing adds as
 * much debt as cash — so no buyback is funded with debt.
 */
export function buybackRoomUsdM(c: { cashUsdM: number; debtUsdM: number; revolverUsdM: number; vendorDebtUsdM: number }, otherSpendUsdM: number): number {
  return Math.max(0, c.cashUsdM - c.debtUsdM - c.revolverUsdM - c.vendorDebtUsdM - otherSpendUsdM);
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

/** A company's definition in a registered scenario, by the scenario's id. */
export function companyDefOf(scenarioId: string, ticker: Ticker): CompanyDef {
  return companyDef(getScenarioById(scenarioId), ticker);
}

/** A company's definition in a scenario. */
export function companyDef(sc: Scenario, ticker: Ticker): CompanyDef {
  const reg = registered(sc);
  const d = reg ? reg.companies[ticker] : sc.companies.find((x) => x.ticker === ticker);
  if (!d) throw new Error(`unknown company ${ticker}`);
  return d;
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

/** A fundamental value per share (whole cents, never below 0): what the score counts per share, and what a buyback is judged against. */
export function fundamentalCentsPerShare(fundamentalUsdM: number, sharesM: number): number {
  return Math.floor((Math.max(0, fundamentalUsdM) * 100) / Math.max(1, sharesM));
}

/** Total shareholder return (bps): the price change (cash is returned by buybacks, which retire shares). */
export function tsrBps(priceCents: number, startPriceCents: number): number {
  return mulDiv(priceCents - startPriceCents, 10_000, startPriceCents);
}

/** Number of quarters between now and a quarter (never negative). */
export function quartersUntil(state: GameState, quarter: number): number {
  return Math.max(0, quarter - state.quarter);
}
