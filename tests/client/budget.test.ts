import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { createGame, fundingOf, orderContextOfView, playerView, type PlayerView } from '../../shared/index.js';
import { applyBudget, budgetCapUsdM, budgetOf, defaultProject, partsOf, proportional, rebalance, splitOf, withProjectAt, PARTS, type Split } from '../../client/model/budget.js';
import { initialDraft, previewDraft, setEnergy } from '../../client/model/draft.js';

const view = (seat: 'AMZN' | 'ORCL' = 'AMZN'): PlayerView => playerView(createGame({ scenarioId: 'capex-race-2026', seed: 'b', quarterCount: 8 }), seat);
const sum = (s: Split): number => PARTS.reduce((a, k) => a + s[k], 0);
const arbSplit = fc.tuple(fc.nat(100), fc.nat(100), fc.nat(100), fc.nat(100))
  .map(([a, b, c, d]) => splitOf({ chips: a, energy: b, talent: c, data: d }));

describe('the desk budget', () => {
  it('splits integers exactly, by largest remainder', () => {
    expect(proportional(10, [1, 1, 1])).toEqual([4, 3, 3]);
    expect(proportional(7, [0, 0])).toEqual([4, 3]);
    expect(proportional(100, [3, 1])).toEqual([75, 25]);
  });

  it('keeps the split at 100% whatever slider moves, the others in proportion', () => {
    fc.assert(fc.property(arbSplit, fc.constantFrom(...PARTS), fc.integer({ min: -500, max: 12_000 }), (split, part, bps) => {
      const next = rebalance(split, part, bps);
      expect(sum(next)).toBe(10_000);
      expect(next[part]).toBe(Math.max(0, Math.min(10_000, bps)));
      for (const k of PARTS) expect(next[k]).toBeGreaterThanOrEqual(0);
    }));
    const s = rebalance({ chips: 6_000, energy: 3_000, talent: 600, data: 400 }, 'chips', 4_000);
    expect(s).toEqual({ chips: 4_000, energy: 4_500, talent: 900, data: 600 });
    expect(rebalance({ chips: 10_000, energy: 0, talent: 0, data: 0 }, 'chips', 7_000)).toEqual({ chips: 7_000, energy: 1_000, talent: 1_000, data: 1_000 });
  });

  it('writes a budget into the orders and reads the same split back (energy in whole MW)', () => {
    const v = view();
    fc.assert(fc.property(arbSplit, fc.integer({ min: 1_000, max: 60_000 }), (split, total) => {
      const o = applyBudget(v, initialDraft(v)!, total, split, defaultProject(v, null));
      const parts = partsOf(v, o);
      expect(budgetOf(v, o)).toBe(total);
      expect(parts.chips + parts.talent + parts.data + parts.energy).toBe(budgetOf(v, o));
      const back = splitOf(parts);
      // Energy comes in whole MW (a few $M): the rest of it goes to chips.
      const slack = Math.ceil((20 * 10_000) / total) + 2;
      for (const k of PARTS) expect(Math.abs(back[k] - split[k]), k).toBeLessThanOrEqual(slack);
    }), { numRuns: 60 });
  });

  it('keeps the chip mix and the energy projects of the draft, and vendor financing within its limit', () => {
    const v = view();
    let d = initialDraft(v)!;
    d = { ...d, chips: { merchantUsdM: 3_000, secondSourceUsdM: 1_000, customUsdM: 0 }, finance: { ...d.finance, vendorFinancingUsdM: 1_500 } };
    d = setEnergy(d, [{ region: 'nordics', source: 'renewables', mw: 100, cooling: 'air' }, { region: 'us-texas', source: 'gas', mw: 100, cooling: 'liquid' }]);
    const o = applyBudget(v, d, 8_000, { chips: 5_000, energy: 5_000, talent: 0, data: 0 }, defaultProject(v, null));
    expect(o.chips.merchantUsdM + o.chips.secondSourceUsdM).toBeGreaterThanOrEqual(4_000);
    expect(Math.abs(o.chips.merchantUsdM - 3 * o.chips.secondSourceUsdM)).toBeLessThanOrEqual(40);
    expect(o.energy.map((e) => e.region)).toEqual(['nordics', 'us-texas']);
    expect(o.energy[0]!.mw).toBeGreaterThan(100);
    expect(o.finance.vendorFinancingUsdM).toBe(1_500);
    const smaller = applyBudget(v, d, 1_000, { chips: 5_000, energy: 5_000, talent: 0, data: 0 }, defaultProject(v, null));
    expect(smaller.finance.vendorFinancingUsdM).toBeLessThanOrEqual(Math.round(smaller.chips.merchantUsdM / 2));
    expect(previewDraft(v, smaller, 'en')!.ok).toBe(true);
  });

  it('new energy goes to the region asked for, else the largest own site', () => {
    const v = view();
    expect(defaultProject(v, 'nordics').region).toBe('nordics');
    const home = defaultProject(v, null).region;
    expect(Object.keys(v.me!.sites)).toContain(home);
  });

  it('caps the budget at the funds the engine counts', () => {
    const v = view('ORCL');
    const d = initialDraft(v)!;
    const f = fundingOf(orderContextOfView(v)!, d);
    const cap = budgetCapUsdM(v, d, f);
    const atCap = applyBudget(v, d, cap, { chips: 10_000, energy: 0, talent: 0, data: 0 }, defaultProject(v, null));
    expect(previewDraft(v, atCap, 'en')!.ok).toBe(true);
    const over = applyBudget(v, d, cap + 1_000, { chips: 10_000, energy: 0, talent: 0, data: 0 }, defaultProject(v, null));
    expect(previewDraft(v, over, 'en')!.ok).toBe(false);
  });
});

describe('building power from the map', () => {
  it('adds a project in the region, sharing the energy money equally, or a first one of 100 MW', () => {
    const v = view();
    const none = withProjectAt(v, { ...initialDraft(v)!, energy: [] }, 'canada');
    expect(none.energy).toEqual([{ region: 'canada', source: 'gas', mw: 100, cooling: 'liquid' }]);
    const one = setEnergy(initialDraft(v)!, [{ region: 'nordics', source: 'gas', mw: 200, cooling: 'liquid' }]);
    const two = withProjectAt(v, one, 'us-west');
    expect(two.energy.map((e) => [e.region, e.mw])).toEqual([['nordics', 100], ['us-west', 100]]);
  });
});
