/**
 * The costs phase (phase 7): energy and carbon per site, the core business's costs, depreciation and
 * chip retirement, interest, vendor repayment, tax, and the liquidity ladder's fire sale. Each test plays
 * a quarter against the same quarter without its cause; expected values come from the scenario's
 * constants and the engine's own helpers. Mutation testing found these rules unchecked (docs/testing.md).
 */
import { describe, expect, it } from 'vitest';
import { applyBps, BPS, getScenario, model, mulDiv, resolveQuarter, type ChipCohort, type CompanyState, type GameState } from '../../shared/index.js';
import { copy, newGame, ordersFor } from '../helpers/game.js';

const sc = getScenario('capex-race-2026');
const K = model.constantsOf(sc);

const start = (): GameState => newGame('costs', { seats: ['MSFT', 'META'] });
/** Plays MSFT's quarter from a start changed by `change`. */
const play = (change: (c: CompanyState, s: GameState) => void = () => {}) => {
  const s = start();
  change(s.companies.MSFT!, s);
  const after = resolveQuarter(copy(s), ordersFor(s)).state;
  return { before: s.companies.MSFT!, s, after, c: after.companies.MSFT!, events: after.events.filter((e) => e.seat === 'MSFT') };
};
const chip = (gen: number, mw: number, bookUsdM: number, deprUsdM: number, boughtQ: number): ChipCohort => ({ type: 'merchant', gen, mw, bookUsdM, deprUsdM, boughtQ });
/** The quarter's rate on a company's borrowing, as the phase works it out from the start. */
const rateOf = (s: GameState, c: CompanyState): number =>
  model.interestRateBps(K, s.world.baseRateBps, c.debtUsdM + c.revolverUsdM + c.vendorDebtUsdM, Math.max(1, c.lastEbitdaUsdM), s.world.sentimentBps, c.credibilityBps);

/**
 * A company that loses money and has no credit left: pay far above its earnings (EBITDA below 0, so
 * no credit headroom), cash earns nothing (base rate at 1%); it holds `chips`.
 */
const losing = (cashUsdM: number, chips: ChipCohort[]) => (c: CompanyState, s: GameState) => {
  s.world.baseRateBps = 100;
  c.compUsdK = 100_000;
  c.lastEbitdaUsdM = 0;
  c.cashUsdM = cashUsdM;
  c.chips = chips;
};

