/**
 * The engine's vocabulary (GAME.md "Decisions", "Resolution"): state, orders, events, views.
 * All state is plain JSON: integers ($M, MW, bps, cents), strings, booleans, arrays, records.
 */

/** Player companies (seat ids). */
export const TICKERS = ['AAPL', 'AMZN', 'GOOGL', 'META', 'MSFT', 'ORCL', 'TSLA'] as const;
export type Ticker = (typeof TICKERS)[number];

/**
 * A table's level: how well its bots play (easy, normal, hard), and so the par every seat's score is
 * measured against (the return that level's company managements reach; GAME.md "Game end").
 */
export const LEVELS = ['easy', 'normal', 'hard'] as const;
export type Level = (typeof LEVELS)[number];

/** Non-player tickers driven by what players do (GAME.md "The market ticker"). */
export const MARKET_TICKERS = ['NVDA', 'AMD', 'AVGO', 'TSM', 'UTIL', 'SAAS', 'LABS'] as const;
export type MarketTicker = (typeof MARKET_TICKERS)[number];

/** The twelve regions (GAME.md "The world map"). */
export const REGION_IDS = [
  'us-east', 'us-texas', 'us-west', 'canada', 'nordics', 'eu-west',
  'middle-east', 'india', 'sea', 'japan-korea', 'china', 'latam',
] as const;
export type RegionId = (typeof REGION_IDS)[number];

export const CHIP_TYPES = ['merchant', 'secondSource', 'custom'] as const;
export type ChipType = (typeof CHIP_TYPES)[number];

export const ENERGY_SOURCES = ['grid', 'gas', 'renewables', 'nuclear'] as const;
export type EnergySource = (typeof ENERGY_SOURCES)[number];

export const COOLING_KINDS = ['air', 'liquid'] as const;
export type Cooling = (typeof COOLING_KINDS)[number];

export const PRICING_MODELS = ['usage', 'flat'] as const;
export type PricingModel = (typeof PRICING_MODELS)[number];

/** Market-wide era; changes the rules' weights (GAME.md "Phases that change the rules"). */
export const ERAS = ['trainingBoom', 'inferenceScaleOut', 'monetizationReckoning'] as const;
export type Era = (typeof ERAS)[number];

/** One new energy project in a region. */
export interface EnergyOrder {
  region: RegionId;
  source: EnergySource;
  mw: number;
  cooling: Cooling;
}

/** One seat's orders for one quarter. Amounts are integers: $M, MW or bps. */
export interface Orders {
  chips: { merchantUsdM: number; secondSourceUsdM: number; customUsdM: number };
  /** Custom-silicon design program spend this quarter (with a design partner, AVGO). */
  customProgramUsdM: number;
  energy: EnergyOrder[];
  /** Sealed bid into the global talent auction (compensation budget for new hires). */
  talentBidUsdM: number;
  data: { licensedUsdM: number; syntheticBps: number };
  finance: {
    borrowUsdM: number;
    repayUsdM: number;
    equityUsdM: number;
    buybackUsdM: number;
    /** Part of this quarter's merchant-chip order paid by the vendor, repaid from revenue later. */
    vendorFinancingUsdM: number;
  };
  ops: {
    trainingBps: number;
    selfUseBps: number;
    cloudBps: number;
    pricing: PricingModel;
    /** Cloud capacity offered to AI labs under multi-quarter contracts. */
    labBidMw: number;
  };
  /** License a model instead of (or on top of) training one: a rival's ticker or 'LAB'. */
  licenseFrom: Ticker | 'LAB' | null;
  /** Capex guidance for the next four quarters ($M). */
  guidanceCapexUsdM: number;
}

/** A batch of installed chips of one type and generation. */
export interface ChipCohort {
  type: ChipType;
  gen: number;
  mw: number;
  bookUsdM: number;
  /** Depreciation per quarter, fixed at delivery. */
  deprUsdM: number;
  boughtQ: number;
}

