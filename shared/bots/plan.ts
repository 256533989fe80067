/**
 * The planner shared by every strategy: profile + difficulty + situation → an order draft.
 * Steps: licensing and the compute split, talent / data / the custom-silicon program, chips and
 * power sized to demand (hardware.ts, energy.ts), then financing, cash returns and guidance.
 */
import { applyBps, BPS, clamp, mulDiv, sumLast } from '../engine/math.js';
import { chipListUsdMPerMw, companyDef, labPriceUsdMPerMw, licenseFeeUsdM, marketCapUsdM, qualityFromStock, revenuePerUnitUsd, staffingBps, writeOffShareBps } from '../engine/model.js';
import { planningLifeQ } from './demand.js';
import { dataNeedAndHeld } from '../engine/phases/models.js';
import { squaringGuidanceUsdM } from '../engine/phases/market.js';
import { TICKERS, type Orders, type PricingModel, type Ticker } from '../engine/types.js';
import type { Difficulty } from './difficulty.js';
import { planEnergy } from './energy.js';
import { sizeHardware } from './hardware.js';
import type { Profile } from './profiles.js';
import { chipUsdMPerMw, energyPerMwUsdM, FIRST_YEAR_Q, type Situation } from './sense.js';

/** The most the quarter may commit ($M): a share of cash above the reserve plus allowed credit. */
export function spendCapUsdM(s: Situation, p: Profile): number {
  return applyBps(fundsUsdM(s, p), p.maxFundsBps);
}

