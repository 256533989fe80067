/**
 * The order desk's projection (client preview): chips, power and idle chips for the next quarter if
 * these orders go through, computed with the engine's own rules — list prices, lead times and the
 * same chip placement as the capacity phase. An estimate: rivals' orders (foundry allocation and
 * price ladder) and grid caps are unknown until the quarter resolves.
 */
import { chipGenFor, chipListUsdMPerMw, constantsOf, genAt, sitePoweredMw } from './model.js';
import { placeChips } from './phases/capacity.js';
import { credibilityAfterBps } from './phases/market.js';
import { orderCapexUsdM } from './orders.js';
import { CHIP_TYPES } from './types.js';
import type { ChipCohort, ChipType, Orders, RegionId, Site } from './types.js';
import type { PlayerView } from './view.js';
import { getScenario } from '../scenarios/index.js';

/** Next quarter's projected capacity. */
export interface CapacityProjection {
  /** Chips bought by this order at list price (MW), by type. */
  newChipMw: Record<ChipType, number>;
  /** Chips installed next quarter (installed + arriving), MW. */
  chipMw: number;
  /** Powered MW next quarter (sites + projects due). */
  poweredMw: number;
  /** Chips that would sit idle next quarter (placement and export rules applied). */
  idleChipMw: number;
  /** Compute units the placed chips give before staffing (air-cooled halls throttle leading chips, F15). */
  computeUnits: number;
}

const ORDER_FIELD: Record<ChipType, 'merchantUsdM' | 'secondSourceUsdM' | 'customUsdM'> = {
  merchant: 'merchantUsdM',
  secondSource: 'secondSourceUsdM',
  custom: 'customUsdM',
};

/** Projects next quarter's capacity for the viewer's own company (null for spectators). */
export function projectCapacity(view: PlayerView, orders: Orders): CapacityProjection | null {
  const me = view.me;
  if (!me) return null;
  const sc = getScenario(view.scenarioId);
  const K = constantsOf(sc);
  const q = view.quarter;
  const next = q + 1;
  const gen = genAt(sc, q);
  const newChipMw = { merchant: 0, secondSource: 0, custom: 0 } as Record<ChipType, number>;
  const chips: ChipCohort[] = me.chips.map((c) => ({ ...c }));
  for (const s of me.shipments) if (s.arrivesQ <= next) chips.push({ type: s.type, gen: s.gen, mw: s.mw, bookUsdM: 0, deprUsdM: 0, boughtQ: next });
  for (const type of CHIP_TYPES) {
    const chipGen = chipGenFor(type, gen, me.customProgram);
    const mw = Math.floor(orders.chips[ORDER_FIELD[type]] / Math.max(1, chipListUsdMPerMw(sc, K, type, chipGen)));
    newChipMw[type] = mw;
    const lead = type === 'custom' ? K.customChipLeadQ : K.merchantLeadQ;
    if (mw > 0 && q + lead <= next) chips.push({ type, gen: chipGen, mw, bookUsdM: 0, deprUsdM: 0, boughtQ: next });
  }
  // Sites next quarter: today's, plus projects due by then (grid ones as if the regional cap allowed them).
  const sites: Partial<Record<RegionId, Site>> = {};
  for (const [id, site] of Object.entries(me.sites) as [RegionId, Site][]) sites[id] = { poweredMw: { ...site.poweredMw }, liquidMw: site.liquidMw };
  for (const p of me.projects) {
    if (p.earliestQ > next) continue;
    const site = (sites[p.region] ??= { poweredMw: { grid: 0, gas: 0, renewables: 0, nuclear: 0 }, liquidMw: 0 });
    site.poweredMw[p.source] += p.mw;
    if (p.cooling === 'liquid') site.liquidMw += p.mw;
  }
  const placed = placeChips(sc, K, view.regions, sites, chips, me.researchers);
  let poweredMw = 0;
  for (const site of Object.values(sites)) if (site) poweredMw += sitePoweredMw(site);
  const chipMw = chips.reduce((a, c) => a + c.mw, 0);
  return { newChipMw, chipMw, poweredMw, idleChipMw: chipMw - placed.usedMw, computeUnits: placed.computeUnits };
}

/**
 * Guidance credibility after the quarter if these orders go through (the market phase's rule, with
 * the orders' capex at list prices: chips, custom programme, energy, talent bid, licensed data; null
 * for spectators). An estimate: rationed chips and a lost talent auction spend less than ordered.
 */
export function projectCredibilityBps(view: PlayerView, orders: Orders): number | null {
  const me = view.me;
  if (!me) return null;
  const K = constantsOf(getScenario(view.scenarioId));
  return credibilityAfterBps(K, me, orderCapexUsdM(view.scenarioId, orders), orders.guidanceCapexUsdM);
}