/** Chips ordered and allocated, not yet delivered. */
export interface ChipShipment {
  type: ChipType;
  gen: number;
  mw: number;
  costUsdM: number;
  arrivesQ: number;
}

/** An energy project waiting to be powered. */
export interface EnergyProject {
  id: string;
  region: RegionId;
  source: EnergySource;
  mw: number;
  cooling: Cooling;
  orderedQ: number;
  /** Earliest quarter it can come online (before queue limits). */
  earliestQ: number;
}

/** Powered capacity at one region. */
export interface Site {
  poweredMw: Record<EnergySource, number>;
  liquidMw: number;
}

/** A multi-quarter compute contract with an AI lab (counterparty risk). */
export interface LabContract {
  id: string;
  mw: number;
  /** Compute units reserved for the lab. */
  units: number;
  usdMPerQuarter: number;
  quartersLeft: number;
  vendorLinked: boolean;
  /**
   * The quarter the contract starts (a backlog signed before the game: Oracle's with OpenAI). Until then it
   * neither pays nor runs down, but the capacity is promised: the provider cannot offer it to other labs.
   * When it starts it shrinks to the capacity its provider has free for it (phases/demand.ts rule 2).
   */
  startsQ: number;
}

/** One company's whole state (private and public parts; see view.ts for what others see). */
export interface CompanyState {
  ticker: Ticker;
  consumer: boolean;
  cashUsdM: number;
  debtUsdM: number;
  revolverUsdM: number;
  vendorDebtUsdM: number;
  sharesM: number;
  priceCents: number;
  startPriceCents: number;
  /** Quarterly core (non-AI) business revenue and its growth per quarter. */
  coreRevenueUsdM: number;
  coreGrowthBps: number;
  coreMarginBps: number;
  /** Maximum AI uplift on core revenue (self-use gains). */
  upliftCapBps: number;
  onDeviceBps: number;
  energyBusinessBps: number;
  upliftUsdM: number;
  /** Legacy (non-AI) cloud revenue per quarter. */
  cloudBaseUsdM: number;
  /** Share of enterprise cloud customers (incumbency), bps. */
  cloudShareBps: number;
  chips: ChipCohort[];
  shipments: ChipShipment[];
  projects: EnergyProject[];
  sites: Partial<Record<RegionId, Site>>;
  facilitiesBookUsdM: number;
  researchers: number;
  compUsdK: number;
  /**
   * The custom-silicon design program: quarters funded before it was ready, the quarter it became ready,
   * the chip generation its current design matches, and funded quarters toward the next design.
   */
  customProgram: { spentUsdM: number; quartersFunded: number; readyQ: number | null; designGen: number; refreshQuarters: number };
  humanData: number;
  syntheticBps: number;
  trainingStock: number;
  qualityBps: number;
  licensedFrom: Ticker | 'LAB' | null;
  labContracts: LabContract[];
  guidanceCapexUsdM: number;
  consensusCapexUsdM: number;
  consensusRevenueUsdM: number;
  /** Capex actually spent in the last four quarters (most recent last). */
  capexHistoryUsdM: number[];
  /** The capex guidance in force during each of the last four quarters (most recent last). */
  guidanceHistoryUsdM: number[];
  lastRevenueUsdM: number;
  distressed: boolean;
  /**
   * Price/earnings multiple (×1000) the market pays at neutral sentiment, set from the start (capped).
   * Both multiples shrink each quarter by the core growth the market already expects, so the stock
   * rewards results beyond expectations, not growth that was priced in.
   */
  fairPeX1000: number;
  /** Price/sales multiple (×10,000) that, with the P/E half and net cash, prices the start at its market cap. */
  fairPsX10000: number;
  /** Revenue of the last four quarters (most recent last). */
  revenueHistoryUsdM: number[];
  /** Third-party AI (cloud AI and lab contracts) revenue and profit of the last four quarters (most recent last). */
  riskyRevenueHistoryUsdM: number[];
  riskyProfitHistoryUsdM: number[];
  /** Operating earnings of the last four quarters as the market values them: net income before net interest, without one-off write-downs (most recent last). */
  incomeHistoryUsdM: number[];
  lastEbitdaUsdM: number;
  /**
   * How far the market believes the company's capex guidance (bps, 10,000 = fully): spending that
   * misses the guidance in force costs credibility, quarter after quarter; keeping it wins it back.
   */
  credibilityBps: number;
  /** The company went through a restructuring (bankruptcy): its shareholders were nearly wiped out and it is ranked last. */
  restructured: boolean;
  /** The market's value of the company by part after the last quarter ($M; see market.ts). */
  value: ValueParts;
  lastOrders: Orders | null;
  report: CompanyReport;
}

