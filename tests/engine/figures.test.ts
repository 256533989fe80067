import { describe, expect, it } from 'vitest';
import { companyDefOf, finalReturns, finalScores, model, parAt, playerView, quarterFigures, ranking, resolveQuarter, scheduleShock, type GameState, type Ticker } from '../../shared/index.js';
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
      // After two quarters: half of the par of a 4-quarter game (from 0 at 0), moved by half its slope for
      // this game's world (the average monetization of the two quarters), in that game's swing.
      const [q4, par4, swing4, world4, slope4] = def.par.hard[0]!;
      expect(q4).toBe(4);
      const world = Math.floor(s.world.monetizationSumBps / 2);
      const par = par4 / 2 + ((world - world4) * slope4) / 200;
      expect(parAt(def.par.hard, 2, world).swingBps).toBe(swing4);
      // (within the rounding of the interpolated par and slope: a few basis points of par)
      expect(Math.abs(row.scoreBps - ((row.returnBps - par) * 10_000) / swing4)).toBeLessThanOrEqual((2 + Math.abs(world - world4) / 100) * 10_000 / swing4 + 1);
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

describe('scheduling a shock: what is refused, and the deck order', () => {
  it('refuses an unknown card, a quarter outside [now, last], an unknown region and a finished game, naming each field', () => {
    const s = newGame('shock-rules', { quarters: 6 });
    const problems = (shock: Parameters<typeof scheduleShock>[1], state: GameState = s) => {
      const r = scheduleShock(state, shock);
      return r.ok ? [] : r.problems;
    };
    expect(problems({ quarter: 2, card: 'heatWave', region: 'us-texas' })).toEqual([]);
    expect(problems({ quarter: 2, card: 'nope', region: null })).toEqual([{ key: 'shock.unknownCard', path: 'card', params: { card: 'nope' } }]);
    const badQuarter = [{ key: 'shock.quarter', path: 'quarter', params: { from: 0, to: 5 } }];
    expect(problems({ quarter: 6, card: 'heatWave', region: null })).toEqual(badQuarter);
    expect(problems({ quarter: 1.5, card: 'heatWave', region: null })).toEqual(badQuarter);
    expect(problems({ quarter: 5, card: 'heatWave', region: null })).toEqual([]);
    expect(problems({ quarter: 0, card: 'heatWave', region: null })).toEqual([]);
    const later = run(s, 2);
    expect(problems({ quarter: 1, card: 'heatWave', region: null }, later)).toEqual([{ key: 'shock.quarter', path: 'quarter', params: { from: 2, to: 5 } }]);
    expect(problems({ quarter: 2, card: 'heatWave', region: null }, later)).toEqual([]);
    expect(problems({ quarter: 2, card: 'heatWave', region: 'atlantis' as never })).toEqual([{ key: 'shock.region', path: 'region', params: { region: 'atlantis' } }]);
    const done = run(s, 6);
    expect(done.finished).toBe(true);
    expect(problems({ quarter: 5, card: 'heatWave', region: null }, done).map((p) => p.key)).toContain('orders.gameOver');
  });

  it('keeps the hidden deck in order: by quarter, then by card', () => {
    let s = newGame('shock-order', { quarters: 8 });
    for (const shock of [{ quarter: 5, card: 'heatWave', region: null }, { quarter: 3, card: 'waterRestriction', region: null }, { quarter: 3, card: 'foundryDisruption', region: null }] as const) {
      const r = scheduleShock(s, { ...shock });
      if (!r.ok) throw new Error(JSON.stringify(r.problems));
      s = r.value;
    }
    expect(s.shocks.map((x) => `${x.quarter}:${x.card}`)).toEqual(['3:foundryDisruption', '3:waterRestriction', '5:heatWave']);
  });
});

describe('a quarter\'s public figures (the charts\' history)', () => {
  it('debt counts the credit line and vendor debt; a market ticker\'s change is its move from last quarter\'s price', () => {
    const s = run(newGame('figures-rules', { quarters: 6 }), 2);
    const c = s.companies.AMZN!;
    c.debtUsdM = 1_000;
    c.revolverUsdM = 200;
    c.vendorDebtUsdM = 30;
    const f = quarterFigures(s);
    expect(f.quarter).toBe(1);
    expect(f.companies.AMZN!.debtUsdM).toBe(1_230);
    expect(f.companies.AMZN!.capexByCategory).toStrictEqual(c.report.capexByCategory);
    expect(Object.keys(f.companies).sort()).toEqual([...s.seats].sort());
    expect(Object.keys(f.market).sort()).toEqual(Object.keys(s.market).sort());
    s.market.NVDA.prevPriceCents = 10_000;
    s.market.NVDA.priceCents = 11_250;
    s.market.AMD.prevPriceCents = 8_000;
    s.market.AMD.priceCents = 6_000;
    const g = quarterFigures(s);
    expect(g.market.NVDA.changeBps).toBe(1_250);
    expect(g.market.AMD.changeBps).toBe(-2_500);
    // A ticker with no previous price shows no change rather than a division by zero.
    s.market.NVDA.prevPriceCents = 0;
    expect(quarterFigures(s).market.NVDA.changeBps).toBe(0);
    expect(f.world).toStrictEqual({ era: s.world.era, sentimentBps: s.world.sentimentBps, agentAdoptionBps: s.world.agentAdoptionBps, monetizationBps: s.world.monetizationBps, cloudPriceUsd: s.world.cloudPriceUsd });
  });
});