describe('the distress ladder: the fire sale', () => {
  // Two cohorts that do not depreciate this quarter: the newer one listed first.
  const distressable = (cashUsdM: number) => losing(cashUsdM, [chip(0, 1_000, 20_000, 0, 0), chip(0, 1_000, 20_000, 0, -8)]);
  /** MSFT's cash at the end of costs in a quarter started with `cash` (the control ends above 0). */
  const controlCash = 1_000_000;
  const shortBy = (short: number) => {
    const control = play(distressable(controlCash));
    expect(control.c.cashUsdM).toBeGreaterThan(0);
    expect(control.c.report.ledger['assetSale'] ?? 0).toBe(0);
    expect(control.c.report.ledger['revolverDraw'] ?? 0).toBe(0);
    // Started this much lower, the company ends the costs phase `short` below zero.
    const q = play(distressable(controlCash - control.c.cashUsdM - short));
    return { control, q };
  };
  const half = applyBps(20_000, K.fireSaleBps);

  it('sells part of the oldest cohort, at the fire-sale share of book, to cover the shortfall, however listed', () => {
    // The older cohort depreciates 1,000 this quarter: it is sold at half of 19,000.
    const book0 = 20_000 - 1_000;
    const price = applyBps(book0, K.fireSaleBps);
    const short = mulDiv(price, 1, 2);
    expect(short).toBeGreaterThan(0);
    for (const [older, newer] of [[-8, 0], [2, 6]] as const) {
      for (const olderFirst of [false, true]) {
        const cohorts = (c: CompanyState) => {
          const o = chip(0, 1_000, 20_000, 1_000, older);
          const n = chip(0, 1_000, 20_000, 0, newer);
          c.chips = olderFirst ? [o, n] : [n, o];
        };
        const setup = (cash: number) => (c: CompanyState, s: GameState) => {
          distressable(cash)(c, s);
          cohorts(c);
        };
        const control = play(setup(controlCash));
        expect(control.c.cashUsdM).toBeGreaterThan(0);
        expect(control.c.report.ledger['assetSale'] ?? 0).toBe(0);
        const q = play(setup(controlCash - control.c.cashUsdM - short));
        const mw = mulDiv(1_000, short, price);
        const book = mulDiv(book0, mw, 1_000);
        expect(applyBps(book, K.fireSaleBps)).toBe(short);
        expect(q.c.report.ledger['assetSale']).toBe(short);
        const left = chip(0, 1_000 - mw, book0 - book, mulDiv(1_000, 1_000 - mw, 1_000), older);
        const kept = chip(0, 1_000, 20_000, 0, newer);
        expect(q.c.chips).toStrictEqual(olderFirst ? [left, kept] : [kept, left]);
        expect(control.c.chips).toStrictEqual(olderFirst ? [chip(0, 1_000, book0, 1_000, older), kept] : [kept, chip(0, 1_000, book0, 1_000, older)]);
        expect(q.events.find((e) => e.kind === 'assetsSold')).toMatchObject({ key: 'event.assetsSold', headline: true, region: null, params: { seat: 'MSFT', amount: short, loss: book - short } });
        expect(q.events.find((e) => e.kind === 'distressed')).toMatchObject({ key: 'event.distressed', headline: true, params: { seat: 'MSFT', shortfall: 0 } });
        expect(q.c.distressed).toBe(true);
        expect(control.c.distressed).toBe(false);
        expect(q.events.some((e) => e.kind === 'forcedEquity' || e.kind === 'restructured')).toBe(false);
        expect(control.events.some((e) => e.kind === 'assetsSold' || e.kind === 'distressed')).toBe(false);
      }
    }
  });

  it('sells the whole oldest cohort before touching the next, then part of the next', () => {
    const extra = 2_000;
    const { q } = shortBy(half + extra);
    expect(q.c.report.ledger['assetSale']).toBe(half + extra);
    const mw = mulDiv(1_000, extra, half);
    const book = mulDiv(20_000, mw, 1_000);
    expect(q.c.chips).toStrictEqual([chip(0, 1_000 - mw, 20_000 - book, 0, 0)]);
    expect(q.events.find((e) => e.kind === 'assetsSold')).toMatchObject({ params: { amount: half + extra, loss: 20_000 - half + book - applyBps(book, K.fireSaleBps) } });
  });

  it('among cohorts bought the same quarter, the older generation goes first', () => {
    const setup = (cash: number) => (c: CompanyState, s: GameState) => {
      distressable(cash)(c, s);
      c.chips = [chip(1, 1_000, 20_000, 0, -4), chip(0, 1_000, 20_000, 0, -4)];
    };
    const control = play(setup(controlCash));
    const q = play(setup(controlCash - control.c.cashUsdM - 4_000));
    const mw = mulDiv(1_000, 4_000, half);
    expect(q.c.chips).toStrictEqual([chip(1, 1_000, 20_000, 0, -4), chip(0, 1_000 - mw, 20_000 - mulDiv(20_000, mw, 1_000), 0, -4)]);
  });
});

