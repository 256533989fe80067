/**
 * The working context of one resolution: a private copy of the state that the phases update in
 * their fixed order, plus per-quarter scratch figures that never enter the state.
 */
import { mwByRegion, type Constants } from './model.js';
import type { CompanyState, GameEvent, GameState, Orders, RegionId, Ticker } from './types.js';
import type { Scenario } from '../scenarios/types.js';

/**
 * The lines of a company's cash ledger and their places in `CompanyWork.ledger` (the report lists
 * the lines money moved on, by name). Cash moves are among the engine's most frequent steps, so the
 * ledger is a list of numbers indexed by line, not a record that grows line by line.
 */
export const LINE = Object.freeze({
  assetSale: 0, borrow: 1, buyback: 2, chips: 3, data: 4, energy: 5, equity: 6, forcedEquity: 7, interest: 8, license: 9,
  licenseIncome: 10, opex: 11, program: 12, repay: 13, reservationFee: 14, revenue: 15, revolverDraw: 16, revolverRepay: 17,
  talent: 18, tax: 19, vendorCalled: 20, vendorFinancing: 21, vendorRepay: 22, writeOffs: 23,
});
export type LedgerLine = keyof typeof LINE;
/** The ledger's lines by index. */
export const LEDGER_LINES: readonly LedgerLine[] = Object.freeze(Object.keys(LINE) as LedgerLine[]);

/** The report's ledger: the lines money moved on, in LEDGER_LINES order. */
export function reportLedger(w: CompanyWork): Record<string, number> {
  const out: Record<string, number> = {};
  for (let i = 0; i < LEDGER_LINES.length; i += 1) if ((w.ledgerMoved & (1 << i)) !== 0) out[LEDGER_LINES[i] as LedgerLine] = w.ledger[i] as number;
  return out;
}

/** Per-company figures computed during one quarter (scratch, not state). */
export interface CompanyWork {
  cashStartUsdM: number;
  /** Shares at the start of the quarter (before issuance and buybacks), millions. */
  sharesStartM: number;
  /** New equity raised this quarter ($M): its shares are priced when the quarter closes. */
  equityRaisedUsdM: number;
  /** Cash paid for buybacks this quarter: the shares are retired at the quarter's close (market.ts). */
  buybackUsdM: number;
  /** Cash movements this quarter by line (indexed by LINE); they must add up to the change in cash. */
  ledger: number[];
  /** Bit i is set once money moved on line i (a line can move and still net to zero). */
  ledgerMoved: number;
  capex: { chips: number; energy: number; talent: number; data: number; program: number };
  chipMw: number;
  poweredMw: number;
  usedMw: number;
  idleChipMw: number;
  waitingMw: number;
  /** Every region (0 where no chips run); set by the capacity phase. */
  usedMwByRegion: Readonly<Record<RegionId, number>>;
  computeUnits: number;
  /** The part of computeUnits from merchant GPUs. */
  merchantUnits: number;
  trainingUnits: number;
  selfUnits: number;
  cloudUnits: number;
  selfUseRevenueUsdM: number;
  cloudRevenueUsdM: number;
  cloudAiRevenueUsdM: number;
  labRevenueUsdM: number;
  licenseRevenueUsdM: number;
  licenseCostUsdM: number;
  /** The company's own renewables + storage capex this quarter ($M). */
  renewablesCapexUsdM: number;
  /** Revenue of the company's own energy business from rivals' renewables + storage projects. */
  energyRevenueUsdM: number;
  coreRevenueUsdM: number;
  cloudDemandUnits: number;
  cloudServedUnits: number;
  /** Compute units serving AI-lab contracts this quarter. */
  labServedUnits: number;
  /** Cloud bills written off this quarter (customers who failed to monetize; F9). */
  writeOffsUsdM: number;
  /** Fee paid on foundry slots reserved by guidance and left unused. */
  reservationFeeUsdM: number;
  /** Chips ordered and allocated this quarter (MW). */
  chipsOrderedMw: number;
  chipsAllocatedMw: number;
  energyCostUsdM: number;
  carbonTons: number;
  inferenceCostUsdM: number;
  payrollUsdM: number;
  coreCostUsdM: number;
  depreciationUsdM: number;
  impairmentUsdM: number;
  interestUsdM: number;
  netIncomeUsdM: number;
  ebitdaUsdM: number;
  vendorUnwindUsdM: number;
  /** Book value written down in forced asset sales, and shares issued in distress (M). */
  fireSaleLossUsdM: number;
  /** Core growth gained or lost this quarter from model quality against the field (bps). */
  coreEdgeBps: number;
  priceMoveBps: number;
  moveReasons: Record<string, number>;
}

/** A seat in play this quarter with its company, scratch figures and orders. */
export interface Seated {
  readonly seat: Ticker;
  readonly c: CompanyState;
  readonly w: CompanyWork;
  readonly o: Orders;
}

/** The context the phases share. */
export interface Ctx {
  readonly scenario: Scenario;
  readonly K: Constants;
  /** The quarter being resolved. */
  readonly q: number;
  readonly state: GameState;
  readonly orders: Record<Ticker, Orders>;
  readonly work: Record<Ticker, CompanyWork>;
  /**
   * Each seat in seat order with its company, scratch and orders (looked up once per quarter: the
   * phases loop over seats many times, and a lookup by ticker costs more than a list entry).
   */
  readonly seated: readonly Seated[];
  readonly events: GameEvent[];
  /** Market-wide scratch. */
  readonly market: {
    merchantUsdM: number;
    secondSourceUsdM: number;
    customUsdM: number;
    programUsdM: number;
    /** Power plant and grid equipment delivered this quarter, at cost ($M): the utilities' sales (F17). */
    energyDeliveredUsdM: number;
    /** All companies' renewables + storage capex this quarter ($M; each company's own is in its scratch). */
    renewablesCapexUsdM: number;
    energyOpexUsdM: number;
    labPaymentsUsdM: number;
    clearingCompUsdK: number;
    enterpriseDemandUnits: number;
  };
}

