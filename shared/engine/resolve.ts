/**
 * resolve(state, orders) → state: one quarter, phases in a fixed order given as data
 * (GAME.md "Resolution"; ARCHITECTURE.md "phase order as data"). Pure: the input is never changed.
 */
import { emit, emptyWork, type CompanyWork, type Ctx, type Seated } from './context.js';
import { hashValue } from './hash.js';
import { constantsOf } from './model.js';
import { defaultOrders, orderContextOfState, validateOrders } from './orders.js';
import { capacityPhase } from './phases/capacity.js';
import { costsPhase } from './phases/costs.js';
import { demandPhase } from './phases/demand.js';
import { eventsPhase } from './phases/events.js';
import { financePhase } from './phases/finance.js';
import { copyValue, marketPhase } from './phases/market.js';
import { modelsPhase } from './phases/models.js';
import { publishPhase } from './phases/publish.js';
import { supplyPhase } from './phases/supply.js';
import { talentPhase } from './phases/talent.js';
import type { ChipCohort, ChipShipment, CompanyState, EnergyProject, GameState, LabContract, MarketTicker, Orders, OrdersBySeat, RegionId, Site, Ticker, WorldState } from './types.js';
import { getScenario } from '../scenarios/index.js';

/** The resolution phases, in order (GAME.md "Resolution (one quarter, fixed phase order)"). */
export const PHASES = [
  { id: 'orders', run: financePhase },
  { id: 'talent', run: talentPhase },
  { id: 'supply', run: supplyPhase },
  { id: 'capacity', run: capacityPhase },
  { id: 'models', run: modelsPhase },
  { id: 'demand', run: demandPhase },
  { id: 'costs', run: costsPhase },
  { id: 'market', run: marketPhase },
  { id: 'events', run: eventsPhase },
  { id: 'publish', run: publishPhase },
] as const satisfies readonly { id: string; run: (ctx: Ctx) => void }[];

/** A deep copy of plain-JSON data (objects, arrays, primitives). */
export function cloneState<T>(value: T): T {
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) {
    const out = new Array(value.length);
    for (let i = 0; i < value.length; i += 1) out[i] = cloneState(value[i]);
    return out as T;
  }
  const out: Record<string, unknown> = {};
  for (const k of Object.keys(value)) out[k] = cloneState((value as Record<string, unknown>)[k]);
  return out as T;
}