/** Everything the quarter could fund ($M): cash above the reserve plus the credit the profile uses. */
function fundsUsdM(s: Situation, p: Profile): number {
  if (s.me.distressed) return 0;
  const reserve = applyBps(s.revenueQUsdM, p.reserveRevenueBps);
  return Math.max(0, s.cashUsdM - reserve) + applyBps(s.headroomUsdM, p.creditUseBps);
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

/**
 * The talent bid ($M): easy bots bid a share of revenue; normal and hard bots bid for the researchers
 * their fleet calls for (researchers per GW of chips) plus those they lose each quarter, at the last
 * auction's price — within three times the revenue share. When everyone's fleets grow, so do the bids,
 * and the auction's price with them (F10: demand 3.2× supply).
 */
function talentBidUsdM(s: Situation, p: Profile, difficulty: Difficulty): number {
  const base = applyBps(s.revenueQUsdM, p.talentBps);
  if (difficulty === 'easy') return base;
  const fleetMw = s.installedChipMw + s.incomingChipMw;
  const perGw = difficulty === 'hard' ? Math.max(p.researchersPerGw, worthHiringPerGw(s)) : p.researchersPerGw;
  const target = mulDiv(fleetMw, perGw, 1_000);
  const lost = applyBps(s.me.researchers, s.K.attritionBps);
  const wanted = Math.max(0, target - s.me.researchers) + lost;
  return Math.min(base * 3, mulDiv(wanted, Math.max(s.K.talentFloorUsdK, s.view.world.talentPriceUsdK), 1_000));
}

/** Steps of researchers per GW `worthHiringPerGw` weighs, and the most it considers. */
const HIRE_STEP_PER_GW = 50;
const HIRE_MAX_PER_GW = 6_400;

/**
 * Researchers per GW of chips up to which hiring is worth what it costs (hard bots; F10). Hires let the
 * company run more of the chips it has (the engine's staffing rule, `staffingBps`), so they are worth the
 * chips and power they save; each costs the signing price plus his pay for the quarters left. A step of
 * 50 researchers per GW is 50 hires for each GW of chips, and raises the share of that GW they can run by
 * staffingBps(x + 50) − staffingBps(x): the last step that pays is the target. Staffing rises less and
 * less with each step, so the steps that pay come first (a binary search finds the last).
 */
export function worthHiringPerGw(s: Situation): number {
  const { K } = s;
  const valuePerMwK = (chipUsdMPerMw(s, 'merchant', true) + energyPerMwUsdM(s, 'grid')) * 1_000;
  const costK = Math.max(K.talentFloorUsdK, s.view.world.talentPriceUsdK) + s.me.compUsdK * Math.max(1, s.quartersLeft);
  if (!hireStepPays(K, 0, valuePerMwK, costK)) return 0;
  let lo = 0;
  let hi = HIRE_MAX_PER_GW;
  while (hi - lo > HIRE_STEP_PER_GW) {
    const mid = lo + Math.floor((hi - lo) / (2 * HIRE_STEP_PER_GW)) * HIRE_STEP_PER_GW;
    if (hireStepPays(K, mid, valuePerMwK, costK)) lo = mid;
    else hi = mid;
  }
  return lo + HIRE_STEP_PER_GW;
}

/** Whether the step of hires from `x` researchers per GW pays: the chips and power it saves against its cost ($K). */
function hireStepPays(K: Situation['K'], x: number, valuePerMwK: number, costK: number): boolean {
  return (staffingBps(K, x + HIRE_STEP_PER_GW) - staffingBps(K, x)) * 1_000 * valuePerMwK >= HIRE_STEP_PER_GW * costK * BPS;
}

/** Licensed data to buy ($M): hard bots buy what training needs (F7), others a fixed share of revenue. */
function dataUsdM(s: Situation, p: Profile, difficulty: Difficulty, trainingBps: number): number {
  if (difficulty !== 'hard') return applyBps(s.revenueQUsdM, p.dataBps);
  const { need, effective } = dataNeedAndHeld(s.me.humanData, p.syntheticBps, applyBps(s.me.report.computeUnits, trainingBps), s.K.dataPerUnit);
  return Math.min(applyBps(s.revenueQUsdM, p.dataBps * 2), mulDiv(Math.max(0, need - effective), s.view.world.dataPriceUsdK, 1_000));
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
  const license = p.license === 'always' || (p.license === 'ifBetter' && licensedQ > own + 500) ? lic.from : null;
  let trainingBps = p.ops.trainingBps;
  if (license && hard && licensedQ > own + 1_000) trainingBps = Math.min(trainingBps, 500);
  const qualityBps = license ? Math.max(own, licensedQ) : own;
  // Talent, data and the custom-silicon program.
  let talent = spendCap > 0 ? talentBidUsdM(s, p, difficulty) : 0;
  let program = 0;
  // The custom-silicon program: built by strategies that build it, and kept funded once ready by any
  // strategy that buys custom chips (each generation needs a new design).
  const ready = me.customProgram.readyQ !== null;
  const building = p.customSilicon === 'build' && !ready && (!hard || s.quartersLeft > s.K.customLeadQ - me.customProgram.quartersFunded + 4);
  const sustaining = ready && p.customSilicon !== 'never' && s.quartersLeft > 2;
  if ((building || sustaining) && spendCap > 0) {
    program = s.K.customProgramMinUsdM;
    if (me.researchers < s.K.customProgramMinResearchers) talent += applyBps(s.revenueQUsdM, p.talentBps);
  }
  const data = spendCap > 0 ? dataUsdM(s, p, difficulty, trainingBps) : 0;
  // Chips and energy within what is left of the cap; a management keeps most of its guidance
  // (KEEP_GUIDANCE_BPS). In the first quarter the plan just announced is what the bot keeps (the market
  // checks it from now on). In 2026 every level keeps the guidance in force — its company's stated plan
  // (F1) as it moves it down; from 2027 an easy bot keeps none (its guidance runs ahead of its pace: kept,
  // it would feed its own spending).
  const guided = s.quarter === 0 ? companyDef(s.sc, me.ticker).historicalOrders.guidanceCapexUsdM : me.guidanceCapexUsdM;
  const keeps = p.capexRevenueBps === 0 && (difficulty !== 'easy' || s.quarter < FIRST_YEAR_Q);
  const commit = keeps ? Math.max(0, applyBps(mulDiv(guided, 1, 4), KEEP_GUIDANCE_BPS) - talent - data - program) : 0;
  // Keeping one's word may draw on all the funds the profile allows, beyond its usual share of them —
  // from 2027 a hard management's word only: a normal one keeps its guidance within its usual share
  // (engine 15: now that it re-guides to what it spent, drawing more to keep it held a management's
  // spending at its 2026 plan, and Oracle's normal management, borrowing to build, fell to a 17% loss).
  const drawsMore = difficulty === 'hard' || s.quarter < FIRST_YEAR_Q;
  const hwCap = (drawsMore ? Math.max(spendCap, Math.min(fundsUsdM(s, p), commit + talent + data + program)) : spendCap) - talent - data - program;
  const hw = sizeHardware(s, p, difficulty, trainingBps, qualityBps, Math.max(0, hwCap), commit);
  const secondHeavy = p.secondSourceBps >= 5_000 && me.customProgram.readyQ === null;
  const energy = planEnergy(s, p, difficulty, hw.energyUsdM, secondHeavy);
  const chips = chipMix(s, p, hw.chipsUsdM);
  const capex = hw.chipsUsdM + energy.capexUsdM + talent + data + program;
  const spend = capex + (license ? licenseFeeUsdM(s.K, me.upliftUsdM) : 0);
  // Financing: vendor money for merchant chips, borrowing beyond the reserve, returns of excess cash.
  const vendor = applyBps(chips.merchantUsdM, p.vendorFinancingBps);
  const reserve = applyBps(s.revenueQUsdM, p.reserveRevenueBps);
  const short = spend - vendor - Math.max(0, s.cashUsdM - reserve);
  const borrow = short > 0 ? Math.min(short, applyBps(s.headroomUsdM, p.creditUseBps)) : 0;
  // New equity for what borrowing does not cover (normal and hard bots, when their profile allows it).
  const equity = short - borrow > 0 && difficulty !== 'easy' && !me.distressed ? Math.min(short - borrow, applyBps(mulDiv(me.priceCents, me.sharesM, 100), p.equityUseBps)) : 0;
  const excess = Math.max(0, s.cashUsdM - spend - 2 * reserve);
  const planRepay = me.distressed ? 0 : Math.min(me.debtUsdM, applyBps(excess, p.repayBps));
  const planBuyback = me.distressed ? 0 : applyBps(Math.max(0, excess - planRepay), p.buybackBps);
  // A buyback pays the market's price: a hard management buys back only while its shares trade at or
  // below their fundamental value, and otherwise repays debt with that cash.
  const dear = difficulty === 'hard' && marketCapUsdM(me.priceCents, me.sharesM) > me.report.fundamentalUsdM;
  const repay = dear ? Math.min(me.debtUsdM, planRepay + planBuyback) : planRepay;
  const buyback = dear ? 0 : planBuyback;
  return {
    chips,
    customProgramUsdM: program,
    energy: energy.projects,
    talentBidUsdM: talent,
    data: { licensedUsdM: data, syntheticBps: p.syntheticBps },
    finance: { borrowUsdM: borrow, repayUsdM: repay, equityUsdM: equity, buybackUsdM: buyback, vendorFinancingUsdM: vendor },
    ops: { trainingBps: hw.ops.trainingBps, selfUseBps: hw.ops.selfUseBps, cloudBps: hw.ops.cloudBps, pricing: pricingFor(s, p, difficulty), labBidMw: labBidMw(s, p, difficulty, hw.ops.cloudBps) },
    licenseFrom: license,
    guidanceCapexUsdM: guidanceFor(s, difficulty, applyBps(hw.plannedUsdM * 4 + (talent + data + program) * 4, guideAboveBps(s, p, difficulty)), capex, hw.chipsUsdM),
  };
}

/**
 * The cloud pricing a bot offers: its profile's, except hard bots, which offer whichever earns more
 * per unit this quarter once usage bills' expected bad debts are counted (flat while tasks take few
 * tokens or customers fail to pay, usage once agents multiply the tokens: F5).
 */
function pricingFor(s: Situation, p: Profile, difficulty: Difficulty): PricingModel {
  if (difficulty !== 'hard') return p.pricing;
  return netPerUnitUsd(s, 'flat') > netPerUnitUsd(s, 'usage') ? 'flat' : 'usage';
}

/** What a unit of cloud compute earns this quarter under `pricing`, less usage bills' expected bad debts. */
function netPerUnitUsd(s: Situation, pricing: PricingModel): number {
  const w = s.view.world;
  return applyBps(revenuePerUnitUsd(s.K, w.cloudPriceUsd, pricing, w.tokensPerTaskX100), BPS - writeOffShareBps(s.K, pricing, w.monetizationBps));
}

/**
 * Whether a bot bids for AI-lab contracts: easy bots always do; normal and hard ones only while a
 * contract's price covers what a MW of new chips costs a quarter plus the facility and running it.
 * A normal bot spreads the chips over its four-year horizon ($K per MW): they outlive the contract and
 * serve customers after it. Before (engine 12) it charged them to the contract's three years alone, in
 * whole $M per MW, as if worthless after it: normal managements at Amazon and Oracle turned down contracts
 * their easy ones took and profited from (docs/economy.md "Levels"). A hard bot keeps that stricter
 * judgment — over the contract's term, or the chips' economic life if shorter, in whole $M — which its climbed bend
 * (the labBid gene) was fitted with: judged like a normal bot's, it moved the hard table enough that one
 * of Meta's open-loop scripts won 34% of held-out games (docs/balance.md).
 */
export function labsPay(s: Situation, difficulty: Difficulty): boolean {
  if (difficulty === 'easy') return true;
  // The quarters the chips are paid over, and the unit the sums are rounded to ($K per MW: 1,000 = whole $M).
  const [lifeQ, unitK] = difficulty === 'hard' ? [Math.min(s.K.labTermQ, planningLifeQ(s, 'hard')), 1_000] : [planningLifeQ(s, 'normal'), 1];
  const perQuarter = mulDiv(labPriceUsdMPerMw(s.sc, s.K, s.genNow) * 1_000, s.view.world.labPriceBps, 10_000 * unitK);
  const chips = mulDiv(chipListUsdMPerMw(s.sc, s.K, 'merchant', s.genNow) * 1_000, 1, lifeQ * unitK);
  const facility = mulDiv((s.K.facilityUsdMPerMw + s.K.liquidUsdMPerMw + s.K.renewablesUsdMPerMw) * 1_000, 1, s.K.facilityDeprQuarters * unitK);
  const running = mulDiv(s.K.opsUsdKPerMw + mulDiv(s.K.hoursPerQuarter, 60, 1_000), 1, unitK);
  return perQuarter > chips + facility + running;
}

/**
 * Lab capacity to bid for (MW): up to the profile's share of the company's cloud capacity under lab
 * contracts, less what contracts already hold — when contracts pay (labsPay).
 */
function labBidMw(s: Situation, p: Profile, difficulty: Difficulty, cloudBps: number): number {
  if (p.labBidBps <= 0 || !labsPay(s, difficulty)) return 0;
  const cloudMw = applyBps(s.me.report.poweredMw, cloudBps);
  let heldMw = 0;
  for (const lc of s.me.labContracts) heldMw += lc.mw;
  return Math.max(0, applyBps(cloudMw, p.labBidBps) - heldMw);
}

/** The share of its guidance a management spends at least, funds allowing (tolerance: 15%). */
const KEEP_GUIDANCE_BPS = 8_800;

/**
 * How far above its plan a bot guides (bps): a company's posture in its first year (the stated 2026
 * plans, F1, often above what it can spend), then — for a hard management — what it plans to spend,
 * since guidance it does not keep costs credibility and a higher rate on its debt; easy bots never
 * mark up.
 */
function guideAboveBps(s: Situation, p: Profile, difficulty: Difficulty): number {
  if (difficulty === 'easy' || (difficulty === 'hard' && s.quarter >= FIRST_YEAR_Q)) return 10_000;
  return p.guideAboveBps;
}

/**
 * The most a bot of this level guides for the next four quarters ($M) toward its plan — an easy bot's
 * guidance, every bot's in the first year, and the cap on a normal management's bent guidance
 * (`botOrders`): the pace it is spending at (the last three quarters' capex and what this quarter's orders
 * will cost, what the market checks guidance against) — for a normal or hard one exactly, an easy one
 * double. Normal and hard bots keep most of their guidance
 * (KEEP_GUIDANCE_BPS), so a guidance above their pace would feed on itself: until engine 13 a normal bot
 * guided half again its pace and then spent 88% of that, a third more each quarter whatever its demand
 * (Amazon's normal management ordering $200–350B of chips a quarter in 2029).
 */
export function guidancePaceUsdM(s: Situation, difficulty: Difficulty, capexNowUsdM: number, chipsNowUsdM: number): number {
  const runRate = sumLast(s.me.capexHistoryUsdM, 3) + expectedCapexUsdM(s, capexNowUsdM, chipsNowUsdM);
  return difficulty === 'easy' ? runRate * 2 : runRate;
}

/**
 * What an order's capex will come to ($M) if the foundry fills its chips as it did last quarter
 * (`chipFillBps`): the engine charges only the chips it allocates, and a rationed order is not spending.
 * Until engine 15 the pace counted the whole order: Amazon's hard management, ordering $400–800B of chips
 * a quarter from a foundry that sold it $30–80B, guided toward the orders.
 */
export function expectedCapexUsdM(s: Situation, capexUsdM: number, chipsUsdM: number): number {
  return capexUsdM - chipsUsdM + applyBps(chipsUsdM, s.chipFillBps);
}

/**
 * Next-year capex guidance (GAME.md Guidance: a commitment the market checks against spending). In the
 * first quarter every bot announces the company's stated plan (the article's week, F1), and holds to it
 * through the year (at most 10% a quarter away from it). From 2027 an easy bot guides toward what it
 * plans to spend (its sized plan, annualised, at most double the pace it is spending at) whenever the gap
 * passes 10%, by at most 30%. A normal bot re-guides to what it spent in the last four quarters whenever
 * its guidance is a quarter off it. A hard bot guides by the market's own check (`squaringGuidanceUsdM`:
 * the last four quarters' capex against the average of the guidance in force then and the new one): the
 * guidance that squares it on last year's record, kept within a quarter of what it spent (engine 15).
 * Until then normal and hard bots stepped toward their plan at most 25% a quarter, and counted chip orders
 * the foundry could not fill as spending: every hard management had lost its credibility by 2028, the
 * normal ones at Amazon, Alphabet and Microsoft by 2030 — and the foundry now reserves slots only as far as
 * a management is believed (`reservedChipUsdM`).
 */
export function guidanceFor(s: Situation, difficulty: Difficulty, planUsdM: number, capexNowUsdM: number, chipsNowUsdM: number): number {
  if (s.quarter === 0) return companyDef(s.sc, s.me.ticker).historicalOrders.guidanceCapexUsdM;
  const current = s.me.guidanceCapexUsdM;
  // No management guides far beyond the pace it is actually spending at (the last three quarters and
  // this one: what the market checks the guidance against); easy ones run ahead of it by at most double
  // (a plan they cannot fund is not announced: Meta guiding $400B while spending $27B).
  const plan = clamp(Math.min(planUsdM, guidancePaceUsdM(s, difficulty, capexNowUsdM, chipsNowUsdM)), 0, 2_000_000);
  const gapBps = mulDiv(plan - current, 10_000, Math.max(1, current));
  if (difficulty === 'easy') return Math.abs(gapBps) > 1_000 ? clamp(plan, mulDiv(current, 7, 10), mulDiv(current, 13, 10)) : current;
  // The first year: the stated plan, moved at most 10% a quarter (a normal bot only when 25% off it).
  if (s.quarter < FIRST_YEAR_Q) {
    if (difficulty === 'normal' && Math.abs(gapBps) < 2_500) return current;
    return clamp(plan, mulDiv(current, 9, 10), mulDiv(current, 11, 10));
  }
  // Then the record: what was spent in the last four quarters. Not this quarter's orders: the foundry
  // fills them by what every buyer orders, and a guess from last quarter's fill overshot in each new
  // generation's rush.
  const spent = sumLast(s.me.capexHistoryUsdM, 4);
  if (difficulty === 'normal') return Math.abs(mulDiv(spent - current, 10_000, Math.max(1, current))) >= 2_500 ? Math.min(2_000_000, spent) : current;
  // A hard bot: the guidance that squares the check on the record, within a quarter of it.
  return Math.min(2_000_000, clamp(squaringGuidanceUsdM(s.me, spent), mulDiv(spent, 3, 4), mulDiv(spent, 5, 4)));
}
