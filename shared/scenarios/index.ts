/**
 * Scenario registry and load-time validation (issue: "Validated on load; length 4–40 quarters").
 */
import { hashValue } from '../engine/hash.js';
import { REGION_IDS, TICKERS, type RegionId, type Ticker } from '../engine/types.js';
import { capexRace2026 } from './capex-race-2026.js';
import type { CompanyDef, ConstantName, RegionDef, Scenario } from './types.js';

export type { Scenario } from './types.js';

function isSafeInt(v: unknown): v is number {
  return typeof v === 'number' && Number.isSafeInteger(v);
}

/** Checks a scenario: integers only, every company number sourced, ids known, quarters in range. */
export function validateScenario(sc: Scenario): string[] {
  const errors: string[] = [];
  if (!(sc.minQuarters >= 4 && sc.maxQuarters <= 40 && sc.defaultQuarters >= sc.minQuarters && sc.defaultQuarters <= sc.maxQuarters)) {
    errors.push(`${sc.id}: quarters must lie within 4–40`);
  }
  for (const [name, c] of Object.entries(sc.constants)) {
    if (!isSafeInt(c.value)) errors.push(`${sc.id}: constant ${name} is not an integer`);
    if (!c.source) errors.push(`${sc.id}: constant ${name} has no source`);
  }
  const regionIds = new Set<string>(REGION_IDS);
  if (sc.regions.length !== REGION_IDS.length) errors.push(`${sc.id}: expected ${REGION_IDS.length} regions`);
  for (const r of sc.regions) {
    if (!regionIds.has(r.id)) errors.push(`${sc.id}: unknown region ${r.id}`);
    for (const [k, v] of Object.entries(r)) {
      if (typeof v === 'number' && !isSafeInt(v)) errors.push(`${sc.id}: region ${r.id}.${k} is not an integer`);
    }
    if (!r.sources['all']) errors.push(`${sc.id}: region ${r.id} has no source`);
  }
  const tickers = new Set<string>(TICKERS);
  for (const c of sc.companies) {
    if (!tickers.has(c.ticker)) errors.push(`${sc.id}: unknown company ${c.ticker}`);
    for (const [k, v] of Object.entries(c)) {
      if (typeof v !== 'number') continue;
      if (!isSafeInt(v)) errors.push(`${sc.id}: ${c.ticker}.${k} is not an integer`);
      if (!c.sources[k]) errors.push(`${sc.id}: ${c.ticker}.${k} has no source`);
    }
    for (const [k, v] of Object.entries(c.posture)) {
      if (typeof v === 'number' && !isSafeInt(v)) errors.push(`${sc.id}: ${c.ticker}.posture.${k} is not an integer`);
      if (k === 'bend' && (typeof v !== 'object' || v === null || Object.values(v).some((g) => !isSafeInt(g) || g < 0 || g > 1_000))) errors.push(`${sc.id}: ${c.ticker}.posture.bend must map genes to integers 0–1,000`);
      if (!c.sources[`posture.${k}`]) errors.push(`${sc.id}: ${c.ticker}.posture.${k} has no source`);
    }
    for (const b of c.labBacklog ?? []) {
      if (![b.mw, b.usdMPerQ, b.startsQ, b.quarters].every(isSafeInt) || b.mw <= 0 || b.startsQ < 1 || b.quarters < 1) errors.push(`${sc.id}: ${c.ticker}.labBacklog needs whole MW, $M a quarter, a start quarter ≥ 1 and quarters ≥ 1`);
    }
    if (c.labBacklog && !c.sources['labBacklog']) errors.push(`${sc.id}: ${c.ticker}.labBacklog has no source`);
    for (const site of c.sites) if (!regionIds.has(site.region)) errors.push(`${sc.id}: ${c.ticker} site in unknown region ${site.region}`);
    for (const chip of c.chips) if (!isSafeInt(chip.mw) || chip.mw < 0) errors.push(`${sc.id}: ${c.ticker} chips must be whole MW`);
  }
  for (const g of sc.roadmap) if (!g.source) errors.push(`${sc.id}: chip generation ${g.gen} has no source`);
  for (const card of sc.deck) {
    if (!card.source) errors.push(`${sc.id}: event card ${card.id} has no source`);
    if (!Number.isSafeInteger(card.chanceBps) || card.chanceBps < 0 || card.chanceBps > 10_000) errors.push(`${sc.id}: event card ${card.id} chance out of range`);
  }
  for (const [t, m] of Object.entries(sc.marketStart)) if (!m.source) errors.push(`${sc.id}: ticker ${t} has no source`);
  for (let i = 1; i < sc.roadmap.length; i += 1) {
    const prev = sc.roadmap[i - 1];
    const cur = sc.roadmap[i];
    if (prev && cur && !(cur.quarter > prev.quarter && cur.perfX100 > prev.perfX100)) errors.push(`${sc.id}: roadmap out of order at gen ${cur.gen}`);
  }
  return errors;
}