/** A copy of one company for resolution: scalars spread, every nested part the phases change copied. */
function copyCompany(c: CompanyState): CompanyState {
  const sites: CompanyState['sites'] = {};
  for (const key in c.sites) {
    const id = key as RegionId;
    const site = c.sites[id] as Site;
    const p = site.poweredMw;
    sites[id] = { poweredMw: { grid: p.grid, gas: p.gas, renewables: p.renewables, nuclear: p.nuclear }, liquidMw: site.liquidMw };
  }
  const chips: ChipCohort[] = new Array(c.chips.length);
  for (let i = 0; i < c.chips.length; i += 1) {
    const x = c.chips[i] as ChipCohort;
    chips[i] = { type: x.type, gen: x.gen, mw: x.mw, bookUsdM: x.bookUsdM, deprUsdM: x.deprUsdM, boughtQ: x.boughtQ };
  }
  const projects: EnergyProject[] = new Array(c.projects.length);
  for (let i = 0; i < c.projects.length; i += 1) {
    const x = c.projects[i] as EnergyProject;
    projects[i] = { id: x.id, region: x.region, source: x.source, mw: x.mw, cooling: x.cooling, orderedQ: x.orderedQ, earliestQ: x.earliestQ };
  }
  const shipments: ChipShipment[] = new Array(c.shipments.length);
  for (let i = 0; i < c.shipments.length; i += 1) {
    const x = c.shipments[i] as ChipShipment;
    shipments[i] = { type: x.type, gen: x.gen, mw: x.mw, costUsdM: x.costUsdM, arrivesQ: x.arrivesQ };
  }
  const labContracts: LabContract[] = new Array(c.labContracts.length);
  for (let i = 0; i < c.labContracts.length; i += 1) {
    const x = c.labContracts[i] as LabContract;
    labContracts[i] = { id: x.id, mw: x.mw, units: x.units, usdMPerQuarter: x.usdMPerQuarter, quartersLeft: x.quartersLeft, vendorLinked: x.vendorLinked, startsQ: x.startsQ };
  }
  // Every field listed (not `{ ...c, … }`): copies made by spread took a different object shape
  // per company, which made every company field access in the phases a megamorphic lookup.
  return {
    ticker: c.ticker,
    consumer: c.consumer,
    cashUsdM: c.cashUsdM,
    debtUsdM: c.debtUsdM,
    revolverUsdM: c.revolverUsdM,
    vendorDebtUsdM: c.vendorDebtUsdM,
    sharesM: c.sharesM,
    priceCents: c.priceCents,
    startPriceCents: c.startPriceCents,
    coreRevenueUsdM: c.coreRevenueUsdM,
    coreGrowthBps: c.coreGrowthBps,
    coreMarginBps: c.coreMarginBps,
    upliftCapBps: c.upliftCapBps,
    onDeviceBps: c.onDeviceBps,
    energyBusinessBps: c.energyBusinessBps,
    upliftUsdM: c.upliftUsdM,
    cloudBaseUsdM: c.cloudBaseUsdM,
    cloudShareBps: c.cloudShareBps,
    chips,
    shipments,
    projects,
    sites,
    facilitiesBookUsdM: c.facilitiesBookUsdM,
    researchers: c.researchers,
    compUsdK: c.compUsdK,
    customProgram: { spentUsdM: c.customProgram.spentUsdM, quartersFunded: c.customProgram.quartersFunded, readyQ: c.customProgram.readyQ, designGen: c.customProgram.designGen, refreshQuarters: c.customProgram.refreshQuarters },
    humanData: c.humanData,
    syntheticBps: c.syntheticBps,
    trainingStock: c.trainingStock,
    qualityBps: c.qualityBps,
    licensedFrom: c.licensedFrom,
    labContracts,
    guidanceCapexUsdM: c.guidanceCapexUsdM,
    consensusCapexUsdM: c.consensusCapexUsdM,
    consensusRevenueUsdM: c.consensusRevenueUsdM,
    capexHistoryUsdM: c.capexHistoryUsdM.slice(),
    guidanceHistoryUsdM: c.guidanceHistoryUsdM.slice(),
    lastRevenueUsdM: c.lastRevenueUsdM,
    distressed: c.distressed,
    fairPeX1000: c.fairPeX1000,
    fairPsX10000: c.fairPsX10000,
    revenueHistoryUsdM: c.revenueHistoryUsdM.slice(),
    riskyRevenueHistoryUsdM: c.riskyRevenueHistoryUsdM.slice(),
    riskyProfitHistoryUsdM: c.riskyProfitHistoryUsdM.slice(),
    incomeHistoryUsdM: c.incomeHistoryUsdM.slice(),
    lastEbitdaUsdM: c.lastEbitdaUsdM,
    credibilityBps: c.credibilityBps,
    restructured: c.restructured,
    value: copyValue(c.value),
    // Replaced (never changed) by the phases: shared with the input.
    lastOrders: c.lastOrders,
    report: c.report,
  };
}

/**
 * The private working copy a resolution changes. Everything the phases update is copied; what
 * they only replace (the event list, each company's last report and last orders) is shared, since
 * the input state must never change and publish installs new ones. A property test checks that
 * resolving never changes its input.
 */
export function copyForResolution(state: GameState): GameState {
  const companies: GameState['companies'] = {};
  for (const [t, c] of Object.entries(state.companies) as [Ticker, CompanyState][]) companies[t] = copyCompany(c);
  const regions = {} as GameState['regions'];
  for (const key in state.regions) {
    const id = key as RegionId;
    const r = state.regions[id];
    regions[id] = {
      queueMw: r.queueMw, queueQuarters: r.queueQuarters, capMw: r.capMw, priceUsdPerMwh: r.priceUsdPerMwh,
      heatDerateBps: r.heatDerateBps, waterRestrictBps: r.waterRestrictBps, outageBps: r.outageBps, exportBanQ: r.exportBanQ,
    };
  }
  const market = {} as GameState['market'];
  for (const key in state.market) {
    const id = key as MarketTicker;
    const m = state.market[id];
    market[id] = { priceCents: m.priceCents, prevPriceCents: m.prevPriceCents, startPriceCents: m.startPriceCents, driverUsdM: m.driverUsdM, externalUsdM: m.externalUsdM };
  }
  return {
    engineVersion: state.engineVersion,
    scenarioId: state.scenarioId,
    scenarioHash: state.scenarioHash,
    seed: state.seed,
    quarter: state.quarter,
    quarterCount: state.quarterCount,
    parLevel: state.parLevel,
    seats: state.seats.slice(),
    companies,
    regions,
    world: copyWorld(state.world),
    market,
    shocks: state.shocks.map((x) => ({ ...x })),
    events: state.events,
    nextId: state.nextId,
    finished: state.finished,
  };
}