/**
 * The market's value of a company, by part ($M). The stock price is the sum over the shares; the
 * final score counts only the fundamental parts (operations, net cash, capacity being built).
 */
export interface ValueParts {
  /** Half of the value of operations: trailing (adjusted) earnings × the P/E multiple. */
  earnings: number;
  /** The other half: annualised revenue × the P/S multiple. */
  revenue: number;
  /** Minus the third-party AI profit and revenue whose customers may not monetize (F9), at both multiples. */
  atRisk: number;
  /** AI sentiment above or below neutral, on the AI part of operations (not in the final score). */
  sentiment: number;
  /** Cash less debt, credit line and vendor loans. */
  netCash: number;
  /** Chips on order and power being built, at cost — less if the market expects them to earn less than they cost. */
  construction: number;
  /** The market's fading reaction to capex programmes it did not expect, weighted by credibility (not in the final score). */
  guidance: number;
  /** What the market expects the capacity being built to be worth above its cost (not in the final score). */
  premium: number;
  /** Market mood: noise that fades (not in the final score). */
  mood: number;
}

/** The public quarterly report of one company (GAME.md phase 10). */
export interface CompanyReport {
  quarter: number;
  revenueUsdM: number;
  selfUseRevenueUsdM: number;
  cloudRevenueUsdM: number;
  licenseRevenueUsdM: number;
  energyRevenueUsdM: number;
  coreRevenueUsdM: number;
  opexUsdM: number;
  energyCostUsdM: number;
  /** CO2 from the power used this quarter (tons). */
  carbonTons: number;
  inferenceCostUsdM: number;
  payrollUsdM: number;
  depreciationUsdM: number;
  impairmentUsdM: number;
  /** Cloud bills written off: customers who failed to monetize and could not pay (F9). */
  writeOffsUsdM: number;
  interestUsdM: number;
  netIncomeUsdM: number;
  freeCashFlowUsdM: number;
  capexUsdM: number;
  capexByCategory: { chips: number; energy: number; talent: number; data: number; program: number };
  chipMw: number;
  poweredMw: number;
  waitingMw: number;
  usedMw: number;
  idleChipMw: number;
  computeUnits: number;
  cloudDemandUnits: number;
  cloudServedUnits: number;
  unmetCloudBps: number;
  cloudMarginBps: number;
  priceMoveBps: number;
  marketCapUsdM: number;
  tsrBps: number;
  /** The fundamental (closing) value: operations + net cash + capacity being built ($M). */
  fundamentalUsdM: number;
  /** Total shareholder return to the fundamental value (bps): the score if the game ended now. */
  scoreBps: number;
  credibilityBps: number;
  /** Chips ordered and chips the foundry delivered against them this quarter (MW). */
  chipsOrderedMw: number;
  chipsAllocatedMw: number;
  qualityBps: number;
  /** Contributions to the stock move (bps); they add up to priceMoveBps exactly. */
  moveReasons: Record<string, number>;
  /** The market's value by part at the end of the quarter. */
  value: ValueParts;
  /** Cash movements by line; they add up to the change in cash. */
  ledger: Record<string, number>;
}