describe('the distress ladder: rescue equity and restructuring', () => {
  // As above, with chips worth nothing at a fire sale (book 0): nothing to sell.
  const broke = (cashUsdM: number) => (c: CompanyState, s: GameState) => {
    losing(cashUsdM, [chip(0, 1_000, 0, 0, -8)])(c, s);
    c.vendorDebtUsdM = 2_000;
  };
  const controlCash = 1_000_000;
  const shortBy = (short: number) => {
    const control = play(broke(controlCash));
    expect(control.c.cashUsdM).toBeGreaterThan(0);
    return { control, q: play(broke(controlCash - control.c.cashUsdM - short)) };
  };

  it('a shortfall the chips cannot cover is met by shares sold at the rescue discount', () => {
    const { control, q } = shortBy(5_000);
    expect(q.c.report.ledger['assetSale'] ?? 0).toBe(0);
    expect(q.events.some((e) => e.kind === 'assetsSold')).toBe(false);
    expect(q.c.chips).toStrictEqual([chip(0, 1_000, 0, 0, -8)]);
    expect(q.c.report.ledger['forcedEquity']).toBe(5_000);
    const price = applyBps(q.before.priceCents, BPS - K.forcedEquityDiscountBps);
    const shares = mulDiv(5_000, 100, price);
    expect(shares).toBeGreaterThan(0);
    expect(shares).toBeLessThanOrEqual(q.before.sharesM);
    expect(q.c.sharesM - control.c.sharesM).toBe(shares);
    expect(q.events.find((e) => e.kind === 'forcedEquity')).toMatchObject({ key: 'event.forcedEquity', headline: true, region: null, params: { seat: 'MSFT', amount: 5_000, shares } });
    expect(q.c.distressed).toBe(true);
    expect(q.c.restructured).toBe(false);
    expect(q.events.find((e) => e.kind === 'distressed')).toMatchObject({ key: 'event.distressed', params: { seat: 'MSFT', shortfall: 0 } });
  });

  it('a shortfall beyond doubling the shares restructures the company: creditors take it', () => {
    const before = start().companies.MSFT!;
    const price = applyBps(before.priceCents, BPS - K.forcedEquityDiscountBps);
    // More than the whole share count can raise at the rescue price.
    const short = mulDiv(before.sharesM + 1_000, price, 100);
    const { control, q } = shortBy(short);
    expect(q.c.restructured).toBe(true);
    expect(control.c.restructured).toBe(false);
    expect([q.c.debtUsdM, q.c.revolverUsdM, q.c.vendorDebtUsdM]).toStrictEqual([0, 0, 0]);
    // What creditors held when they took the company: the vendor debt after this quarter's repayment.
    const owed = before.debtUsdM + 2_000 - mulDiv(2_000, K.vendorRepayBps, BPS);
    expect(q.c.report.ledger['forcedEquity']).toBe(short);
    expect(q.c.sharesM - control.c.sharesM).toBe(mulDiv(before.sharesM, BPS - K.restructureKeepBps, K.restructureKeepBps));
    expect(q.events.find((e) => e.kind === 'restructured')).toMatchObject({ key: 'event.restructured', headline: true, region: null, params: { seat: 'MSFT', debt: owed, shortfall: short } });
    expect(q.events.some((e) => e.kind === 'forcedEquity')).toBe(false);
  });
});

