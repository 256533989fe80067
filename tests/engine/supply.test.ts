/**
 * The supply phase (phase 3): chips bought at the foundry (spot at list price × the ladder, reserved
 * slots first and at list, spot shared pro rata with outside buyers, take-or-pay, vendor financing), shipments delivered
 * after their lead time, custom-silicon programs (funded quarters, researchers, readiness, refreshes),
 * energy projects (paid now, lead times by source, the turbine backlog, one project for alike orders,
 * power online, the regions' grid queues) and licensed data (its price toward the data wall). Each
 * test plays a quarter against the same quarter without its cause; expected values come from the
 * scenario's constants and the engine's own helpers. Mutation testing found these rules unchecked
 * (docs/testing.md).
 */
import { describe, expect, it } from 'vitest';
import { allocateProRata, applyBps, getScenario, model, mulDiv, ratioBps, resolveQuarter, type CompanyState, type EnergyProject, type GameState, type OrdersDraft } from '../../shared/index.js';
import { copy, newGame, ordersFor } from '../helpers/game.js';

const sc = getScenario('capex-race-2026');
const K = model.constantsOf(sc);

/** A start with no energy projects anywhere and empty grid queues (the tests add their own). */
const start = (): GameState => {
  const s = newGame('supply', { seats: ['MSFT', 'META'] });
  for (const t of s.seats) s.companies[t]!.projects = [];
  for (const r of Object.values(s.regions)) r.queueMw = 0;
  return s;
};
/** Plays a quarter from a start changed by `change`, with MSFT's orders `draft` (and META's `meta`). */
const play = (change: (c: CompanyState, s: GameState) => void = () => {}, draft: OrdersDraft = {}, meta: OrdersDraft = {}) => {
  const s = start();
  change(s.companies.MSFT!, s);
  const after = resolveQuarter(copy(s), ordersFor(s, { MSFT: draft, META: meta })).state;
  const c = after.companies.MSFT!;
  return { s, before: s.companies.MSFT!, after, c, r: c.report, events: after.events.filter((e) => e.seat === 'MSFT') };
};
const list = (type: 'merchant' | 'secondSource' | 'custom', gen = 0) => model.chipListUsdMPerMw(sc, K, type, gen);
/** MW an order of `usd` buys at `unit` per MW and the ladder's `bps`. */
const mwFor = (usd: number, unit: number, bps = 10_000) => Math.floor((usd * 10_000) / (unit * bps));
/** MSFT and META with no guidance: no reserved slots, no take-or-pay. */
const unguided = (c: CompanyState, s?: GameState) => {
  c.guidanceCapexUsdM = 0;
  if (s) s.companies.META!.guidanceCapexUsdM = 0;
};
/** Unguided, with outside buyers booking 72% of the slots: a small order leaves the price at list (between the glut and the ladder). */
const flat = (c: CompanyState, s: GameState) => {
  unguided(c, s);
  s.world.foundryExternalMw = mulDiv(s.world.foundryCapacityMw, 7_200, 10_000);
};

