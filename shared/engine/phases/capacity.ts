/**
 * Phase 4: capacity per region = min(installed chips, powered MW, cooling) (GAME.md "Resolution" 4).
 * Chips are placed newest-first into the cheapest powered sites they are allowed in; chips without
 * power sit idle (stranded capex) and still depreciate. Then the operations split is applied.
 */
import { emit, type Ctx } from '../context.js';
import { applyBps, compareIds } from '../math.js';
import { airSpeedBps, chipAllowedIn, chipMw, researchersPerGw, staffingBps, cohortPerf, mwByRegion, regionDef, secondSourceUtilBps, siteBlendedPrice, sitePoweredMw, siteRoomMw } from '../model.js';
import type { Constants } from '../model.js';
import type { ChipCohort, CompanyState, RegionId, RegionState, Site } from '../types.js';
import type { Scenario } from '../../scenarios/types.js';

/** Where chips run: the result of placing a company's chips into its powered sites. */
export interface Placement {
  poweredMw: number;
  usedMw: number;
  computeUnits: number;
  /** The part of computeUnits from merchant GPUs (what cloud customers' software targets). */
  merchantUnits: number;
  /** Every region, 0 where no chips run. */
  usedMwByRegion: Record<RegionId, number>;
}

/**
 * Places chips into the company's powered sites (GAME.md phase 4): capacity per region = min(chips,
 * powered MW, cooling), after event derates and export controls. Cohorts go best compute per MW first,
 * sites cheapest power first. Leading chips fill liquid-cooled halls before air-cooled ones, where they
 * run throttled (F15); second-source chips fill air-cooled halls first, where they run at full speed.
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
  // Sites, cheapest blended price first (ties by id). Plain arrays and insertion sorts: this runs
  // for every company every quarter, and both lists are short.
  const ids = Object.keys(sites) as RegionId[];
  const n = ids.length;
  const price: number[] = new Array(n);
  const liquidRoom: number[] = new Array(n);
  const airRoom: number[] = new Array(n);
  const leadingOk: boolean[] = new Array(n);
  const order: number[] = new Array(n);
  let poweredMw = 0;
  for (let i = 0; i < n; i += 1) {
    const id = ids[i] as RegionId;
    const site = sites[id] as Site;
    const rs = regionStates[id];
    price[i] = siteBlendedPrice(K, site, rs.priceUsdPerMwh);
    const room = siteRoomMw(site, rs);
    liquidRoom[i] = room.liquidMw;
    airRoom[i] = room.airMw;
    leadingOk[i] = chipAllowedIn(regionDef(scenario, id), rs.exportBanQ, 'merchant');
    poweredMw += sitePoweredMw(site);
    let j = i - 1;
    while (j >= 0 && ((price[order[j] as number] as number) > (price[i] as number) || (price[order[j] as number] === price[i] && compareIds(ids[order[j] as number] as string, id) > 0))) {
      order[j + 1] = order[j] as number;
      j -= 1;
    }
    order[j + 1] = i;
  }
  // Cohorts, best compute per MW first (ties: older first, then listing order).
  const m = chips.length;
  const secondUtil = secondSourceUtilBps(K, researchers);
  const perf: number[] = new Array(m);
  const byPerf: number[] = new Array(m);
  for (let i = 0; i < m; i += 1) {
    const ch = chips[i] as ChipCohort;
    perf[i] = cohortPerf(scenario, K, ch, secondUtil);
    let j = i - 1;
    while (j >= 0) {
      const o = byPerf[j] as number;
      const d = (perf[i] as number) - (perf[o] as number) || (chips[o] as ChipCohort).boughtQ - ch.boughtQ;
      if (d <= 0) break;
      byPerf[j + 1] = o;
      j -= 1;
    }
    byPerf[j + 1] = i;
  }
  let computeUnits = 0;
  let merchantUnits = 0;
  let usedMw = 0;
  const usedByIndex: number[] = [];
  for (let x = 0; x < n; x += 1) usedByIndex.push(0);
  for (let k = 0; k < m; k += 1) {
    const ci = byPerf[k] as number;
    const ch = chips[ci] as ChipCohort;
    const leading = ch.type !== 'secondSource';
    const p = perf[ci] as number;
    const airP = applyBps(p, airSpeedBps(K, ch.type));
    let left = ch.mw;
    // Two passes over the sites: the halls that suit the chip first (liquid for leading chips, air
    // for second-source), then the others.
    for (let pass = 0; pass < 2 && left > 0; pass += 1) {
      const useAir = leading ? pass === 1 : pass === 0;
      const room = useAir ? airRoom : liquidRoom;
      const unit = useAir ? airP : p;
      for (let x = 0; x < n && left > 0; x += 1) {
        const r = order[x] as number;
        const free = room[r] as number;
        if (free <= 0 || (leading && !leadingOk[r])) continue;
        const mw = Math.min(free, left);
        room[r] = free - mw;
        left -= mw;
        usedMw += mw;
        computeUnits += mw * unit;
        if (ch.type === 'merchant') merchantUnits += mw * unit;
        usedByIndex[r] = (usedByIndex[r] as number) + mw;
      }
    }
  }
  const usedMwByRegion = mwByRegion();
  for (let r = 0; r < n; r += 1) usedMwByRegion[ids[r] as RegionId] = usedByIndex[r] as number;
  return { poweredMw, usedMw, computeUnits, merchantUnits, usedMwByRegion };
}

/** Places chips, measures compute (as far as the company's researchers can run it), splits it between training, self-use and cloud. */
export function capacityPhase(ctx: Ctx): void {
  const { K, scenario, state } = ctx;
  for (const { seat, c, w, o } of ctx.seated) {
    const placed = placeChips(scenario, K, state.regions, c.sites, c.chips, c.researchers);
    w.usedMwByRegion = placed.usedMwByRegion;
    w.chipMw = chipMw(c.chips);
    w.poweredMw = placed.poweredMw;
    w.usedMw = placed.usedMw;
    w.idleChipMw = w.chipMw - placed.usedMw;
    w.waitingMw = c.projects.reduce((a, p) => a + p.mw, 0);
    // AI capacity needs people to run it (F10): with too few researchers per GW of chips, part of the
    // compute goes unused. Only the compute they can run is split between training, self-use and cloud.
    const staffed = staffingBps(K, researchersPerGw(c.researchers, w.chipMw));
    w.computeUnits = applyBps(placed.computeUnits, staffed);
    w.merchantUnits = applyBps(placed.merchantUnits, staffed);
    w.trainingUnits = applyBps(w.computeUnits, o.ops.trainingBps);
    w.cloudUnits = applyBps(w.computeUnits, o.ops.cloudBps);
    w.selfUnits = w.computeUnits - w.trainingUnits - w.cloudUnits;
    if (w.idleChipMw > 0 && w.idleChipMw * 10 >= w.chipMw) {
      emit(ctx, { kind: 'chipsIdle', key: 'event.chipsIdle', seat, region: null, headline: true, params: { seat, mw: w.idleChipMw } });
    }
  }
}