/** A region's world state (queue and events are public; who waits where is not). */
export interface RegionState {
  queueMw: number;
  queueQuarters: number;
  capMw: number;
  priceUsdPerMwh: number;
  /** Temporary derates this quarter (events). */
  heatDerateBps: number;
  waterRestrictBps: number;
  outageBps: number;
  exportBanQ: number;
}

/** Market-wide state. */
export interface WorldState {
  era: Era;
  sentimentBps: number;
  agentAdoptionBps: number;
  monetizationBps: number;
  /**
   * The sum of every resolved quarter's monetization (bps): over the quarters played, how well AI paid in
   * this game — the world the par is adjusted to (scoreBpsOf).
   */
  monetizationSumBps: number;
  abandonmentBps: number;
  tokensPerTaskX100: number;
  /** Enterprise AI tasks (index, 10,000 at the start). */
  enterpriseTasks: number;
  /** How much enterprise tasks grew last quarter (bps; public: what the market reports). */
  tasksGrowthBps: number;
  /** Cloud price per compute unit per quarter ($). */
  cloudPriceUsd: number;
  /** Cloud demand against the compute offered for it (bps): above 10,000 customers queue, below there is a glut. */
  cloudTightnessBps: number;
  /** What AI labs paid in the last contract round, as bps of the list-linked price (less when providers compete). */
  labPriceBps: number;
  /** Signing price of one AI researcher in the last talent auction ($K). */
  talentPriceUsdK: number;
  /** Gas-turbine price premium over list (bps of list, 10,000 = list). */
  turbinePriceBps: number;
  humanDataUsed: number;
  dataPriceUsdK: number;
  foundryCapacityMw: number;
  /** Foundry slots booked by buyers outside the game this quarter (MW; sovereigns, neoclouds, labs). */
  foundryExternalMw: number;
  foundryPriceBps: number;
  turbineBacklogMw: number;
  baseRateBps: number;
  currentGen: number;
  frontierQualityBps: number;
  avgQualityBps: number;
  /** Vendor (circular) financing outstanding across players ($M). */
  labFinancingUsdM: number;
  foundryDisruptedBps: number;
  unwound: boolean;
  dataWallStage: number;
  lastAiRevenueUsdM: number;
  lastCapexUsdM: number;
}

/** A non-player ticker. */
export interface MarketTickerState {
  priceCents: number;
  prevPriceCents: number;
  startPriceCents: number;
  /** The smoothed quarterly business the price follows ($M; model quality for the SaaS index). */
  driverUsdM: number;
  /** Business from customers outside the game ($M a quarter), growing on its own. */
  externalUsdM: number;
}

/** A hidden scheduled shock (scenario or teacher), revealed only when it hits. */
export interface ScheduledShock {
  quarter: number;
  card: string;
  region: RegionId | null;
}

/** Something that happened while resolving (past tense), with a headline message key. */
export interface GameEvent {
  kind: string;
  quarter: number;
  key: string;
  params: Record<string, string | number>;
  seat: Ticker | null;
  region: RegionId | null;
  headline: boolean;
}

/** The whole game state. */
export interface GameState {
  engineVersion: number;
  scenarioId: string;
  scenarioHash: string;
  seed: string;
  /** The next quarter to resolve (0-based); equals quarterCount when the game is over. */
  quarter: number;
  quarterCount: number;
  /** The table's level (the bots' difficulty): every score is measured against this level's par. */
  parLevel: Level;
  seats: Ticker[];
  companies: Partial<Record<Ticker, CompanyState>>;
  regions: Record<RegionId, RegionState>;
  world: WorldState;
  market: Record<MarketTicker, MarketTickerState>;
  shocks: ScheduledShock[];
  events: GameEvent[];
  nextId: number;
  finished: boolean;
}

/** Orders for every seat of one quarter (missing seats get defaults). */
export type OrdersBySeat = Partial<Record<Ticker, Orders>>;

/** A readable reason (message key + params) pointing at part of an order. */
export interface Problem {
  key: string;
  params: Record<string, string | number>;
  path: string;
}

export type Result<T> = { ok: true; value: T } | { ok: false; problems: Problem[] };
