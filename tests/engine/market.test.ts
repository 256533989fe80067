/**
 * The market phase (phase 8): the price as the value over the shares, the move's reasons (each the
 * change of its part over last quarter's market cap, adding up exactly to the move), net cash, the
 * guidance reaction (weighed by credibility, fading, bounded), equity priced at a discount to the lower
 * of the price and the fundamental value per share, consensus capex, the covenant breach, the stock-move
 * events and the road-builders' tickers. Each test plays a quarter against the same quarter without its
 * cause; expected values come from the scenario's constants and the engine's own helpers.
 */
import { describe, expect, it } from 'vitest';
import { applyBps, BPS, getScenario, model, mulDiv, ratioBps, resolveQuarter, type CompanyState, type GameState, type OrdersDraft } from '../../shared/index.js';
import { constructionUsdM, credibilityAfterBps, fundamentalUsdM, marketValueUsdM, MOVE_REASONS } from '../../shared/engine/phases/market.js';
import { copy, newGame, ordersFor } from '../helpers/game.js';

const sc = getScenario('capex-race-2026');
const K = model.constantsOf(sc);

const start = (): GameState => newGame('market', { seats: ['MSFT', 'META'] });
/** Plays MSFT's quarter from a start changed by `change`, with MSFT's orders `draft`. */
const play = (change: (c: CompanyState, s: GameState) => void = () => {}, draft: OrdersDraft = {}) => {
  const s = start();
  change(s.companies.MSFT!, s);
  const after = resolveQuarter(copy(s), ordersFor(s, { MSFT: draft })).state;
  const c = after.companies.MSFT!;
  return { s, before: s.companies.MSFT!, after, c, r: c.report, events: after.events.filter((e) => e.seat === 'MSFT') };
};
type Played = ReturnType<typeof play>;
/** Last quarter's market cap ($M), the base of every reason. */
const cap0 = (p: Played): number => Math.max(1, mulDiv(p.before.priceCents, p.before.sharesM, 100));
/** The reasons that are one part's change over last quarter's market cap (before the rounding goes to the largest). */
const partReasons = (p: Played): Record<string, number> => {
  const v = p.c.value;
  const u = p.before.value;
  const n0 = p.before.sharesM;
  return {
    sentiment: ratioBps(v.sentiment - u.sentiment, cap0(p)),
    cash: ratioBps(v.netCash - u.netCash, cap0(p)),
    construction: ratioBps(v.construction - u.construction, cap0(p)),
    guidance: ratioBps(v.guidance + v.premium - u.guidance - u.premium, cap0(p)),
    mood: ratioBps(v.mood - u.mood, cap0(p)),
    shares: n0 === p.c.sharesM ? 0 : ratioBps(mulDiv(Math.max(0, marketValueUsdM(v)), n0 - p.c.sharesM, p.c.sharesM), cap0(p)),
  };
};
/** The largest reason takes the rounding: at most half a bps from each of the ten reasons and the cent of the price. */
const ROUNDING = 7;
/** Last quarter's price made the value over the shares again, after a test changed the value parts. */
const priced = (c: CompanyState) => {
  c.priceCents = mulDiv(marketValueUsdM(c.value), 100, c.sharesM);
};