/** A copy of the world figures, field by field (one object shape with the new game's). */
export function copyWorld(w: WorldState): WorldState {
  return {
    era: w.era,
    sentimentBps: w.sentimentBps,
    agentAdoptionBps: w.agentAdoptionBps,
    monetizationBps: w.monetizationBps,
    monetizationSumBps: w.monetizationSumBps,
    abandonmentBps: w.abandonmentBps,
    tokensPerTaskX100: w.tokensPerTaskX100,
    enterpriseTasks: w.enterpriseTasks,
    tasksGrowthBps: w.tasksGrowthBps,
    cloudPriceUsd: w.cloudPriceUsd,
    cloudTightnessBps: w.cloudTightnessBps,
    labPriceBps: w.labPriceBps,
    talentPriceUsdK: w.talentPriceUsdK,
    turbinePriceBps: w.turbinePriceBps,
    humanDataUsed: w.humanDataUsed,
    dataPriceUsdK: w.dataPriceUsdK,
    foundryCapacityMw: w.foundryCapacityMw,
    foundryExternalMw: w.foundryExternalMw,
    foundryPriceBps: w.foundryPriceBps,
    turbineBacklogMw: w.turbineBacklogMw,
    baseRateBps: w.baseRateBps,
    currentGen: w.currentGen,
    frontierQualityBps: w.frontierQualityBps,
    avgQualityBps: w.avgQualityBps,
    labFinancingUsdM: w.labFinancingUsdM,
    foundryDisruptedBps: w.foundryDisruptedBps,
    unwound: w.unwound,
    dataWallStage: w.dataWallStage,
    lastAiRevenueUsdM: w.lastAiRevenueUsdM,
    lastCapexUsdM: w.lastCapexUsdM,
  };
}

/** Builds a resolution context over a private copy of the state. */
export function makeContext(state: GameState, orders: Record<Ticker, Orders>): Ctx {
  const scenario = getScenario(state.scenarioId);
  const work = {} as Record<Ticker, CompanyWork>;
  const seated: Seated[] = [];
  for (const seat of state.seats) {
    const c = state.companies[seat];
    const w = emptyWork(c?.cashUsdM ?? 0, c?.sharesM ?? 0);
    work[seat] = w;
    const o = orders[seat];
    if (c && o) seated.push({ seat, c, w, o });
  }
  return {
    scenario,
    K: constantsOf(scenario),
    q: state.quarter,
    state,
    orders,
    work,
    seated,
    events: [],
    market: { merchantUsdM: 0, secondSourceUsdM: 0, customUsdM: 0, programUsdM: 0, energyDeliveredUsdM: 0, renewablesCapexUsdM: 0, energyOpexUsdM: 0, labPaymentsUsdM: 0, clearingCompUsdK: 0, enterpriseDemandUnits: 0 },
  };
}

/** The result of one quarter: the new state, its hash and the orders that were actually used. */
export interface Resolution {
  state: GameState;
  hash: string;
  orders: Record<Ticker, Orders>;
}

/**
 * Resolves one quarter. Orders are validated again (a seat whose orders fail, or that sent none,
 * gets the default orders and an event saying so); seats are processed in sorted order, so the
 * order in which orders are listed never matters. `{ hash: false }` skips the state hash (returns
 * '') for bulk simulation where only some quarters' hashes are needed (hash them with hashState).
 * `{ consume: true }` is for bulk simulation too: the caller hands `input` over, and it is resolved
 * in place (no copy) and returned as the new state, so nothing may still hold it or a view of it.
 * The result is the same as with a copy (a test checks the hashes).
 */
export function resolveQuarter(input: GameState, ordersBySeat: OrdersBySeat, opts: { hash?: boolean; consume?: boolean } = {}): Resolution {
  if (input.finished) throw new Error('resolveQuarter: the game is over');
  const state = opts.consume === true ? input : copyForResolution(input);
  const used = {} as Record<Ticker, Orders>;
  const notes: { seat: Ticker; key: string; params: Record<string, string | number> }[] = [];
  for (const seat of state.seats) {
    const given = ordersBySeat[seat];
    const octx = orderContextOfState(state, seat);
    if (given === undefined) {
      used[seat] = defaultOrders(octx);
      notes.push({ seat, key: 'event.ordersDefaulted', params: { seat } });
      continue;
    }
    const v = validateOrders(octx, given);
    if (v.ok) used[seat] = v.value;
    else {
      used[seat] = defaultOrders(octx);
      notes.push({ seat, key: 'event.ordersRejected', params: { seat, reason: v.problems[0]?.key ?? 'orders.invalid' } });
    }
  }
  const ctx = makeContext(state, used);
  for (const n of notes) emit(ctx, { kind: n.key === 'event.ordersDefaulted' ? 'ordersDefaulted' : 'ordersRejected', key: n.key, seat: n.seat, region: null, headline: false, params: n.params });
  for (let i = 0; i < PHASES.length; i += 1) PHASES[i]!.run(ctx);
  return { state, hash: opts.hash === false ? '' : hashState(state), orders: used };
}

/** The state hash (canonical JSON, 64-bit). */
export function hashState(state: GameState): string {
  return hashValue(state);
}
