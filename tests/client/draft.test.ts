import { describe, expect, it } from 'vitest';
import { createGame, playerView, table } from '../../shared/index.js';
import { getField, initialDraft, previewDraft, problemsFor, setEnergy, setField } from '../../client/model/draft.js';

const view = () => playerView(createGame({ scenarioId: 'capex-race-2026', seed: 'd', quarterCount: 4 }), 'ORCL');

describe('draft orders', () => {
  it('starts from a valid base order for a seat and none for spectators', () => {
    const v = view();
    const d = initialDraft(v)!;
    expect(previewDraft(v, d, 'en')!.ok).toBe(true);
    expect(initialDraft(playerView(createGame({ scenarioId: 'capex-race-2026', seed: 'd' }), null))).toBeNull();
  });

  it('sets numeric fields immutably, truncating decimals and rejecting NaN', () => {
    const d = initialDraft(view())!;
    const d2 = setField(d, 'chips.merchantUsdM', 1234.9);
    expect(getField(d2, 'chips.merchantUsdM')).toBe(1234);
    expect(getField(d, 'chips.merchantUsdM')).toBe(0);
    expect(getField(setField(d, 'guidanceCapexUsdM', Number.NaN), 'guidanceCapexUsdM')).toBe(0);
  });

  it('reports overspending with the engine’s readable reason, on the chips field', () => {
    const v = view();
    const d = setField(initialDraft(v)!, 'chips.merchantUsdM', 4_000_000);
    const p = previewDraft(v, d, 'en')!;
    expect(p.ok).toBe(false);
    expect(p.remainingUsdM).toBeLessThan(0);
    const chipErrors = problemsFor(p, 'chips.merchantUsdM').map((e) => e.text).join(' ');
    expect(chipErrors).toContain('capex exceeds cash + credit');
    const zh = previewDraft(v, d, 'zh-CN')!;
    expect(zh.problems.every((e) => !e.text.startsWith('orders.'))).toBe(true);
    expect(table('zh-CN')['orders.capexExceedsFunds']).toBeDefined();
  });

  it('flags operations shares that do not add up to 100%', () => {
    const v = view();
    const p = previewDraft(v, setField(initialDraft(v)!, 'ops.cloudBps', 0), 'en')!;
    expect(problemsFor(p, 'ops.cloudBps').length).toBeGreaterThan(0);
  });

  it('previews energy capex and projected capacity from the order', () => {
    const v = view();
    const base = previewDraft(v, initialDraft(v)!, 'en')!;
    const d = setEnergy(setField(initialDraft(v)!, 'chips.merchantUsdM', 3_500), [{ region: 'us-texas', source: 'gas', mw: 100, cooling: 'liquid' }]);
    const p = previewDraft(v, d, 'en')!;
    expect(p.energyCapexUsdM).toBeGreaterThan(0);
    expect(p.spendUsdM).toBe(base.spendUsdM + 3_500 + p.energyCapexUsdM);
    expect(p.newChipMw.merchant).toBeGreaterThan(0);
    expect(p.projectedChipMw).toBe(base.projectedChipMw + p.newChipMw.merchant);
  });
});
