/**
 * Orders: parsing untrusted input, semantic validation with readable reasons, defaults
 * (GAME.md phase 1; ARCHITECTURE.md rule 5 "errors are data").
 */
import { completeOrders, emptyOrders, isCompleteDraft, orderSpendUsdM, type OrdersDraft } from './orders-base.js';
import { buybackRoomUsdM, constantsOf, creditHeadroomUsdM, energyUsdMPerMw, licenseFeeUsdM, regionDef } from './model.js';
import { applyBps } from './math.js';
import { COOLING_KINDS, ENERGY_SOURCES, PRICING_MODELS, REGION_IDS, TICKERS } from './types.js';
import type { CompanyState, GameState, Orders, Problem, Result, Ticker } from './types.js';
import { getScenario } from '../scenarios/index.js';

/** Largest amount any single order field may carry ($M, MW or bps). */
export const MAX_AMOUNT = 5_000_000;
/** Most new energy projects in one quarter. */
export const MAX_PROJECTS = 24;
/** Largest single energy project (MW). */
export const MAX_PROJECT_MW = 5_000;

const problem = (key: string, path: string, params: Record<string, string | number> = {}): Problem => ({ key, path, params });

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

type Shape = { readonly [k: string]: 'int' | 'bps' | Shape | undefined };
/** A shape with no prototype: looking up any field name (even `toString`) finds only the shape's own. */
function shapeOf(fields: Record<string, 'int' | 'bps' | Shape>): Shape {
  return Object.assign(Object.create(null) as Record<string, never>, fields);
}
const SHAPE: Shape = shapeOf({
  chips: shapeOf({ merchantUsdM: 'int', secondSourceUsdM: 'int', customUsdM: 'int' }),
  customProgramUsdM: 'int',
  talentBidUsdM: 'int',
  data: shapeOf({ licensedUsdM: 'int', syntheticBps: 'bps' }),
  finance: shapeOf({ borrowUsdM: 'int', repayUsdM: 'int', equityUsdM: 'int', buybackUsdM: 'int', vendorFinancingUsdM: 'int' }),
  ops: shapeOf({ trainingBps: 'bps', selfUseBps: 'bps', cloudBps: 'bps', labBidMw: 'int' }),
  guidanceCapexUsdM: 'int',
});
const SPECIAL: readonly string[] = Object.freeze(['energy', 'licenseFrom', 'pricing']);

/** What is wrong with an order amount (a message key), or null when it is fine. */
function numberProblem(v: unknown, kind: 'int' | 'bps'): string | null {
  if (typeof v !== 'number' || !Number.isFinite(v)) return 'orders.notNumber';
  if (!Number.isSafeInteger(v)) return 'orders.notInteger';
  if (v < 0) return 'orders.negative';
  if (kind === 'bps' && v > 10_000) return 'orders.bpsRange';
  if (v > MAX_AMOUNT) return 'orders.tooLarge';
  return null;
}

/** Reports a bad amount at `prefix.key` (the path string is only made when there is a problem). */
function checkNumber(v: unknown, prefix: string, key: string, kind: 'int' | 'bps', out: Problem[]): boolean {
  const problemKey = numberProblem(v, kind);
  if (problemKey === null) return true;
  const at = fieldPath(prefix, key);
  out.push(problem(problemKey, at, problemKey === 'orders.tooLarge' ? { field: at, max: MAX_AMOUNT } : { field: at }));
  return false;
}

/** The dotted path of a field in a problem report. */
function fieldPath(prefix: string, key: string): string {
  return prefix ? `${prefix}.${key}` : key;
}

function checkShape(input: Record<string, unknown>, shape: Shape, prefix: string, out: Problem[]): void {
  for (const key in input) {
    if (!Object.prototype.hasOwnProperty.call(input, key)) continue;
    const spec = shape[key];
    const v = input[key];
    if (typeof spec === 'string') {
      checkNumber(v, prefix, key, spec, out);
      continue;
    }
    const path = fieldPath(prefix, key);
    if (spec === undefined) {
      // energy and licenseFrom are checked at the top level, pricing inside ops (parseOrders).
      if (!(prefix === '' ? SPECIAL.includes(key) && key !== 'pricing' : prefix === 'ops' && key === 'pricing')) {
        out.push(problem('orders.unknownField', path, { field: path }));
      }
      continue;
    }
    if (!isRecord(v)) out.push(problem('orders.notObject', path, { field: path }));
    else checkShape(v, spec, path, out);
  }
}