describe('the price and the reasons for its move', () => {
  it('the price is the market value over the shares; the reasons add up exactly to the move, each its part\'s change', () => {
    const cases = [play(), play((c) => {
      c.cashUsdM += 90_000;
    }), play(() => {}, { finance: { equityUsdM: 30_000 } }), play((c) => {
      c.value.guidance = 50_000;
      priced(c);
    }), play((c) => {
      // Every part moving from a last quarter that had some of each.
      c.value.sentiment = 30_000;
      c.value.mood = -20_000;
      c.value.premium = 10_000;
      c.value.guidance = -15_000;
      priced(c);
    })];
    // Cash the largest reason, by steps of a fraction of a bps of the market cap, so that the rounding
    // (rare: most moves add up without it) falls on a part's reason.
    for (let k = 1; k <= 40; k += 1) {
      cases.push(play((c) => {
        c.cashUsdM += 90_000 + k * 61;
      }));
    }
    let rounded = 0;
    for (const p of cases) {
      const sum = MOVE_REASONS.reduce((t, k) => t + (p.r.moveReasons[k] ?? 0), 0);
      expect(Object.keys(p.r.moveReasons).sort()).toStrictEqual([...MOVE_REASONS].sort());
      expect(p.c.priceCents).toBe(Math.max(1, mulDiv(Math.max(0, marketValueUsdM(p.c.value)), 100, p.c.sharesM)));
      expect(p.r.priceMoveBps).toBe(ratioBps(p.c.priceCents - p.before.priceCents, p.before.priceCents));
      expect(p.r.priceMoveBps).not.toBe(0);
      expect(sum).toBe(p.r.priceMoveBps);
      // Each reason is its part's change; only the largest may differ, by the rounding.
      const parts = partReasons(p);
      const off = Object.keys(parts).filter((k) => parts[k] !== p.r.moveReasons[k]);
      expect(off.length).toBeLessThanOrEqual(1);
      for (const k of off) {
        expect(Math.abs(parts[k]! - p.r.moveReasons[k]!)).toBeLessThanOrEqual(ROUNDING);
        // ...the largest reason.
        for (const j of MOVE_REASONS) if (j !== k) expect(Math.abs(parts[k]!)).toBeGreaterThanOrEqual(Math.abs(p.r.moveReasons[j]!));
      }
      rounded += off.length;
      // The operations' reasons (at last quarter's multiples, then the growth priced in) add up to the operations' change.
      const ops = (v: typeof p.c.value) => v.earnings + v.revenue + v.atRisk;
      const opsReasons = p.r.moveReasons['earnings']! + p.r.moveReasons['revenue']! + p.r.moveReasons['atRisk']! + p.r.moveReasons['expectations']!;
      expect(Math.abs(opsReasons - ratioBps(ops(p.c.value) - ops(p.before.value), cap0(p)))).toBeLessThanOrEqual(ROUNDING + 2);
    }
    // Some moves needed the rounding (else the exact sum would prove nothing).
    expect(rounded).toBeGreaterThan(0);
  });

  it('more net cash is the cash reason: the value part by the amount, the reason by its share of the market cap', () => {
    // Cash earns nothing at a base rate of 1%: the extra cash is all there is at the market.
    const base = (c: CompanyState, s: GameState) => {
      s.world.baseRateBps = 100;
    };
    const control = play(base);
    const more = 40_000;
    const q = play((c, s) => {
      base(c, s);
      c.cashUsdM += more;
    });
    expect(q.c.value.netCash - control.c.value.netCash).toBe(more);
    const d = q.r.moveReasons['cash']! - control.r.moveReasons['cash']!;
    expect(Math.abs(d - ratioBps(more, cap0(q)))).toBeLessThanOrEqual(ROUNDING + 1);
    expect(q.r.priceMoveBps).toBeGreaterThan(control.r.priceMoveBps);
    // Debt, the credit line and vendor loans count against it.
    // Cash low enough that the credit line is not repaid this quarter.
    const excess = control.c.cashUsdM - mulDiv(control.c.lastEbitdaUsdM, 1, 2);
    const owed = play((c, s) => {
      base(c, s);
      c.cashUsdM -= excess + 2_000;
      c.debtUsdM += 10_000;
      c.revolverUsdM += 5_000;
      c.vendorDebtUsdM += 5_000;
    });
    expect(owed.c.revolverUsdM).toBeGreaterThan(0);
    expect(owed.c.vendorDebtUsdM).toBeGreaterThan(0);
    expect(owed.c.value.netCash).toBe(owed.c.cashUsdM - owed.c.debtUsdM - owed.c.revolverUsdM - owed.c.vendorDebtUsdM);
    expect(control.c.value.netCash).toBe(control.c.cashUsdM - control.c.debtUsdM - control.c.revolverUsdM - control.c.vendorDebtUsdM);
  });
});

describe('the value of operations and of construction', () => {
  const monetizing = (bps: number) => (c: CompanyState, s: GameState) => {
    s.world.monetizationBps = bps;
  };

  it('customers who monetize shrink the discount on third-party AI (at risk), never the core business', () => {
    const low = play(monetizing(0));
    const high = play(monetizing(6_000));
    expect(low.c.value.atRisk).toBeLessThan(0);
    expect(high.c.value.atRisk).toBeGreaterThan(low.c.value.atRisk);
    expect(high.c.value.atRisk).toBeLessThan(0);
  });

  it('capacity being built counts at cost when the market values a dollar of it above a dollar, the rest as a premium; below cost otherwise', () => {
    const high = play(monetizing(6_000));
    const building = constructionUsdM(K, high.c);
    expect(building).toBeGreaterThan(0);
    expect(high.c.value.construction).toBe(building);
    expect(high.c.value.premium).toBeGreaterThan(0);
    const low = play(monetizing(0));
    expect(constructionUsdM(K, low.c)).toBe(building);
    expect(low.c.value.construction).toBeLessThan(building);
    expect(low.c.value.premium).toBe(0);
    // More chips on order: more construction.
    const ordered = play(monetizing(6_000), { chips: { merchantUsdM: 40_000 } });
    expect(constructionUsdM(K, ordered.c)).toBeGreaterThan(building);
    expect(ordered.c.value.construction).toBe(constructionUsdM(K, ordered.c));
    expect(ordered.c.value.premium).toBeGreaterThan(high.c.value.premium);
  });
});

