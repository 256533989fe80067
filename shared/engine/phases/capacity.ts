/**
 * Phase 4: capacity per region = min(installed chips, powered MW, cooling) (GAME.md "Resolution" 4).
 * Chips are placed newest-first into the cheapest powered sites they are allowed in; chips without
 * power sit idle (stranded capex) and still depreciate. Then the operations split is applied.
 */
import { emit, type Ctx } from '../context.js';
import { applyBps, compareIds } from '../math.js';
import { chipAllowedIn, chipMw, cohortPerf, regionDef, siteBlendedPrice, sitePoweredMw, siteUsableMw } from '../model.js';
import type { RegionId } from '../types.js';

/** Places chips, measures compute, splits it between training, self-use and cloud. */
export function capacityPhase(ctx: Ctx): void {
  const { K, scenario, state } = ctx;
  for (const seat of state.seats) {
    const c = state.companies[seat];
    const w = ctx.work[seat];
    const o = ctx.orders[seat];
    if (!c || !w || !o) continue;
    const regions = (Object.keys(c.sites) as RegionId[])
      .map((id) => {
        const def = regionDef(scenario, id);
        const ban = state.regions[id].exportBanQ;
        return {
          id, site: c.sites[id]!, price: siteBlendedPrice(K, c.sites[id]!, state.regions[id].priceUsdPerMwh),
          allowed: { merchant: chipAllowedIn(def, ban, 'merchant'), secondSource: chipAllowedIn(def, ban, 'secondSource'), custom: chipAllowedIn(def, ban, 'custom') },
        };
      })
      .sort((a, b) => a.price - b.price || compareIds(a.id, b.id));
    const room: Partial<Record<RegionId, number>> = {};
    let powered = 0;
    for (const r of regions) {
      powered += sitePoweredMw(r.site);
      room[r.id] = siteUsableMw(K, r.site, state.regions[r.id]);
    }
    const cohorts = c.chips
      .map((ch, i) => ({ ch, i, perf: cohortPerf(scenario, K, ch, c.researchers) }))
      .sort((a, b) => b.perf - a.perf || a.ch.boughtQ - b.ch.boughtQ || a.i - b.i);
    let units = 0;
    let used = 0;
    for (const { ch, perf } of cohorts) {
      let left = ch.mw;
      for (const r of regions) {
        if (left <= 0) break;
        const free = room[r.id] ?? 0;
        if (free <= 0 || !r.allowed[ch.type]) continue;
        const mw = Math.min(free, left);
        room[r.id] = free - mw;
        left -= mw;
        used += mw;
        units += mw * perf;
        w.usedMwByRegion[r.id] = (w.usedMwByRegion[r.id] ?? 0) + mw;
      }
    }
    w.chipMw = chipMw(c.chips);
    w.poweredMw = powered;
    w.usedMw = used;
    w.idleChipMw = w.chipMw - used;
    w.waitingMw = c.projects.reduce((a, p) => a + p.mw, 0);
    w.computeUnits = units;
    w.trainingUnits = applyBps(units, o.ops.trainingBps);
    w.cloudUnits = applyBps(units, o.ops.cloudBps);
    w.selfUnits = units - w.trainingUnits - w.cloudUnits;
    if (w.idleChipMw > 0 && w.idleChipMw * 10 >= w.chipMw) {
      emit(ctx, { kind: 'chipsIdle', key: 'event.chipsIdle', seat, headline: true, params: { seat, mw: w.idleChipMw } });
    }
  }
}
