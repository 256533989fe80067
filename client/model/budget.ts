/**
 * The desk's budget: one capex amount for the quarter, split among chips, energy, talent and data
 * as shares that always add up to 100%. The orders stay the truth: the split is read from them and
 * written back into them (chip amounts by the draft's chip mix, energy projects scaled by their
 * list price per MW, the talent bid, licensed data). Prices come from the engine (`model`,
 * `energyCapexUsdM`); nothing here decides an outcome.
 */
import {
  applyBps, energyCapexUsdM, getScenario, model, orderSpendUsdM, type EnergyOrder, type Orders, type PlayerView, type RegionId,
} from '../../shared/index.js';
import { cloneOrders } from './draft.js';

export const PARTS = ['chips', 'energy', 'talent', 'data'] as const;
export type Part = (typeof PARTS)[number];
/** Shares in basis points, adding up to 10,000. */
export type Split = Record<Part, number>;
const BPS = 10_000;

/** The split a draft with no spending starts from. */
export const DEFAULT_SPLIT: Split = { chips: 6_000, energy: 3_000, talent: 600, data: 400 };

/** What a draft spends on each part ($M, list prices). */
export function partsOf(view: Pick<PlayerView, 'scenarioId'>, o: Orders): Record<Part, number> {
  const s = orderSpendUsdM(o, energyCapexUsdM(view.scenarioId, o));
  return { chips: s.chips, energy: s.energy, talent: s.talent, data: s.data };
}

/** The capex budget of a draft: the sum of its parts ($M). */
export function budgetOf(view: Pick<PlayerView, 'scenarioId'>, o: Orders): number {
  const p = partsOf(view, o);
  return p.chips + p.energy + p.talent + p.data;
}

/** Integer shares of `total` proportional to `weights` (largest remainder; all-zero weights share evenly). */
export function proportional(total: number, weights: readonly number[]): number[] {
  const sum = weights.reduce((a, w) => a + Math.max(0, w), 0);
  const ws = sum > 0 ? weights.map((w) => Math.max(0, w)) : weights.map(() => 1);
  const den = sum > 0 ? sum : ws.length;
  const raw = ws.map((w) => (total * w) / den);
  const out = raw.map((x) => Math.floor(x));
  let left = total - out.reduce((a, b) => a + b, 0);
  const order = raw.map((x, i) => ({ i, frac: x - Math.floor(x) })).sort((a, b) => b.frac - a.frac || a.i - b.i);
  for (let k = 0; left > 0 && ws.length > 0; k = (k + 1) % ws.length, left -= 1) out[order[k]!.i]! += 1;
  return out;
}

/** The split of a draft's spending (the default split when it spends nothing). */
export function splitOf(parts: Record<Part, number>): Split {
  const total = PARTS.reduce((a, k) => a + parts[k], 0);
  if (total <= 0) return { ...DEFAULT_SPLIT };
  const bps = proportional(BPS, PARTS.map((k) => parts[k]));
  return { chips: bps[0]!, energy: bps[1]!, talent: bps[2]!, data: bps[3]! };
}

/**
 * Sets one part's share (clamped to 0–100%) and rescales the others in proportion to their current
 * shares so the split still adds up to 100% (evenly when the others were all at 0).
 */
export function rebalanceShares<K extends string>(shares: Readonly<Record<K, number>>, keys: readonly K[], part: K, bps: number): Record<K, number> {
  const v = Math.max(0, Math.min(BPS, Math.round(bps)));
  const others = keys.filter((k) => k !== part);
  const rest = proportional(BPS - v, others.map((k) => shares[k]));
  const out = { ...shares, [part]: v } as Record<K, number>;
  others.forEach((k, i) => { out[k] = rest[i]!; });
  return out;
}

/** `rebalanceShares` over the budget's four parts. */
export function rebalance(split: Split, part: Part, bps: number): Split {
  return rebalanceShares(split, PARTS, part, bps);
}

/** The compute split's parts (they add up to 100% too). */
export const OPS_PARTS = ['trainingBps', 'selfUseBps', 'cloudBps'] as const;
export type OpsPart = (typeof OPS_PARTS)[number];

/** A new energy project's defaults: the region asked for, else the largest own site, else US-Texas; on-site gas, liquid cooling. */
export function defaultProject(view: PlayerView, region: RegionId | null): EnergyOrder {
  let best: RegionId = 'us-texas';
  let bestMw = 0;
  for (const [id, site] of Object.entries(view.me?.sites ?? {})) {
    const mw = site ? model.sitePoweredMw(site) : 0;
    if (mw > bestMw) [best, bestMw] = [id as RegionId, mw];
  }
  return { region: region ?? best, source: 'gas', mw: 1, cooling: 'liquid' };
}