describe('chips at the foundry', () => {
  it('an order buys whole MW at list price, pays only for them, and ships after the lead time', () => {
    const control = play(flat);
    const usd = 3_520;
    const q = play(flat, { chips: { merchantUsdM: usd } });
    const mw = mwFor(usd, list('merchant'));
    expect(mw).toBeGreaterThan(0);
    const cost = mw * list('merchant');
    expect(cost).toBeLessThan(usd);
    expect(q.after.world.foundryPriceBps).toBe(10_000);
    expect(q.c.shipments).toStrictEqual([{ type: 'merchant', gen: 0, mw, costUsdM: cost, arrivesQ: K.merchantLeadQ }]);
    expect(q.r.ledger['chips']).toBe(-cost);
    expect(q.r.capexByCategory.chips).toBe(cost);
    expect(q.r.chipsOrderedMw).toBe(mw);
    expect(q.r.chipsAllocatedMw).toBe(mw);
    expect(control.c.shipments).toStrictEqual([]);
    expect(control.r.ledger['chips']).toBeUndefined();
    expect(control.r.capexByCategory.chips).toBe(0);
    expect(control.r.chipsOrderedMw).toBe(0);
    expect(q.after.events.some((e) => e.kind === 'chipsRationed' || e.kind === 'foundryAllocated')).toBe(false);
  });

  it('second-source chips at their list price; custom chips at the design generation, after their own lead time', () => {
    const q = play(flat, { chips: { secondSourceUsdM: 2_000 } });
    const mw = mwFor(2_000, list('secondSource'));
    expect(q.c.shipments).toStrictEqual([{ type: 'secondSource', gen: 0, mw, costUsdM: mw * list('secondSource'), arrivesQ: K.merchantLeadQ }]);
    // A ready program whose design is a generation old, in the quarter generation 1 ships.
    const gen1 = sc.roadmap.find((r) => r.gen === 1)!.quarter;
    const at = (c: CompanyState, s: GameState) => {
      flat(c, s);
      s.quarter = gen1;
      c.customProgram = { spentUsdM: 0, quartersFunded: K.customLeadQ, readyQ: 0, designGen: 0, refreshQuarters: 0 };
    };
    const custom = play(at, { chips: { customUsdM: 2_000 } });
    const cmw = mwFor(2_000, list('custom', 0));
    expect(custom.c.shipments).toStrictEqual([{ type: 'custom', gen: 0, mw: cmw, costUsdM: cmw * list('custom', 0), arrivesQ: gen1 + K.customChipLeadQ }]);
    // Merchant chips bought the same quarter are the new generation, at its list price.
    const merchant = play(at, { chips: { merchantUsdM: 2_000 } });
    const mmw = mwFor(2_000, list('merchant', 1));
    expect(merchant.c.shipments).toStrictEqual([{ type: 'merchant', gen: 1, mw: mmw, costUsdM: mmw * list('merchant', 1), arrivesQ: gen1 + K.merchantLeadQ }]);
  });

  it('shipments due this quarter become cohorts depreciating over the chips\' life, at least $1M a quarter; later ones wait', () => {
    const ship = (costUsdM: number, arrivesQ: number) => ({ type: 'merchant' as const, gen: 0, mw: 10, costUsdM, arrivesQ });
    const q = play((c) => {
      c.chips = [];
      c.shipments = [ship(4_800, 0), ship(10, 0), ship(700, 1)];
    });
    const cohorts = q.c.chips.map(({ bookUsdM: _book, ...x }) => x);
    expect(cohorts).toStrictEqual([
      { type: 'merchant', gen: 0, mw: 10, deprUsdM: mulDiv(4_800, 1, K.chipDeprQuarters), boughtQ: 0 },
      { type: 'merchant', gen: 0, mw: 10, deprUsdM: 1, boughtQ: 0 },
    ]);
    expect(mulDiv(10, 1, K.chipDeprQuarters)).toBe(0);
    expect(q.c.shipments).toStrictEqual([ship(700, 1)]);
    const delivered = q.events.filter((e) => e.kind === 'chipsDelivered');
    expect(delivered).toHaveLength(2);
    expect(delivered[0]).toMatchObject({ key: 'event.chipsDelivered', headline: false, region: null, params: { seat: 'MSFT', type: 'merchant', mw: 10, gen: 0 } });
    // Control: nothing due yet.
    const control = play((c) => {
      c.chips = [];
      c.shipments = [ship(4_800, 1)];
    });
    expect(control.c.chips).toStrictEqual([]);
    expect(control.events.some((e) => e.kind === 'chipsDelivered')).toBe(false);
  });

  it('the price climbs the ladder as bookings pass its start; spot orders share what is left with outside buyers', () => {
    const big = { chips: { merchantUsdM: 150_000 }, finance: { equityUsdM: 150_000 } };
    const q = play(unguided, big);
    const s = q.s;
    const cap = s.world.foundryCapacityMw;
    const booked = s.world.foundryExternalMw + mulDiv(150_000, 1, list('merchant'));
    const ladder = model.foundryPriceBps(K, ratioBps(booked, cap));
    expect(ladder).toBeGreaterThan(10_000);
    expect(q.after.world.foundryPriceBps).toBe(ladder);
    const wanted = mwFor(150_000, list('merchant'), ladder);
    const [got, outside] = allocateProRata([{ id: 's0', amount: wanted }, { id: 'z-outside', amount: s.world.foundryExternalMw }], cap) as [number, number];
    expect(got).toBeLessThan(wanted);
    const cost = mulDiv(got * list('merchant'), ladder, 10_000);
    expect(q.c.shipments).toStrictEqual([{ type: 'merchant', gen: 0, mw: got, costUsdM: cost, arrivesQ: K.merchantLeadQ }]);
    expect(q.r.ledger['chips']).toBe(-cost);
    expect(q.r.chipsOrderedMw).toBe(wanted);
    expect(q.r.chipsAllocatedMw).toBe(got);
    expect(q.events.find((e) => e.kind === 'chipsRationed')).toMatchObject({ key: 'event.chipsRationed', headline: false, region: null, params: { seat: 'MSFT', type: 'merchant', mw: got, wanted } });
    const wantedAll = wanted + s.world.foundryExternalMw;
    expect(q.after.events.find((e) => e.kind === 'foundryAllocated')).toMatchObject({ key: 'event.foundryAllocated', seat: null, region: null, headline: true, params: { fillBps: ratioBps(got + outside, wantedAll), priceBps: ladder } });
    // Control: an order below the ladder's start, at list and in full.
    const calm = play(flat, { chips: { merchantUsdM: 3_520 } });
    expect(calm.after.world.foundryPriceBps).toBe(10_000);
    expect(calm.r.chipsAllocatedMw).toBe(calm.r.chipsOrderedMw);
    expect(calm.after.events.some((e) => e.kind === 'foundryAllocated' || e.kind === 'chipsRationed')).toBe(false);
  });

  it('a glut: with few slots booked, spot chips sell below list, down to a floor; reserved chips still pay list', () => {
    const usd = 3_520;
    const q = play(unguided, { chips: { merchantUsdM: usd } });
    const bookedBps = ratioBps(q.s.world.foundryExternalMw + mulDiv(usd, 1, list('merchant')), q.s.world.foundryCapacityMw);
    expect(bookedBps).toBeLessThan(K.foundryGlutStartBps);
    // 5% of list off for every 10 points of bookings below the glut's start (the scenario's constants).
    const price = Math.max(K.foundryGlutFloorBps, 10_000 - mulDiv(K.foundryGlutStartBps - bookedBps, K.foundryGlutSlopeBps, 10_000));
    expect(price).toBeLessThan(10_000);
    expect(q.after.world.foundryPriceBps).toBe(price);
    const mw = mwFor(usd, list('merchant'), price);
    expect(mw).toBeGreaterThan(mwFor(usd, list('merchant')));
    expect(q.c.shipments).toStrictEqual([{ type: 'merchant', gen: 0, mw, costUsdM: mulDiv(mw * list('merchant'), price, 10_000), arrivesQ: K.merchantLeadQ }]);
    // Control: the same order with the slots 72% booked pays list.
    expect(play(flat, { chips: { merchantUsdM: usd } }).after.world.foundryPriceBps).toBe(10_000);
    // Reserved by guidance, the same order pays list in the glut: the reservation forgoes the discount.
    const reserved = play((c, s) => {
      unguided(c, s);
      c.guidanceCapexUsdM = 40_000;
    }, { chips: { merchantUsdM: usd } });
    expect(reserved.after.world.foundryPriceBps).toBe(price);
    const atList = mwFor(usd, list('merchant'));
    expect(reserved.c.shipments).toStrictEqual([{ type: 'merchant', gen: 0, mw: atList, costUsdM: atList * list('merchant'), arrivesQ: K.merchantLeadQ }]);
    // The floor: an idle foundry sells at most that far below list.
    expect(model.foundryPriceBps(K, 0)).toBe(K.foundryGlutFloorBps);
    expect(model.foundryPriceBps(K, K.foundryGlutStartBps)).toBe(10_000);
  });

  it('a disrupted foundry makes less: the same order is rationed', () => {
    const usd = 80_000;
    const order = { chips: { merchantUsdM: usd }, finance: { equityUsdM: 20_000 } };
    const whole = play(unguided, order);
    expect(whole.r.chipsAllocatedMw).toBe(whole.r.chipsOrderedMw);
    const disrupted = play((c, s) => {
      unguided(c);
      s.world.foundryDisruptedBps = 3_000;
    }, order);
    const cap = disrupted.s.world.foundryCapacityMw - applyBps(disrupted.s.world.foundryCapacityMw, 3_000);
    const booked = disrupted.s.world.foundryExternalMw + mulDiv(usd, 1, list('merchant'));
    const ladder = model.foundryPriceBps(K, ratioBps(booked, cap));
    expect(disrupted.after.world.foundryPriceBps).toBe(ladder);
    const wanted = mwFor(usd, list('merchant'), ladder);
    const [got] = allocateProRata([{ id: 's0', amount: wanted }, { id: 'z-outside', amount: disrupted.s.world.foundryExternalMw }], cap);
    expect(disrupted.r.chipsOrderedMw).toBe(wanted);
    expect(disrupted.r.chipsAllocatedMw).toBe(got);
    expect(got).toBeLessThan(wanted);
  });

  it('guidance reserves slots, served first and at list price: the reserved part in full, only then spot like everyone else, at the ladder', () => {
    // MSFT's guidance reserves a quarter of it × the chip share; it orders exactly that in merchant chips
    // and more in second-source chips (spot, after the reservation is used by the merchant order).
    const guidance = 200_000;
    const reservedUsd = applyBps(mulDiv(guidance, 1, 4), K.reservationChipShareBps);
    const rush = { chips: { merchantUsdM: 200_000 }, finance: { equityUsdM: 200_000 } };
    const q = play((c, s) => {
      unguided(c, s);
      c.guidanceCapexUsdM = guidance;
    }, { chips: { merchantUsdM: reservedUsd, secondSourceUsdM: 60_000 }, finance: { equityUsdM: 100_000 } }, rush);
    const ladder = q.after.world.foundryPriceBps;
    expect(ladder).toBeGreaterThan(10_000);
    const merchant = q.c.shipments.find((x) => x.type === 'merchant')!;
    const second = q.c.shipments.find((x) => x.type === 'secondSource')!;
    // Reserved chips pay list (the price agreed when the slots were reserved), spot chips the ladder.
    expect(merchant.mw).toBe(mwFor(reservedUsd, list('merchant')));
    expect(merchant.costUsdM).toBe(merchant.mw * list('merchant'));
    const secondWanted = mwFor(60_000, list('secondSource'), ladder);
    expect(second.costUsdM).toBe(mulDiv(second.mw * list('secondSource'), ladder, 10_000));
    const meta = q.after.companies.META!.report;
    const metaFill = ratioBps(meta.chipsAllocatedMw, meta.chipsOrderedMw);
    expect(metaFill).toBeLessThan(9_000);
    // The second-source order fills like META's spot order (the same pro-rata share, to rounding).
    expect(Math.abs(ratioBps(second.mw, secondWanted) - metaFill)).toBeLessThanOrEqual(20);
    expect(q.events.find((e) => e.kind === 'chipsRationed')).toMatchObject({ params: { type: 'secondSource', mw: second.mw, wanted: secondWanted } });
    expect(q.events.filter((e) => e.kind === 'chipsRationed')).toHaveLength(1);
    // Control: the same merchant order without guidance is spot too, and rationed.
    const control = play(unguided, { chips: { merchantUsdM: reservedUsd, secondSourceUsdM: 60_000 }, finance: { equityUsdM: 100_000 } }, rush);
    const spotMerchant = control.c.shipments.find((x) => x.type === 'merchant')!;
    expect(spotMerchant.mw).toBeLessThan(merchant.mw);
    expect(spotMerchant.costUsdM).toBe(mulDiv(spotMerchant.mw * list('merchant'), ladder, 10_000));
    expect(spotMerchant.costUsdM * merchant.mw).toBeGreaterThan(merchant.costUsdM * spotMerchant.mw);
  });

  it('the foundry reserves against guidance only as far as the management is believed (slots × credibility); take-or-pay on all that was guided', () => {
    const guidance = 200_000;
    const reservedUsd = applyBps(mulDiv(guidance, 1, 4), K.reservationChipShareBps);
    const rush = { chips: { merchantUsdM: 200_000 }, finance: { equityUsdM: 200_000 } };
    const at = (credibilityBps: number) => play((c, s) => {
      unguided(c, s);
      c.guidanceCapexUsdM = guidance;
      c.credibilityBps = credibilityBps;
    }, { chips: { merchantUsdM: reservedUsd }, finance: { equityUsdM: 100_000 } }, rush);
    const full = at(10_000);
    const half = at(5_000);
    const none = at(0);
    const ladder = full.after.world.foundryPriceBps;
    expect(ladder).toBeGreaterThan(10_000);
    expect(half.after.world.foundryPriceBps).toBe(ladder);
    const merchant = (q: typeof full) => q.c.shipments.find((x) => x.type === 'merchant')!;
    // Believed in full: the whole order is reserved, served first, at list.
    expect(merchant(full).mw).toBe(mwFor(reservedUsd, list('merchant')));
    expect(merchant(full).costUsdM).toBe(merchant(full).mw * list('merchant'));
    // Half believed: half the slots reserved at list, the rest of the order spot at the ladder (and rationed).
    const halfUsd = model.reservedChipUsdM(K, guidance, 5_000);
    expect(halfUsd).toBe(applyBps(reservedUsd, 5_000));
    const reservedMw = mwFor(halfUsd, list('merchant'));
    expect(merchant(half).mw).toBeGreaterThan(reservedMw);
    expect(merchant(half).mw).toBeLessThan(merchant(full).mw);
    const spotMw = merchant(half).mw - reservedMw;
    expect(merchant(half).costUsdM).toBe(reservedMw * list('merchant') + mulDiv(spotMw * list('merchant'), ladder, 10_000));
    // Not believed at all: nothing reserved, the order is all spot like an unguided one.
    expect(model.reservedChipUsdM(K, guidance, 0)).toBe(0);
    const control = play(unguided, { chips: { merchantUsdM: reservedUsd }, finance: { equityUsdM: 100_000 } }, rush);
    expect(merchant(none)).toStrictEqual(merchant(control));
    expect(merchant(none).mw).toBeLessThan(merchant(half).mw);
    // Take-or-pay on what the guidance committed to, believed or not: with no order, the same fee at any credibility.
    const fee = (cred: number) => play((c) => {
      c.guidanceCapexUsdM = guidance;
      c.credibilityBps = cred;
    }).r.ledger['reservationFee'];
    expect(model.guidedChipUsdM(K, guidance)).toBe(reservedUsd);
    const due = -applyBps(applyBps(reservedUsd, K.reservationFloorBps), K.reservationFeeBps);
    expect(due).toBeLessThan(0);
    expect(fee(10_000)).toBe(due);
    expect(fee(5_000)).toBe(due);
    expect(fee(0)).toBe(due);
  });

  it('take-or-pay: ordering less than the reservation\'s floor costs a fee on the shortfall (none when it rounds to 0)', () => {
    const guidance = 80_000;
    const floor = applyBps(applyBps(mulDiv(guidance, 1, 4), K.reservationChipShareBps), K.reservationFloorBps);
    const guided = (c: CompanyState) => {
      c.guidanceCapexUsdM = guidance;
    };
    const fee = (draft: OrdersDraft) => play(guided, draft).r.ledger['reservationFee'];
    expect(fee({})).toBe(-applyBps(floor, K.reservationFeeBps));
    const short = 100;
    expect(applyBps(short, K.reservationFeeBps)).toBeGreaterThan(0);
    expect(fee({ chips: { merchantUsdM: floor - short } })).toBe(-applyBps(short, K.reservationFeeBps));
    // Second-source and custom orders count toward the floor too.
    expect(fee({ chips: { merchantUsdM: floor - short - 1_000, secondSourceUsdM: 1_000 } })).toBe(-applyBps(short, K.reservationFeeBps));
    expect(fee({ chips: { merchantUsdM: floor } })).toBeUndefined();
    // A shortfall whose fee rounds to nothing moves no cash.
    expect(applyBps(4, K.reservationFeeBps)).toBe(0);
    expect(fee({ chips: { merchantUsdM: floor - 4 } })).toBeUndefined();
    // Control: no guidance, no fee.
    expect(play(unguided).r.ledger['reservationFee']).toBeUndefined();
  });

  it('vendor financing pays part of the merchant chips actually bought: vendor debt and cash, with its event', () => {
    const control = play(unguided, { chips: { merchantUsdM: 10_000 } });
    const q = play(unguided, { chips: { merchantUsdM: 10_000 }, finance: { vendorFinancingUsdM: 4_000 } });
    expect(q.r.ledger['vendorFinancing']).toBe(4_000);
    expect(control.r.ledger['vendorFinancing']).toBeUndefined();
    expect(q.c.cashUsdM - control.c.cashUsdM).toBeGreaterThan(3_000);
    expect(q.c.vendorDebtUsdM).toBeGreaterThan(control.c.vendorDebtUsdM);
    expect(q.events.find((e) => e.kind === 'vendorFinanced')).toMatchObject({ key: 'event.vendorFinanced', headline: true, region: null, params: { seat: 'MSFT', amount: 4_000 } });
    expect(control.events.some((e) => e.kind === 'vendorFinanced')).toBe(false);
    // Rationed to less than the financing, the vendor finances only what was bought.
    const rush = { chips: { merchantUsdM: 600_000 }, finance: { equityUsdM: 600_000 } };
    const rationed = play(unguided, { chips: { merchantUsdM: 100_000 }, finance: { equityUsdM: 60_000, vendorFinancingUsdM: 50_000 } }, rush);
    const cost = -rationed.r.ledger['chips']!;
    expect(cost).toBeLessThan(50_000);
    expect(rationed.r.ledger['vendorFinancing']).toBe(cost);
    // Second-source chips are not vendor financed.
    const second = play(unguided, { chips: { merchantUsdM: 100, secondSourceUsdM: 10_000 }, finance: { vendorFinancingUsdM: 50 } });
    expect(second.r.ledger['vendorFinancing']).toBe(50);
  });
});

