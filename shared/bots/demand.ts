/**
 * Sizing compute to demand (the "disciplined" part of a strategy): how many compute units the
 * company can use — self-use up to where its own uplift saturates, cloud up to what customers ask
 * for (public: last quarter's report), lab contracts it holds, plus training — and so how many MW
 * of new chips and of new power it needs.
 */
import { applyBps, clamp, isqrt, mulDiv } from '../engine/math.js';
import { chipGenFor, cohortPerf, companyDef, genAt, genCostIndexBps, perfPerMw, researchersPerGw, secondSourceUtilBps, selfNeedUnits, servingEfficiencyBps, staffingBps, tokensPerTaskX100 } from '../engine/model.js';
import { START_ADOPTION_BPS } from '../engine/phases/demand.js';
import type { Difficulty } from './difficulty.js';
import type { Profile } from './profiles.js';
import type { Situation } from './sense.js';

/** Compute units wanted, by use, and the resulting split of operations (bps). */
export interface ComputeNeed {
  selfUnits: number;
  cloudUnits: number;
  trainingUnits: number;
  totalUnits: number;
  ops: { trainingBps: number; selfUseBps: number; cloudBps: number };
}

/**
 * Self-use compute (units) where the marginal uplift equals `valueUsdK` a unit (GAME.md "Self-use"):
 * uplift = cap × x / (x + need) with x = units × quality, so a unit pays while
 * cap × need × quality / (x + need)² ≥ value, i.e. up to x = √(cap × need × quality / value) − need.
 */
export function selfUnitsAtValue(capUsdM: number, needUnits: number, qualityBps: number, valueUsdK: number): number {
  if (capUsdM <= 0 || needUnits <= 0 || valueUsdK <= 0) return 0;
  const q = Math.max(1_000, qualityBps);
  // (cap in $K / value in $K) × quality, then × need: divided first to stay within safe integers.
  const ratio = mulDiv(capUsdM * 1_000, q, valueUsdK * 10_000);
  const root = isqrt(ratio * needUnits);
  return mulDiv(Math.max(0, root - needUnits), 10_000, q);
}

/** Agent adoption `quarters` from now, as the world drifts (+250 bps a quarter; public rule). */
function adoptionIn(s: Situation, quarters: number): number {
  return clamp(s.view.world.agentAdoptionBps + 250 * quarters, 0, 10_000);
}

/** The compute the company's own business can absorb at half its uplift cap, `quarters` from now. */
export function selfNeedIn(s: Situation, quarters: number): number {
  const tokens = tokensPerTaskX100(s.K, adoptionIn(s, quarters));
  return selfNeedUnits(companyDef(s.sc, s.me.ticker).selfNeedUnits, tokens, tokensPerTaskX100(s.K, START_ADOPTION_BPS));
}

/**
 * Enterprise cloud demand (units) `quarters` from now: tasks growing as they did last quarter (the
 * market reports it; before any report, at the scenario's pace) × tokens per task (F6).
 */
export function cloudDemandIn(s: Situation, quarters: number): number {
  const w = s.view.world;
  const growth = s.quarter > 0 ? w.tasksGrowthBps : mulDiv(s.K.agentGrowthBps, 10_000 - mulDiv(w.agentAdoptionBps, 1, 2), 10_000) + mulDiv(w.monetizationBps, 1, 6) - mulDiv(mulDiv(w.abandonmentBps, 1, 4), 10_000 - w.monetizationBps, 10_000);
  let tasks = w.enterpriseTasks;
  for (let i = 0; i < quarters; i += 1) tasks = mulDiv(tasks, 10_000 + growth, 10_000);
  const tokens0 = tokensPerTaskX100(s.K, START_ADOPTION_BPS);
  return mulDiv(mulDiv(s.K.enterpriseDemandUnits, tasks, 10_000), tokensPerTaskX100(s.K, adoptionIn(s, quarters)), tokens0);
}

