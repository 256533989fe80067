/**
 * What a bot reads from its PlayerView before planning: only its own company's figures, public
 * world data (regions' queues, the foundry ladder, the chip roadmap in the scenario) and public
 * reports of rivals. Nothing here needs — or can reach — the full game state.
 */
import { mulDiv } from '../engine/math.js';
import { chipGenFor, chipListUsdMPerMw, constantsOf, creditHeadroomUsdM, energyUsdMPerMw, genAt, regionDef, sitePoweredMw, type Constants } from '../engine/model.js';
import { type ChipType, type CompanyState, type EnergySource, type RegionId, type RegionState } from '../engine/types.js';
import type { PlayerView } from '../engine/view.js';
import { getScenario, type Scenario } from '../scenarios/index.js';
import type { RegionDef } from '../scenarios/types.js';

/** Quarters of the first year (2026), in which every company keeps to its stated plan (F1). */
export const FIRST_YEAR_Q = 4;

/**
 * Whether a normal or hard bot plans around the game's end: from the second year it starts nothing that
 * cannot pay before the score is taken (within `quarters` of it: the game's last quarter, or the scenario's
 * after the board's years). In the first year a management builds
 * its stated plan whatever the game's length — a one-year game replays 2026 as it was announced (F1);
 * before engine 14, in a four-quarter game the managements announced ~$700B and spent $60B (hard) to
 * $150B (normal), Amazon's credibility 0 by the fourth quarter.
 */
export function endInSight(s: Situation, quarters: number): boolean {
  return s.quarter >= FIRST_YEAR_Q && s.quartersLeft <= quarters;
}

/** A bot's reading of its situation this quarter. */
export interface Situation {
  sc: Scenario;
  K: Constants;
  view: PlayerView;
  /** The live state of each of the scenario's regions, in `sc.regions` order (looked up once per plan). */
  regionStates: RegionState[];
  me: CompanyState;
  quarter: number;
  /** Quarters until the score is taken: the game's end, or the scenario's in a shorter game (the board's years). */
  quartersLeft: number;
  /** Generation shipping this quarter, and the quarter the next one ships (null: none left). */
  genNow: number;
  nextGenQ: number | null;
  installedChipMw: number;
  incomingChipMw: number;
  /** Powered MW now that can host chips (leading chips run throttled in air-cooled halls). */
  usableMw: number;
  /** MW of energy projects coming online next quarter (gas, renewables, nuclear at their date). */
  powerNextQMw: number;
  waitingMw: number;
  /** Chips that will be retired as obsolete when the next generation ships (MW). */
  retiringMw: number;
  revenueQUsdM: number;
  cashUsdM: number;
  headroomUsdM: number;
  /** Last quarter's foundry price ladder (bps of list). */
  foundryBps: number;
  /**
   * Share of its chip order the foundry filled last quarter (bps; 10,000 when it filled all or nothing
   * was ordered): what a management expects of this quarter's order when it says what it will spend.
   */
  chipFillBps: number;
  /** Share of AI revenue that is the company's own (self-use), bps. */
  selfShareBps: number;
}

/** Reads the situation from the seat's own view (null for spectators or finished games). */
export function senseOf(view: PlayerView): Situation | null {
  const me = view.me;
  if (!me || view.finished) return null;
  const sc = getScenario(view.scenarioId);
  const K = constantsOf(sc);
  const quarter = view.quarter;
  const genNow = genAt(sc, quarter);
  const next = sc.roadmap.find((r) => r.quarter > quarter);
  let usableMw = 0;
  for (const id in me.sites) {
    const site = me.sites[id as RegionId];
    if (!site) continue;
    usableMw += sitePoweredMw(site);
  }
  let powerNextQMw = 0;
  let waitingMw = 0;
  for (const p of me.projects) {
    waitingMw += p.mw;
    if (p.source !== 'grid' && p.earliestQ <= quarter + 1) powerNextQMw += p.mw;
  }
  let installedChipMw = 0;
  let retiringMw = 0;
  const nextGen = next ? next.gen : genNow;
  for (const ch of me.chips) {
    installedChipMw += ch.mw;
    if (ch.gen <= nextGen - K.obsoleteGens) retiringMw += ch.mw;
  }
  const incomingChipMw = me.shipments.reduce((a, s) => a + s.mw, 0);
  const regionStates: RegionState[] = new Array(sc.regions.length);
  for (let i = 0; i < sc.regions.length; i += 1) regionStates[i] = view.regions[(sc.regions[i] as RegionDef).id];
  const r = me.report;
  const ai = r.selfUseRevenueUsdM + Math.max(0, r.cloudRevenueUsdM - me.cloudBaseUsdM);
  return {
    sc, K, view, regionStates, me, quarter,
    // The score is taken where the scenario ends, after the board's years in a shorter game (shared/board.ts):
    // a management plays a short game as it plays the whole scenario.
    quartersLeft: Math.max(view.quarterCount, sc.defaultQuarters) - quarter,
    genNow,
    nextGenQ: next ? next.quarter : null,
    installedChipMw, incomingChipMw, usableMw, powerNextQMw, waitingMw, retiringMw,
    revenueQUsdM: Math.max(r.revenueUsdM, me.lastRevenueUsdM),
    cashUsdM: me.cashUsdM,
    headroomUsdM: creditHeadroomUsdM(K, me.lastEbitdaUsdM, me.debtUsdM, me.revolverUsdM, me.distressed),
    foundryBps: Math.max(10_000, view.world.foundryPriceBps),
    chipFillBps: r.chipsOrderedMw > 0 ? Math.min(10_000, mulDiv(r.chipsAllocatedMw, 10_000, r.chipsOrderedMw)) : 10_000,
    selfShareBps: ai > 0 ? mulDiv(r.selfUseRevenueUsdM, 10_000, ai) : 5_000,
  };
}

/** Price per MW of a chip type this quarter ($M), at the last foundry ladder if `withLadder`. */
export function chipUsdMPerMw(s: Situation, type: ChipType, withLadder: boolean): number {
  const list = chipListUsdMPerMw(s.sc, s.K, type, chipGenFor(type, s.genNow, s.me.customProgram));
  return withLadder ? Math.max(1, mulDiv(list, s.foundryBps, 10_000)) : list;
}

/** Capex per MW of an energy project ($M), liquid-cooled. */
export function energyPerMwUsdM(s: Situation, source: EnergySource): number {
  return energyUsdMPerMw(s.K, source, 'liquid');
}

/**
 * Quarters until a grid project ordered now in a region would be powered, from public data: the
 * region's nominal queue, or the MW already queued over its cap per quarter if that is longer.
 */
export function gridWaitQ(s: Situation, region: RegionId): number {
  return queueWaitQ(s.view.regions[region]);
}

/** gridWaitQ from a region's live state. */
export function queueWaitQ(r: RegionState): number {
  const backlogQ = mulDiv(r.queueMw, 1, Math.max(1, r.capMw));
  return Math.max(r.queueQuarters, backlogQ);
}

/** Quarters until a non-grid project ordered now would be powered (gas ignores the turbine backlog). */
export function sourceLeadQ(s: Situation, region: RegionId, source: EnergySource): number {
  if (source === 'grid') return gridWaitQ(s, region);
  if (source === 'gas') return s.K.gasLeadQ + mulDiv(s.view.world.turbineBacklogMw, 1, Math.max(1, s.K.turbineSlotsMw));
  if (source === 'renewables') return regionDef(s.sc, region).renewablesLeadQ;
  return s.K.nuclearLeadQ;
}