/**
 * Writes a budget and a split into a draft: chips by the draft's chip mix (custom silicon when it is
 * ready and the draft buys no chips yet, else merchant GPUs), energy into its projects in proportion
 * to their cost (a `template` project when it has none), the talent bid and licensed data. Energy is
 * bought in whole MW: the few $M that leaves over go to the largest other part, so the budget is spent exactly.
 * Vendor financing is kept within what the new merchant order allows.
 */
export function applyBudget(view: PlayerView, o: Orders, totalUsdM: number, split: Split, template: EnergyOrder): Orders {
  const next = cloneOrders(o);
  const K = model.constantsOf(getScenario(view.scenarioId));
  const total = Math.max(0, Math.round(totalUsdM));
  const [chips, energy, talent, data] = proportional(total, PARTS.map((k) => split[k])) as [number, number, number, number];
  // Energy: whole MW at each project's list price; what whole MW leave over goes to chips.
  const projects = o.energy.length > 0 ? o.energy : energy > 0 ? [template] : [];
  const perMw = projects.map((e) => model.energyUsdMPerMw(K, e.source, e.cooling));
  const money = proportional(energy, projects.map((e, i) => (o.energy.length > 0 ? e.mw * perMw[i]! : 1)));
  next.energy = projects.map((e, i) => ({ ...e, mw: Math.floor(money[i]! / Math.max(1, perMw[i]!)) })).filter((e) => e.mw > 0);
  const energySpent = next.energy.reduce((a, e) => a + e.mw * model.energyUsdMPerMw(K, e.source, e.cooling), 0);
  // What whole MW leave over goes to the largest of chips, talent and data.
  const leftover = energy - energySpent;
  const to: Part = split.chips >= split.talent && split.chips >= split.data ? 'chips' : split.talent >= split.data ? 'talent' : 'data';
  // Chips by the current mix.
  const mix = [o.chips.merchantUsdM, o.chips.secondSourceUsdM, o.chips.customUsdM];
  const noMix = mix.every((x) => x <= 0);
  const customReady = view.me?.customProgram.readyQ !== null && view.me?.customProgram.readyQ !== undefined;
  const [merchant, second, custom] = proportional(chips + (to === 'chips' ? leftover : 0), noMix ? (customReady ? [0, 0, 1] : [1, 0, 0]) : mix) as [number, number, number];
  next.chips = { merchantUsdM: merchant, secondSourceUsdM: second, customUsdM: custom };
  next.talentBidUsdM = talent + (to === 'talent' ? leftover : 0);
  next.data = { ...next.data, licensedUsdM: data + (to === 'data' ? leftover : 0) };
  next.finance = { ...next.finance, vendorFinancingUsdM: Math.min(next.finance.vendorFinancingUsdM, applyBps(merchant, K.vendorFinancingMaxBps)) };
  return next;
}

/** The largest budget the draft's funds allow: cash + credit + new money, less what it spends outside the budget ($M). */
export function budgetCapUsdM(view: PlayerView, o: Orders, funding: { availableUsdM: number; spendUsdM: number }): number {
  return Math.max(0, funding.availableUsdM - (funding.spendUsdM - budgetOf(view, o)));
}

/** Size of a first energy project when the draft has no energy money yet (MW). */
export const FIRST_PROJECT_MW = 100;

/**
 * "Build here": a new project in `region` (gas, liquid cooling) that shares the draft's energy money
 * equally with its other projects, or a first one of FIRST_PROJECT_MW when there is none.
 */
export function withProjectAt(view: PlayerView, o: Orders, region: RegionId): Orders {
  const next = cloneOrders(o);
  const K = model.constantsOf(getScenario(view.scenarioId));
  const added = defaultProject(view, region);
  const money = energyCapexUsdM(view.scenarioId, o);
  if (money <= 0) {
    next.energy = [...o.energy, { ...added, mw: FIRST_PROJECT_MW }];
    return next;
  }
  const all = [...o.energy, added];
  const each = proportional(money, all.map(() => 1));
  next.energy = all.map((e, i) => ({ ...e, mw: Math.max(1, Math.floor(each[i]! / Math.max(1, model.energyUsdMPerMw(K, e.source, e.cooling)))) }));
  return next;
}
