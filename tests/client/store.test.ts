import { describe, expect, it } from 'vitest';
import { botOrders, defaultStrategyFor, createGame, playerView, resolveQuarter, type GameState, type OrdersBySeat } from '../../shared/index.js';
import { setField } from '../../client/model/draft.js';
import { Store, withSnapshot } from '../../client/model/store.js';

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
    store.applyView(playerView(step(s0), 'AMZN'));
    expect(store.get().draft!.talentBidUsdM).toBe(0);
    expect(store.get().submitted).toBeNull();
    expect(store.get().ready).toBe(false);
  });

  it('records one snapshot per quarter, rebuilding the start when joining late', () => {
    const s1 = step(createGame({ scenarioId: 'capex-race-2026', seed: 's', quarterCount: 4 }));
    const h = withSnapshot([], playerView(s1, 'META'));
    expect(h.map((x) => x.quarter)).toEqual([0, 1]);
    expect(withSnapshot(h, playerView(s1, 'META')).map((x) => x.quarter)).toEqual([0, 1]);
    expect(h[0]!.priceCents['NVDA']).toBe(s1.market.NVDA.startPriceCents);
  });

  it('switches to the end screen when the view is finished', () => {
    let s = createGame({ scenarioId: 'capex-race-2026', seed: 'e', quarterCount: 4 });
    for (let q = 0; q < 4; q += 1) s = step(s);
    const store = new Store();
    store.applyView(playerView(s, 'TSLA'));
    expect(store.get().screen).toBe('end');
  });
});
