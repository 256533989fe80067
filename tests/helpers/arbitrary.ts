/**
 * fast-check generators for whole games (tests/properties): 1–7 seats in any order, 1–40 quarters,
 * and for each seat and quarter an intent — shares of what the company can spend, how it finances,
 * licenses, builds and runs — that `fitOrders` turns into orders valid in the state reached. Every
 * order field is used (chips of all three kinds, the design program, energy of every source and
 * cooling, talent, data, borrowing, repayment, equity, buybacks, vendor financing, operations,
 * pricing, lab bids, licences, guidance), and reckless seats spend everything they can, so games
 * reach distress, the credit line, the data wall and the foundry's price ladder.
 * A fitted order that still fails validation is an error of the test, never a silent hold order.
 */
import fc from 'fast-check';
import {
  applyBps,
  fitBuyback,
  checkOrders,
  completeOrders,
  COOLING_KINDS,
  ENERGY_SOURCES,
  fundingOf,
  getScenario,
  model,
  orderContextOfState,
  PRICING_MODELS,
  REGION_IDS,
  TICKERS,
  type EnergyOrder,
  type GameState,
  type Orders,
  type Ticker,
} from '../../shared/index.js';
import { hold } from './game.js';

const bps = fc.integer({ min: 0, max: 10_000 });

/** What one seat wants to do in one quarter, as shares (bps) of what it can afford. */
export interface Intent {
  /** Share of the funds left after fixed spending that goes to chips, talent and data. */
  spendBps: number;
  chipWeights: [merchant: number, secondSource: number, custom: number];
  talentWeight: number;
  dataWeight: number;
  syntheticBps: number;
  program: boolean;
  energy: { region: (typeof REGION_IDS)[number]; source: (typeof ENERGY_SOURCES)[number]; cooling: (typeof COOLING_KINDS)[number]; mw: number }[];
  borrowBps: number;
  repayBps: number;
  equityUsdM: number;
  buybackUsdM: number;
  vendorBps: number;
  ops: { a: number; b: number; pricing: (typeof PRICING_MODELS)[number]; labBidMw: number };
  /** null: no licence; 'LAB'; or a number picking one of the other seats. */
  license: null | 'LAB' | number;
  guidanceUsdM: number;
}

/** How a seat plays the whole game: a reckless one spends every dollar it can reach and borrows to the limit. */
export type Temper = 'cautious' | 'normal' | 'reckless';

const sometimes = <T>(arb: fc.Arbitrary<T>, zero: T): fc.Arbitrary<T> => fc.oneof({ arbitrary: fc.constant(zero), weight: 2 }, { arbitrary: arb, weight: 1 });

export const intentArb: fc.Arbitrary<Intent> = fc.record({
  spendBps: bps,
  chipWeights: fc.tuple(fc.integer({ min: 0, max: 10 }), fc.integer({ min: 0, max: 4 }), fc.integer({ min: 0, max: 6 })),
  talentWeight: fc.integer({ min: 0, max: 3 }),
  dataWeight: fc.integer({ min: 0, max: 4 }),
  syntheticBps: fc.integer({ min: 0, max: 9_000 }),
  program: fc.boolean(),
  energy: fc.array(
    fc.record({ region: fc.constantFrom(...REGION_IDS), source: fc.constantFrom(...ENERGY_SOURCES), cooling: fc.constantFrom(...COOLING_KINDS), mw: fc.integer({ min: 1, max: 900 }) }),
    { maxLength: 3 },
  ),
  borrowBps: sometimes(bps, 0),
  repayBps: sometimes(bps, 0),
  equityUsdM: sometimes(fc.integer({ min: 1, max: 20_000 }), 0),
  buybackUsdM: sometimes(fc.integer({ min: 1, max: 5_000 }), 0),
  vendorBps: sometimes(bps, 0),
  ops: fc.record({ a: bps, b: bps, pricing: fc.constantFrom(...PRICING_MODELS), labBidMw: sometimes(fc.integer({ min: 1, max: 600 }), 0) }),
  license: fc.oneof({ arbitrary: fc.constant(null), weight: 3 }, { arbitrary: fc.constant('LAB' as const), weight: 1 }, { arbitrary: fc.nat(6), weight: 1 }),
  guidanceUsdM: fc.integer({ min: 0, max: 400_000 }),
});

