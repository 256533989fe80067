import { describe, expect, it } from 'vitest';
import {
  botOrders, createGame, defaultStrategyFor, playerView, resolveQuarter, t, table, validateOrders, orderContextOfView,
  type GameState, type OrdersBySeat, type PlayerView,
} from '../../shared/index.js';
import { advise } from '../../client/model/advisor.js';
import { deskFigures, powerTimeline, type Figure } from '../../client/model/desk-figures.js';
import { emptyDraft, initialDraft, previewDraft, setEnergy, setField } from '../../client/model/draft.js';
import { EVENT_SECTIONS, resultsOf } from '../../client/model/results.js';
import { textProblems } from '../helpers/text-problems.js';

function step(s: GameState): GameState {
  const orders: OrdersBySeat = {};
  for (const seat of s.seats) orders[seat] = botOrders(playerView(s, seat), defaultStrategyFor(seat), 'normal');
  return resolveQuarter(s, orders).state;
}

const start = (): GameState => createGame({ scenarioId: 'capex-race-2026', seed: 'adv', quarterCount: 8 });

describe('the advisor', () => {
  it('proposes exactly the bot of the game’s level for the seat, valid orders, in readable lines', () => {
    const v = playerView(step(start()), 'ORCL');
    for (const level of ['easy', 'normal', 'hard'] as const) {
      const a = advise(v, level)!;
      expect(a.strategy).toBe(defaultStrategyFor('ORCL'));
      expect(a.orders).toEqual(botOrders(v, defaultStrategyFor('ORCL'), level));
      expect(validateOrders(orderContextOfView(v)!, a.orders).ok).toBe(true);
      for (const L of ['en', 'zh-CN'] as const) {
        for (const line of [...a.situation, ...a.lines]) {
          expect(table(L)[line.key], line.key).toBeDefined();
          expect(textProblems(t(L, line.key, line.params), L), line.key).toEqual([]);
        }
      }
    }
    expect(advise(playerView(start(), null), 'normal')).toBeNull();
  });

  it('reminds Oracle of its backlog still to start, and nobody else', () => {
    const s = start();
    const a = advise(playerView(s, 'ORCL'), 'normal')!;
    const line = a.situation.find((x) => x.key === 'ui.advisor.sitBacklog');
    const first = s.companies.ORCL!.labContracts.filter((lc) => lc.startsQ > 0).sort((x, y) => x.startsQ - y.startsQ)[0]!;
    expect(line?.params).toMatchObject({ mw: first.mw, quarter: '2027 Q1', promised: s.companies.ORCL!.labContracts.reduce((x, lc) => x + lc.mw, 0) });
    expect(t('en', line!.key, line!.params)).toContain('2027 Q1');
    expect(advise(playerView(s, 'AMZN'), 'normal')!.situation.some((x) => x.key === 'ui.advisor.sitBacklog')).toBe(false);
  });

  it('says where new power goes and when it comes online', () => {
    const v = playerView(start(), 'ORCL');
    const a = advise(v, 'hard')!;
    const energy = a.lines.filter((l) => l.key === 'ui.advisor.energy');
    expect(energy.length).toBe(a.orders.energy.length);
    for (const l of energy) expect(String(l.params['when'])).toMatch(/^20\d\d Q[1-4]$/);
  });
});