/** The share of enterprise cloud demand the company can expect (bps): its incumbency or its share of what was offered. */
export function cloudShareBps(s: Situation): number {
  const me = s.me;
  const demand = cloudDemandIn(s, 0);
  const served = demand > 0 ? mulDiv(me.report.cloudServedUnits, 10_000, demand) : 0;
  return clamp(Math.max(me.cloudShareBps, served), 0, 10_000);
}

/**
 * Cloud customers the company can expect `quarters` from now (units): its share of demand, more when
 * customers are queueing (a seller with capacity to spare takes part of the unmet demand).
 */
export function expectedCloudUnits(s: Situation, quarters: number): number {
  const tightness = clamp(s.view.world.cloudTightnessBps, 10_000, 25_000);
  return mulDiv(applyBps(cloudDemandIn(s, quarters), cloudShareBps(s)), tightness, 10_000);
}

/** The data-center part of the company's uplift cap ($M a quarter; on-device AI needs a model, not compute). */
export function dataCenterCapUsdM(s: Situation): number {
  const cap = applyBps(s.me.coreRevenueUsdM, s.me.upliftCapBps);
  return cap - applyBps(cap, s.me.onDeviceBps);
}

/**
 * Compute units wanted `quarters` from now under a profile: self-use up to where a unit's uplift no
 * longer pays its cost; cloud customers for the share of demand the company can win, while what a unit
 * is expected to earn there (`cloudValueUsd`, net of the bills of customers who fail) covers its cost;
 * lab contracts held; training on top.
 */
export function computeNeed(s: Situation, p: Profile, trainingBps: number, qualityBps: number, unitCostUsdK: number, quarters: number, cloudValueUsd: number, cover = p.cloudCoverBps): ComputeNeed {
  const me = s.me;
  const selfUnits = mulDiv(selfUnitsAtValue(dataCenterCapUsdM(s), selfNeedIn(s, quarters), qualityBps, unitCostUsdK), p.selfRawX100, 100);
  const labUnits = me.labContracts.reduce((a, lc) => a + lc.units, 0);
  const cloudPays = cloudValueUsd > unitCostUsdK * 1_000;
  const cloudUnits = (cloudPays ? mulDiv(expectedCloudUnits(s, quarters), cover, 10_000) : 0) + labUnits;
  const serving = selfUnits + cloudUnits;
  const totalUnits = mulDiv(serving, 10_000, Math.max(1, 10_000 - trainingBps));
  const trainingUnits = totalUnits - serving;
  let selfUseBps = totalUnits > 0 ? mulDiv(selfUnits, 10_000, totalUnits) : 10_000 - trainingBps;
  selfUseBps = clamp(selfUseBps, 0, 10_000 - trainingBps);
  return { selfUnits, cloudUnits, trainingUnits, totalUnits, ops: { trainingBps, selfUseBps, cloudBps: 10_000 - trainingBps - selfUseBps } };
}

/** What a cloud unit earns after the bills of customers who fail to monetize (expected, $ a quarter). */
export function cloudNetPriceUsd(s: Situation): number {
  const w = s.view.world;
  const failing = applyBps(10_000 - w.monetizationBps, s.K.customerDefaultBps);
  return applyBps(w.cloudPriceUsd, 10_000 - failing);
}

/**
 * What a cloud unit bought now earns a quarter on average over `lifeQ` quarters ($): today's net price,
 * following the reference price down the public chip roadmap (each generation makes compute cheaper,
 * F6) with today's scarcity. Easy bots expect today's price to last.
 */
export function cloudNetPriceOverLifeUsd(s: Situation, lifeQ: number, readsRoadmap: boolean): number {
  const now = cloudNetPriceUsd(s);
  if (!readsRoadmap || lifeQ <= 1) return now;
  const index0 = genCostIndexBps(s.sc, s.genNow);
  let total = 0;
  for (let i = 0; i < lifeQ; i += 1) total += mulDiv(now, genCostIndexBps(s.sc, genAt(s.sc, s.quarter + i)), index0);
  return mulDiv(total, 1, lifeQ);
}