/** A whole generated game: seed, seats (in a generated order), quarters, tempers and intents per quarter. */
export interface GameScript {
  seed: string;
  seats: Ticker[];
  tempers: Partial<Record<Ticker, Temper>>;
  /** intents[q][seat] */
  intents: Partial<Record<Ticker, Intent>>[];
}

/** Games of 1–7 seats and `minQuarters`–`maxQuarters` quarters (1–40 by default). */
export function gameScriptArb(opts: { minQuarters?: number; maxQuarters?: number; minSeats?: number } = {}): fc.Arbitrary<GameScript> {
  return fc
    .record({
      seed: fc.string({ minLength: 1, maxLength: 12 }),
      // As many games of each size (1–7 seats), in a generated order.
      seats: fc.integer({ min: opts.minSeats ?? 1, max: 7 }).chain((n) => fc.shuffledSubarray([...TICKERS], { minLength: n, maxLength: n })),
      // The longest game often: the last quarters are where debts, distress and the data wall show.
      quarters: fc.oneof({ arbitrary: fc.integer({ min: opts.minQuarters ?? 1, max: opts.maxQuarters ?? 40 }), weight: 3 }, { arbitrary: fc.constant(opts.maxQuarters ?? 40), weight: 1 }),
    })
    .chain(({ seed, seats, quarters }) =>
      fc.record({
        seed: fc.constant(seed),
        seats: fc.constant(seats),
        tempers: fc.record(Object.fromEntries(seats.map((t) => [t, fc.constantFrom<Temper>('cautious', 'normal', 'normal', 'reckless')])) as Record<Ticker, fc.Arbitrary<Temper>>),
        intents: fc.array(fc.record(Object.fromEntries(seats.map((t) => [t, intentArb])) as Record<Ticker, fc.Arbitrary<Intent>>), { minLength: quarters, maxLength: quarters }),
      }),
    );
}

/** Splits `total` by integer weights (rounded down). */
function split(total: number, weights: readonly number[]): number[] {
  const sum = weights.reduce((a, b) => a + b, 0);
  if (sum === 0 || total <= 0) return weights.map(() => 0);
  return weights.map((w) => Math.floor((total * w) / sum));
}

/**
 * Orders for `seat` in state `s` that carry out the intent as far as the company's funds allow:
 * fixed commitments first (finance, licence, program, energy), then chips, talent and data from what
 * is left. Throws when the result fails validation (the generator, not the engine, would be wrong).
 */