describe('guidance', () => {
  it('a programme above consensus raises the guidance reason, more with more credibility', () => {
    // Customers who monetize: a dollar of capex is worth more than a dollar to the market (F2, F9).
    const withCred = (cred: number) => (c: CompanyState, s: GameState) => {
      s.world.monetizationBps = 5_000;
      c.credibilityBps = cred;
    };
    const reaction = (cred: number) => {
      const control = play(withCred(cred));
      const raised = play(withCred(cred), { guidanceCapexUsdM: control.before.consensusCapexUsdM + applyBps(control.before.consensusCapexUsdM, K.guidanceExcessGapBps) });
      expect(raised.c.credibilityBps).toBe(credibilityAfterBps(K, raised.before, raised.r.capexUsdM, raised.c.guidanceCapexUsdM));
      return { control, raised, guidance: raised.c.value.guidance - control.c.value.guidance, reason: raised.r.moveReasons['guidance']! - control.r.moveReasons['guidance']! };
    };
    const high = reaction(9_000);
    const low = reaction(3_000);
    expect(high.guidance).toBeGreaterThan(0);
    expect(high.reason).toBeGreaterThan(0);
    expect(low.guidance).toBeGreaterThan(0);
    expect(high.guidance).toBeGreaterThan(low.guidance);
    expect(high.raised.c.credibilityBps).toBeGreaterThan(low.raised.c.credibilityBps);
  });

  it('without a surprise the last reaction fades by its rate, and it is bounded by a share of the fundamental value', () => {
    // Consensus at the programme the control runs: no new reaction.
    const control = play();
    const programme = Math.max(control.c.guidanceCapexUsdM, control.r.capexUsdM * 4);
    const noSurprise = (g: number) => (c: CompanyState) => {
      c.consensusCapexUsdM = programme;
      c.value.guidance = g;
    };
    const faded = play(noSurprise(20_000));
    const bound = applyBps(fundamentalUsdM(faded.c.value), K.guidanceCapBps);
    expect(applyBps(20_000, K.guidanceFadeBps)).toBeLessThan(bound);
    expect(faded.c.value.guidance).toBe(applyBps(20_000, K.guidanceFadeBps));
    expect(play(noSurprise(0)).c.value.guidance).toBe(0);
    const huge = play(noSurprise(100_000_000));
    expect(huge.c.value.guidance).toBe(applyBps(fundamentalUsdM(huge.c.value), K.guidanceCapBps));
    const hugeDown = play(noSurprise(-100_000_000));
    expect(hugeDown.c.value.guidance).toBe(-applyBps(fundamentalUsdM(hugeDown.c.value), K.guidanceCapBps));
  });

  it('consensus capex is the programme weighed by credibility, the rest the last four quarters\' spending', () => {
    for (const draft of [{}, { guidanceCapexUsdM: 300_000 }, { chips: { merchantUsdM: 40_000 } }] as OrdersDraft[]) {
      const q = play(() => {}, draft);
      const capex = q.r.capexUsdM;
      const programme = Math.max(q.c.guidanceCapexUsdM, capex * 4);
      if (draft.chips) expect(capex * 4).toBeGreaterThan(q.c.guidanceCapexUsdM);
      const recent = q.c.capexHistoryUsdM.slice(-4).reduce((t, x) => t + x, 0);
      expect(q.c.capexHistoryUsdM.at(-1)).toBe(capex);
      expect(q.c.consensusCapexUsdM).toBe(applyBps(programme, q.c.credibilityBps) + applyBps(recent, BPS - q.c.credibilityBps));
    }
  });
});

describe('new equity', () => {
  /** The shares equity of `amount` issues at the discount to the lower of the price and the fundamental value per share. */
  const issued = (p: Played, amount: number) => {
    const perShare = mulDiv(Math.max(1, Math.min(marketValueUsdM(p.c.value), fundamentalUsdM(p.c.value))), 100, p.before.sharesM);
    return mulDiv(amount, 100, Math.max(1, applyBps(perShare, BPS - K.equityDiscountBps)));
  };

  it('is priced at a discount to the lower of the price and the fundamental value per share; the shares reason is negative', () => {
    const amount = 30_000;
    // Above: a guidance reaction lifts the price over the fundamental value; below: one drags it under.
    for (const g of [100_000_000, -100_000_000]) {
      const control = play((c) => {
        c.value.guidance = g;
      });
      const q = play((c) => {
        c.value.guidance = g;
      }, { finance: { equityUsdM: amount } });
      const market = marketValueUsdM(q.c.value);
      const fundamental = fundamentalUsdM(q.c.value);
      expect(g > 0 ? market > fundamental : market < fundamental).toBe(true);
      const shares = issued(q, amount);
      expect(shares).toBeGreaterThan(0);
      expect(q.c.sharesM - control.c.sharesM).toBe(shares);
      expect(control.c.sharesM).toBe(control.before.sharesM);
      expect(q.r.moveReasons['shares']).toBeLessThan(0);
      expect(control.r.moveReasons['shares']).toBe(0);
    }
  });
});

