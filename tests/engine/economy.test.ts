/**
 * The economy's rules (issue 13, docs/economy.md), each run through the engine with a control that
 * differs only in the cause.
 */
import { describe, expect, it } from 'vitest';
import {
  botOrders, defaultStrategyFor, finalReturns, finalScores, getScenario, parAt, scoreBpsOf, worldIndexBps, model, playerViews, POLICY_GENES, ranking, resolveQuarter,
  type GameState, type OrdersBySeat,
} from '../../shared/index.js';
import { copy, newGame, ordersFor, run } from '../helpers/game.js';

const sc = getScenario('capex-race-2026');
const K = model.constantsOf(sc);

/** Plays `quarters` with every seat's default hard bot. */
function playBots(s0: GameState, quarters: number): GameState {
  let s = s0;
  for (let i = 0; i < quarters && !s.finished; i += 1) {
    const views = playerViews(s);
    const orders: OrdersBySeat = {};
    for (const t of s.seats) orders[t] = botOrders(views[t], defaultStrategyFor(t), 'hard');
    s = resolveQuarter(s, orders).state;
  }
  return s;
}

describe('the market: a value model whose reasons add up', () => {
  it('every price move is exactly the sum of its reasons, every seat, every quarter', () => {
    let s = newGame('reasons', { quarters: 12 });
    let checked = 0;
    while (!s.finished) {
      s = playBots(s, 1);
      for (const t of s.seats) {
        const r = s.companies[t]!.report;
        const sum = Object.values(r.moveReasons).reduce((a, b) => a + b, 0);
        expect(sum, `${t} q${s.quarter - 1}`).toBe(r.priceMoveBps);
        checked += 1;
      }
    }
    expect(checked).toBe(12 * 7);
  });

  it('announcing cannot make a company: a wild programme moves the price by at most a quarter of its fundamental value', () => {
    // Meta spends $200B in a quarter and guides $1.6T: a programme far beyond anything expected.
    const s0 = newGame('wild-guide', { seats: ['META', 'MSFT'] });
    const programme = (guide: number): GameState['companies']['META'] =>
      resolveQuarter(s0, ordersFor(s0, { META: { guidanceCapexUsdM: guide, chips: { merchantUsdM: guide / 8 }, finance: { equityUsdM: guide / 8 } } })).state.companies.META;
    const wild = programme(1_600_000)!;
    const fundamental = wild.value.earnings + wild.value.revenue + wild.value.atRisk + wild.value.netCash + wild.value.construction;
    const bound = Math.round((fundamental * K.guidanceCapBps) / 10_000);
    expect(Math.abs(wild.value.guidance - bound)).toBeLessThanOrEqual(1);
    // A programme the size of the stated plan is well inside the bound.
    const stated = programme(135_000)!;
    expect(stated.value.guidance).toBeGreaterThan(0);
    expect(stated.value.guidance).toBeLessThan(bound / 2);
  });

  it('guidance is a commitment: spending far below it costs credibility, keeping it restores it', () => {
    const s0 = newGame('credibility', { seats: ['META', 'AAPL'] });
    const start = s0.companies.META!.credibilityBps;
    const broken = run(s0, 3, { META: { guidanceCapexUsdM: 135_000 } });
    expect(broken.companies.META!.credibilityBps).toBeLessThan(start - 1_000);
    // Guiding what it spends (nothing), the company wins it back step by step.
    const kept = run(broken, 4, { META: { guidanceCapexUsdM: 0 } });
    expect(kept.companies.META!.credibilityBps).toBeGreaterThan(broken.companies.META!.credibilityBps);
  });
});

