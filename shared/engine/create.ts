/**
 * createGame: the starting state of a scenario for a set of seats (GAME.md "Time and seats").
 * A baseline quarter is computed (without changing the state) so that consensus revenue, earnings
 * and valuation multiples start consistent with the scenario's figures.
 */
import { emptyWork, type CompanyWork } from './context.js';
import { applyBps, clamp, compareIds, mulDiv, ratioBps, small } from './math.js';
import { capexValueBps, chipListUsdMPerMw, constantsOf, mwByRegion, stockForQuality, tokensPerTaskX100 } from './model.js';
import { emptyOrders } from './orders-base.js';
import { cloneState, copyForResolution, makeContext } from './resolve.js';
import { capacityPhase } from './phases/capacity.js';
import { costsPhase } from './phases/costs.js';
import { demandPhase } from './phases/demand.js';
import { adjustedEarningsUsdM, atRiskDiscountBps, constructionUsdM, copyValue, fundamentalUsdM, marketValueUsdM, operations, riskyProfitUsdM, zeroValue } from './phases/market.js';
import { ENGINE_VERSION } from './version.js';
import { LEVELS, MARKET_TICKERS, TICKERS } from './types.js';
import type { CompanyReport, CompanyState, GameState, LabContract, Level, MarketTicker, Orders, RegionState, ScheduledShock, Site, Ticker , REGION_IDS} from './types.js';
import { getScenario, hasScenario, scenarioHash } from '../scenarios/index.js';
import type { CompanyDef, Scenario } from '../scenarios/types.js';

/** Options of a new game. */
export interface NewGameOptions {
  scenarioId: string;
  seed: string;
  quarterCount?: number;
  /** Companies in play (default: all the scenario's companies). */
  seats?: readonly Ticker[];
  shocks?: readonly ScheduledShock[];
  /** The table's level, whose par the scores are measured against (default: hard, the strongest managements). */
  parLevel?: Level;
}

/** An empty public report. */
export function emptyReport(quarter: number): CompanyReport {
  return {
    quarter, revenueUsdM: 0, selfUseRevenueUsdM: 0, cloudRevenueUsdM: 0, licenseRevenueUsdM: 0, energyRevenueUsdM: 0, coreRevenueUsdM: 0,
    opexUsdM: 0, energyCostUsdM: 0, carbonTons: 0, inferenceCostUsdM: 0, payrollUsdM: 0, depreciationUsdM: 0, impairmentUsdM: 0,
    writeOffsUsdM: 0, interestUsdM: 0, netIncomeUsdM: 0, freeCashFlowUsdM: 0, capexUsdM: 0,
    capexByCategory: { chips: 0, energy: 0, talent: 0, data: 0, program: 0 },
    chipMw: 0, poweredMw: 0, waitingMw: 0, usedMw: 0, idleChipMw: 0, computeUnits: 0, cloudDemandUnits: 0,
    cloudServedUnits: 0, unmetCloudBps: 0, cloudMarginBps: 0, priceMoveBps: 0, marketCapUsdM: 0, tsrBps: 0,
    fundamentalUsdM: 0, scoreBps: 0, credibilityBps: 10_000, chipsOrderedMw: 0, chipsAllocatedMw: 0,
    qualityBps: 0, moveReasons: {}, value: zeroValue(), ledger: {},
  };
}

/** Checks new-game options; returns readable problems (empty when fine). */
export function checkNewGame(opts: NewGameOptions): string[] {
  const out: string[] = [];
  if (!hasScenario(opts.scenarioId)) return [`unknown scenario ${opts.scenarioId}`];
  const sc = getScenario(opts.scenarioId);
  const n = opts.quarterCount ?? sc.defaultQuarters;
  if (!Number.isSafeInteger(n) || n < sc.minQuarters || n > sc.maxQuarters) out.push(`quarters must be ${sc.minQuarters}–${sc.maxQuarters}`);
  if (typeof opts.seed !== 'string' || opts.seed.length === 0 || opts.seed.length > 64) out.push('seed must be 1–64 characters');
  const seats = opts.seats ?? sc.companies.map((c) => c.ticker);
  if (seats.length < 1 || new Set(seats).size !== seats.length) out.push('seats must be distinct and at least one');
  for (const s of seats) if (!sc.companies.some((c) => c.ticker === s)) out.push(`unknown company ${s}`);
  if (opts.parLevel !== undefined && !(LEVELS as readonly string[]).includes(opts.parLevel)) out.push(`level must be ${LEVELS.join(', ')}`);
  return out;
}

