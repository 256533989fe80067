/**
 * Phase 4: capacity per region = min(installed chips, powered MW, cooling) (GAME.md "Resolution" 4).
 * Chips are placed newest-first into the cheapest powered sites they are allowed in; chips without
 * power sit idle (stranded capex) and still depreciate. Then the operations split is applied.
 */
import { emit, type Ctx } from '../context.js';
import { applyBps, compareIds } from '../math.js';
import { chipAllowedIn, chipMw, cohortPerf, regionDef, siteBlendedPrice, sitePoweredMw, siteUsableMw } from '../model.js';
import type { Constants } from '../model.js';
import type { ChipCohort, CompanyState, RegionId, RegionState } from '../types.js';
import type { Scenario } from '../../scenarios/types.js';

/** Where chips run: the result of placing a company's chips into its powered sites. */
export interface Placement {
  poweredMw: number;
  usedMw: number;
  computeUnits: number;
  usedMwByRegion: Partial<Record<RegionId, number>>;
}

/**
 * Places chips newest-first into the cheapest powered sites they are allowed in (GAME.md phase 4):
 * capacity per region = min(chips, powered MW, cooling), after event derates and export controls.
 * The one placement rule: the capacity phase and the order desk's preview both call it.
 */
export function placeChips(
  scenario: Scenario,
  K: Constants,
  regionStates: Readonly<Record<RegionId, RegionState>>,
  sites: CompanyState['sites'],
  chips: readonly ChipCohort[],
  researchers: number,
): Placement {
  const regions = (Object.keys(sites) as RegionId[])
    .map((id) => {
      const def = regionDef(scenario, id);
      const ban = regionStates[id].exportBanQ;
      return {
        id, site: sites[id]!, price: siteBlendedPrice(K, sites[id]!, regionStates[id].priceUsdPerMwh),
        allowed: { merchant: chipAllowedIn(def, ban, 'merchant'), secondSource: chipAllowedIn(def, ban, 'secondSource'), custom: chipAllowedIn(def, ban, 'custom') },
      };
    })
    .sort((a, b) => a.price - b.price || compareIds(a.id, b.id));
  const room: Partial<Record<RegionId, number>> = {};
  let poweredMw = 0;
  for (const r of regions) {
    poweredMw += sitePoweredMw(r.site);
    room[r.id] = siteUsableMw(K, r.site, regionStates[r.id]);
  }
  const cohorts = chips
    .map((ch, i) => ({ ch, i, perf: cohortPerf(scenario, K, ch, researchers) }))
    .sort((a, b) => b.perf - a.perf || a.ch.boughtQ - b.ch.boughtQ || a.i - b.i);
  let computeUnits = 0;
  let usedMw = 0;
  const usedMwByRegion: Partial<Record<RegionId, number>> = {};
  for (const { ch, perf } of cohorts) {
    let left = ch.mw;
    for (const r of regions) {
      if (left <= 0) break;
      const free = room[r.id] ?? 0;
      if (free <= 0 || !r.allowed[ch.type]) continue;
      const mw = Math.min(free, left);
      room[r.id] = free - mw;
      left -= mw;
      usedMw += mw;
      computeUnits += mw * perf;
      usedMwByRegion[r.id] = (usedMwByRegion[r.id] ?? 0) + mw;
    }
  }
  return { poweredMw, usedMw, computeUnits, usedMwByRegion };
}

/** Places chips, measures compute, splits it between training, self-use and cloud. */
export function capacityPhase(ctx: Ctx): void {
  const { K, scenario, state } = ctx;
  for (const seat of state.seats) {
    const c = state.companies[seat];
    const w = ctx.work[seat];
    const o = ctx.orders[seat];
    if (!c || !w || !o) continue;
    const placed = placeChips(scenario, K, state.regions, c.sites, c.chips, c.researchers);
    w.usedMwByRegion = placed.usedMwByRegion;
    w.chipMw = chipMw(c.chips);
    w.poweredMw = placed.poweredMw;
    w.usedMw = placed.usedMw;
    w.idleChipMw = w.chipMw - placed.usedMw;
    w.waitingMw = c.projects.reduce((a, p) => a + p.mw, 0);
    w.computeUnits = placed.computeUnits;
    w.trainingUnits = applyBps(placed.computeUnits, o.ops.trainingBps);
    w.cloudUnits = applyBps(placed.computeUnits, o.ops.cloudBps);
    w.selfUnits = placed.computeUnits - w.trainingUnits - w.cloudUnits;
    if (w.idleChipMw > 0 && w.idleChipMw * 10 >= w.chipMw) {
      emit(ctx, { kind: 'chipsIdle', key: 'event.chipsIdle', seat, headline: true, params: { seat, mw: w.idleChipMw } });
    }
  }
}
