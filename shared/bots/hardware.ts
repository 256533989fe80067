/**
 * Chips and power for the quarter. Disciplined strategies size them to demand: buy chips for the
 * compute gap the powered sites can host, and order power ahead for the demand they expect when
 * it comes online. Strategies with a revenue-based capex target (the reckless baseline) just spend.
 */
import { applyBps, mulDiv } from '../engine/math.js';
import { secondSourceUtilBps } from '../engine/model.js';
import type { ChipType } from '../engine/types.js';
import { cloudNetPriceOverLifeUsd, computeNeed, newUnitsPerMw, opsFor, planningLifeQ, unitCostUsdK, unitsKept, type ComputeNeed } from './demand.js';
import type { Difficulty } from './difficulty.js';
import type { Profile } from './profiles.js';
import { chipUsdMPerMw, endInSight, energyPerMwUsdM, type Situation } from './sense.js';

/** What to spend on chips and energy, of which chip type, and how to run the compute. */
export interface HardwarePlan {
  chipsUsdM: number;
  chipType: ChipType;
  energyUsdM: number;
  /** Hardware capex the plan calls for before any top-up to keep the guidance ($M a quarter). */
  plannedUsdM: number;
  ops: ComputeNeed['ops'];
}

/** The chip type new purchases go to (custom when ready, else the profile's main type). */
export function mainChip(s: Situation, p: Profile): ChipType {
  if (p.customSilicon !== 'never' && s.me.customProgram.readyQ !== null) return 'custom';
  return p.secondSourceBps > 5_000 ? 'secondSource' : 'merchant';
}

/** Planning lead time for new power (quarters): what the fastest sources in a mix take. */
const PLAN_LEAD_Q = 5;

/**
 * Sizes chips and energy within `capUsdM`. Chips: the compute wanted next quarter that the power
 * available then can host. Power: what the compute wanted when new projects come online (PLAN_LEAD_Q
 * quarters out: demand and self-use needs grow with tokens per task) needs beyond the pipeline.
 * `commitUsdM` is what the company's guidance commits it to spend on hardware this quarter: a bot that
 * keeps its word tops its plan up to it, power first (it lasts, and the queues are long), funds allowing.
 */
export function sizeHardware(s: Situation, p: Profile, difficulty: Difficulty, trainingBps: number, qualityBps: number, capUsdM: number, commitUsdM: number): HardwarePlan {
  const hard = difficulty === 'hard';
  const chipType = mainChip(s, p);
  let upm = newUnitsPerMw(s, chipType);
  if (chipType === 'secondSource') upm = Math.max(1, applyBps(upm, secondSourceUtilBps(s.K, s.me.researchers)));
  const price = chipUsdMPerMw(s, chipType, difficulty !== 'easy');
  const energyPerMw = energyPerMwUsdM(s, 'renewables');
  // Easy bots judge returns at gen-0 list prices over the book life (they ignore how fast compute
  // gets cheaper); normal bots over four years; hard bots over the chips' economic life on the roadmap.
  const lifeQ = planningLifeQ(s, difficulty);
  const costK = difficulty === 'easy'
    ? unitCostUsdK(s, chipUsdMPerMw(s, 'merchant', false), energyPerMw, 100, lifeQ)
    : unitCostUsdK(s, price, energyPerMw, upm, lifeQ);
  const cloudValue = cloudNetPriceOverLifeUsd(s, lifeQ, difficulty !== 'easy');
  const kept = unitsKept(s, hard);
  if (p.capexRevenueBps > 0) {
    const budget = Math.min(capUsdM, applyBps(s.revenueQUsdM, p.capexRevenueBps));
    const chipsUsdM = applyBps(budget, p.chipShareBps);
    return { chipsUsdM, chipType, energyUsdM: budget - chipsUsdM, plannedUsdM: budget, ops: opsFor(s, kept + mulDiv(chipsUsdM, upm, price), trainingBps, qualityBps, p) };
  }
  // Hard bots serve at least their full share of cloud customers while it pays (a queue of unserved
  // customers is profit left to rivals); others cover the share their profile plans for.
  const cover = hard && p.cloudCoverBps > 0 ? Math.max(p.cloudCoverBps, 11_000) : p.cloudCoverBps;
  const need = computeNeed(s, p, trainingBps, qualityBps, costK, 1, cloudValue, cover);
  const keptMw = s.installedChipMw + s.incomingChipMw - (hard ? s.retiringMw : 0);
  const needMw = mulDiv(Math.max(0, need.totalUnits - kept), 1, upm);
  const freeMw = Math.max(0, s.usableMw + s.powerNextQMw - keptMw);
  // Normal and hard bots buy only the chips next quarter's power can host; easy bots buy for their demand
  // up to half again as much, and those chips sit idle until power comes (F13).
  let chipMw = Math.min(needMw, difficulty === 'easy' ? mulDiv(freeMw, 3, 2) : freeMw);
  if (hard) {
    // Visible future market: chips bought the quarter before a new generation are stale on arrival.
    if (s.nextGenQ === s.quarter + 1) chipMw = mulDiv(chipMw, 1, 3);
    if (s.foundryBps >= 13_000) chipMw = mulDiv(chipMw, 2, 3);
    if (endInSight(s, 1)) chipMw = 0;
  }
  // Power for the compute wanted when new projects come online. Easy bots plan for today's needs
  // grown by their profile's guess; normal and hard bots forecast tokens per task and cloud demand.
  const later = difficulty === 'easy' ? null : computeNeed(s, p, trainingBps, qualityBps, costK, PLAN_LEAD_Q, cloudValue, cover);
  const laterUnits = later ? later.totalUnits : mulDiv(need.totalUnits, 10_000 + p.growthBps * PLAN_LEAD_Q, 10_000);
  const futureMw = mulDiv(laterUnits, 1, upm) + (keptMw - mulDiv(kept, 1, upm));
  const pipelineMw = s.usableMw + (difficulty === 'easy' ? mulDiv(s.waitingMw, 1, 2) : s.waitingMw);
  let energyMw = Math.max(0, futureMw - pipelineMw);
  energyMw = Math.max(energyMw, mulDiv(chipMw, p.energyAheadBps, 10_000));
  if (hard && endInSight(s, 3)) energyMw = 0;
  let chipsUsdM = applyBps(chipMw * price, p.appetiteBps);
  let energyUsdM = applyBps(energyMw * energyPerMw, p.appetiteBps);
  const plannedUsdM = chipsUsdM + energyUsdM;
  // Keeping the guidance: the shortfall goes to chips the power can host, then to power ahead of need.
  const short = commitUsdM - chipsUsdM - energyUsdM;
  if (short > 0 && !(hard && endInSight(s, 3))) {
    const roomMw = Math.max(0, freeMw - chipMw);
    const extraChips = Math.min(mulDiv(short, 1, 2), roomMw * price);
    chipsUsdM += extraChips;
    energyUsdM += short - extraChips;
  }
  if (chipsUsdM > capUsdM) {
    chipsUsdM = capUsdM;
    energyUsdM = 0;
  } else energyUsdM = Math.min(energyUsdM, capUsdM - chipsUsdM);
  const haveUnits = kept + mulDiv(chipsUsdM, upm, price);
  return { chipsUsdM, chipType, energyUsdM, plannedUsdM, ops: opsFor(s, haveUnits, trainingBps, qualityBps, p) };
}