describe('the suppliers\' sales', () => {
  it('what is bought is booked for the road-builders: merchant chips at NVDA, second-source at AMD, custom chips and the program at AVGO, every chip at TSM', () => {
    const ready = (c: CompanyState, s: GameState) => {
      unguided(c, s);
      c.researchers = 20_000;
      c.customProgram = { spentUsdM: 0, quartersFunded: K.customLeadQ, readyQ: 0, designGen: 0, refreshQuarters: 0 };
    };
    const control = play(ready);
    // The ticker's driver is smoothed: half of last quarter's plus this quarter's sales (to a unit of rounding).
    const sales = (p: ReturnType<typeof play>) => Object.fromEntries((['NVDA', 'AMD', 'AVGO', 'TSM'] as const).map((t) => [t, 2 * (p.after.market[t].driverUsdM - control.after.market[t].driverUsdM)]));
    const near = (got: Record<string, number>, want: Record<string, number>) => {
      for (const t of Object.keys(want)) expect(Math.abs(got[t]! - want[t]!), t).toBeLessThanOrEqual(1);
    };
    const cost = (p: ReturnType<typeof play>) => -p.r.ledger['chips']!;
    const merchant = play(ready, { chips: { merchantUsdM: 7_000 } });
    near(sales(merchant), { NVDA: cost(merchant), AMD: 0, AVGO: 0, TSM: cost(merchant) });
    const second = play(ready, { chips: { secondSourceUsdM: 7_000 } });
    near(sales(second), { NVDA: 0, AMD: cost(second), AVGO: 0, TSM: cost(second) });
    const custom = play(ready, { chips: { customUsdM: 7_000 } });
    near(sales(custom), { NVDA: 0, AMD: 0, AVGO: cost(custom), TSM: cost(custom) });
    const program = play(ready, { customProgramUsdM: K.customProgramMinUsdM * 4 });
    near(sales(program), { NVDA: 0, AMD: 0, AVGO: K.customProgramMinUsdM * 4, TSM: 0 });
    expect(cost(custom)).toBeGreaterThan(1_000);
  });
});