/**
 * What order validation needs to know: the game and the seat's own company. Built from the full
 * state (server) or from that seat's player view (client preview, bots) — the same rules run on both.
 */
export interface OrderContext {
  scenarioId: string;
  finished: boolean;
  seats: readonly Ticker[];
  seat: Ticker;
  company: CompanyState | null;
}

/** The validation context of a seat from the full state. */
export function orderContextOfState(state: GameState, seat: Ticker): OrderContext {
  return { scenarioId: state.scenarioId, finished: state.finished, seats: state.seats, seat, company: state.companies[seat] ?? null };
}

/** The validation context of a player view (its own company). */
export function orderContextOfView(view: { scenarioId: string; finished: boolean; seats: readonly Ticker[]; seat: Ticker | null; me: CompanyState | null }): OrderContext | null {
  if (!view.seat) return null;
  return { scenarioId: view.scenarioId, finished: view.finished, seats: view.seats, seat: view.seat, company: view.me };
}

/**
 * The base a partial order is completed over: no new spending and no new commitments (no lab bid),
 * last quarter's operations split, pricing and license kept.
 */
export function baseOrdersFor(ctx: OrderContext): Orders {
  const c = ctx.company;
  if (!c) return emptyOrders(0);
  const ops = c.lastOrders ? { ...c.lastOrders.ops, labBidMw: 0 } : undefined;
  return emptyOrders(c.guidanceCapexUsdM, ops, c.licensedFrom);
}

/** A draft that changes nothing (completing over it copies the base). */
const NO_CHANGES: OrdersDraft = Object.freeze({});

/** The path of an energy order in a problem report. */
function energyPath(i: number): string {
  return `energy[${i}]`;
}

/**
 * Parses untrusted input (a whole order or a partial draft) into complete orders. Checks types
 * and ranges only; `validateOrders` adds the rules that need the game state.
 */
export function parseOrders(ctx: OrderContext, input: unknown): Result<Orders> {
  const problems: Problem[] = [];
  if (!isRecord(input)) return { ok: false, problems: [problem('orders.notObject', '', { field: 'orders' })] };
  checkShape(input, SHAPE, '', problems);
  const draft = input as OrdersDraft;
  if (input['energy'] !== undefined) {
    const energy = input['energy'];
    if (!Array.isArray(energy)) problems.push(problem('orders.notList', 'energy', { field: 'energy' }));
    else {
      if (energy.length > MAX_PROJECTS) problems.push(problem('orders.tooManyProjects', 'energy', { max: MAX_PROJECTS }));
      const n = Math.min(energy.length, MAX_PROJECTS);
      for (let i = 0; i < n; i += 1) {
        const e: unknown = energy[i];
        if (!isRecord(e)) {
          problems.push(problem('orders.notObject', energyPath(i), { field: energyPath(i) }));
          continue;
        }
        for (const k in e) {
          if (!Object.prototype.hasOwnProperty.call(e, k)) continue;
          if (k !== 'region' && k !== 'source' && k !== 'mw' && k !== 'cooling') problems.push(problem('orders.unknownField', `${energyPath(i)}.${k}`, { field: `${energyPath(i)}.${k}` }));
        }
        if (!(REGION_IDS as readonly unknown[]).includes(e['region'])) problems.push(problem('orders.unknownRegion', `${energyPath(i)}.region`, { value: String(e['region']) }));
        if (!(ENERGY_SOURCES as readonly unknown[]).includes(e['source'])) problems.push(problem('orders.unknownSource', `${energyPath(i)}.source`, { value: String(e['source']) }));
        if (!(COOLING_KINDS as readonly unknown[]).includes(e['cooling'])) problems.push(problem('orders.unknownCooling', `${energyPath(i)}.cooling`, { value: String(e['cooling']) }));
        const mw = e['mw'];
        if (checkNumber(mw, energyPath(i), 'mw', 'int', problems) && ((mw as number) < 1 || (mw as number) > MAX_PROJECT_MW)) {
          problems.push(problem('orders.projectMw', `${energyPath(i)}.mw`, { min: 1, max: MAX_PROJECT_MW }));
        }
      }
    }
  }
  const ops = input['ops'];
  if (isRecord(ops) && ops['pricing'] !== undefined && !(PRICING_MODELS as readonly unknown[]).includes(ops['pricing'])) {
    problems.push(problem('orders.pricing', 'ops.pricing', { value: String(ops['pricing']) }));
  }
  const lic = input['licenseFrom'];
  if (lic !== undefined && lic !== null && lic !== 'LAB' && !(TICKERS as readonly unknown[]).includes(lic)) {
    problems.push(problem('orders.licenseUnknown', 'licenseFrom', { value: String(lic) }));
  }
  if (problems.length > 0) return { ok: false, problems };
  // A complete order (as bots and the order desk send) is copied as it is: no base to build.
  return { ok: true, value: isCompleteDraft(draft) ? completeOrders(draft, NO_CHANGES) : completeOrders(baseOrdersFor(ctx), draft) };
}

