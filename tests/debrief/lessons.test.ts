import { describe, expect, it } from 'vitest';
import { botOrders, lessons, model, getScenario, playerViews, resolveQuarter, t, table, type GameState, type Orders, type Ticker } from '../../shared/index.js';
import { constructionUsdM } from '../../shared/engine/phases/market.js';
import { copy, newGame, ordersFor } from '../helpers/game.js';

function play(s0: GameState, n: number, drafts: Parameters<typeof ordersFor>[1] = {}): GameState[] {
  const states = [s0];
  let s = s0;
  for (let i = 0; i < n; i += 1) {
    s = resolveQuarter(s, ordersFor(s, drafts)).state;
    states.push(s);
  }
  return states;
}

describe('debrief lessons', () => {
  it('names who had idle chips, who fell into the inference trap, and compares players with road-builders', () => {
    const s0 = copy(newGame('lessons', { quarters: 6, seats: ['MSFT', 'META', 'AMZN'] }));
    s0.world.agentAdoptionBps = 10_000;
    const states = play(s0, 3, { AMZN: { ops: { trainingBps: 0, selfUseBps: 0, cloudBps: 10_000, pricing: 'flat' } } });
    const cards = lessons(states);
    const ids = cards.map((c) => c.id);
    expect(ids).toContain('idleChips');
    expect(ids).toContain('roadBuilders');
    const trap = cards.find((c) => c.id === 'inferenceTrap');
    expect(trap?.seats).toEqual(['AMZN']);
    const idle = cards.find((c) => c.id === 'idleChips')!;
    expect(idle.params['mwQuarters']).toBeGreaterThan(0);
    expect(['MSFT', 'META', 'AMZN']).toContain(idle.seats[0]);
    for (const c of cards) {
      expect(c.key in table('en')).toBe(true);
      expect(c.key in table('zh-CN')).toBe(true);
      expect(t('en', c.key, c.params)).not.toMatch(/\{\w+/);
    }
  });

  it('reports a circular-financing unwind and who it hit', () => {
    let s = newGame('lessons-unwind', { quarters: 6, seats: ['ORCL', 'META'] });
    const states = [s];
    s = resolveQuarter(s, ordersFor(s, { ORCL: { chips: { merchantUsdM: 8_000 }, finance: { vendorFinancingUsdM: 4_000 } } })).state;
    states.push(s);
    const shaky = copy(s);
    shaky.world.sentimentBps = 7_000;
    states.push(resolveQuarter(shaky, ordersFor(shaky)).state);
    const card = lessons(states).find((c) => c.id === 'circular')!;
    expect(card.key).toBe('lesson.circularUnwind');
    expect(card.seats).toEqual(['ORCL']);
  });

  it('the lag: names who ended with the most chips and power still being built, at cost and as the score counted it', () => {
    const seats: Ticker[] = ['AMZN', 'META', 'ORCL'];
    const s0 = newGame('lessons-lag', { quarters: 4, seats });
    // The managements build their 2026 plans; the game ends before most of it comes online.
    const built = [s0];
    let s = s0;
    while (!s.finished) {
      const views = playerViews(s);
      const orders: Partial<Record<Ticker, Orders>> = {};
      for (const seat of seats) orders[seat] = botOrders(views[seat], 'cloudLandlord', 'normal');
      s = resolveQuarter(s, orders).state;
      built.push(s);
    }
    const K = model.constantsOf(getScenario(s.scenarioId));
    const atCost = (t: Ticker): number => constructionUsdM(K, s.companies[t]!);
    const most = [...seats].sort((a, b) => atCost(b) - atCost(a))[0]!;
    const card = lessons(built).find((c) => c.id === 'lag')!;
    expect(card.seats).toEqual([most]);
    expect(card.params['atCostUsdM']).toBe(atCost(most));
    expect(card.params['valuedUsdM']).toBe(s.companies[most]!.value.construction);
    expect(card.params['valuedUsdM']).toBeLessThanOrEqual(atCost(most));
    expect(t('en', card.key, card.params)).not.toMatch(/\{\w+/);
    expect(t('zh-CN', card.key, card.params)).not.toMatch(/\{\w+/);
    // A four-quarter game is finally scored after the board's years: the card says where.
    expect(card.key).toBe('lesson.lagBoard');
    expect(t('en', card.key, card.params)).toContain('2030 Q4');
    // Standing still, what is being built is only what the game started with: too little to tell.
    const still = play(copy(s0), 4);
    expect(lessons(still).some((c) => c.id === 'lag')).toBe(false);
  });

  it('the backlog bet: what a company promised labs before the game, and what it delivered when the contracts started', () => {
    const s0 = newGame('lessons-backlog', { quarters: 8, seats: ['ORCL', 'META'] });
    const backlog = s0.companies.ORCL!.labContracts.filter((lc) => lc.startsQ > 0);
    expect(backlog.length).toBeGreaterThan(1);
    // Stopped before any backlog contract starts: what is promised, from when, against the chips.
    const early = play(copy(s0), 3);
    const pending = lessons(early).find((c) => c.id === 'backlog')!;
    expect(pending.key).toBe('lesson.backlogPending');
    expect(pending.seats).toEqual(['ORCL']);
    const end = early[early.length - 1]!.companies.ORCL!;
    expect(pending.params).toMatchObject({
      seat: 'ORCL', pendingMw: backlog.reduce((a, lc) => a + lc.mw, 0), quarter: '2027 Q1',
      inForceMw: end.labContracts.filter((lc) => lc.startsQ === 0).reduce((a, lc) => a + lc.mw, 0),
      chipMw: end.chips.reduce((a, x) => a + x.mw, 0) + end.shipments.reduce((a, x) => a + x.mw, 0),
    });
    // Played past two starts: what was delivered and what the labs bought elsewhere, adding up to what started.
    const later = play(copy(s0), 6);
    const delivered = lessons(later).find((c) => c.id === 'backlog')!;
    expect(delivered.key).toBe('lesson.backlogDelivered');
    const started = backlog.filter((lc) => lc.startsQ < 6).reduce((a, lc) => a + lc.mw, 0);
    expect(delivered.params['promisedMw']).toBe(started);
    expect(Number(delivered.params['keptMw']) + Number(delivered.params['lostMw'])).toBe(started);
    for (const c of [pending, delivered]) for (const L of ['en', 'zh-CN'] as const) expect(t(L, c.key, c.params)).not.toMatch(/\{\w+/);
    // No backlog at the table, no card.
    expect(lessons(play(newGame('lessons-backlog', { quarters: 8, seats: ['META', 'AMZN'] }), 2)).some((c) => c.id === 'backlog')).toBe(false);
  });

  it('has nothing to say before a quarter is played', () => {
    expect(lessons([newGame('x')])).toEqual([]);
  });
});