/** No MW in any region (shared: scratch until the capacity phase sets its own). */
const NO_MW: Readonly<Record<RegionId, number>> = Object.freeze(mwByRegion());

/** A fresh scratch record for one company. */
export function emptyWork(cashStartUsdM: number, sharesStartM: number): CompanyWork {
  return {
    cashStartUsdM,
    sharesStartM,
    equityRaisedUsdM: 0,
    buybackUsdM: 0,
    ledger: [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0],
    ledgerMoved: 0,
    capex: { chips: 0, energy: 0, talent: 0, data: 0, program: 0 },
    chipMw: 0, poweredMw: 0, usedMw: 0, idleChipMw: 0, waitingMw: 0, usedMwByRegion: NO_MW,
    computeUnits: 0, merchantUnits: 0, trainingUnits: 0, selfUnits: 0, cloudUnits: 0,
    selfUseRevenueUsdM: 0, cloudRevenueUsdM: 0, cloudAiRevenueUsdM: 0, labRevenueUsdM: 0,
    licenseRevenueUsdM: 0, licenseCostUsdM: 0, renewablesCapexUsdM: 0, energyRevenueUsdM: 0, coreRevenueUsdM: 0, cloudDemandUnits: 0, cloudServedUnits: 0, labServedUnits: 0,
    writeOffsUsdM: 0, reservationFeeUsdM: 0, chipsOrderedMw: 0, chipsAllocatedMw: 0,
    energyCostUsdM: 0, carbonTons: 0, inferenceCostUsdM: 0, payrollUsdM: 0, coreCostUsdM: 0, depreciationUsdM: 0,
    impairmentUsdM: 0, interestUsdM: 0, netIncomeUsdM: 0, ebitdaUsdM: 0, vendorUnwindUsdM: 0, fireSaleLossUsdM: 0, coreEdgeBps: 0, priceMoveBps: 0, moveReasons: {},
  };
}

/** Moves cash for a company and records it on a line of its ledger (`LINE.chips` …). */
export function moveCash(ctx: Ctx, seat: Ticker, line: number, amountUsdM: number): void {
  const c = ctx.state.companies[seat];
  const w = ctx.work[seat];
  if (!c || !w) throw new Error(`moveCash: no company ${seat}`);
  moveCashOf(c, w, line, amountUsdM);
}

/** A company pays `usdM` out of its cash on a ledger line (see payCashOf). */
export function payCash(ctx: Ctx, seat: Ticker, line: number, usdM: number): void {
  moveCash(ctx, seat, line, 0 - usdM);
}

/** moveCash for a company and its scratch already at hand (the phases' seat loops). */
export function moveCashOf(c: CompanyState, w: CompanyWork, line: number, amountUsdM: number): void {
  if (amountUsdM === 0) return;
  c.cashUsdM += amountUsdM;
  w.ledger[line] = (w.ledger[line] as number) + amountUsdM;
  w.ledgerMoved |= 1 << line;
}

/**
 * A company pays `usdM` out of its cash on a ledger line (moveCashOf of the amount taken away). Written
 * `0 - usdM`: nothing to pay is then a plain 0, never JavaScript's minus zero (`-0`), on which V8 threw away
 * the phase's optimized code and compiled it again in play (interest and tax are often 0). Performance only.
 */
export function payCashOf(c: CompanyState, w: CompanyWork, line: number, usdM: number): void {
  moveCashOf(c, w, line, 0 - usdM);
}

/**
 * Records an event (past tense, with its message key). Callers list every field, in this order
 * (`{ kind, key, seat, region, headline, params }`): one object shape for every call, so reading
 * them here stays a plain field read.
 */
export function emit(ctx: Ctx, e: Omit<GameEvent, 'quarter'>): void {
  ctx.events.push({ quarter: ctx.q, seat: e.seat, region: e.region, headline: e.headline, kind: e.kind, key: e.key, params: e.params });
}

/** A deterministic id for new objects in the state. */
export function nextId(ctx: Ctx, prefix: string): string {
  ctx.state.nextId += 1;
  return `${prefix}${ctx.state.nextId}`;
}

/** Total revenue of a company this quarter: core, self-use uplift, cloud, labs, licenses, energy business. */
export function totalRevenueUsdM(w: CompanyWork): number {
  return w.coreRevenueUsdM + w.selfUseRevenueUsdM + w.cloudRevenueUsdM + w.labRevenueUsdM + w.licenseRevenueUsdM + w.energyRevenueUsdM;
}

/** Ledger lines that are financing, not operations (left out of free cash flow). */
const FINANCING_LINES: readonly LedgerLine[] = ['borrow', 'repay', 'equity', 'forcedEquity', 'buyback', 'vendorFinancing', 'revolverDraw', 'revolverRepay', 'vendorRepay', 'vendorCalled'];
const OPERATING_LINES: readonly number[] = LEDGER_LINES.filter((l) => !FINANCING_LINES.includes(l)).map((l) => LINE[l]);

/** Free cash flow of a company this quarter: its cash movements less financing. */
export function freeCashFlowUsdM(w: CompanyWork): number {
  let fcf = 0;
  for (let i = 0; i < OPERATING_LINES.length; i += 1) fcf += w.ledger[OPERATING_LINES[i] as number] as number;
  return fcf;
}

/** Capex of a company this quarter: chips, energy, talent, data and the design program. */
export function capexUsdM(w: CompanyWork): number {
  return w.capex.chips + w.capex.energy + w.capex.talent + w.capex.data + w.capex.program;
}
