import { describe, expect, it } from 'vitest';
import { lessons, resolveQuarter, scheduleShock, t, table, type GameState } from '../../shared/index.js';
import { newGame, ordersFor } from '../helpers/game.js';

describe('debrief lessons for a class', () => {
  it('names the worst single quarter (e.g. after a hidden shock), in both locales, deterministically', () => {
    const run = (): GameState[] => {
      let s = newGame('class-lessons', { quarters: 6, seats: ['ORCL', 'META', 'AMZN'] });
      const states = [s];
      for (let q = 0; q < 3; q += 1) {
        if (q === 1) {
          const r = scheduleShock(s, { quarter: 1, card: 'rateHike', region: null });
          if (!r.ok) throw new Error('shock');
          s = r.value;
        }
        s = resolveQuarter(s, ordersFor(s, { ORCL: { chips: { merchantUsdM: 3_000 } } })).state;
        states.push(s);
      }
      return states;
    };
    const states = run();
    const cards = lessons(states);
    const worst = cards.find((c) => c.id === 'worstQuarter');
    expect(worst).toBeDefined();
    const moves = states.slice(1).flatMap((s) => s.seats.map((x) => s.companies[x]!.report.priceMoveBps));
    expect(worst!.params['moveBps']).toBe(Math.min(...moves));
    expect(worst!.params['moveBps']).toBeLessThan(0);
    expect(['ORCL', 'META', 'AMZN']).toContain(worst!.seats[0]);
    for (const locale of ['en', 'zh-CN'] as const) {
      expect(worst!.key in table(locale)).toBe(true);
      expect(t(locale, worst!.key, worst!.params)).not.toMatch(/\{\w+/);
    }
    expect(lessons(run())).toEqual(cards);
  });
});