function companyFrom(sc: Scenario, def: CompanyDef): CompanyState {
  const K = constantsOf(sc);
  const sites: Partial<Record<(typeof REGION_IDS)[number], Site>> = {};
  let powered = 0;
  for (const s of def.sites) {
    sites[s.region] = { poweredMw: { grid: s.gridMw, gas: s.gasMw, renewables: s.renewablesMw, nuclear: s.nuclearMw }, liquidMw: s.liquidMw };
    powered += s.gridMw + s.gasMw + s.renewablesMw + s.nuclearMw;
  }
  const priceCents = mulDiv(def.marketCapUsdM, 100, def.sharesM);
  return {
    ticker: def.ticker,
    consumer: def.consumer,
    cashUsdM: def.cashUsdM,
    debtUsdM: def.debtUsdM,
    revolverUsdM: 0,
    vendorDebtUsdM: 0,
    sharesM: def.sharesM,
    priceCents,
    startPriceCents: priceCents,
    coreRevenueUsdM: def.coreRevenueUsdM,
    coreGrowthBps: def.coreGrowthBps,
    coreMarginBps: def.coreMarginBps,
    upliftCapBps: def.upliftCapBps,
    onDeviceBps: def.onDeviceBps,
    energyBusinessBps: def.energyBusinessBps,
    upliftUsdM: 0,
    cloudBaseUsdM: def.cloudLegacyUsdM,
    cloudShareBps: def.cloudShareBps,
    chips: def.chips.map((ch) => {
      const cost = ch.mw * chipListUsdMPerMw(sc, K, ch.type, ch.gen);
      return { type: ch.type, gen: ch.gen, mw: ch.mw, bookUsdM: mulDiv(cost, 6, 10), deprUsdM: mulDiv(cost, 1, K.chipDeprQuarters), boughtQ: -4 };
    }),
    shipments: [],
    projects: def.projects.map((p, i) => ({ id: `s${def.ticker}${i}`, region: p.region, source: p.source, mw: p.mw, cooling: p.cooling, orderedQ: -1, earliestQ: p.earliestQ })),
    sites,
    facilitiesBookUsdM: powered * mulDiv(K.facilityUsdMPerMw, 1, 2),
    researchers: def.researchers,
    compUsdK: def.compUsdK,
    customProgram: { spentUsdM: 0, quartersFunded: def.customQuartersFunded, readyQ: def.customReady ? 0 : null, designGen: 0, refreshQuarters: 0 },
    humanData: def.humanData,
    syntheticBps: def.historicalOrders.data.syntheticBps,
    trainingStock: stockForQuality(K, def.qualityBps),
    qualityBps: def.qualityBps,
    licensedFrom: def.licensedFrom,
    labContracts: startLabContracts(def),
    guidanceCapexUsdM: def.guidanceCapexUsdM,
    consensusCapexUsdM: def.consensusCapexUsdM,
    consensusRevenueUsdM: 0,
    // 2025's capex in four equal quarters (a list of small integers, as every history is: math.ts `small`).
    capexHistoryUsdM: growthPath(mulDiv(def.capex2025UsdM, 1, 4), 0),
    guidanceHistoryUsdM: [def.guidanceCapexUsdM, def.guidanceCapexUsdM, def.guidanceCapexUsdM],
    lastRevenueUsdM: 0,
    distressed: false,
    fairPeX1000: 20_000,
    fairPsX10000: 50_000,
    revenueHistoryUsdM: [],
    riskyRevenueHistoryUsdM: [],
    riskyProfitHistoryUsdM: [],
    incomeHistoryUsdM: [],
    lastEbitdaUsdM: 0,
    credibilityBps: 10_000,
    restructured: false,
    value: zeroValue(),
    lastOrders: standingOrders(def),
    report: emptyReport(-1),
  };
}

/** The orders a company "stands on" before it has played: its operations, no new spending. */
function standingOrders(def: CompanyDef): Orders {
  return emptyOrders(def.guidanceCapexUsdM, def.historicalOrders.ops, def.licensedFrom);
}