export function fitOrders(s: GameState, seat: Ticker, intent: Intent, temper: Temper = 'normal'): Orders {
  const ctx = orderContextOfState(s, seat);
  const c = s.companies[seat]!;
  const K = model.constantsOf(getScenario(s.scenarioId));
  const base = hold(s, seat);
  const reckless = temper === 'reckless';
  const others = s.seats.filter((t) => t !== seat);
  const license = intent.license === null || intent.license === 'LAB' ? intent.license : others.length > 0 ? others[intent.license % others.length]! : 'LAB';
  const headroom = fundingOf(ctx, base).headroomUsdM;
  const training = Math.min(intent.ops.a, 10_000);
  const selfUse = Math.min(intent.ops.b, 10_000 - training);
  const energy: EnergyOrder[] = intent.energy.map((e) => ({ region: e.region, source: e.source, cooling: e.cooling, mw: e.source === 'nuclear' ? Math.max(e.mw, K.nuclearMinMw) : e.mw }));
  let o = completeOrders(base, {
    customProgramUsdM: intent.program ? K.customProgramMinUsdM : 0,
    energy: temper === 'cautious' ? energy.slice(0, 1) : energy,
    data: { licensedUsdM: 0, syntheticBps: intent.syntheticBps },
    finance: {
      borrowUsdM: reckless ? headroom : applyBps(headroom, intent.borrowBps),
      repayUsdM: reckless ? 0 : applyBps(c.debtUsdM, intent.repayBps),
      equityUsdM: intent.equityUsdM,
      buybackUsdM: c.distressed || reckless ? 0 : intent.buybackUsdM,
      vendorFinancingUsdM: 0,
    },
    ops: { trainingBps: training, selfUseBps: selfUse, cloudBps: 10_000 - training - selfUse, pricing: intent.ops.pricing, labBidMw: intent.ops.labBidMw },
    licenseFrom: license,
    guidanceCapexUsdM: intent.guidanceUsdM,
  });
  // Fixed commitments the company cannot afford are dropped, most expensive first.
  for (const drop of ['energy', 'program', 'buyback', 'repay', 'license'] as const) {
    const f = fundingOf(ctx, o);
    if (f.spendUsdM <= f.availableUsdM) break;
    if (drop === 'energy') o = { ...o, energy: [] };
    if (drop === 'program') o = { ...o, customProgramUsdM: 0 };
    if (drop === 'buyback') o = { ...o, finance: { ...o.finance, buybackUsdM: 0 } };
    if (drop === 'repay') o = { ...o, finance: { ...o.finance, repayUsdM: 0 } };
    if (drop === 'license') o = { ...o, licenseFrom: null };
  }
  const f = fundingOf(ctx, o);
  const budget = applyBps(Math.max(0, f.availableUsdM - f.spendUsdM), reckless ? 10_000 : temper === 'cautious' ? Math.min(intent.spendBps, 3_000) : intent.spendBps);
  const [wm, ws, wc] = intent.chipWeights;
  const custom = c.customProgram.readyQ === null ? 0 : wc;
  const [merchant, second, customUsdM, talent, data] = split(budget, [wm, ws, custom, intent.talentWeight, intent.dataWeight]) as [number, number, number, number, number];
  // Vendor financing pays part of the merchant order: it adds to the funds, so it is set after the split.
  const vendor = applyBps(applyBps(merchant, K.vendorFinancingMaxBps), intent.vendorBps);
  o = { ...o, chips: { merchantUsdM: merchant, secondSourceUsdM: second, customUsdM }, talentBidUsdM: talent, data: { ...o.data, licensedUsdM: data }, finance: { ...o.finance, vendorFinancingUsdM: vendor } };
  // Buybacks only from the net cash the rest of the order leaves (the order rule).
  fitBuyback(ctx, o);
  const problems = checkOrders(ctx, o);
  if (problems.length > 0) throw new Error(`fitOrders made invalid orders for ${seat} in quarter ${s.quarter}: ${JSON.stringify(problems)}\n${JSON.stringify(o)}`);
  return o;
}