describe('custom-silicon programs', () => {
  /** ORCL-like: MSFT's program from scratch, with `researchers`. */
  const program = (researchers: number, p: Partial<CompanyState['customProgram']> = {}, quarter = 0) => (c: CompanyState, s: GameState) => {
    c.researchers = researchers;
    c.customProgram = { spentUsdM: 0, quartersFunded: 0, readyQ: null, designGen: 0, refreshQuarters: 0, ...p };
    s.quarter = quarter;
  };
  const fund = { customProgramUsdM: K.customProgramMinUsdM };
  /** Researchers at the start of the quarter that leave exactly `n` after the talent phase's attrition. */
  const leaving = (n: number): number => {
    for (let r = n; r < 2 * n; r += 1) if (r - applyBps(r, K.attritionBps) === n) return r;
    throw new Error(`no head count leaves ${n}`);
  };
  const enough = leaving(K.customProgramMinResearchers);
  const tooFew = leaving(K.customProgramMinResearchers - 1);

  it('a funded quarter is paid and counts toward the design; unfunded, nothing moves', () => {
    const q = play(program(enough), fund);
    expect(q.c.customProgram).toStrictEqual({ spentUsdM: K.customProgramMinUsdM, quartersFunded: 1, readyQ: null, designGen: 0, refreshQuarters: 0 });
    expect(q.r.ledger['program']).toBe(-K.customProgramMinUsdM);
    expect(q.r.capexByCategory.program).toBe(K.customProgramMinUsdM);
    const control = play(program(enough));
    expect(control.c.customProgram).toStrictEqual({ spentUsdM: 0, quartersFunded: 0, readyQ: null, designGen: 0, refreshQuarters: 0 });
    expect(control.r.ledger['program']).toBeUndefined();
    expect(control.r.capexByCategory.program).toBe(0);
  });

  it('without enough researchers a funded program stalls: paid, but no progress', () => {
    const q = play(program(tooFew), fund);
    expect(q.c.customProgram).toStrictEqual({ spentUsdM: K.customProgramMinUsdM, quartersFunded: 0, readyQ: null, designGen: 0, refreshQuarters: 0 });
    expect(q.r.ledger['program']).toBe(-K.customProgramMinUsdM);
    expect(q.events.find((e) => e.kind === 'programStalled')).toMatchObject({ key: 'event.programStalled', headline: false, region: null, params: { seat: 'MSFT', needed: K.customProgramMinResearchers } });
    expect(play(program(enough), fund).events.some((e) => e.kind === 'programStalled')).toBe(false);
    // Unfunded, too few researchers do not matter.
    expect(play(program(tooFew)).events.some((e) => e.kind === 'programStalled')).toBe(false);
  });

  it('after its lead time in funded quarters the first design is ready next quarter, at the newest generation', () => {
    const gen1 = sc.roadmap.find((r) => r.gen === 1)!.quarter;
    const q = play(program(enough, { quartersFunded: K.customLeadQ - 1 }, gen1), fund);
    expect(q.c.customProgram).toMatchObject({ quartersFunded: K.customLeadQ, readyQ: gen1 + 1, designGen: 1, refreshQuarters: 0 });
    expect(q.events.find((e) => e.kind === 'programReady')).toMatchObject({ key: 'event.programReady', headline: true, region: null, params: { seat: 'MSFT', gen: 1 } });
    // Control: one funded quarter short.
    const early = play(program(enough, { quartersFunded: K.customLeadQ - 2 }, gen1), fund);
    expect(early.c.customProgram).toMatchObject({ quartersFunded: K.customLeadQ - 1, readyQ: null, designGen: 0 });
    expect(early.events.some((e) => e.kind === 'programReady')).toBe(false);
  });

  it('a ready design ages: funded quarters catch it up with a newer generation after the refresh time', () => {
    const gen1 = sc.roadmap.find((r) => r.gen === 1)!.quarter;
    const ready = { quartersFunded: K.customLeadQ, readyQ: 0, designGen: 0 };
    const q = play(program(enough, { ...ready, refreshQuarters: K.customRefreshQ - 1 }, gen1), fund);
    expect(q.c.customProgram).toMatchObject({ readyQ: 0, designGen: 1, refreshQuarters: 0, quartersFunded: K.customLeadQ });
    expect(q.events.find((e) => e.kind === 'programRefreshed')).toMatchObject({ key: 'event.programRefreshed', headline: false, region: null, params: { seat: 'MSFT', gen: 1 } });
    // Controls: unfunded (no progress), or one funded quarter short.
    const unfunded = play(program(enough, { ...ready, refreshQuarters: K.customRefreshQ - 1 }, gen1));
    expect(unfunded.c.customProgram).toMatchObject({ designGen: 0, refreshQuarters: K.customRefreshQ - 1 });
    const short = play(program(enough, { ...ready, refreshQuarters: K.customRefreshQ - 2 }, gen1), fund);
    expect(short.c.customProgram).toMatchObject({ designGen: 0, refreshQuarters: K.customRefreshQ - 1 });
    expect(short.events.some((e) => e.kind === 'programRefreshed')).toBe(false);
    // A design at the newest generation banks funded quarters, up to the refresh time.
    const current = play(program(enough, { ...ready, refreshQuarters: 0 }), fund);
    expect(current.c.customProgram).toMatchObject({ designGen: 0, refreshQuarters: 1 });
    const banked = play(program(enough, { ...ready, refreshQuarters: K.customRefreshQ }), fund);
    expect(banked.c.customProgram).toMatchObject({ designGen: 0, refreshQuarters: K.customRefreshQ });
    expect(banked.events.some((e) => e.kind === 'programRefreshed')).toBe(false);
    // When the generation ships, a banked design catches up at once.
    const waiting = play(program(enough, { ...ready, refreshQuarters: K.customRefreshQ }, gen1));
    expect(waiting.c.customProgram).toMatchObject({ designGen: 1, refreshQuarters: 0 });
  });
});

