import { describe, expect, it } from 'vitest';
import { completeOrders, model, getScenario, playerView, projectCapacity, resolveQuarter } from '../../shared/index.js';
import { hold, newGame, ordersFor } from '../helpers/game.js';

const sc = getScenario('capex-race-2026');
const K = model.constantsOf(sc);

describe('order-desk projection (engine rules)', () => {
  it('projects next quarter’s chips and power as the engine then installs them', () => {
    const s0 = newGame('preview', { seats: ['META', 'MSFT'] });
    const draft = { chips: { merchantUsdM: 3_500 }, energy: [{ region: 'us-texas' as const, source: 'gas' as const, mw: 100, cooling: 'liquid' as const }] };
    const orders = completeOrders(hold(s0, 'META'), draft);
    const proj = projectCapacity(playerView(s0, 'META'), orders)!;
    expect(proj.newChipMw.merchant).toBe(Math.floor(3_500 / model.chipListUsdMPerMw(sc, K, 'merchant', 0)));
    const s1 = resolveQuarter(s0, ordersFor(s0, { META: draft })).state;
    const s2 = resolveQuarter(s1, ordersFor(s1)).state;
    // Next quarter's capacity phase measures exactly the chips and powered MW projected.
    expect(s2.companies.META!.report.chipMw).toBe(proj.chipMw);
    expect(s2.companies.META!.report.poweredMw).toBe(proj.poweredMw);
  });

  it('counts cooling: leading chips in an air-cooled hall run throttled, not idle (F15)', () => {
    const projected = (liquidMw: number): { idleChipMw: number; computeUnits: number } => {
      const s0 = newGame('preview-air', { seats: ['AAPL'] });
      const me = s0.companies.AAPL!;
      me.chips = [{ type: 'merchant', gen: 0, mw: 150, bookUsdM: 500, deprUsdM: 20, boughtQ: -1 }];
      me.sites = { 'us-west': { poweredMw: { grid: 150, gas: 0, renewables: 0, nuclear: 0 }, liquidMw } };
      me.projects = [];
      const proj = projectCapacity(playerView(s0, 'AAPL'), hold(s0, 'AAPL'))!;
      expect(proj.poweredMw).toBe(150);
      expect(proj.chipMw).toBe(150);
      return proj;
    };
    const liquid = projected(150);
    const air = projected(0);
    expect(air.idleChipMw).toBe(0);
    expect(liquid.idleChipMw).toBe(0);
    expect(Math.abs(air.computeUnits - (liquid.computeUnits * K.airEfficiencyBps) / 10_000)).toBeLessThanOrEqual(1);
  });

  it('counts a power project from the quarter it is due, in the hall its cooling builds', () => {
    const projected = (earliestQ: number, cooling: 'liquid' | 'air'): { poweredMw: number; computeUnits: number } => {
      const s0 = newGame('preview-project', { seats: ['AAPL'] });
      const me = s0.companies.AAPL!;
      me.chips = [{ type: 'merchant', gen: 0, mw: 150, bookUsdM: 500, deprUsdM: 20, boughtQ: -1 }];
      me.sites = {};
      me.shipments = [];
      me.projects = [{ id: 'p', region: 'us-west', source: 'gas', mw: 150, cooling, orderedQ: -2, earliestQ }];
      return projectCapacity(playerView(s0, 'AAPL'), hold(s0, 'AAPL'))!;
    };
    // Due next quarter (the view's quarter is 0): powered; due the quarter after: not yet.
    expect(projected(1, 'liquid').poweredMw).toBe(150);
    expect(projected(2, 'liquid').poweredMw).toBe(0);
    expect(projected(2, 'liquid').computeUnits).toBe(0);
    // A liquid-cooled hall runs the leading chips at full speed; an air-cooled one throttles them.
    const liquid = projected(1, 'liquid');
    const air = projected(1, 'air');
    expect(liquid.computeUnits).toBeGreaterThan(air.computeUnits);
    expect(Math.abs(air.computeUnits - (liquid.computeUnits * K.airEfficiencyBps) / 10_000)).toBeLessThanOrEqual(1);
  });

  it('counts chips ordered now only if they arrive by next quarter: merchant chips (one quarter) do, custom chips (two) do not', () => {
    const s0 = newGame('preview-lead', { seats: ['GOOGL'] });
    s0.companies.GOOGL!.customProgram.readyQ = 0;
    const view = playerView(s0, 'GOOGL');
    const base = projectCapacity(view, hold(s0, 'GOOGL'))!;
    const merchant = projectCapacity(view, completeOrders(hold(s0, 'GOOGL'), { chips: { merchantUsdM: 5_000 } }))!;
    const custom = projectCapacity(view, completeOrders(hold(s0, 'GOOGL'), { chips: { customUsdM: 5_000 } }))!;
    expect(K.merchantLeadQ).toBe(1);
    expect(K.customChipLeadQ).toBeGreaterThan(1);
    expect(merchant.newChipMw.merchant).toBeGreaterThan(0);
    expect(merchant.chipMw).toBe(base.chipMw + merchant.newChipMw.merchant);
    expect(custom.newChipMw.custom).toBeGreaterThan(0);
    expect(custom.chipMw).toBe(base.chipMw);
  });

  it('has nothing to project for a spectator', () => {
    const s0 = newGame('preview-spec');
    expect(projectCapacity(playerView(s0, null), hold(s0, 'AAPL'))).toBeNull();
  });
});
