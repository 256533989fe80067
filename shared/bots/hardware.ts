/**
 * Chips and power for the quarter. Disciplined strategies size them to demand: buy chips for the
 * compute gap the powered sites can host, and order power ahead for the demand they expect when
 * it comes online. Strategies with a revenue-based capex target (the reckless baseline) just spend.
 */
import { applyBps, mulDiv } from '../engine/math.js';
import { secondSourceUtilBps } from '../engine/model.js';
import type { ChipType } from '../engine/types.js';
import { computeNeed, newUnitsPerMw, opsFor, unitCostUsdK, unitsKept, type ComputeNeed } from './demand.js';
import type { Difficulty } from './difficulty.js';
import type { Profile } from './profiles.js';
import { chipUsdMPerMw, energyPerMwUsdM, type Situation } from './sense.js';

/** What to spend on chips and energy, of which chip type, and how to run the compute. */
export interface HardwarePlan {
  chipsUsdM: number;
  chipType: ChipType;
  energyUsdM: number;
  ops: ComputeNeed['ops'];
}

/** The chip type new purchases go to (custom when ready, else the profile's main type). */
export function mainChip(s: Situation, p: Profile): ChipType {
  if (p.customSilicon !== 'never' && s.me.customProgram.readyQ !== null) return 'custom';
  return p.secondSourceBps > 5_000 ? 'secondSource' : 'merchant';
}

/** Planning lead time for new power (quarters): what the fastest source in the mix takes. */
const PLAN_LEAD_Q = 5;

/** Sizes chips and energy within `capUsdM`. */
export function sizeHardware(s: Situation, p: Profile, difficulty: Difficulty, trainingBps: number, qualityBps: number, capUsdM: number): HardwarePlan {
  const hard = difficulty === 'hard';
  const chipType = mainChip(s, p);
  let upm = newUnitsPerMw(s, chipType);
  if (chipType === 'secondSource') upm = Math.max(1, applyBps(upm, secondSourceUtilBps(s.K, s.me.researchers)));
  const price = chipUsdMPerMw(s, chipType, difficulty !== 'easy');
  const energyPerMw = energyPerMwUsdM(s, 'renewables');
  // Easy bots judge returns at gen-0 list prices (they ignore how fast compute gets cheaper).
  const costK = difficulty === 'easy' ? unitCostUsdK(s, chipUsdMPerMw(s, 'merchant', false), energyPerMw, 100) : unitCostUsdK(s, price, energyPerMw, upm);
  const need = computeNeed(s, p, trainingBps, qualityBps, costK);
  const kept = unitsKept(s, hard);
  if (p.capexRevenueBps > 0) {
    const budget = Math.min(capUsdM, applyBps(s.revenueQUsdM, p.capexRevenueBps));
    const chipsUsdM = applyBps(budget, p.chipShareBps);
    return { chipsUsdM, chipType, energyUsdM: budget - chipsUsdM, ops: opsFor(need, kept + mulDiv(chipsUsdM, upm, price), trainingBps, p.selfFirst) };
  }
  const keptMw = s.installedChipMw + s.incomingChipMw - (hard ? s.retiringMw : 0);
  const needMw = mulDiv(Math.max(0, need.totalUnits - kept), 1, upm);
  const freeMw = Math.max(0, s.usableMw + s.powerNextQMw - keptMw);
  let chipMw = difficulty === 'easy' ? needMw : Math.min(needMw, freeMw);
  if (hard) {
    // Visible future market: chips bought the quarter before a new generation are stale on arrival.
    if (s.nextGenQ === s.quarter + 1) chipMw = mulDiv(chipMw, 1, 3);
    if (s.foundryBps >= 13_000) chipMw = mulDiv(chipMw, 2, 3);
    if (s.quartersLeft <= 1) chipMw = 0;
  }
  // Power for the demand expected when new projects come online.
  const futureMw = mulDiv(keptMw + needMw, 10_000 + p.growthBps * PLAN_LEAD_Q, 10_000);
  const pipelineMw = s.usableMw + (difficulty === 'easy' ? mulDiv(s.waitingMw, 1, 2) : s.waitingMw);
  let energyMw = Math.max(0, futureMw - pipelineMw);
  energyMw = Math.max(energyMw, mulDiv(chipMw, p.energyAheadBps, 10_000));
  if (hard && s.quartersLeft <= 3) energyMw = 0;
  let chipsUsdM = chipMw * price;
  let energyUsdM = energyMw * energyPerMw;
  if (chipsUsdM > capUsdM) {
    chipsUsdM = capUsdM;
    energyUsdM = 0;
  } else energyUsdM = Math.min(energyUsdM, capUsdM - chipsUsdM);
  const haveUnits = kept + mulDiv(chipsUsdM, upm, price);
  return { chipsUsdM, chipType, energyUsdM, ops: opsFor(need, haveUnits, trainingBps, p.selfFirst) };
}