describe('distress and the stock-move events', () => {
  it('a price below a tenth of the start price is a covenant breach: distress', () => {
    const control = play();
    const start10 = (c: CompanyState) => {
      c.startPriceCents = control.c.priceCents * 10 + 10;
    };
    const q = play(start10);
    expect(q.c.distressed).toBe(true);
    expect(q.events.find((e) => e.kind === 'distressed')).toMatchObject({ key: 'event.covenantBreach', headline: true, region: null, params: { seat: 'MSFT', shortfall: 0 } });
    expect(control.c.distressed).toBe(false);
    expect(control.events.some((e) => e.kind === 'distressed')).toBe(false);
    // Exactly a tenth is no breach.
    const edge = play((c) => {
      c.startPriceCents = control.c.priceCents * 10;
    });
    expect(edge.c.priceCents).toBe(control.c.priceCents);
    expect(edge.c.distressed).toBe(false);
  });

  it('a move of 8% or more either way is news (stockRose / stockFell, with the move)', () => {
    const control = play();
    expect(Math.abs(control.r.priceMoveBps)).toBeLessThan(800);
    expect(control.events.some((e) => e.kind === 'stockRose' || e.kind === 'stockFell')).toBe(false);
    const cap = cap0(control);
    const up = play((c) => {
      c.cashUsdM += applyBps(cap, 1_500);
    });
    expect(up.r.priceMoveBps).toBeGreaterThanOrEqual(800);
    expect(up.events.find((e) => e.kind === 'stockRose')).toMatchObject({ key: 'event.stockRose', headline: true, region: null, params: { seat: 'MSFT', moveBps: up.r.priceMoveBps } });
    expect(up.events.some((e) => e.kind === 'stockFell')).toBe(false);
    const down = play((c) => {
      c.debtUsdM += applyBps(cap, 1_500);
    });
    expect(down.r.priceMoveBps).toBeLessThanOrEqual(-800);
    expect(down.events.find((e) => e.kind === 'stockFell')).toMatchObject({ key: 'event.stockFell', headline: true, region: null, params: { seat: 'MSFT', moveBps: down.r.priceMoveBps } });
    expect(down.events.some((e) => e.kind === 'stockRose')).toBe(false);
  });
});

describe('the road-builders\' tickers', () => {
  it('follow what players spend: merchant chips lift NVDA and TSM, second-source chips AMD, a custom programme AVGO', () => {
    // Last quarter's prices forgotten: each ticker's previous price is its price before this quarter's move.
    const forget = (c: CompanyState, s: GameState) => {
      for (const t of ['NVDA', 'AMD', 'TSM'] as const) s.market[t].prevPriceCents = 1;
    };
    const control = play(forget);
    const price = (p: Played, t: keyof GameState['market']) => p.after.market[t].priceCents;
    const rise = (p: Played, t: keyof GameState['market']) => price(p, t) - price(control, t);
    const merchant = play(forget, { chips: { merchantUsdM: 30_000 } });
    expect(rise(merchant, 'NVDA')).toBeGreaterThan(0);
    expect(rise(merchant, 'TSM')).toBeGreaterThan(0);
    expect(ratioBps(rise(merchant, 'NVDA'), price(control, 'NVDA'))).toBeGreaterThan(ratioBps(rise(merchant, 'AMD'), price(control, 'AMD')));
    const second = play(forget, { chips: { secondSourceUsdM: 30_000 } });
    expect(rise(second, 'AMD')).toBeGreaterThan(0);
    expect(ratioBps(rise(second, 'AMD'), price(control, 'AMD'))).toBeGreaterThan(ratioBps(rise(second, 'NVDA'), price(control, 'NVDA')));
    // A custom-silicon programme is paid to the design partner.
    const custom = play(forget, { customProgramUsdM: K.customProgramMinUsdM * 4 });
    expect(rise(custom, 'AVGO')).toBeGreaterThan(0);
    expect(ratioBps(rise(custom, 'AVGO'), price(control, 'AVGO'))).toBeGreaterThan(ratioBps(rise(custom, 'NVDA'), price(control, 'NVDA')));
    for (const p of [control, merchant]) {
      for (const t of ['NVDA', 'AMD', 'TSM'] as const) {
        expect(p.s.market[t].priceCents).toBeGreaterThan(1);
        expect(p.after.market[t].prevPriceCents).toBe(p.s.market[t].priceCents);
      }
    }
  });
});
