/**
 * One number format (issue 14, defect 7): the formatters' rules, and every message of both locales
 * rendered with positive, negative, zero and tiny values — no raw keys, no leftover placeholders,
 * no "-0", no double signs, no signed number after "fell"/"rose", no English ids in Chinese text.
 */
import { describe, expect, it } from 'vitest';
import {
  LOCALES, botOrders, createGame, defaultStrategyFor, playerView, resolveQuarter, type GameEvent, type OrdersBySeat, formatBps, formatChangeBps, formatCount, formatMw, formatPriceCents, formatUsdK, formatUsdM, formatUsdMChange,
  formatUsdPerMwh, groupDigits, shownBps, t, table,
} from '../../shared/index.js';
import { textProblems } from '../helpers/text-problems.js';

/** Numbers every typed placeholder is rendered with. */
const SAMPLES = [0, -4, 4, -1_080, 1_080, 95_000, -130_000, 14_222_800, 0.4, -0.4];

/** A value for a placeholder of a kind. */
function sample(kind: string | undefined, v: number): string | number {
  switch (kind) {
    case 'company':
      return 'AMZN';
    case 'region':
      return 'us-east';
    case 'chip':
      return 'merchant';
    case 'source':
      return 'renewables';
    case undefined:
      // Untyped numbers are counts (researchers, generations, quarters): never negative.
      return Math.abs(Math.round(v));
    default:
      return v;
  }
}

describe('one number format', () => {
  it('scales money by size the same way in every place', () => {
    expect(formatUsdM(130_000, 'en')).toBe('$130.0B');
    expect(formatUsdM(95_000, 'en')).toBe('$95.0B');
    expect(formatUsdM(950, 'en')).toBe('$950M');
    expect(formatUsdM(5, 'en')).toBe('$5.0M');
    expect(formatUsdM(0, 'en')).toBe('$0');
    expect(formatUsdM(-95_000, 'en')).toBe('-$95.0B');
    expect(formatUsdM(1_422_280, 'en')).toBe('$1.42T');
    expect(formatUsdK(6_930, 'en')).toBe('$6.9M');
    expect(formatUsdK(450, 'en')).toBe('$450K');
    expect(formatUsdM(0, 'zh-CN')).toBe('0美元');
    expect(formatUsdM(50, 'zh-CN')).toBe('5,000万美元');
    expect(formatUsdM(4_250, 'zh-CN')).toBe('42.5亿美元');
    expect(formatUsdM(1_422_280, 'zh-CN')).toBe('1.42万亿美元');
    expect(formatUsdK(6_930, 'zh-CN')).toBe('693万美元');
    expect(formatUsdMChange(1_200, 'en')).toBe('+$1.2B');
    expect(formatUsdMChange(-1_200, 'en')).toBe('-$1.2B');
    expect(formatUsdMChange(0, 'en')).toBe('$0');
  });

  it('shows a percentage as shownBps rounds it: to a tenth, halves away from zero, never minus zero', () => {
    expect([shownBps(4), shownBps(5), shownBps(-5), shownBps(-15), shownBps(1_234)]).toEqual([0, 10, -10, -20, 1_230]);
    expect(Object.is(shownBps(-4), 0)).toBe(true);
    for (let bps = -2_000; bps <= 2_000; bps += 1) {
      const shown = shownBps(bps);
      expect(Math.abs(shown - bps)).toBeLessThanOrEqual(5);
      // The text says exactly the shown figure (the move reasons add up in these steps: client/model/view-models.ts).
      expect(Math.round(Number(formatBps(bps).replace('%', '')) * 100)).toBe(shown);
    }
  });

  it('never shows "-0" and signs changes', () => {
    expect(formatBps(-4)).toBe('0.0%');
    expect(formatBps(2_000)).toBe('20.0%');
    expect(formatBps(-1_080)).toBe('-10.8%');
    expect(formatChangeBps(1_080)).toBe('+10.8%');
    expect(formatChangeBps(-1_080)).toBe('-10.8%');
    expect(formatChangeBps(4)).toBe('0.0%');
    expect(formatUsdM(-0.0004, 'en')).toBe('$0');
    expect(formatUsdM(-0.4, 'en')).toBe('-$400K');
    expect(formatPriceCents(22_430, 'en')).toBe('$224.30');
    expect(formatPriceCents(22_430, 'zh-CN')).toBe('224.30美元');
    expect(formatPriceCents(-0.2, 'en')).toBe('$0.00');
    expect(groupDigits(-0.4)).toBe('0');
    expect(formatCount(3_828)).toBe('3,828');
    expect(formatMw(12_000, 'en')).toBe('12,000 MW');
    expect(formatUsdPerMwh(70, 'en')).toBe('$70/MWh');
    expect(formatUsdPerMwh(70, 'zh-CN')).toBe('70美元/兆瓦时');
  });

  it('flags the faults the issue found', () => {
    expect(textProblems('fell -10.8%', 'en')).toContain('signed number after a direction word');
    expect(textProblems('-0.0%', 'en')).toContain('negative zero "-0.0"');
    expect(textProblems('a raw ui.reason.credibility', 'en')).toContain('raw key');
    expect(textProblems('收到 10 兆瓦的 merchant 芯片', 'zh-CN')).toContain('English id in Chinese text');
    expect(textProblems('+-5%', 'en')).toContain('double sign');
  });

  it.each(LOCALES)('renders every message of %s cleanly with any number', (locale) => {
    const bad: string[] = [];
    for (const [key, template] of Object.entries(table(locale))) {
      const holes = [...template.matchAll(/\{(\w+)(?::(\w+))?\}/g)];
      for (const v of SAMPLES) {
        const params: Record<string, string | number> = {};
        for (const m of holes) params[m[1]!] = sample(m[2], v);
        const text = t(locale, key, params);
        for (const p of textProblems(text, locale)) bad.push(`${key} (${v}): ${p} — ${text}`);
      }
    }
    expect(bad).toEqual([]);
  });

  it.each(LOCALES)('renders every event of a whole all-bot game in %s cleanly (real parameters)', (locale) => {
    let s = createGame({ scenarioId: 'capex-race-2026', seed: 'formats', quarterCount: 12 });
    const events: GameEvent[] = [];
    while (!s.finished) {
      const orders: OrdersBySeat = {};
      for (const seat of s.seats) orders[seat] = botOrders(playerView(s, seat), defaultStrategyFor(seat), 'normal');
      s = resolveQuarter(s, orders).state;
      events.push(...s.events.filter((e) => e.quarter === s.quarter - 1));
    }
    expect(new Set(events.map((e) => e.kind)).size).toBeGreaterThan(8);
    const bad = events.flatMap((e) => textProblems(t(locale, e.key, e.params), locale).map((p) => `${e.key}: ${p} — ${t(locale, e.key, e.params)}`));
    expect(bad).toEqual([]);
  });
});
