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

  it('has nothing to project for a spectator', () => {
    const s0 = newGame('preview-spec');
    expect(projectCapacity(playerView(s0, null), hold(s0, 'AAPL'))).toBeNull();
  });
});