describe('the credit line', () => {
  // Cash earns nothing (base rate at 1%); EBITDA stays positive, so there is credit.
  const setup = (cashUsdM: number, change: (c: CompanyState) => void = () => {}) => (c: CompanyState, s: GameState) => {
    s.world.baseRateBps = 100;
    c.lastEbitdaUsdM = 0;
    c.cashUsdM = cashUsdM;
    c.chips = [chip(0, 1_000, 20_000, 0, -8)];
    change(c);
  };
  const controlCash = 1_000_000;

  it('a shortfall is drawn on the credit line first, up to the headroom; the fire sale covers the rest', () => {
    const control = play(setup(controlCash));
    const ebitda = control.c.lastEbitdaUsdM;
    expect(ebitda).toBeGreaterThan(0);
    const headroom = model.creditHeadroomUsdM(K, ebitda, control.before.debtUsdM, 0, false);
    expect(headroom).toBeGreaterThan(0);
    const within = play(setup(controlCash - control.c.cashUsdM - 5_000));
    expect(within.c.report.ledger['revolverDraw']).toBe(5_000);
    expect(within.c.revolverUsdM).toBe(5_000);
    expect(within.c.report.ledger['assetSale'] ?? 0).toBe(0);
    expect(within.c.distressed).toBe(false);
    expect(within.events.some((e) => e.kind === 'distressed')).toBe(false);
    expect(control.c.revolverUsdM).toBe(0);
    const beyond = play(setup(controlCash - control.c.cashUsdM - headroom - 4_000));
    expect(beyond.c.report.ledger['revolverDraw']).toBe(headroom);
    expect(beyond.c.report.ledger['assetSale']).toBe(4_000);
    expect(beyond.c.distressed).toBe(true);
  });

  it('cash beyond half a quarter\'s EBITDA repays the credit line', () => {
    // The same borrowing as debt in the control: the same rate and interest.
    const drawn = 500_000;
    const control = play(setup(100_000, (c) => {
      c.debtUsdM += drawn;
    }));
    const excess = control.c.cashUsdM - mulDiv(Math.abs(control.c.lastEbitdaUsdM), 1, 2);
    expect(excess).toBeGreaterThan(0);
    expect(excess).toBeLessThan(drawn);
    const q = play(setup(100_000, (c) => {
      c.revolverUsdM = drawn;
    }));
    expect(q.c.report.interestUsdM).toBe(control.c.report.interestUsdM);
    expect(q.c.report.ledger['revolverRepay']).toBe(-excess);
    expect(q.c.revolverUsdM).toBe(drawn - excess);
    const small = play(setup(100_000, (c) => {
      c.revolverUsdM = 1_000;
      c.debtUsdM += drawn - 1_000;
    }));
    expect(small.c.report.ledger['revolverRepay']).toBe(-1_000);
    expect(small.c.revolverUsdM).toBe(0);
    expect(control.c.report.ledger['revolverRepay'] ?? 0).toBe(0);
  });

  it('a distressed company that ends the quarter sound has recovered', () => {
    const q = play((c) => {
      c.distressed = true;
    });
    expect(q.c.distressed).toBe(false);
    expect(q.events.find((e) => e.kind === 'recovered')).toMatchObject({ key: 'event.recovered', headline: true, region: null, params: { seat: 'MSFT' } });
    expect(play().events.some((e) => e.kind === 'recovered' || e.kind === 'distressed')).toBe(false);
  });
});

describe('interest', () => {
  it('vendor debt costs 2% a year more than the same amount of other debt', () => {
    const control = play();
    const q = play((c) => {
      c.debtUsdM -= 10_000;
      c.vendorDebtUsdM = 10_000;
    });
    const r = rateOf(control.s, control.before);
    expect(rateOf(q.s, q.before)).toBe(r);
    const more = mulDiv(q.before.debtUsdM, r, 4 * BPS) + mulDiv(10_000, r + 200, 4 * BPS) - mulDiv(control.before.debtUsdM, r, 4 * BPS);
    expect(more).toBeGreaterThan(0);
    expect(q.c.report.interestUsdM - control.c.report.interestUsdM).toBe(more);
    expect(control.c.report.ledger['interest']! - q.c.report.ledger['interest']!).toBe(more);
  });

  it('the credit line costs the same as debt', () => {
    const control = play();
    const q = play((c) => {
      c.debtUsdM -= 10_000;
      c.revolverUsdM = 10_000;
    });
    expect(q.c.report.interestUsdM).toBe(control.c.report.interestUsdM);
    const less = play((c) => {
      c.debtUsdM -= 10_000;
    });
    expect(less.c.report.interestUsdM).toBeLessThan(control.c.report.interestUsdM);
  });

  it('more debt costs its rate, and the rate rises with leverage', () => {
    const control = play();
    const q = play((c) => {
      c.debtUsdM += 40_000;
    });
    const r0 = rateOf(control.s, control.before);
    const r1 = rateOf(q.s, q.before);
    expect(r1).toBeGreaterThan(r0);
    const more = mulDiv(q.before.debtUsdM, r1, 4 * BPS) - mulDiv(control.before.debtUsdM, r0, 4 * BPS);
    expect(q.c.report.interestUsdM - control.c.report.interestUsdM).toBe(more);
  });

  it('cash earns the base rate less 1%, and nothing when the base rate is at 1%', () => {
    const control = play();
    const q = play((c) => {
      c.cashUsdM += 40_000;
    });
    const earned = mulDiv(40_000, control.s.world.baseRateBps - 100, 4 * BPS);
    expect(earned).toBeGreaterThan(0);
    expect(Math.abs(control.c.report.interestUsdM - q.c.report.interestUsdM - earned)).toBeLessThanOrEqual(1);
    const low = (more: number) => play((c, s) => {
      s.world.baseRateBps = 100;
      c.cashUsdM += more;
    });
    expect(low(40_000).c.report.interestUsdM).toBe(low(0).c.report.interestUsdM);
  });
});