/** The lab contracts a company holds at the start: the one in force, and a backlog that starts later (units of generation 0, 100 a MW). */
function startLabContracts(def: CompanyDef): LabContract[] {
  const out: LabContract[] = [];
  if (def.labContractMw > 0) {
    out.push({ id: `l${def.ticker}`, mw: def.labContractMw, units: def.labContractMw * 100, usdMPerQuarter: def.labContractUsdMPerQ, quartersLeft: def.labContractQuarters, vendorLinked: false, startsQ: 0 });
  }
  (def.labBacklog ?? []).forEach((b, i) => {
    out.push({ id: `l${def.ticker}b${i}`, mw: b.mw, units: b.mw * 100, usdMPerQuarter: b.usdMPerQ, quartersLeft: b.quarters, vendorLinked: false, startsQ: b.startsQ });
  });
  return out;
}

/** Creates a new game. Throws on bad options (check them first with checkNewGame). */
export function createGame(opts: NewGameOptions): GameState {
  const problems = checkNewGame(opts);
  if (problems.length > 0) throw new Error(problems.join('; '));
  const sc = getScenario(opts.scenarioId);
  const K = constantsOf(sc);
  const seats = [...(opts.seats ?? sc.companies.map((c) => c.ticker))].sort(compareIds);
  const companies: Partial<Record<Ticker, CompanyState>> = {};
  for (const t of TICKERS) {
    const def = sc.companies.find((c) => c.ticker === t);
    if (def && seats.includes(t)) companies[t] = companyFrom(sc, def);
  }
  const regions = {} as Record<(typeof REGION_IDS)[number], RegionState>;
  // Grid projects already in the queues, by region (one pass over the companies' projects).
  const gridQueuedMw = mwByRegion();
  for (const seat of seats) for (const p of companies[seat]?.projects ?? []) if (p.source === 'grid') gridQueuedMw[p.region] += p.mw;
  for (const r of sc.regions) {
    regions[r.id] = { queueMw: gridQueuedMw[r.id], queueQuarters: r.queueQuarters, capMw: r.capMw, priceUsdPerMwh: r.priceUsdPerMwh, heatDerateBps: 0, waterRestrictBps: 0, outageBps: 0, exportBanQ: 0 };
  }
  // A licensed model sets a floor on quality from the start (as the models phase will). A licensor
  // not in play is replaced by an AI lab's model.
  for (const seat of seats) {
    const c = companies[seat];
    if (!c || !c.licensedFrom) continue;
    if (c.licensedFrom !== 'LAB' && !seats.includes(c.licensedFrom)) {
      c.licensedFrom = 'LAB';
      if (c.lastOrders) c.lastOrders.licenseFrom = 'LAB';
    }
    const source = c.licensedFrom === 'LAB' ? K.labQualityBps : (companies[c.licensedFrom]?.qualityBps ?? 0);
    c.qualityBps = Math.max(c.qualityBps, mulDiv(source, K.licenseQualityBps, 10_000));
  }
  const qualities = seats.map((s) => companies[s]?.qualityBps ?? 0);
  const avgQuality = mulDiv(qualities.reduce((a, b) => a + b, 0), 1, Math.max(1, qualities.length));
  const market = {} as GameState['market'];
  for (const t of MARKET_TICKERS) {
    const m = sc.marketStart[t as MarketTicker];
    market[t] = { priceCents: m.priceCents, prevPriceCents: m.priceCents, startPriceCents: m.priceCents, driverUsdM: t === 'SAAS' ? avgQuality : m.driverUsdM, externalUsdM: m.externalUsdM };
  }
  const state: GameState = {
    engineVersion: ENGINE_VERSION,
    scenarioId: sc.id,
    scenarioHash: scenarioHash(sc),
    seed: opts.seed,
    quarter: 0,
    quarterCount: opts.quarterCount ?? sc.defaultQuarters,
    parLevel: opts.parLevel ?? 'hard',
    seats,
    companies,
    regions,
    world: {
      era: 'trainingBoom',
      sentimentBps: 10_000,
      agentAdoptionBps: 1_500,
      monetizationBps: K.monetizationStartBps,
      monetizationSumBps: 0,
      abandonmentBps: K.abandonmentStartBps,
      tokensPerTaskX100: tokensPerTaskX100(K, 1_500),
      enterpriseTasks: 10_000,
      tasksGrowthBps: 0,
      cloudPriceUsd: K.cloudPriceStartUsd,
      cloudTightnessBps: 10_000,
      labPriceBps: 10_000,
      talentPriceUsdK: K.talentStartUsdK,
      turbinePriceBps: 10_000,
      humanDataUsed: 0,
      dataPriceUsdK: K.dataPriceUsdK,
      foundryCapacityMw: K.foundryCapacityMw,
      foundryExternalMw: K.foundryExternalMw,
      foundryPriceBps: 10_000,
      turbineBacklogMw: 0,
      baseRateBps: K.baseRateBps,
      currentGen: 0,
      frontierQualityBps: Math.max(K.labQualityBps, ...qualities),
      avgQualityBps: avgQuality,
      labFinancingUsdM: 0,
      foundryDisruptedBps: 0,
      unwound: false,
      dataWallStage: 0,
      lastAiRevenueUsdM: 0,
      lastCapexUsdM: 0,
    },
    market,
    shocks: [...(opts.shocks ?? [])].map((s) => ({ ...s })).sort((a, b) => a.quarter - b.quarter || compareIds(a.card, b.card)),
    events: [],
    nextId: 0,
    finished: false,
  };
  calibrateBaseline(state);
  return state;
}