describe('energy projects', () => {
  const order = (region: EnergyProject['region'], source: EnergyProject['source'], mw: number, cooling: EnergyProject['cooling'] = 'liquid') => ({ region, source, mw, cooling });
  const project = (id: string, region: EnergyProject['region'], source: EnergyProject['source'], mw: number, orderedQ: number, earliestQ: number, cooling: EnergyProject['cooling'] = 'liquid'): EnergyProject => ({ id, region, source, mw, cooling, orderedQ, earliestQ });

  it('are paid when ordered and wait their lead time: the grid queue, gas, the region\'s renewables, nuclear; at least a quarter', () => {
    const control = play();
    const energy = [order('us-east', 'grid', 100), order('us-texas', 'renewables', 200, 'air'), order('us-west', 'nuclear', 400), order('nordics', 'gas', 100)];
    const q = play((c, s) => {
      s.regions.nordics.queueQuarters = 0;
    }, { energy: [...energy, order('nordics', 'grid', 50)] });
    const cost = [...energy, order('nordics', 'grid', 50)].reduce((t, e) => t + e.mw * model.energyUsdMPerMw(K, e.source, e.cooling), 0);
    expect(q.r.ledger['energy']).toBe(-cost);
    expect(q.r.capexByCategory.energy).toBe(cost);
    expect(control.r.ledger['energy']).toBeUndefined();
    // Facilities are booked at cost (then depreciate over their life).
    const book = control.before.facilitiesBookUsdM + cost;
    expect(q.c.facilitiesBookUsdM).toBe(book - mulDiv(book, 1, K.facilityDeprQuarters));
    const lead = (r: EnergyProject['region']) => sc.regions.find((x) => x.id === r)!;
    expect(q.c.projects.map(({ id: _id, ...p }) => p)).toStrictEqual([
      { region: 'us-east', source: 'grid', mw: 100, cooling: 'liquid', orderedQ: 0, earliestQ: q.s.regions['us-east'].queueQuarters },
      { region: 'us-texas', source: 'renewables', mw: 200, cooling: 'air', orderedQ: 0, earliestQ: lead('us-texas').renewablesLeadQ },
      { region: 'us-west', source: 'nuclear', mw: 400, cooling: 'liquid', orderedQ: 0, earliestQ: K.nuclearLeadQ },
      { region: 'nordics', source: 'gas', mw: 100, cooling: 'liquid', orderedQ: 0, earliestQ: K.gasLeadQ },
      { region: 'nordics', source: 'grid', mw: 50, cooling: 'liquid', orderedQ: 0, earliestQ: 1 },
    ]);
    expect(new Set(q.c.projects.map((p) => p.id)).size).toBe(5);
    // Grid orders join their region's queue.
    expect(q.after.regions['us-east'].queueMw).toBe(100);
    expect(q.after.regions.nordics.queueMw).toBe(50);
    expect(q.after.regions['us-texas'].queueMw).toBe(0);
    expect(control.after.regions['us-east'].queueMw).toBe(0);
  });

  it('alike orders of a quarter are one project; an alike project of an earlier quarter stays apart', () => {
    const east = (c: CompanyState, s: GameState) => {
      c.projects = [project('old', 'us-east', 'grid', 70, -1, s.regions['us-east'].queueQuarters)];
    };
    const q = play(east, { energy: [order('us-east', 'grid', 100), order('us-east', 'grid', 30), order('us-east', 'grid', 20, 'air')] });
    expect(q.c.projects.map(({ id: _id, ...p }) => p)).toStrictEqual([
      { region: 'us-east', source: 'grid', mw: 70, cooling: 'liquid', orderedQ: -1, earliestQ: 11 },
      { region: 'us-east', source: 'grid', mw: 130, cooling: 'liquid', orderedQ: 0, earliestQ: 11 },
      { region: 'us-east', source: 'grid', mw: 20, cooling: 'air', orderedQ: 0, earliestQ: 11 },
    ]);
    expect(q.s.regions['us-east'].queueQuarters).toBe(11);
    // The same with nothing listed before.
    const fresh = play(() => {}, { energy: [order('us-east', 'grid', 100), order('us-east', 'grid', 30)] });
    expect(fresh.c.projects).toMatchObject([{ region: 'us-east', source: 'grid', mw: 130, orderedQ: 0 }]);
  });

  it('gas turbines: priced off the backlog ahead, later by a quarter per slot-load of backlog; orders beyond the slots join it', () => {
    const backlog = 2 * K.turbineSlotsMw;
    const withBacklog = (c: CompanyState, s: GameState) => {
      s.world.turbineBacklogMw = backlog;
    };
    const gas = order('us-texas', 'gas', 300);
    const q = play(withBacklog, { energy: [gas] });
    const bps = model.turbinePriceBps(K, backlog);
    expect(bps).toBeGreaterThan(10_000);
    expect(q.after.world.turbinePriceBps).toBe(bps);
    expect(q.r.ledger['energy']).toBe(-300 * model.energyUsdMPerMw(K, 'gas', 'liquid', bps));
    expect(q.c.projects[0]).toMatchObject({ earliestQ: K.gasLeadQ + 2 });
    expect(q.after.world.turbineBacklogMw).toBe(backlog + 300 - K.turbineSlotsMw);
    // Control: no backlog: list price, the plain lead time, and the slots absorb the order.
    const control = play(() => {}, { energy: [gas] });
    expect(control.after.world.turbinePriceBps).toBe(10_000);
    expect(control.r.ledger['energy']).toBe(-300 * model.energyUsdMPerMw(K, 'gas', 'liquid'));
    expect(control.c.projects[0]).toMatchObject({ earliestQ: K.gasLeadQ });
    expect(control.after.world.turbineBacklogMw).toBe(0);
    // This quarter's orders beyond the slots delay themselves (both players' orders count).
    const over = K.turbineSlotsMw + mulDiv(K.turbineSlotsMw, 1, 2) + 1;
    const rush = play(() => {}, { energy: [order('us-texas', 'gas', over - 600)], finance: { equityUsdM: 20_000 } }, { energy: [order('us-texas', 'gas', 600)] });
    expect(rush.c.projects[0]).toMatchObject({ earliestQ: K.gasLeadQ + mulDiv(over - K.turbineSlotsMw, 1, K.turbineSlotsMw) });
    expect(mulDiv(over - K.turbineSlotsMw, 1, K.turbineSlotsMw)).toBe(1);
    expect(rush.after.world.turbineBacklogMw).toBe(over - K.turbineSlotsMw);
    // Renewables are not gas: no backlog, no turbine price.
    const sun = play(withBacklog, { energy: [order('us-texas', 'renewables', 300)] });
    expect(sun.c.projects[0]).toMatchObject({ earliestQ: sc.regions.find((x) => x.id === 'us-texas')!.renewablesLeadQ });
    expect(sun.r.ledger['energy']).toBe(-300 * model.energyUsdMPerMw(K, 'renewables', 'liquid'));
    expect(sun.after.world.turbineBacklogMw).toBe(backlog - K.turbineSlotsMw);
  });

  it('projects off the grid come online at their lead time, liquid-cooled halls as such; the rest wait in order', () => {
    const projects = (readyQ: number) => (c: CompanyState) => {
      c.projects = [project('a', 'nordics', 'gas', 100, -5, 3), project('b', 'latam', 'renewables', 120, -5, readyQ), project('c', 'india', 'nuclear', 300, -5, readyQ, 'air'), project('d', 'nordics', 'nuclear', 400, -5, 9), project('e', 'latam', 'grid', 1_000, -5, 0)];
      delete c.sites.latam;
      delete c.sites.india;
    };
    const q = play(projects(0));
    const control = play(projects(1));
    // (A grid project ready to connect stays listed with what the region's cap leaves.)
    const capLatam = q.s.regions.latam.capMw;
    expect(capLatam).toBeLessThan(1_000);
    expect(control.c.projects.map((p) => [p.id, p.mw])).toStrictEqual([['a', 100], ['b', 120], ['c', 300], ['d', 400], ['e', 1_000 - capLatam]]);
    expect(q.c.projects.map((p) => [p.id, p.mw])).toStrictEqual([['a', 100], ['d', 400], ['e', 1_000 - capLatam]]);
    expect(control.c.sites.latam).toStrictEqual({ poweredMw: { grid: capLatam, gas: 0, renewables: 0, nuclear: 0 }, liquidMw: capLatam });
    expect(q.c.sites.latam).toStrictEqual({ poweredMw: { grid: capLatam, gas: 0, renewables: 120, nuclear: 0 }, liquidMw: capLatam + 120 });
    expect(q.c.sites.india).toStrictEqual({ poweredMw: { grid: 0, gas: 0, renewables: 0, nuclear: 300 }, liquidMw: 0 });
    const online = q.events.filter((e) => e.kind === 'powerOnline' && e.params['source'] !== 'grid');
    expect(online).toHaveLength(2);
    expect(online[0]).toMatchObject({ key: 'event.powerOnline', headline: false, region: 'latam', params: { seat: 'MSFT', mw: 120, region: 'latam', source: 'renewables' } });
    expect(control.events.filter((e) => e.kind === 'powerOnline').map((e) => e.params['source'])).toStrictEqual(['grid']);
    expect(q.r.poweredMw - control.r.poweredMw).toBe(420);
  });

  it('grid projects ready to connect queue first come first served, up to the region\'s cap; the same quarter\'s share it pro rata', () => {
    const capMw = 80;
    const queue = (msft: EnergyProject, meta: EnergyProject) => (c: CompanyState, s: GameState) => {
      s.regions.nordics.capMw = capMw;
      s.regions.nordics.queueMw = msft.mw + meta.mw;
      c.projects = [msft];
      s.companies.META!.projects = [meta];
    };
    const powered = (p: ReturnType<typeof play>, t: 'MSFT' | 'META') => p.after.companies[t]!.sites.nordics?.poweredMw.grid ?? 0;
    const base = play(queue(project('m', 'nordics', 'grid', 100, -3, 5), project('n', 'nordics', 'grid', 100, -3, 5)));
    // The older order first, whoever placed it: META's, ordered a quarter before MSFT's.
    const fifo = play(queue(project('m', 'nordics', 'grid', 100, -2, 0), project('n', 'nordics', 'grid', 100, -3, 0)));
    expect(powered(fifo, 'META') - powered(base, 'META')).toBe(capMw);
    expect(powered(fifo, 'MSFT')).toBe(powered(base, 'MSFT'));
    expect(fifo.after.companies.META!.projects).toMatchObject([{ id: 'n', mw: 100 - capMw }]);
    expect(fifo.c.projects).toMatchObject([{ id: 'm', mw: 100 }]);
    expect(fifo.after.regions.nordics.queueMw).toBe(200 - capMw);
    expect(fifo.after.events.find((e) => e.kind === 'powerOnline' && e.seat === 'META')).toMatchObject({ region: 'nordics', params: { seat: 'META', mw: capMw, region: 'nordics', source: 'grid' } });
    // The same the other way round: MSFT's order is the older one (the queue is sorted, not taken as listed).
    const msftFirst = play(queue(project('m', 'nordics', 'grid', 100, -3, 0), project('n', 'nordics', 'grid', 100, -2, 0)));
    expect(powered(msftFirst, 'MSFT') - powered(base, 'MSFT')).toBe(capMw);
    expect(powered(msftFirst, 'META')).toBe(powered(base, 'META'));
    // A project connected in full leaves the list; the cap left goes to the next.
    const next = play(queue(project('m', 'nordics', 'grid', 100, -2, 0), project('n', 'nordics', 'grid', 30, -3, 0)));
    expect(next.after.companies.META!.projects).toStrictEqual([]);
    expect(next.c.projects).toMatchObject([{ id: 'm', mw: 100 - (capMw - 30) }]);
    expect(powered(next, 'MSFT') - powered(base, 'MSFT')).toBe(capMw - 30);
    // Ordered the same quarter: the cap shared pro rata.
    const shared = play(queue(project('m', 'nordics', 'grid', 100, -3, 0), project('n', 'nordics', 'grid', 300, -3, 0)));
    const [toMsft, toMeta] = allocateProRata([{ id: 'm', amount: 100 }, { id: 'n', amount: 300 }], capMw) as [number, number];
    expect(powered(shared, 'MSFT') - powered(base, 'MSFT')).toBe(toMsft);
    expect(powered(shared, 'META') - powered(base, 'META')).toBe(toMeta);
    expect(toMsft).toBeGreaterThan(0);
    // Control: not ready yet, nothing connects.
    expect(base.c.projects).toMatchObject([{ id: 'm', mw: 100 }]);
    expect(base.events.some((e) => e.kind === 'powerOnline')).toBe(false);
  });
});

