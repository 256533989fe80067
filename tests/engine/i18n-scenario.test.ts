import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CARD_IDS, getScenario, REGION_IDS, scenarioIds, table, TICKERS, validateScenario, type Scenario } from '../../shared/index.js';

const ENGINE = join(import.meta.dirname, '../../shared/engine');
function files(dir: string): string[] {
  return readdirSync(dir).flatMap((n) => (statSync(join(dir, n)).isDirectory() ? files(join(dir, n)) : [join(dir, n)]));
}

describe('i18n tables', () => {
  it('English and Simplified Chinese have the same keys', () => {
    const en = Object.keys(table('en')).sort();
    const zh = Object.keys(table('zh-CN')).sort();
    expect(zh.filter((k) => !en.includes(k))).toEqual([]);
    expect(en.filter((k) => !zh.includes(k))).toEqual([]);
  });

  it('every message key the engine emits has strings, including cards, regions, companies and eras', () => {
    const source = files(ENGINE).map((f) => readFileSync(f, 'utf8')).join('\n');
    const keys = new Set([...source.matchAll(/'((?:event|orders)\.[A-Za-z0-9.]+)'/g)].map((m) => m[1]!));
    for (const c of CARD_IDS) keys.add(`event.${c}`);
    for (const s of [1, 2]) keys.add(`event.dataWall${s}`);
    for (const r of REGION_IDS) keys.add(`region.${r}`);
    for (const tk of TICKERS) { keys.add(`company.${tk}`); keys.add(`company.${tk}.profile`); }
    expect(keys.size).toBeGreaterThan(60);
    for (const locale of ['en', 'zh-CN'] as const) {
      const missing = [...keys].filter((k) => !(k in table(locale)));
      expect(missing, locale).toEqual([]);
    }
  });

  it('placeholders match between the two languages', () => {
    const names = (s: string): string[] => [...s.matchAll(/\{(\w+)(?::\w+)?\}/g)].map((m) => m[1]!).sort();
    for (const [k, v] of Object.entries(table('en'))) expect(names(table('zh-CN')[k] ?? ''), k).toEqual(names(v));
  });
});

describe('scenario capex-race-2026', () => {
  const sc = getScenario('capex-race-2026');

  it('validates on load: integers only, every number sourced, 12 regions, 7 companies, 4–40 quarters', () => {
    expect(scenarioIds()).toContain('capex-race-2026');
    expect(validateScenario(sc)).toEqual([]);
    expect(sc.regions).toHaveLength(12);
    expect(sc.companies.map((c) => c.ticker).sort()).toEqual([...TICKERS].sort());
    expect(sc.defaultQuarters).toBe(20);
  });

  it('carries the article’s 2026 guidance (F1) in the stated first-quarter plans', () => {
    const guide = Object.fromEntries(sc.companies.map((c) => [c.ticker, c.historicalOrders.guidanceCapexUsdM]));
    expect(guide).toEqual({ AMZN: 200_000, GOOGL: 185_000, META: 135_000, MSFT: 117_000, ORCL: 55_000, TSLA: 20_000, AAPL: 13_000 });
    const total = Object.values(guide).reduce((a, b) => a + b, 0);
    expect(total).toBeGreaterThan(650_000);
    expect(total).toBeLessThan(750_000);
    for (const c of sc.companies) expect(c.sources['historicalGuidance']).toMatch(/F1/);
  });

  it('reports what is wrong with a broken scenario', () => {
    const broken = JSON.parse(JSON.stringify(sc)) as Scenario & { companies: { cashUsdM: number; sources: Record<string, string> }[]; maxQuarters: number };
    broken.companies[0]!.cashUsdM = 1.5;
    delete broken.companies[1]!.sources['cashUsdM'];
    broken.maxQuarters = 80;
    const errors = validateScenario(broken);
    expect(errors.some((e) => e.includes('not an integer'))).toBe(true);
    expect(errors.some((e) => e.includes('has no source'))).toBe(true);
    expect(errors.some((e) => e.includes('4–40'))).toBe(true);
    // A backlog must be whole MW and money, start after the game does, and say where it comes from.
    expect(validateScenario(sc)).toEqual([]);
    const orcl = (s: typeof broken) => s.companies.find((c) => (c as unknown as { ticker: string }).ticker === 'ORCL') as unknown as { labBacklog: { mw: number; startsQ: number }[]; sources: Record<string, string> };
    const badBacklog = JSON.parse(JSON.stringify(sc)) as typeof broken;
    orcl(badBacklog).labBacklog[0]!.startsQ = 0;
    orcl(badBacklog).labBacklog[1]!.mw = 2.5;
    expect(validateScenario(badBacklog).filter((e) => e.includes('ORCL.labBacklog needs'))).toHaveLength(2);
    const unsourced = JSON.parse(JSON.stringify(sc)) as typeof broken;
    delete orcl(unsourced).sources['labBacklog'];
    expect(validateScenario(unsourced)).toEqual(['capex-race-2026: ORCL.labBacklog has no source']);
  });
});