/** A registered scenario with what is derived from it once, at load. */
interface Entry {
  readonly scenario: Scenario;
  readonly hash: string;
  readonly constants: Readonly<Record<ConstantName, number>>;
  readonly regions: Readonly<Partial<Record<RegionId, RegionDef>>>;
  readonly companies: Readonly<Partial<Record<Ticker, CompanyDef>>>;
}

function entry(sc: Scenario): Entry {
  const problems = validateScenario(sc);
  if (problems.length > 0) throw new Error(`invalid scenario: ${problems.join('; ')}`);
  // Built in one go (not key by key): V8 keeps a ~100-key object built by keyed stores as a slow
  // dictionary, and the phases read these constants on every line.
  const constants = Object.fromEntries(Object.entries(sc.constants).map(([k, v]) => [k, v.value])) as Record<ConstantName, number>;
  const regions: Partial<Record<RegionId, RegionDef>> = {};
  for (const r of sc.regions) regions[r.id] = r;
  const companies: Partial<Record<Ticker, CompanyDef>> = {};
  for (const c of sc.companies) companies[c.ticker] = c;
  return Object.freeze({ scenario: sc, hash: hashValue(sc), constants: Object.freeze(constants), regions: Object.freeze(regions), companies: Object.freeze(companies) });
}

const REGISTRY: Readonly<Record<string, Entry>> = Object.freeze({ [capexRace2026.id]: entry(capexRace2026) });

/** Ids of the scenarios that ship with the game. */
export function scenarioIds(): string[] {
  return Object.keys(REGISTRY).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

/** The scenario with this id; throws if unknown (callers validate ids at the edge). */
export function getScenario(id: string): Scenario {
  const e = REGISTRY[id];
  if (!e) throw new Error(`unknown scenario ${id}`);
  return e.scenario;
}

/** The registry entry of a scenario object, if it is the registered one (fast path for lookups). */
export function registered(sc: Scenario): { constants: Readonly<Record<ConstantName, number>>; regions: Readonly<Partial<Record<RegionId, RegionDef>>>; companies: Readonly<Partial<Record<Ticker, CompanyDef>>> } | null {
  const e = REGISTRY[sc.id];
  return e && e.scenario === sc ? e : null;
}

/** A registered scenario's regions by id (computed once at load). */
export function scenarioRegions(id: string): Readonly<Partial<Record<RegionId, RegionDef>>> {
  const e = REGISTRY[id];
  if (!e) throw new Error(`unknown scenario ${id}`);
  return e.regions;
}

/** A registered scenario's constants by name (computed once at load). */
export function scenarioConstants(id: string): Readonly<Record<ConstantName, number>> {
  const e = REGISTRY[id];
  if (!e) throw new Error(`unknown scenario ${id}`);
  return e.constants;
}

/** Whether a scenario id is known. */
export function hasScenario(id: string): boolean {
  return Object.prototype.hasOwnProperty.call(REGISTRY, id);
}

/** Hash of a scenario's data (pins replays to the exact numbers they were played with). */
export function scenarioHash(sc: Scenario): string {
  const e = REGISTRY[sc.id];
  return e && e.scenario === sc ? e.hash : hashValue(sc);
}