/** Capex of energy projects at list price ($M). */
export function energyCapexUsdM(scenarioId: string, orders: Orders): number {
  const K = constantsOf(getScenario(scenarioId));
  let total = 0;
  for (const e of orders.energy) total += e.mw * energyUsdMPerMw(K, e.source, e.cooling);
  return total;
}

/** The capex an order asks for at list prices ($M): chips, custom programme, energy projects, talent bid, licensed data. */
export function orderCapexUsdM(scenarioId: string, orders: Orders): number {
  return orderSpendUsdM(orders, energyCapexUsdM(scenarioId, orders)).total;
}

/** Funds an order can draw on and what it spends ($M), for the validator and previews. */
export function fundingOf(ctx: OrderContext, orders: Orders): { availableUsdM: number; spendUsdM: number; headroomUsdM: number } {
  const c = ctx.company;
  if (!c) return { availableUsdM: 0, spendUsdM: 0, headroomUsdM: 0 };
  const K = constantsOf(getScenario(ctx.scenarioId));
  const headroomUsdM = creditHeadroomUsdM(K, c.lastEbitdaUsdM, c.debtUsdM, c.revolverUsdM, c.distressed);
  const licenseFee = orders.licenseFrom ? licenseFeeUsdM(K, c.upliftUsdM) : 0;
  const spendUsdM = orderCapexUsdM(ctx.scenarioId, orders) + orders.finance.buybackUsdM + orders.finance.repayUsdM + licenseFee;
  const availableUsdM = Math.max(0, c.cashUsdM) + headroomUsdM + orders.finance.equityUsdM + orders.finance.vendorFinancingUsdM;
  return { availableUsdM, spendUsdM, headroomUsdM };
}

/**
 * The most an order may spend on buybacks ($M, `model.buybackRoomUsdM`): the net cash left after its
 * other spending (a repayment is neutral to net cash). Bots cap their buybacks with it.
 */
export function buybackRoomOf(ctx: OrderContext, o: Orders): number {
  if (!ctx.company) return 0;
  return buybackRoomUsdM(ctx.company, fundingOf(ctx, o).spendUsdM - o.finance.buybackUsdM - o.finance.repayUsdM);
}

/** Cuts an order's buyback to its room (`buybackRoomOf`): what it would hand back beyond it stays as cash. */
export function fitBuyback(ctx: OrderContext, o: Orders): void {
  o.finance.buybackUsdM = Math.min(o.finance.buybackUsdM, buybackRoomOf(ctx, o));
}