describe('scarcity: shared markets where one player changes another’s price', () => {
  it('the foundry serves reserved slots first and at list price; spot orders pay the ladder', () => {
    // Amazon guides $400B (a quarter of it × the chip share reserves its slots), Microsoft nothing.
    const g0 = newGame('foundry', { seats: ['AMZN', 'MSFT', 'GOOGL', 'META'] });
    const s0 = resolveQuarter(g0, ordersFor(g0, { AMZN: { guidanceCapexUsdM: 400_000 }, MSFT: { guidanceCapexUsdM: 0 } })).state;
    // Next quarter everyone rushes the foundry with the same order.
    const rush = { chips: { merchantUsdM: 60_000 }, finance: { equityUsdM: 60_000 } };
    const drafts = { AMZN: { ...rush, guidanceCapexUsdM: 400_000 }, MSFT: { ...rush, guidanceCapexUsdM: 0 }, GOOGL: rush, META: rush };
    const s1 = resolveQuarter(s0, ordersFor(s0, drafts)).state;
    expect(s1.world.foundryPriceBps).toBeGreaterThan(10_000);
    const got = (t: 'AMZN' | 'MSFT'): { mw: number; perMw: number } => {
      const sh = s1.companies[t]!.shipments.filter((x) => x.type === 'merchant' && x.arrivesQ > 1);
      const mw = sh.reduce((a, x) => a + x.mw, 0);
      return { mw, perMw: sh.reduce((a, x) => a + x.costUsdM, 0) / mw };
    };
    // The same order: the company that reserved slots through its guidance gets more of the short supply…
    expect(got('AMZN').mw).toBeGreaterThan(got('MSFT').mw * 1.1);
    // … and cheaper: reserved chips pay list (the price agreed with the reservation), spot chips the ladder.
    const list = model.chipListUsdMPerMw(sc, K, 'merchant', 0);
    expect(got('MSFT').perMw).toBeCloseTo((list * s1.world.foundryPriceBps) / 10_000, 0);
    expect(got('AMZN').perMw).toBeLessThan(got('MSFT').perMw);
    expect(got('AMZN').perMw).toBeLessThan((list * (10_000 + s1.world.foundryPriceBps)) / 20_000);
    // Control: with slots to spare nobody is rationed, and spot is no dearer than list (below it in a glut).
    const calm = resolveQuarter(s0, ordersFor(s0, { AMZN: { chips: { merchantUsdM: 1_000 }, guidanceCapexUsdM: 400_000 }, MSFT: { chips: { merchantUsdM: 1_000 } }, GOOGL: { chips: { merchantUsdM: 0 } }, META: { chips: { merchantUsdM: 0 } } })).state;
    expect(calm.world.foundryPriceBps).toBeLessThanOrEqual(10_000);
    expect(calm.events.some((e) => e.kind === 'chipsRationed')).toBe(false);
  });

  it('reserving slots and not using them costs a take-or-pay fee', () => {
    // The guidance in force when ordering reserves the slots: announce now, order next quarter.
    const g0 = newGame('take-or-pay', { seats: ['AMZN', 'AAPL'] });
    const s0 = resolveQuarter(g0, ordersFor(g0, { AMZN: { guidanceCapexUsdM: 400_000 } })).state;
    const guided = resolveQuarter(s0, ordersFor(s0, { AMZN: { guidanceCapexUsdM: 400_000 } })).state.companies.AMZN!;
    const used = resolveQuarter(s0, ordersFor(s0, { AMZN: { guidanceCapexUsdM: 400_000, chips: { merchantUsdM: 60_000 }, finance: { equityUsdM: 60_000 } } })).state.companies.AMZN!;
    const reservation = Math.round((400_000 / 4) * K.reservationChipShareBps / 10_000);
    const floor = Math.round(reservation * K.reservationFloorBps / 10_000);
    expect(-(guided.report.ledger['reservationFee'] ?? 0)).toBe(Math.round(floor * K.reservationFeeBps / 10_000));
    expect(used.report.ledger['reservationFee']).toBeUndefined();
  });

  it('a cloud glut lowers the price every seller gets', () => {
    const s0 = newGame('glut', { seats: ['AMZN', 'MSFT', 'GOOGL'] });
    const cloudOnly = { ops: { trainingBps: 0, selfUseBps: 0, cloudBps: 10_000 } };
    const selfOnly = { ops: { trainingBps: 0, selfUseBps: 10_000, cloudBps: 0 } };
    const glut = resolveQuarter(s0, ordersFor(s0, { AMZN: cloudOnly, MSFT: cloudOnly, GOOGL: cloudOnly })).state;
    const tight = resolveQuarter(s0, ordersFor(s0, { AMZN: cloudOnly, MSFT: selfOnly, GOOGL: selfOnly })).state;
    expect(glut.world.cloudPriceUsd).toBeLessThan(tight.world.cloudPriceUsd);
  });
});

describe('monetization risk as events', () => {
  it('customers who do not monetize leave bills unpaid; in a paying world far fewer', () => {
    const sellAll = { ops: { trainingBps: 0, selfUseBps: 0, cloudBps: 10_000 } };
    const failing = newGame('defaults', { seats: ['AMZN', 'AAPL'] });
    failing.world.monetizationBps = 0;
    const paying = copy(failing);
    paying.world.monetizationBps = 6_000;
    const total = (s: GameState): number => {
      let x = 0;
      for (let i = 0; i < 4; i += 1) {
        s = resolveQuarter(s, ordersFor(s, { AMZN: sellAll })).state;
        x += s.companies.AMZN!.report.writeOffsUsdM;
      }
      return x;
    };
    const lost = total(failing);
    expect(lost).toBeGreaterThan(0);
    expect(total(paying)).toBeLessThan(lost / 2);
  });
});

