import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LOCALES, table } from '../../shared/index.js';
import { DYNAMIC_UI_KEYS } from '../../client/model/dynamic-keys.js';

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? files(p) : p.endsWith('.ts') ? [p] : [];
  });
}

/** Every literal 'ui.…' key in the client's source, plus the keys it builds at run time. */
function usedKeys(): string[] {
  const keys = new Set<string>(DYNAMIC_UI_KEYS);
  for (const f of files('client')) {
    for (const m of readFileSync(f, 'utf8').matchAll(/['"](ui\.[A-Za-z0-9_.]+)['"]/g)) keys.add(m[1]!);
  }
  return [...keys].sort();
}

describe('client i18n keys', () => {
  const keys = usedKeys();

  it('finds the keys the client uses', () => {
    expect(keys.length).toBeGreaterThan(150);
  });

  it.each(LOCALES)('has every key the client uses in %s', (locale) => {
    const missing = keys.filter((k) => !(k in table(locale)));
    expect(missing).toEqual([]);
  });

  it('has every ui.* key of one locale in the other', () => {
    const en = Object.keys(table('en')).filter((k) => k.startsWith('ui.'));
    const zh = Object.keys(table('zh-CN')).filter((k) => k.startsWith('ui.'));
    expect(en.filter((k) => !zh.includes(k))).toEqual([]);
    expect(zh.filter((k) => !en.includes(k))).toEqual([]);
  });

  it('uses the same placeholders in both locales', () => {
    const ph = (s: string): string[] => [...s.matchAll(/\{(\w+)(?::\w+)?\}/g)].map((m) => m[1]!).sort();
    for (const k of keys) expect(ph(table('zh-CN')[k] ?? ''), k).toEqual(ph(table('en')[k] ?? ''));
  });

  it('builds dynamic keys from the names the client knows', () => {
    const src = files('client').map((f) => readFileSync(f, 'utf8')).join('\n');
    for (const family of ['ui.tab.', 'ui.conn.', 'ui.flag.', 'ui.cooling.', 'ui.reason.', 'ui.ledger.', 'ui.difficulty.', 'ui.desk.part.', 'ui.desk.fig.', 'ui.desk.origin.', 'ui.results.fig.', 'ui.advisor.why.']) {
      expect(src.includes(`\`${family}\${`), family).toBe(true);
    }
  });
});