/** Inputs that are never valid orders, each with the message key it must be refused with. */
export const badOrdersArb: fc.Arbitrary<{ input: unknown; key: string }> = fc.oneof(
  // not an object at all
  fc.oneof(fc.integer(), fc.string(), fc.boolean(), fc.constant(null), fc.array(fc.anything(), { maxLength: 3 })).map((input) => ({ input, key: 'orders.notObject' })),
  // a number field that is not a finite number
  fc.tuple(fc.constantFrom('talentBidUsdM', 'customProgramUsdM', 'guidanceCapexUsdM'), fc.oneof(fc.string(), fc.constant(Number.NaN), fc.constant(Number.POSITIVE_INFINITY), fc.constant(null), fc.boolean(), fc.constant({}))).map(([k, v]) => ({ input: { [k]: v }, key: 'orders.notNumber' })),
  fc.tuple(fc.constantFrom('merchantUsdM', 'secondSourceUsdM', 'customUsdM'), fc.oneof(fc.string(), fc.constant(Number.NaN), fc.constant(null))).map(([k, v]) => ({ input: { chips: { [k]: v } }, key: 'orders.notNumber' })),
  // not an integer, negative, too large, out of the bps range
  fc.tuple(fc.constantFrom('talentBidUsdM', 'customProgramUsdM'), fc.double({ min: 0.01, max: 1e6, noInteger: true, noNaN: true })).map(([k, v]) => ({ input: { [k]: v }, key: 'orders.notInteger' })),
  fc.tuple(fc.constantFrom('borrowUsdM', 'repayUsdM', 'equityUsdM', 'buybackUsdM', 'vendorFinancingUsdM'), fc.integer({ min: -1e9, max: -1 })).map(([k, v]) => ({ input: { finance: { [k]: v } }, key: 'orders.negative' })),
  fc.integer({ min: 5_000_001, max: 1e12 }).map((v) => ({ input: { chips: { merchantUsdM: v } }, key: 'orders.tooLarge' })),
  fc.tuple(fc.constantFrom('trainingBps', 'selfUseBps', 'cloudBps'), fc.integer({ min: 10_001, max: 4_000_000 })).map(([k, v]) => ({ input: { ops: { [k]: v } }, key: 'orders.bpsRange' })),
  // unknown fields, wrong containers, unknown names
  fc.string({ minLength: 1, maxLength: 12 }).filter((k) => !['chips', 'customProgramUsdM', 'energy', 'talentBidUsdM', 'data', 'finance', 'ops', 'licenseFrom', 'guidanceCapexUsdM', '__proto__'].includes(k)).map((k) => ({ input: { [k]: 1 }, key: 'orders.unknownField' })),
  fc.constantFrom('chips', 'data', 'finance', 'ops').map((k) => ({ input: { [k]: 7 }, key: 'orders.notObject' })),
  // a field that exists, but elsewhere (pricing belongs in ops, energy and licenseFrom at the top)
  fc.constantFrom({ pricing: 'usage' }, { chips: { pricing: 'flat' } }, { ops: { energy: [] } }, { finance: { licenseFrom: 'LAB' } }).map((input) => ({ input, key: 'orders.unknownField' })),
  fc.oneof(fc.string(), fc.integer(), fc.constant({})).map((v) => ({ input: { energy: v }, key: 'orders.notList' })),
  fc.string({ maxLength: 10 }).filter((r) => !(REGION_IDS as readonly string[]).includes(r)).map((region) => ({ input: { energy: [{ region, source: 'grid', mw: 10, cooling: 'air' }] }, key: 'orders.unknownRegion' })),
  fc.string({ maxLength: 10 }).filter((x) => !(ENERGY_SOURCES as readonly string[]).includes(x)).map((source) => ({ input: { energy: [{ region: 'nordics', source, mw: 10, cooling: 'air' }] }, key: 'orders.unknownSource' })),
  fc.oneof(fc.constant(0), fc.integer({ min: 5_001, max: 100_000 })).map((mw) => ({ input: { energy: [{ region: 'nordics', source: 'grid', mw, cooling: 'air' }] }, key: 'orders.projectMw' })),
  fc.string({ maxLength: 10 }).filter((x) => !(PRICING_MODELS as readonly string[]).includes(x)).map((pricing) => ({ input: { ops: { pricing } }, key: 'orders.pricing' })),
  fc.string({ minLength: 1, maxLength: 8 }).filter((x) => x !== 'LAB' && !(TICKERS as readonly string[]).includes(x)).map((lic) => ({ input: { licenseFrom: lic }, key: 'orders.licenseUnknown' })),
  // well-formed, but against the rules of the game
  fc.integer({ min: 1, max: 9_999 }).map((a) => ({ input: { ops: { trainingBps: a, selfUseBps: 0, cloudBps: 0 } }, key: 'orders.opsSum' })),
  fc.integer({ min: 9_001, max: 10_000 }).map((v) => ({ input: { data: { syntheticBps: v } }, key: 'orders.synthetic' })),
  fc.integer({ min: 1, max: 749 }).map((v) => ({ input: { customProgramUsdM: v } , key: 'orders.programTooSmall' })),
  fc.integer({ min: 1, max: 299 }).map((mw) => ({ input: { energy: [{ region: 'nordics', source: 'nuclear', mw, cooling: 'liquid' }] }, key: 'orders.nuclearMin' })),
  fc.integer({ min: 1, max: 1_000_000 }).map((v) => ({ input: { finance: { vendorFinancingUsdM: v } }, key: 'orders.vendorExceeds' })),
  fc.integer({ min: 1_000_000, max: 4_000_000 }).map((v) => ({ input: { chips: { merchantUsdM: v } }, key: 'orders.capexExceedsFunds' })),
);