describe('distress resolves', () => {
  it('a company that cannot pay climbs down the ladder to restructuring, and ranks last', () => {
    const s0 = newGame('distress', { seats: ['ORCL', 'AAPL'], quarters: 4 });
    const c = s0.companies.ORCL!;
    c.cashUsdM = -5_000_000;
    c.debtUsdM = 200_000;
    // (Its own orders would be refused for lack of funds: the server plays its defaults.)
    const s1 = resolveQuarter(s0, {}).state;
    const kinds = s1.events.filter((e) => e.seat === 'ORCL').map((e) => e.kind);
    expect(kinds).toContain('assetsSold');
    expect(kinds).toContain('restructured');
    expect(s1.companies.ORCL!.cashUsdM).toBeGreaterThanOrEqual(0);
    expect(s1.companies.ORCL!.debtUsdM).toBe(0);
    // Orders left out are played as the server plays them (last quarter's, within what it can fund).
    let end = s1;
    while (!end.finished) end = resolveQuarter(end, {}).state;
    expect(ranking(end).at(-1)!.ticker).toBe('ORCL');
    expect(finalReturns(end).ORCL).toBeLessThanOrEqual(-10_000);
    // Control: a shortfall the credit line covers is no distress at all.
    const mild = newGame('distress', { seats: ['ORCL', 'AAPL'], quarters: 4 });
    mild.companies.ORCL!.cashUsdM = -500;
    const m1 = resolveQuarter(mild, {}).state;
    expect(m1.events.some((e) => e.seat === 'ORCL' && ['assetsSold', 'forcedEquity', 'restructured'].includes(e.kind))).toBe(false);
  });
});

describe('the score: return against par, in swings', () => {
  it('means the same in a short game: par and swing are those of a game of that length', () => {
    let scored = 0;
    let sumNow = 0;
    let sumFullPar = 0;
    for (const seed of ['short-1', 'short-2', 'short-3', 'short-4', 'short-5', 'short-6']) {
      const end = playBots(newGame(seed, { quarters: 4 }), 4);
      const returns = finalReturns(end);
      const scores = finalScores(end);
      for (const t of end.seats) {
        const def = sc.companies.find((c) => c.ticker === t)!;
        // The report's score after the last quarter is the final score.
        expect(end.companies[t]!.report.scoreBps, t).toBe(scores[t]);
        sumNow += scores[t]!;
        // Control: the same return against a full game's par and swing.
        sumFullPar += scoreBpsOf(returns[t]!, def.par.hard, sc.defaultQuarters, worldIndexBps(end.world, 4));
        scored += 1;
      }
    }
    // Default managements in a 4-quarter game score around par (within a swing on average) …
    expect(Math.abs(sumNow / scored)).toBeLessThan(10_000);
    // … where a full game's par would rank them all far below it.
    expect(sumFullPar / scored).toBeLessThan(-10_000);
    // On a row of the table: the return less that par, in that swing.
    const def = sc.companies[0]!;
    const [q, par, swing, world] = def.par.hard.find((r) => r[0] === sc.defaultQuarters)!;
    expect(scoreBpsOf(par + swing, def.par.hard, q, world)).toBe(10_000);
    expect(parAt(def.par.hard, q)).toEqual({ parBps: par, swingBps: swing });
    expect(parAt(def.par.hard, q, world)).toEqual({ parBps: par, swingBps: swing });
  });
});

describe('company managements (bots)', () => {
  it('every management bend names real policy genes within 0–1,000', () => {
    const names = new Set<string>(POLICY_GENES.map(([n]) => n));
    for (const c of sc.companies) {
      for (const [gene, v] of Object.entries(c.posture.bend ?? {})) {
        expect(names.has(gene), `${c.ticker}.bend.${gene}`).toBe(true);
        expect(v).toBeGreaterThanOrEqual(0);
        expect(v).toBeLessThanOrEqual(1_000);
      }
    }
  });

  it('in 2026 every hard management keeps to its stated plan: the guidance it announces is the source’s', () => {
    const s1 = playBots(newGame('stated'), 1);
    for (const c of sc.companies) expect(s1.companies[c.ticker]!.guidanceCapexUsdM, c.ticker).toBe(c.historicalOrders.guidanceCapexUsdM);
  });
});