describe('vendor repayment', () => {
  it('repays its share of vendor debt each quarter, and the last few $M at once', () => {
    const q = play((c) => {
      c.vendorDebtUsdM = 10_000;
    });
    const repay = mulDiv(10_000, K.vendorRepayBps, BPS);
    expect(repay).toBeGreaterThan(0);
    expect(q.c.report.ledger['vendorRepay']).toBe(-repay);
    expect(q.c.vendorDebtUsdM).toBe(10_000 - repay);
    const small = play((c) => {
      c.vendorDebtUsdM = 40;
    });
    expect(small.c.report.ledger['vendorRepay']).toBe(-40);
    expect(small.c.vendorDebtUsdM).toBe(0);
    const fifty = play((c) => {
      c.vendorDebtUsdM = 50;
    });
    expect(fifty.c.report.ledger['vendorRepay']).toBe(-mulDiv(50, K.vendorRepayBps, BPS));
    expect(play().c.report.ledger['vendorRepay'] ?? 0).toBe(0);
  });
});

describe('depreciation and retirement', () => {
  it('facilities depreciate over their life; the charge lowers pre-tax income and so the tax', () => {
    const control = play();
    const q = play((c) => {
      c.facilitiesBookUsdM += 60_000;
    });
    const more = mulDiv(control.before.facilitiesBookUsdM + 60_000, 1, K.facilityDeprQuarters) - mulDiv(control.before.facilitiesBookUsdM, 1, K.facilityDeprQuarters);
    expect(more).toBeGreaterThan(0);
    expect(q.c.report.depreciationUsdM - control.c.report.depreciationUsdM).toBe(more);
    expect(control.c.facilitiesBookUsdM - control.before.facilitiesBookUsdM).toBe(-mulDiv(control.before.facilitiesBookUsdM, 1, K.facilityDeprQuarters));
    // Pre-tax income is positive in both: the tax falls by the tax rate's share of the charge.
    const pretax = (x: typeof q) => x.c.report.netIncomeUsdM - x.c.report.ledger['tax']!;
    expect(pretax(control)).toBeGreaterThan(0);
    expect(pretax(control) - pretax(q)).toBe(more);
    expect(-control.c.report.ledger['tax']!).toBe(applyBps(pretax(control), K.taxBps));
    expect(-q.c.report.ledger['tax']!).toBe(applyBps(pretax(q), K.taxBps));
    expect(q.c.report.ledger['opex']).toBe(control.c.report.ledger['opex']);
  });

  it('chips depreciate by their charge, never below zero book', () => {
    const control = play();
    const q = play((c) => {
      c.chips.push(chip(0, 0, 1_000, 300, 0), chip(0, 0, 100, 300, 0));
    });
    expect(q.c.report.depreciationUsdM - control.c.report.depreciationUsdM).toBe(300 + 100);
    expect(q.c.chips.slice(-2).map((ch) => ch.bookUsdM)).toStrictEqual([700, 0]);
  });

  it('chips obsoleteGens generations behind are written off and retired, with an event; newer ones stay', () => {
    // The quarter the roadmap reaches generation obsoleteGens: the start's generation-0 chips are then obsolete.
    const setup = (_c: CompanyState, s: GameState) => {
      s.quarter = sc.roadmap.find((r) => r.gen === K.obsoleteGens)!.quarter;
      s.world.currentGen = model.genAt(sc, s.quarter);
    };
    const control = play(setup);
    const q = play((c, s) => {
      setup(c, s);
      c.chips.push(chip(0, 0, 5_000, 100, 0), chip(1, 0, 3_000, 100, 0));
    });
    // The start's chips are generation 0: retired in both.
    expect(control.c.report.impairmentUsdM).toBe(control.before.chips.reduce((t, ch) => t + ch.bookUsdM, 0));
    expect(q.c.report.impairmentUsdM - control.c.report.impairmentUsdM).toBe(5_000);
    expect(q.c.report.depreciationUsdM - control.c.report.depreciationUsdM).toBe(100);
    const pretax = (x: typeof q) => x.c.report.netIncomeUsdM - (x.c.report.ledger['tax'] ?? 0);
    expect(pretax(control) - pretax(q)).toBe(5_000 + 100);
    expect(q.c.chips).toStrictEqual([chip(1, 0, 2_900, 100, 0)]);
    const retired = q.events.filter((e) => e.kind === 'chipsRetired');
    expect(retired).toHaveLength(control.events.filter((e) => e.kind === 'chipsRetired').length + 1);
    expect(retired.at(-1)).toMatchObject({ key: 'event.chipsRetired', headline: false, region: null, params: { seat: 'MSFT', mw: 0, gen: 0, writeOff: 5_000 } });
    expect(play().events.some((e) => e.kind === 'chipsRetired')).toBe(false);
  });
});

