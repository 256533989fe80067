/**
 * The planner shared by every strategy: profile + difficulty + situation → an order draft.
 * Steps: licensing and the compute split, talent / data / the custom-silicon program, chips and
 * power sized to demand (hardware.ts, energy.ts), then financing, cash returns and guidance.
 */
import { applyBps, clamp, mulDiv, sumLast } from '../engine/math.js';
import { qualityFromStock } from '../engine/model.js';
import { TICKERS, type Orders, type Ticker } from '../engine/types.js';
import type { Difficulty } from './difficulty.js';
import { planEnergy } from './energy.js';
import { sizeHardware } from './hardware.js';
import type { Profile } from './profiles.js';
import type { Situation } from './sense.js';

/** The most the quarter may commit ($M): a share of cash above the reserve plus allowed credit. */
export function spendCapUsdM(s: Situation, p: Profile): number {
  if (s.me.distressed) return 0;
  const reserve = applyBps(s.revenueQUsdM, p.reserveRevenueBps);
  const spendable = Math.max(0, s.cashUsdM - reserve) + applyBps(s.headroomUsdM, p.creditUseBps);
  return applyBps(spendable, p.maxFundsBps);
}

/** Chip order by type ($M) for `usd`, following the profile's mix and custom-silicon readiness. */
function chipMix(s: Situation, p: Profile, usd: number): Orders['chips'] {
  if (usd <= 0) return { merchantUsdM: 0, secondSourceUsdM: 0, customUsdM: 0 };
  if (p.customSilicon !== 'never' && s.me.customProgram.readyQ !== null) return { merchantUsdM: 0, secondSourceUsdM: 0, customUsdM: usd };
  const second = applyBps(usd, p.secondSourceBps);
  return { merchantUsdM: usd - second, secondSourceUsdM: second, customUsdM: 0 };
}

/** The best model a seat could license (a rival's public quality or the AI lab's). */
function bestLicense(s: Situation): { from: Ticker | 'LAB'; qualityBps: number } {
  let best: { from: Ticker | 'LAB'; qualityBps: number } = { from: 'LAB', qualityBps: s.K.labQualityBps };
  for (const t of TICKERS) {
    const c = s.view.companies[t];
    if (!c || t === s.me.ticker || c.licensedFrom !== null) continue;
    if (c.qualityBps > best.qualityBps) best = { from: t, qualityBps: c.qualityBps };
  }
  return best;
}

/** Licensed data to buy ($M): hard bots buy what training needs (F7), others a fixed share of revenue. */
function dataUsdM(s: Situation, p: Profile, difficulty: Difficulty, trainingBps: number): number {
  if (difficulty !== 'hard') return applyBps(s.revenueQUsdM, p.dataBps);
  const trainUnits = applyBps(s.me.report.computeUnits, trainingBps);
  const need = mulDiv(trainUnits, s.K.dataPerUnit, 1_000);
  const have = mulDiv(s.me.humanData, 10_000, 10_000 - p.syntheticBps);
  return Math.min(applyBps(s.revenueQUsdM, p.dataBps * 2), mulDiv(Math.max(0, need - have), s.view.world.dataPriceUsdK, 1_000));
}