/**
 * How to use the compute the company will have (`haveUnits`, sunk): training keeps its share; self-use
 * gets units while their marginal uplift beats what a unit earns in the cloud; everything else is
 * offered to cloud customers and AI labs (an idle unit earns nothing, so spare compute goes to market:
 * when many sellers have spare compute, the cloud price falls for all of them).
 */
export function opsFor(s: Situation, haveUnits: number, trainingBps: number, qualityBps: number, p: Profile): ComputeNeed['ops'] {
  if (haveUnits <= 0) return { trainingBps, selfUseBps: 10_000 - trainingBps, cloudBps: 0 };
  const serving = haveUnits - applyBps(haveUnits, trainingBps);
  const cloudValueK = Math.max(1, mulDiv(cloudNetPriceUsd(s), 1, 1_000));
  const self = Math.min(serving, mulDiv(selfUnitsAtValue(dataCenterCapUsdM(s), selfNeedIn(s, 1), qualityBps, cloudValueK), p.selfRawX100, 100));
  const cloudBps = clamp(mulDiv(serving - self, 10_000, haveUnits), 0, 10_000 - trainingBps);
  return { trainingBps, selfUseBps: 10_000 - trainingBps - cloudBps, cloudBps };
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
  // As far as the company's researchers can run them (F10).
  return applyBps(units, staffingBps(s.K, researchersPerGw(s.me.researchers, s.installedChipMw + s.incomingChipMw)));
}

/**
 * Compute units per MW of new chips of a type bought this quarter (custom ones at the program's design
 * generation), as far as the company's researchers can run them.
 */
export function newUnitsPerMw(s: Situation, type: 'merchant' | 'secondSource' | 'custom'): number {
  const perf = perfPerMw(s.sc, s.K, type, chipGenFor(type, s.genNow, s.me.customProgram));
  return Math.max(1, applyBps(perf, staffingBps(s.K, researchersPerGw(s.me.researchers, s.installedChipMw + s.incomingChipMw))));
}

/**
 * Cost of one new compute unit for a quarter ($K): chips written off over `lifeQ` quarters (their
 * economic life), the facility over its book life, energy and the running cost per MW.
 */
export function unitCostUsdK(s: Situation, chipUsdMPerMw: number, facilityUsdMPerMw: number, unitsPerMw: number, lifeQ: number): number {
  const running = mulDiv(s.K.opsUsdKPerMw, 10_000 - servingEfficiencyBps(s.K, researchersPerGw(s.me.researchers, s.installedChipMw)), 10_000);
  const perMwUsdK = mulDiv(chipUsdMPerMw, 1_000, Math.max(1, lifeQ)) + mulDiv(facilityUsdMPerMw, 1_000, s.K.facilityDeprQuarters) +
    mulDiv(s.K.hoursPerQuarter, 60, 1_000) + running;
  return mulDiv(perMwUsdK, 1, Math.max(1, unitsPerMw));
}

/** The horizon a normal bot judges a chip's returns over (quarters): four years. */
const NORMAL_HORIZON_Q = 16;

/**
 * Quarters a bot of this level spreads a new chip's price over when it judges whether buying pays: an
 * easy bot the book life (it ignores how fast compute gets cheaper), a normal one four years, a hard one
 * the chip's economic life on the visible roadmap.
 */
export function planningLifeQ(s: Situation, difficulty: Difficulty): number {
  return difficulty === 'easy' ? s.K.chipDeprQuarters : difficulty === 'hard' ? economicLifeQ(s) : NORMAL_HORIZON_Q;
}

/** Quarters a chip bought now earns before it is retired as obsolete (the visible roadmap). */
export function economicLifeQ(s: Situation): number {
  const retireGen = s.genNow + s.K.obsoleteGens;
  const retireAt = s.sc.roadmap.find((r) => r.gen === retireGen)?.quarter ?? s.quarter + s.K.chipDeprQuarters;
  return Math.max(1, Math.min(s.K.chipDeprQuarters, retireAt - s.quarter));
}
