import { describe, expect, it } from 'vitest';
import { botOrders, defaultOrders, defaultStrategyFor, createGame, orderContextOfState, playerView, resolveQuarter, type GameState, type OrdersBySeat } from '../../shared/index.js';
import { setField } from '../../client/model/draft.js';
import { Store, withViewPoint } from '../../client/model/store.js';
import { historyPointOf } from '../../shared/index.js';

function step(s: GameState): GameState {
  const orders: OrdersBySeat = {};
  for (const seat of s.seats) orders[seat] = botOrders(playerView(s, seat), defaultStrategyFor(seat), 'normal');
  return resolveQuarter(s, orders).state;
}

describe('Store', () => {
  it('keeps the draft within a quarter and resets it on a new quarter', () => {
    const s0 = createGame({ scenarioId: 'capex-race-2026', seed: 's', quarterCount: 4 });
    const store = new Store();
    store.applyView(playerView(s0, 'AMZN'));
    const edited = setField(store.get().draft!, 'talentBidUsdM', 700);
    store.set({ draft: edited, submitted: edited, ready: true });
    store.applyView(playerView(s0, 'AMZN'));
    expect(store.get().draft!.talentBidUsdM).toBe(700);
    expect(store.get().ready).toBe(true);
    expect(store.get().resolved).toBeNull();
    const s1 = step(s0);
    store.applyView(playerView(s1, 'AMZN'));
    // A new quarter starts from last quarter's orders (what the server plays for "ready" without orders).
    expect(store.get().draft).toEqual(defaultOrders(orderContextOfState(s1, 'AMZN')));
    expect(store.get().draftOrigin).toBe('last');
    expect(store.get().submitted).toBeNull();
    expect(store.get().ready).toBe(false);
    // … and the results moment opens on the quarter that just resolved.
    expect(store.get().resultsOpen).toBe(true);
    expect(store.get().resolved?.before.quarter).toBe(0);
    expect(store.get().resolved?.after.quarter).toBe(1);
  });

  it('records one point per quarter, rebuilding the start when joining late', () => {
    const s1 = step(createGame({ scenarioId: 'capex-race-2026', seed: 's', quarterCount: 4 }));
    const h = withViewPoint([], playerView(s1, 'META'));
    expect(h.map((x) => x.quarter)).toEqual([0, 1]);
    expect(withViewPoint(h, playerView(s1, 'META')).map((x) => x.quarter)).toEqual([0, 1]);
    expect(h[0]!.priceCents['NVDA']).toBe(s1.market.NVDA.startPriceCents);
  });

  it('fills the history from the server, whose real start replaces a rebuilt one', () => {
    const s0 = createGame({ scenarioId: 'capex-race-2026', seed: 'h', quarterCount: 4 });
    const s1 = step(s0);
    const s2 = step(s1);
    const store = new Store();
    store.applyView(playerView(s2, 'AMZN'));
    expect(store.get().history.map((x) => x.quarter)).toEqual([0, 2]);
    const server = [s0, s1, s2].map((s) => historyPointOf(playerView(s, null)));
    store.applyHistory(server);
    expect(store.get().history.map((x) => x.quarter)).toEqual([0, 1, 2]);
    expect(store.get().history[0]!.companies['AMZN']?.cashUsdM).toBe(s0.companies.AMZN!.cashUsdM);
    // A later rebuilt start never replaces the real one.
    store.applyView(playerView(step(s2), 'AMZN'));
    expect(store.get().history.map((x) => x.quarter)).toEqual([0, 1, 2, 3]);
    expect(store.get().history[0]!.companies['AMZN']).toBeDefined();
  });

  it('switches to the end screen when the view is finished', () => {
    let s = createGame({ scenarioId: 'capex-race-2026', seed: 'e', quarterCount: 4 });
    for (let q = 0; q < 4; q += 1) s = step(s);
    const store = new Store();
    store.applyView(playerView(s, 'TSLA'));
    expect(store.get().screen).toBe('end');
  });
});