/** Builds this quarter's orders (every field: a plan is complete, not a draft over a base). */
export function planOrders(s: Situation, p: Profile, difficulty: Difficulty): Orders {
  const me = s.me;
  const hard = difficulty === 'hard';
  const spendCap = spendCapUsdM(s, p);
  // Licensing: a cheap quality floor (F10); a licensee that no longer trains frees that compute.
  const own = qualityFromStock(s.K, me.trainingStock);
  const lic = bestLicense(s);
  const licensedQ = applyBps(lic.qualityBps, s.K.licenseQualityBps);
  const license = p.license === 'always' || (p.license === 'ifBetter' && licensedQ > own + (hard ? 200 : 500)) ? lic.from : null;
  let trainingBps = p.ops.trainingBps;
  if (license && hard && licensedQ > own + 1_000) trainingBps = Math.min(trainingBps, 500);
  const qualityBps = license ? Math.max(own, licensedQ) : own;
  // Talent, data and the custom-silicon program.
  let talent = spendCap > 0 ? applyBps(s.revenueQUsdM, p.talentBps) : 0;
  let program = 0;
  if (p.customSilicon === 'build' && me.customProgram.readyQ === null && spendCap > 0) {
    const worth = !hard || s.quartersLeft > s.K.customLeadQ - me.customProgram.quartersFunded + 4;
    if (worth) program = s.K.customProgramMinUsdM;
    if (worth && me.researchers < s.K.customProgramMinResearchers) talent += applyBps(s.revenueQUsdM, p.talentBps);
  }
  const data = spendCap > 0 ? dataUsdM(s, p, difficulty, trainingBps) : 0;
  // Chips and energy within what is left of the cap.
  const hw = sizeHardware(s, p, difficulty, trainingBps, qualityBps, Math.max(0, spendCap - talent - data - program));
  const secondHeavy = p.secondSourceBps >= 5_000 && me.customProgram.readyQ === null;
  const energy = planEnergy(s, p, difficulty, hw.energyUsdM, secondHeavy);
  const chips = chipMix(s, p, hw.chipsUsdM);
  const capex = hw.chipsUsdM + energy.capexUsdM + talent + data + program;
  const spend = capex + (license ? s.K.licenseFeeUsdM : 0);
  // Financing: vendor money for merchant chips, borrowing beyond the reserve, returns of excess cash.
  const vendor = applyBps(chips.merchantUsdM, p.vendorFinancingBps);
  const reserve = applyBps(s.revenueQUsdM, p.reserveRevenueBps);
  const short = spend - vendor - Math.max(0, s.cashUsdM - reserve);
  const borrow = short > 0 ? Math.min(short, applyBps(s.headroomUsdM, p.creditUseBps)) : 0;
  const excess = Math.max(0, s.cashUsdM - spend - 2 * reserve);
  const repay = me.distressed ? 0 : Math.min(me.debtUsdM, applyBps(excess, p.repayBps));
  // Hard bots return idle cash faster once the capex plan is funded, most of all near the end.
  const buybackBps = hard ? Math.min(10_000, p.buybackBps * (s.quartersLeft <= 6 ? 3 : 2)) : p.buybackBps;
  const buyback = me.distressed ? 0 : applyBps(Math.max(0, excess - repay), buybackBps);
  return {
    chips,
    customProgramUsdM: program,
    energy: energy.projects,
    talentBidUsdM: talent,
    data: { licensedUsdM: data, syntheticBps: p.syntheticBps },
    finance: { borrowUsdM: borrow, repayUsdM: repay, equityUsdM: 0, buybackUsdM: buyback, vendorFinancingUsdM: vendor },
    ops: { trainingBps: hw.ops.trainingBps, selfUseBps: hw.ops.selfUseBps, cloudBps: hw.ops.cloudBps, pricing: p.pricing, labBidMw: applyBps(me.report.poweredMw, p.labBidBps) },
    licenseFrom: license,
    guidanceCapexUsdM: guidanceFor(s, difficulty, sumLast(s.me.capexHistoryUsdM, 3) + capex),
  };
}

/**
 * Next-year capex guidance. Easy bots announce their plan every quarter; normal bots only when it
 * moved a lot; hard bots announce when the market will like it (F3/F4: raises are rewarded when the
 * returns are the company's own, punished when they depend on third parties) or when it must.
 */
export function guidanceFor(s: Situation, difficulty: Difficulty, planUsdM: number): number {
  const current = s.me.guidanceCapexUsdM;
  // The plan is the rolling four-quarter capex (what the market checks guidance against). Easy and
  // normal bots move at most 30% at a time and so can fall behind their own spending; hard ones follow it.
  const plan = difficulty === 'hard' ? Math.min(2_000_000, planUsdM) : clamp(planUsdM, mulDiv(current, 7, 10), Math.min(2_000_000, mulDiv(current, 13, 10)));
  const gapBps = mulDiv(plan - current, 10_000, Math.max(1, current));
  if (difficulty === 'easy') return Math.abs(gapBps) > 1_000 ? plan : current;
  if (difficulty === 'normal') return Math.abs(gapBps) >= 2_500 ? plan : current;
  // Hard: announce when the market will like it, or before the guide drifts out of credibility.
  const factor = mulDiv(s.selfShareBps, s.K.selfWeightBps, 10_000) - mulDiv(10_000 - s.selfShareBps, s.K.capexWeightBps, 10_000);
  const liked = gapBps * factor >= 0 && Math.abs(gapBps) > 1_000;
  const mustKeepCredible = Math.abs(gapBps) >= mulDiv(s.K.guidanceToleranceBps, 2, 3);
  return liked || mustKeepCredible ? plan : current;
}