describe('licensed data', () => {
  it('buys units at the quarter\'s price; the price rises as the data wall nears, capped at ten times', () => {
    const used = (n: number) => (c: CompanyState, s: GameState) => {
      s.world.humanDataUsed = n;
    };
    const usd = 1_000;
    const control = play(used(1_000));
    const q = play(used(1_000), { data: { licensedUsdM: usd } });
    const units = mulDiv(usd, 1_000, q.s.world.dataPriceUsdK);
    expect(units).toBeGreaterThan(0);
    expect(q.after.world.humanDataUsed - control.after.world.humanDataUsed).toBe(units);
    expect(q.c.humanData).toBeGreaterThan(control.c.humanData);
    expect(q.r.ledger['data']).toBe(-usd);
    expect(q.r.capexByCategory.data).toBe(usd);
    expect(control.r.ledger['data']).toBeUndefined();
    const priceAt = (n: number) => mulDiv(K.dataPriceUsdK, K.dataWall, Math.max(mulDiv(K.dataWall, 1, 10), K.dataWall - n));
    expect(control.after.world.dataPriceUsdK).toBe(priceAt(1_000));
    expect(q.after.world.dataPriceUsdK).toBe(priceAt(1_000 + units));
    expect(q.after.world.dataPriceUsdK).toBeGreaterThan(control.after.world.dataPriceUsdK);
    expect(play(used(K.dataWall - 100)).after.world.dataPriceUsdK).toBe(K.dataPriceUsdK * 10);
    expect(play(used(0)).after.world.dataPriceUsdK).toBe(K.dataPriceUsdK);
  });
});

describe('chip generations', () => {
  it('a new generation ships on its roadmap quarter, announced once', () => {
    const gen1 = sc.roadmap.find((r) => r.gen === 1)!.quarter;
    const q = play((c, s) => {
      s.quarter = gen1;
    });
    expect(q.after.world.currentGen).toBe(1);
    expect(q.after.events.find((e) => e.kind === 'newGeneration')).toMatchObject({ key: 'event.newGeneration', seat: null, region: null, headline: true, params: { gen: 1 } });
    const announced = play((c, s) => {
      s.quarter = gen1;
      s.world.currentGen = 1;
    });
    expect(announced.after.events.some((e) => e.kind === 'newGeneration')).toBe(false);
    expect(play().after.events.some((e) => e.kind === 'newGeneration')).toBe(false);
  });
});