describe('the income statement', () => {
  it('operating costs are energy, the running cost of compute, payroll and the core businesses\' costs', () => {
    const { c } = play();
    const r = c.report;
    expect(r.payrollUsdM).toBe(mulDiv(c.researchers, c.compUsdK, 1_000));
    expect(r.payrollUsdM).toBeGreaterThan(0);
    expect(r.inferenceCostUsdM).toBe(model.computeOpsUsdM(K, r.usedMw, model.researchersPerGw(c.researchers, r.chipMw)));
    expect(r.inferenceCostUsdM).toBeGreaterThan(0);
    const core = applyBps(c.coreRevenueUsdM, BPS - c.coreMarginBps) + applyBps(c.cloudBaseUsdM, BPS - K.legacyCloudMarginBps) + applyBps(r.energyRevenueUsdM, BPS - K.energyBusinessMarginBps);
    expect(core).toBeGreaterThan(0);
    expect(r.opexUsdM).toBe(r.energyCostUsdM + r.inferenceCostUsdM + r.payrollUsdM + core);
    expect(r.ledger['opex']).toBe(-r.opexUsdM);
  });

  it('a better core margin lowers the core business\'s costs by that share of its revenue', () => {
    const control = play();
    const q = play((c) => {
      c.coreMarginBps += 1_000;
    });
    const rev = control.c.coreRevenueUsdM;
    expect(q.c.coreRevenueUsdM).toBe(rev);
    const less = applyBps(rev, BPS - control.before.coreMarginBps) - applyBps(rev, BPS - control.before.coreMarginBps - 1_000);
    expect(less).toBeGreaterThan(0);
    expect(control.c.report.opexUsdM - q.c.report.opexUsdM).toBe(less);
  });

  it('net income is revenue less every cost, interest and tax', () => {
    const { c } = play();
    const r = c.report;
    expect(r.capexByCategory.talent + r.capexByCategory.data + r.capexByCategory.program).toBe(0);
    const fee = -(r.ledger['reservationFee'] ?? 0);
    const pretax = r.revenueUsdM - r.writeOffsUsdM - r.opexUsdM - fee - r.depreciationUsdM - r.impairmentUsdM - r.interestUsdM;
    expect(pretax).toBeGreaterThan(0);
    const tax = applyBps(pretax, K.taxBps);
    expect(r.ledger['tax']).toBe(-tax);
    expect(r.netIncomeUsdM).toBe(pretax - tax);
    expect(r.ledger['interest']).toBe(-r.interestUsdM);
    expect(c.lastEbitdaUsdM).toBe(r.revenueUsdM - r.writeOffsUsdM - r.opexUsdM - fee);
  });
});