/** Rules that need the game state: funding, readiness, shares, licensing (GAME.md "Decisions"). */
export function checkOrders(ctx: OrderContext, o: Orders): Problem[] {
  const out: Problem[] = [];
  const c = ctx.company;
  const seat = ctx.seat;
  if (ctx.finished) return [problem('orders.gameOver', '')];
  if (!c) return [problem('orders.notSeated', '', { seat })];
  const sc = getScenario(ctx.scenarioId);
  const K = constantsOf(sc);
  const opsSum = o.ops.trainingBps + o.ops.selfUseBps + o.ops.cloudBps;
  if (opsSum !== 10_000) out.push(problem('orders.opsSum', 'ops', { sum: opsSum }));
  if (o.data.syntheticBps > 9_000) out.push(problem('orders.synthetic', 'data.syntheticBps', { max: 9_000 }));
  const vendorMax = applyBps(o.chips.merchantUsdM, K.vendorFinancingMaxBps);
  if (o.finance.vendorFinancingUsdM > vendorMax) out.push(problem('orders.vendorExceeds', 'finance.vendorFinancingUsdM', { max: vendorMax }));
  if (o.chips.customUsdM > 0 && c.customProgram.readyQ === null) {
    out.push(problem('orders.customNotReady', 'chips.customUsdM', { quarters: Math.max(1, K.customLeadQ - c.customProgram.quartersFunded) }));
  }
  if (o.customProgramUsdM > 0 && o.customProgramUsdM < K.customProgramMinUsdM) {
    out.push(problem('orders.programTooSmall', 'customProgramUsdM', { min: K.customProgramMinUsdM }));
  }
  for (let i = 0; i < o.energy.length; i += 1) {
    const e = o.energy[i] as Orders['energy'][number];
    if (e.source === 'nuclear' && e.mw < K.nuclearMinMw) out.push(problem('orders.nuclearMin', `${energyPath(i)}.mw`, { min: K.nuclearMinMw }));
    regionDef(sc, e.region);
  }
  if (o.licenseFrom === seat) out.push(problem('orders.licenseSelf', 'licenseFrom'));
  else if (o.licenseFrom !== null && o.licenseFrom !== 'LAB' && !ctx.seats.includes(o.licenseFrom)) {
    out.push(problem('orders.licenseUnknown', 'licenseFrom', { value: o.licenseFrom }));
  }
  if (o.finance.repayUsdM > c.debtUsdM) out.push(problem('orders.repayExceeds', 'finance.repayUsdM', { debt: c.debtUsdM }));
  if (o.finance.buybackUsdM > 0 && c.distressed) out.push(problem('orders.buybackDistressed', 'finance.buybackUsdM'));
  if (o.guidanceCapexUsdM > 2_000_000) out.push(problem('orders.tooLarge', 'guidanceCapexUsdM', { field: 'guidanceCapexUsdM', max: 2_000_000 }));
  const f = fundingOf(ctx, o);
  if (o.finance.buybackUsdM > 0 && !c.distressed) {
    const room = buybackRoomOf(ctx, o);
    if (o.finance.buybackUsdM > room) out.push(problem('orders.buybackNetCash', 'finance.buybackUsdM', { max: room }));
  }
  if (o.finance.borrowUsdM > f.headroomUsdM) {
    out.push(problem('orders.borrowExceedsCredit', 'finance.borrowUsdM', { amount: o.finance.borrowUsdM - f.headroomUsdM }));
  }
  if (f.spendUsdM > f.availableUsdM) {
    out.push(problem('orders.capexExceedsFunds', 'chips', { amount: f.spendUsdM - f.availableUsdM }));
  }
  return out;
}

/** Parses and validates untrusted orders for a seat: complete orders, or every reason they fail. */
export function validateOrders(ctx: OrderContext, input: unknown): Result<Orders> {
  const parsed = parseOrders(ctx, input);
  if (!parsed.ok) return parsed;
  const problems = checkOrders(ctx, parsed.value);
  return problems.length > 0 ? { ok: false, problems } : parsed;
}

/**
 * Default orders for a seat that did not submit (GAME.md phase 1): last quarter's orders (without a
 * new lab bid) if they are still valid, otherwise no new spending.
 */
export function defaultOrders(ctx: OrderContext): Orders {
  const c = ctx.company;
  if (c?.lastOrders) {
    // Repeat last quarter's orders, but take on no new lab commitment by default.
    const again = completeOrders(c.lastOrders, { ops: { labBidMw: 0 } });
    if (checkOrders(ctx, again).length === 0) return again;
  }
  return baseOrdersFor(ctx);
}
