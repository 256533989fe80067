/**
 * `npm run sim -- --climb` (docs/balance.md): a company's management can be played with a posture that
 * differs from the scenario's (only its own management, only the fields given), and the climb keeps a
 * value only where it raised the mean score by more than MIN_GAIN_BPS, records every change it kept,
 * measures the result on other seeds and refuses bad options.
 */
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { botOrders, createGame, defaultStrategyFor, playerView, resolveQuarter, playerViews, type GameState, type Orders, type Ticker } from '../../shared/index.js';
import { BEND_GENES, MIN_GAIN_BPS, runClimb } from '../../server/cli/climb.js';

function sim(...args: string[]): { code: number; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, ['--import', 'tsx', 'server/cli/sim.ts', ...args], { encoding: 'utf8', timeout: 120_000 });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

/** A game played by the default hard managements to the first quarter of 2027 (where bends apply). */
function in2027(): GameState {
  let s = createGame({ scenarioId: 'capex-race-2026', seed: 'climb-posture', quarterCount: 12 });
  while (s.quarter < 4) {
    const views = playerViews(s);
    const orders: Partial<Record<Ticker, Orders>> = {};
    for (const t of s.seats) orders[t] = botOrders(views[t], defaultStrategyFor(t), 'hard');
    s = resolveQuarter(s, orders).state;
  }
  return s;
}
const chips = (o: Orders): number => o.chips.merchantUsdM + o.chips.secondSourceUsdM + o.chips.customUsdM;

describe('a management played with another posture', () => {
  const s = in2027();
  const view = playerView(s, 'MSFT');

  it('replaces the fields given, for the company\'s own management only', () => {
    const plain = botOrders(view, defaultStrategyFor('MSFT'), 'hard');
    expect(botOrders(view, defaultStrategyFor('MSFT'), 'hard', {})).toEqual(plain);
    // A bend that stops buying chips (spend gene 0 = a quarter of the plan's chips).
    const frugal = botOrders(view, defaultStrategyFor('MSFT'), 'hard', { bend: { spend: 0 } });
    expect(chips(plain)).toBeGreaterThan(0);
    expect(chips(frugal)).toBeLessThan(chips(plain));
    // Another strategy in the same seat is not the management: the override does not touch it.
    const other = defaultStrategyFor('MSFT') === 'selfUseMaximizer' ? 'cloudLandlord' : 'selfUseMaximizer';
    expect(botOrders(view, other, 'hard', { bend: { spend: 0 } })).toEqual(botOrders(view, other, 'hard'));
  });
});

describe('the climb', () => {
  it('keeps only changes that raised the mean score by more than the threshold, records them, and checks the result on other seeds', async () => {
    const r = await runClimb({ scenarioId: 'capex-race-2026', quarterCount: 8, ticker: 'TSLA', seed: 'climb-test', fitSeeds: 3, valSeeds: 3, passes: 1, postureFields: ['maxFundsBps'], threads: 1 });
    // Every measurement plays the 3 seeds; every gene and the posture field are tried at least once.
    expect(r.games % 3).toBe(0);
    expect(r.games).toBeGreaterThan((BEND_GENES.length + 1) * 3);
    // Replaying the kept steps on the start gives the result.
    const bend = { ...r.start.bend };
    const posture = { ...r.start.posture };
    let fit = r.fit.before;
    for (const step of r.steps) {
      expect(step.fit).toBeGreaterThan(fit + MIN_GAIN_BPS);
      fit = step.fit;
      if (step.field.startsWith('bend.')) {
        expect(bend[step.field.slice(5)] ?? 500).toBe(step.from);
        bend[step.field.slice(5)] = step.to;
      } else {
        expect(posture[step.field]).toBe(step.from);
        posture[step.field] = step.to;
      }
    }
    expect(r.result).toEqual({ bend, posture });
    expect(r.fit.after).toBe(fit);
    expect(Object.keys(r.result.posture)).toEqual(['maxFundsBps']);
    expect(Number.isInteger(r.validation.before) && Number.isInteger(r.validation.after)).toBe(true);
    expect(r.validation.capex2026Bps).toBeGreaterThan(0);
  }, 120_000);

  it('refuses a posture field the company does not have, and options that do not go together', async () => {
    await expect(runClimb({ scenarioId: 'capex-race-2026', quarterCount: 4, ticker: 'TSLA', seed: 'x', fitSeeds: 1, valSeeds: 1, passes: 1, postureFields: ['noSuchField'], threads: 1 }))
      .rejects.toThrow(/TSLA's posture has no numeric field "noSuchField"/);
    const posture = sim('--climb-posture', 'appetiteBps');
    expect(posture.code).toBe(2);
    expect(posture.stderr).toMatch(/--climb-posture goes with --climb/);
    const both = sim('--climb', 'ORCL', '--par');
    expect(both.code).toBe(2);
    expect(both.stderr).toMatch(/separate runs/);
    const bad = sim('--climb', 'XYZ');
    expect(bad.code).toBe(2);
  });
});
