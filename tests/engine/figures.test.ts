import { describe, expect, it } from 'vitest';
import { companyDefOf, finalReturns, finalScores, model, playerView, quarterFigures, ranking, resolveQuarter, scheduleShock, type GameState, type Ticker } from '../../shared/index.js';
import { newGame, ordersFor, run } from '../helpers/game.js';

function tsrBpsOf(s: GameState, t: Ticker): number {
  const c = s.companies[t]!;
  return model.tsrBps(c.priceCents, c.startPriceCents);
}

describe('figures, ranking and scheduled shocks', () => {
  it('publishes each company’s public figures and ranks by total shareholder return', () => {
    const s = run(newGame('figs', { quarters: 6 }), 2);
    const f = quarterFigures(s);
    expect(f.quarter).toBe(1);
    expect(Object.keys(f.companies).sort()).toEqual([...s.seats].sort());
    const msft = f.companies.MSFT!;
    expect(msft.revenueUsdM).toBe(s.companies.MSFT!.report.revenueUsdM);
    expect(msft.poweredMw).toBeGreaterThan(0);
    const r = ranking(s);
    expect(r).toHaveLength(7);
    for (let i = 1; i < r.length; i += 1) expect(r[i - 1]!.scoreBps).toBeGreaterThanOrEqual(r[i]!.scoreBps);
    // The score is the return to the closing value against the company's par, in its swings.
    const scores = finalScores(s);
    const returns = finalReturns(s);
    for (const row of r) {
      expect(row.scoreBps).toBe(scores[row.ticker]);
      expect(row.returnBps).toBe(returns[row.ticker]);
      const def = companyDefOf('capex-race-2026', row.ticker);
      // After two quarters: half of the par of a 4-quarter game (from 0 at 0), in that game's swing.
      const [q4, par4, swing4] = def.par.hard[0]!;
      expect(q4).toBe(4);
      // (within the rounding of half a basis point of par)
      expect(Math.abs(row.scoreBps - ((row.returnBps - par4 / 2) * 10_000) / swing4)).toBeLessThanOrEqual(5_000 / swing4 + 1);
    }
    // The closing value counts no market mood: the return differs from the price's TSR.
    expect(r.some((row) => row.returnBps !== tsrBpsOf(s, row.ticker))).toBe(true);
  });

  it('a scheduled shock stays hidden until its quarter, then hits with a headline', () => {
    const s0 = newGame('shock', { quarters: 6 });
    const bad = scheduleShock(s0, { quarter: 2, card: 'meteor', region: null });
    expect(bad.ok).toBe(false);
    const late = scheduleShock(s0, { quarter: 9, card: 'heatWave', region: 'us-texas' });
    expect(!late.ok && late.problems[0]!.key).toBe('shock.quarter');
    const ok = scheduleShock(s0, { quarter: 1, card: 'foundryDisruption', region: null });
    expect(ok.ok).toBe(true);
    if (!ok.ok) return;
    expect(s0.shocks).toHaveLength(0);
    expect(JSON.stringify(playerView(ok.value, 'MSFT'))).not.toContain('foundryDisruption');
    const q0 = resolveQuarter(ok.value, ordersFor(ok.value)).state;
    expect(q0.events.some((e) => e.kind === 'foundryDisruption')).toBe(false);
    const q1 = resolveQuarter(q0, ordersFor(q0)).state;
    expect(q1.events.some((e) => e.kind === 'foundryDisruption' && e.headline)).toBe(true);
    expect(q1.world.foundryDisruptedBps).toBeGreaterThan(0);
    expect(q1.shocks).toHaveLength(0);
  });
});
