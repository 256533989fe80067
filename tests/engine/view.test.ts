/**
 * What a seat sees (`shared/engine/view.ts`): each public figure of a company against the state it is
 * read from, which events reach whom, and when a rival's orders are revealed. The mutation run of
 * 2026-12-06 (docs/testing.md) found these unchecked by the rule tests: the powered MW per region, the
 * lab backlog, debt with the revolver, custom chips ready, the return before the first report, the
 * revealed orders and the public events that are not headlines.
 */
import { describe, expect, it } from 'vitest';
import {
  botOrders, cloneState, createGame, defaultStrategyFor, eventVisibleTo, playerView, playerViews, publicCompanies, publicCompany, resolveQuarter,
  finalReturns, type GameEvent, type GameState, type Orders, type Ticker,
} from '../../shared/index.js';

function started(): GameState {
  return createGame({ scenarioId: 'capex-race-2026', seed: 'view-test', quarterCount: 8 });
}

/** One quarter of every seat's management; the orders each seat played. */
function playQuarter(s: GameState): { state: GameState; orders: Partial<Record<Ticker, Orders>> } {
  const views = playerViews(s);
  const orders: Partial<Record<Ticker, Orders>> = {};
  for (const t of s.seats) orders[t] = botOrders(views[t], defaultStrategyFor(t), 'hard');
  const r = resolveQuarter(s, orders);
  return { state: r.state, orders: r.orders };
}

const event = (over: Partial<GameEvent>): GameEvent => ({ kind: 'test', quarter: 0, key: 'k', params: {}, seat: null, region: null, headline: false, ...over });

describe('a company\'s public figures', () => {
  it('read each figure from the company\'s state: powered MW by region (every source), lab backlog, debt with the revolver, custom chips', () => {
    const s = cloneState(started());
    const c = s.companies.AMZN!;
    c.sites['us-texas'] = { poweredMw: { grid: 100, gas: 20, renewables: 3, nuclear: 4_000 }, liquidMw: 0 };
    c.labContracts = [
      { id: 'a', mw: 10, units: 1_000, usdMPerQuarter: 7, quartersLeft: 3, vendorLinked: false, startsQ: 0 },
      { id: 'b', mw: 10, units: 1_000, usdMPerQuarter: 11, quartersLeft: 5, vendorLinked: false, startsQ: 0 },
    ];
    c.debtUsdM = 1_000;
    c.revolverUsdM = 234;
    c.customProgram.readyQ = null;
    let p = publicCompany(c);
    expect(p.poweredMwByRegion['us-texas']).toBe(4_123);
    expect(p.backlogUsdM).toBe(7 * 3 + 11 * 5);
    expect(p.debtUsdM).toBe(1_234);
    expect(p.customReady).toBe(false);
    c.customProgram.readyQ = 3;
    p = publicCompany(c);
    expect(p.customReady).toBe(true);
    // Every site counted, none invented.
    expect(Object.keys(p.poweredMwByRegion).sort()).toEqual(Object.keys(c.sites).sort());
  });

  it('show no return and no orders before the first report; after it, the counted return and the orders the company played', () => {
    const s0 = started();
    for (const t of s0.seats) {
      const p = publicCompany(s0.companies[t]!);
      expect(p.returnBps, t).toBe(0);
      expect(p.revealedOrders, t).toBeNull();
    }
    const { state, orders } = playQuarter(s0);
    const returns = finalReturns(state);
    let moved = 0;
    for (const t of state.seats) {
      const p = publicCompany(state.companies[t]!);
      expect(p.revealedOrders, t).toStrictEqual(orders[t]);
      expect(p.returnBps, t).toBe(returns[t]);
      if (p.returnBps !== 0) moved += 1;
    }
    // Control: after a quarter the returns are not all zero (so "0 before the first report" is a rule, not the figure).
    expect(moved).toBeGreaterThan(0);
  });

  it('one entry per seat, in every view alike', () => {
    const { state } = playQuarter(started());
    const views = playerViews(state);
    expect(Object.keys(views).sort()).toEqual([...state.seats].sort());
    expect(Object.keys(publicCompanies(state)).sort()).toEqual([...state.seats].sort());
    for (const t of state.seats) expect(views[t].companies).toStrictEqual(publicCompanies(state));
  });
});

describe('who sees which event', () => {
  it('public events (no seat) reach everyone, headlines reach everyone, a private event only its seat', () => {
    const open = event({ seat: null, headline: false });
    const headline = event({ seat: 'META', headline: true });
    const mine = event({ seat: 'META', headline: false });
    for (const viewer of [null, 'META', 'AMZN'] as const) {
      expect(eventVisibleTo(open, viewer), `open to ${viewer}`).toBe(true);
      expect(eventVisibleTo(headline, viewer), `headline to ${viewer}`).toBe(true);
    }
    expect(eventVisibleTo(mine, 'META')).toBe(true);
    expect(eventVisibleTo(mine, 'AMZN')).toBe(false);
    expect(eventVisibleTo(mine, null)).toBe(false);
  });

  it('every view lists exactly the events its seat may see, in order, as playerView does one at a time', () => {
    const s = cloneState(started());
    s.events = [event({ key: 'open' }), event({ key: 'meta-only', seat: 'META' }), event({ key: 'headline', seat: 'AMZN', headline: true }), event({ key: 'amzn-only', seat: 'AMZN' })];
    const views = playerViews(s);
    expect(views.META.events.map((e) => e.key)).toEqual(['open', 'meta-only', 'headline']);
    expect(views.AMZN.events.map((e) => e.key)).toEqual(['open', 'headline', 'amzn-only']);
    expect(views.MSFT.events.map((e) => e.key)).toEqual(['open', 'headline']);
    expect(playerView(s, null).events.map((e) => e.key)).toEqual(['open', 'headline']);
    for (const t of s.seats) expect(views[t].events).toStrictEqual(playerView(s, t).events);
  });
});