/** Four quarters ending at `latest`, each `growthBps` below the next (oldest first). */
function growthPath(latest: number, growthBps: number): number[] {
  const out = [small(latest)];
  for (let i = 0; i < 3; i += 1) out.unshift(small(mulDiv(out[0] as number, 10_000, 10_000 + growthBps)));
  return out;
}

/**
 * Runs capacity → demand → costs on a copy with no new spending, and starts the market from it: the
 * multiples are set so that the market's value of each company at the start (GAME.md phase 8: operations,
 * at-risk discount, net cash, capacity being built; neutral sentiment, no guidance beyond recent spending)
 * is its market cap. The P/E is kept within a sane range; the P/S half explains the rest.
 */
function calibrateBaseline(state: GameState): void {
  const K = constantsOf(getScenario(state.scenarioId));
  const copy = copyForResolution(state);
  const orders = {} as Record<Ticker, Orders>;
  for (const seat of copy.seats) orders[seat] = cloneState(copy.companies[seat]!.lastOrders!);
  const ctx = makeContext(copy, orders);
  capacityPhase(ctx);
  demandPhase(ctx);
  costsPhase(ctx);
  const discount = atRiskDiscountBps(K, state.world.monetizationBps);
  let aggAi = 0;
  let aggCapex = 0;
  for (const seat of state.seats) {
    const c = state.companies[seat]!;
    const w: CompanyWork = ctx.work[seat] ?? emptyWork(0, 0);
    // Baseline revenue excludes this quarter's growth (it is what consensus grows from).
    const revenue = c.coreRevenueUsdM + w.selfUseRevenueUsdM + c.cloudBaseUsdM + w.cloudAiRevenueUsdM + w.labRevenueUsdM;
    const income = adjustedEarningsUsdM(w, K.taxBps) + (w.coreRevenueUsdM - c.coreRevenueUsdM);
    c.upliftUsdM = w.selfUseRevenueUsdM;
    c.lastRevenueUsdM = revenue;
    c.consensusRevenueUsdM = mulDiv(revenue, 10_000 + c.coreGrowthBps, 10_000);
    // The last four quarters, grown at the core's pace (so trailing figures keep pace with expectations from the start).
    c.incomeHistoryUsdM = growthPath(income, c.coreGrowthBps);
    c.revenueHistoryUsdM = growthPath(revenue, c.coreGrowthBps);
    c.lastEbitdaUsdM = w.ebitdaUsdM;
    const cap = mulDiv(c.priceCents, c.sharesM, 100);
    const netCash = c.cashUsdM - c.debtUsdM - c.revolverUsdM - c.vendorDebtUsdM;
    const construction = applyBps(constructionUsdM(K, c), Math.min(10_000, capexValueBps(K, w.selfUseRevenueUsdM + w.cloudAiRevenueUsdM + w.labRevenueUsdM > 0 ? ratioBps(w.selfUseRevenueUsdM, w.selfUseRevenueUsdM + w.cloudAiRevenueUsdM + w.labRevenueUsdM + w.licenseRevenueUsdM) : 5_000, clamp(10_000 - ratioBps(w.selfUseRevenueUsdM, Math.max(1, applyBps(c.coreRevenueUsdM, c.upliftCapBps))), 0, 10_000), state.world.monetizationBps)));
    // Operations to explain: the market cap less net cash and what is being built (at least a quarter of it).
    const target = Math.max(mulDiv(cap, 1, 4), cap - netCash - construction);
    const annual = c.incomeHistoryUsdM.reduce((a, b) => a + b, 0);
    const annualRevenue = c.revenueHistoryUsdM.reduce((a, b) => a + b, 0);
    c.riskyProfitHistoryUsdM = growthPath(riskyProfitUsdM(w), c.coreGrowthBps);
    c.riskyRevenueHistoryUsdM = growthPath(w.cloudAiRevenueUsdM + w.labRevenueUsdM, c.coreGrowthBps);
    const risky = c.riskyProfitHistoryUsdM.reduce((a, b) => a + b, 0);
    const riskyRevenue = c.riskyRevenueHistoryUsdM.reduce((a, b) => a + b, 0);
    // The third-party AI business is valued at the sector's multiples; the company's own multiples explain the rest.
    const sector = operations(K, 0, 0, risky, riskyRevenue, risky, riskyRevenue, discount);
    const ownTarget = Math.max(mulDiv(target, 1, 4), target - sector.earnings - sector.revenue - sector.atRisk);
    const ownEarnings = annual - risky;
    const ownRevenue = annualRevenue - Math.max(0, riskyRevenue);
    let pe = ownEarnings > 0 ? clamp(mulDiv(ownTarget, 1_000, ownEarnings), K.peMinX1000, K.peMaxX1000) : K.peMinX1000;
    // The earnings half may not explain more than the whole.
    if (ownEarnings > 0 && mulDiv(ownEarnings, pe, 1_000) > ownTarget * 2) pe = mulDiv(ownTarget * 2, 1_000, ownEarnings);
    c.fairPeX1000 = Math.max(1, pe);
    const earningsPart = mulDiv(Math.max(0, ownEarnings), c.fairPeX1000, 1_000);
    c.fairPsX10000 = Math.max(1, mulDiv(Math.max(0, ownTarget * 2 - earningsPart), 10_000, Math.max(1, ownRevenue)));
    const ops = operations(K, c.fairPeX1000, c.fairPsX10000, annual, annualRevenue, risky, riskyRevenue, discount);
    c.value = { earnings: ops.earnings, revenue: ops.revenue, atRisk: ops.atRisk, sentiment: 0, netCash, construction, guidance: 0, premium: 0, mood: 0 };
    // The price is the value over the shares from the first quarter on; at the start it is the market cap.
    const fundamental = fundamentalUsdM(c.value);
    c.report = { ...emptyReport(-1), revenueUsdM: revenue, selfUseRevenueUsdM: w.selfUseRevenueUsdM, cloudRevenueUsdM: c.cloudBaseUsdM + w.cloudAiRevenueUsdM, coreRevenueUsdM: c.coreRevenueUsdM, netIncomeUsdM: income, chipMw: w.chipMw, poweredMw: w.poweredMw, usedMw: w.usedMw, idleChipMw: w.idleChipMw, waitingMw: w.waitingMw, computeUnits: w.computeUnits, marketCapUsdM: cap, fundamentalUsdM: fundamental, qualityBps: c.qualityBps, value: copyValue(c.value), unmetCloudBps: w.cloudDemandUnits > 0 ? ratioBps(w.cloudDemandUnits - w.cloudServedUnits, w.cloudDemandUnits) : 0 };
    c.startPriceCents = mulDiv(fundamental, 100, c.sharesM);
    c.priceCents = mulDiv(marketValueUsdM(c.value), 100, c.sharesM);
    aggAi += w.selfUseRevenueUsdM + w.cloudAiRevenueUsdM + w.labRevenueUsdM;
    aggCapex += mulDiv(c.consensusCapexUsdM, 1, 4);
  }
  state.world.lastAiRevenueUsdM = aggAi;
  state.world.lastCapexUsdM = aggCapex;
}