describe('tax', () => {
  it('a loss pays no tax; net income is then the pre-tax loss', () => {
    const q = play((c) => {
      c.compUsdK = 100_000;
    });
    expect(q.c.report.netIncomeUsdM).toBeLessThan(0);
    expect(q.c.report.ledger['tax'] ?? 0).toBe(0);
  });
});

describe('energy and carbon, per site', () => {
  it('a site moved from grid to renewable power pays the renewable price and emits the clean intensity', () => {
    const control = play();
    const q = play((c) => {
      const p = c.sites['us-east']!.poweredMw;
      p.renewables = p.grid;
      p.grid = 0;
    });
    const mw = control.before.sites['us-east']!.poweredMw.grid;
    expect(control.c.report.usedMw).toBe(Object.values(control.before.sites).reduce((t, x) => t + model.sitePoweredMw(x!), 0));
    const grid = control.s.regions['us-east'].priceUsdPerMwh;
    const gridCarbon = sc.regions.find((r) => r.id === 'us-east')!.carbonGPerKwh;
    const tons = (g: number) => model.carbonTons(K, mw, g);
    const cost = (price: number, g: number) => model.energyCostUsdM(K, mw, price) + mulDiv(tons(g), K.carbonPriceUsdPerTon, 1_000_000);
    expect(q.c.report.carbonTons - control.c.report.carbonTons).toBe(tons(K.cleanCarbonGPerKwh) - tons(gridCarbon));
    expect(q.c.report.energyCostUsdM - control.c.report.energyCostUsdM).toBe(cost(K.renewablesPriceUsdPerMwh, K.cleanCarbonGPerKwh) - cost(grid, gridCarbon));
  });

  it('powered MW left idle pay the standby share of their energy', () => {
    // One site in Texas, 1,000 MW of chips; the site powered for them, or for twice as much.
    const setup = (mw: number) => (c: CompanyState) => {
      c.sites = { 'us-texas': { poweredMw: { grid: mw, gas: 0, renewables: 0, nuclear: 0 }, liquidMw: mw } };
      c.chips = [chip(0, 1_000, 20_000, 500, -4)];
    };
    const control = play(setup(1_000));
    const q = play(setup(2_000));
    expect(control.c.report.usedMw).toBe(1_000);
    expect(q.c.report.usedMw).toBe(1_000);
    const price = control.s.regions['us-texas'].priceUsdPerMwh;
    const standby = applyBps(model.energyCostUsdM(K, 1_000, price), K.standbyEnergyBps);
    expect(standby).toBeGreaterThan(0);
    expect(q.c.report.energyCostUsdM - control.c.report.energyCostUsdM).toBe(standby);
    expect(q.c.report.carbonTons).toBe(control.c.report.carbonTons);
    const carbon = sc.regions.find((r) => r.id === 'us-texas')!.carbonGPerKwh;
    const tons = model.carbonTons(K, 1_000, carbon);
    expect(control.c.report.carbonTons).toBe(tons);
    expect(control.c.report.energyCostUsdM).toBe(model.energyCostUsdM(K, 1_000, price) + mulDiv(tons, K.carbonPriceUsdPerTon, 1_000_000));
  });
});