describe('the desk preview', () => {
  it('shows cash, credit, power and when, compute, idle chips and guidance credibility after the quarter from the engine’s preview', () => {
    const v = playerView(start(), 'AMZN');
    const d = setEnergy(initialDraft(v)!, [{ region: 'nordics', source: 'renewables', mw: 200, cooling: 'air' }]);
    const p = previewDraft(v, d, 'en')!;
    const figs = deskFigures({ view: v, draft: d, preview: p, locale: 'en' });
    expect(figs.map((f) => f.id)).toEqual(['cashAfter', 'creditAfter', 'online', 'compute', 'idle', 'credibility']);
    const timeline = powerTimeline(v, d);
    expect(timeline.some((x) => x.mw >= 200)).toBe(true);
    expect(figs.find((f) => f.id === 'online')!.note).toContain('+');
    // Credibility: a draft that spends nothing against the guidance in force loses it; one that spends a
    // quarter of the yearly guidance keeps it (the market phase's rule, previewed).
    const credOf = (o: typeof d): Figure => deskFigures({ view: v, draft: o, preview: previewDraft(v, o, 'zh-CN')!, locale: 'zh-CN' }).find((f) => f.id === 'credibility')!;
    const none = emptyDraft(v)!;
    const onPlan = setField(none, 'chips.merchantUsdM', Math.round(v.me!.guidanceCapexUsdM / 4));
    const lost = credOf(none);
    expect(lost.label).toBe(table('zh-CN')['ui.desk.fig.credibility']);
    expect(lost.tone).toBe('warn');
    expect(previewDraft(v, none, 'en')!.credibilityBps).toBeLessThan(v.me!.credibilityBps);
    expect(lost.note).toBe(t('zh-CN', 'ui.desk.fig.credibilityDown', { now: v.me!.credibilityBps, d: previewDraft(v, none, 'en')!.credibilityBps - v.me!.credibilityBps }));
    const kept = credOf(onPlan);
    expect(kept.value).toBe('100.0%');
    expect(kept.tone).toBe('plain');
    expect(kept.note).toBe('');
  });
});

describe('the results moment', () => {
  it('tells the quarter: stock move and reasons, what came online, idle chips, headlines, figures and the map animation', () => {
    let s = start();
    const seats = ['AMZN', 'META', 'ORCL'] as const;
    let prevs: PlayerView[] = seats.map((seat) => playerView(s, seat));
    let seen = { online: 0, deliveries: 0, queues: 0 };
    for (let q = 0; q < 6; q += 1) {
      s = step(s);
      const views = seats.map((seat) => playerView(s, seat));
      for (let i = 0; i < seats.length; i += 1) {
        const [prev, v] = [prevs[i]!, views[i]!];
        const r = resultsOf(prev, v, 'en')!;
        expect(r.quarter).toBe(q);
        expect(r.price?.move).toMatch(/^[+-]?\d+\.\d%$/);
        expect(r.reasons.length).toBeGreaterThan(0);
        expect(r.reasons.every((x) => !x.text.startsWith('ui.'))).toBe(true);
        expect(r.figures.map((f) => f.id)).toContain('cash');
        // A change is shown only when it is not zero once formatted, and then it carries a sign.
        for (const f of r.figures) expect(f.change === '' || /^[+-]/.test(f.change) && /[1-9]/.test(f.change), `${f.id} ${f.change}`).toBe(true);
        const zh = resultsOf(prev, v, 'zh-CN')!;
        for (const text of [...zh.online, ...zh.idle, ...zh.mine, ...zh.headlines, ...zh.reasons.map((x) => x.text), ...zh.figures.map((f) => `${f.value} ${f.change}`)]) {
          expect(textProblems(text, 'zh-CN'), text).toEqual([]);
        }
        seen = { online: seen.online + r.animation.online.length, deliveries: seen.deliveries + r.animation.deliveries.length, queues: seen.queues + r.animation.queues.length };
      }
      prevs = views;
    }
    expect(seen.deliveries).toBeGreaterThan(0);
    expect(seen.online + seen.queues).toBeGreaterThan(0);
    // Nothing to show before the first resolution, or for an old view.
    expect(resultsOf(null, playerView(start(), 'AMZN'), 'en')).toBeNull();
    expect(resultsOf(prevs[0]!, prevs[0]!, 'en')).toBeNull();
  });

  it('puts an event kind it does not know under "also for you", by its message', () => {
    const s = step(start());
    const v = playerView(s, 'META');
    const odd = { kind: 'customerDefaulted', quarter: 0, key: 'event.recovered', params: { seat: 'META' }, seat: 'META' as const, region: null, headline: false };
    expect(EVENT_SECTIONS['customerDefaulted']).toBeUndefined();
    const r = resultsOf(playerView(start(), 'META'), { ...v, events: [...v.events, odd] }, 'en')!;
    expect(r.mine).toContain(t('en', 'event.recovered', { seat: 'META' }));
  });
});
