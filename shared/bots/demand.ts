/**
 * Sizing compute to demand (the "disciplined" part of a strategy): how many compute units the
 * company can use — self-use up to where its own uplift saturates, cloud up to what customers ask
 * for (public: last quarter's report), lab contracts it holds, plus training — and so how many MW
 * of new chips and of new power it needs.
 */
import { applyBps, clamp, isqrt, mulDiv } from '../engine/math.js';
import { cohortPerf, perfPerMw, secondSourceUtilBps } from '../engine/model.js';
import type { Profile } from './profiles.js';
import type { Situation } from './sense.js';

/** Compute units wanted next quarter, by use, and the resulting split of operations (bps). */
export interface ComputeNeed {
  selfUnits: number;
  cloudUnits: number;
  trainingUnits: number;
  totalUnits: number;
  ops: { trainingBps: number; selfUseBps: number; cloudBps: number };
}

/** Units of compute the company wants next quarter under a profile. */
export function computeNeed(s: Situation, p: Profile, trainingBps: number, qualityBps: number, unitCostUsdK: number): ComputeNeed {
  const me = s.me;
  const capUsdM = applyBps(me.coreRevenueUsdM, me.upliftCapBps);
  // Self-use: uplift = cap·raw/(raw+cap); the marginal unit pays while cap²/(raw+cap)² ≥ cost/yield,
  // i.e. up to raw = cap·(√(yield/cost) − 1); the profile scales that break-even point (%).
  const perUnitUsdK = mulDiv(s.K.selfYieldUsdK, Math.max(1_000, qualityBps), 10_000);
  const rootX100 = isqrt(mulDiv(perUnitUsdK, 10_000, Math.max(1, unitCostUsdK)));
  const rawUsdM = mulDiv(mulDiv(capUsdM, Math.max(0, rootX100 - 100), 100), p.selfRawX100, 100);
  const selfUnits = mulDiv(rawUsdM, 1_000, Math.max(1, perUnitUsdK));
  const labUnits = me.labContracts.reduce((a, lc) => a + lc.units, 0);
  // Cloud: serve customers only while the going price covers a new unit's cost.
  const cloudPays = s.view.world.cloudPriceUsd > unitCostUsdK * 1_000;
  const cloudUnits = (cloudPays ? mulDiv(me.report.cloudDemandUnits, p.cloudCoverBps, 10_000) : 0) + labUnits;
  const serving = selfUnits + cloudUnits;
  const totalUnits = mulDiv(serving, 10_000, Math.max(1, 10_000 - trainingBps));
  const trainingUnits = totalUnits - serving;
  let selfUseBps = totalUnits > 0 ? mulDiv(selfUnits, 10_000, totalUnits) : 10_000 - trainingBps;
  selfUseBps = clamp(selfUseBps, 0, 10_000 - trainingBps);
  return { selfUnits, cloudUnits, trainingUnits, totalUnits, ops: { trainingBps, selfUseBps, cloudBps: 10_000 - trainingBps - selfUseBps } };
}

/**
 * The split of the compute the company will actually have (`haveUnits`): serving needs first in
 * the profile's priority, training keeps its share.
 */
export function opsFor(need: ComputeNeed, haveUnits: number, trainingBps: number, selfFirst: boolean): ComputeNeed['ops'] {
  if (haveUnits <= 0 || need.totalUnits <= 0) return need.ops;
  const serving = haveUnits - applyBps(haveUnits, trainingBps);
  const first = selfFirst ? need.selfUnits : need.cloudUnits;
  const firstBps = clamp(mulDiv(Math.min(first, serving), 10_000, haveUnits), 0, 10_000 - trainingBps);
  const rest = 10_000 - trainingBps - firstBps;
  // Whatever is left over goes to the other use, even beyond its need (idle compute earns nothing).
  return selfFirst ? { trainingBps, selfUseBps: firstBps, cloudBps: rest } : { trainingBps, selfUseBps: rest, cloudBps: firstBps };
}

/**
 * Adds `mw` at compute `perf` per MW to lists kept by perf, best first, one entry per distinct perf
 * (cohorts of one type and generation share a perf, so the lists stay short).
 */
function addByPerf(mws: number[], perfs: number[], mw: number, perf: number): void {
  let j = perfs.length - 1;
  while (j >= 0 && (perfs[j] as number) < perf) j -= 1;
  if (j >= 0 && perfs[j] === perf) {
    mws[j] = (mws[j] as number) + mw;
    return;
  }
  for (let k = perfs.length - 1; k > j; k -= 1) {
    perfs[k + 1] = perfs[k] as number;
    mws[k + 1] = mws[k] as number;
  }
  perfs[j + 1] = perf;
  mws[j + 1] = mw;
}

/** Compute units the installed chips will give next quarter (without those about to retire if `hard`). */
export function unitsKept(s: Situation, hard: boolean): number {
  const nextGen = s.nextGenQ !== null && s.nextGenQ <= s.quarter + 1 ? s.genNow + 1 : s.genNow;
  const oldest = nextGen - s.K.obsoleteGens;
  // Installed cohorts and shipments on the way, best compute per MW first, fill the usable power.
  const mws: number[] = [];
  const perfs: number[] = [];
  const secondUtil = secondSourceUtilBps(s.K, s.me.researchers);
  for (const ch of s.me.chips) if (!(hard && ch.gen <= oldest)) addByPerf(mws, perfs, ch.mw, cohortPerf(s.sc, s.K, ch, secondUtil));
  for (const sh of s.me.shipments) if (!(hard && sh.gen <= oldest)) addByPerf(mws, perfs, sh.mw, cohortPerf(s.sc, s.K, sh, secondUtil));
  let units = 0;
  let mwLeft = s.usableMw + s.powerNextQMw;
  for (let i = 0; i < perfs.length; i += 1) {
    const mw = Math.min(mws[i] as number, mwLeft);
    units += mw * (perfs[i] as number);
    mwLeft -= mw;
  }
  return units;
}

/** Compute units per MW of new chips of a type bought this quarter. */
export function newUnitsPerMw(s: Situation, type: 'merchant' | 'secondSource' | 'custom'): number {
  return Math.max(1, perfPerMw(s.sc, s.K, type, s.genNow));
}

/**
 * Cost of one new compute unit for a quarter ($K): chip and facility depreciation, inference opex
 * and energy, for chips bought now at `chipUsdMPerMw` running `unitsPerMw`.
 */
export function unitCostUsdK(s: Situation, chipUsdMPerMw: number, facilityUsdMPerMw: number, unitsPerMw: number): number {
  const perMwUsdK = mulDiv(chipUsdMPerMw, 1_000, s.K.chipDeprQuarters) + mulDiv(facilityUsdMPerMw, 1_000, s.K.facilityDeprQuarters) +
    mulDiv(s.K.hoursPerQuarter, 60, 1_000);
  return mulDiv(perMwUsdK, 1, Math.max(1, unitsPerMw)) + s.K.inferenceOpexUsdK;
}
