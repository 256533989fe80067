import { describe, expect, it } from 'vitest';
import { getScenario, t } from '../../shared/index.js';
import { seatSources } from '../../client/ui/seat-screen.js';

describe('"Why this number?" on seat cards', () => {
  it('names each figure with its source, each source once', () => {
    const text = seatSources({ cashUsdM: 'approx. public figure', debtUsdM: 'approx. public figure', guidanceCapexUsdM: 'F1: 200B' },
      [['cashUsdM', 'Cash'], ['debtUsdM', 'Debt'], ['marketCapUsdM', 'Market cap'], ['guidanceCapexUsdM', 'Guidance']], 'en');
    expect(text).toBe('Cash, Debt: approx. public figure · Guidance: F1: 200B');
    expect(seatSources({ cashUsdM: 'x', debtUsdM: 'x' }, [['cashUsdM', '现金'], ['debtUsdM', '负债']], 'zh-CN')).toBe(`现金${t('zh-CN', 'ui.list.sep')}负债：x`);
  });

  it('never repeats a source on any company of the scenario', () => {
    const sc = getScenario('capex-race-2026');
    for (const c of sc.companies) {
      const text = seatSources(c.sources, [['cashUsdM', 'Cash'], ['debtUsdM', 'Debt'], ['marketCapUsdM', 'Cap'], ['guidanceCapexUsdM', 'Guide'], ['consensusCapexUsdM', 'Cons']], 'en');
      const parts = text.split(' · ').map((p) => p.slice(p.indexOf(': ') + 2));
      expect(new Set(parts).size, c.ticker).toBe(parts.length);
    }
  });
});
