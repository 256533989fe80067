/**
 * Balance targets (issues 3 and 13, GAME.md "Balance target"), on the 1,000-game study of
 * `npm run sim -- --balance` (a smaller batch measured sampling noise, not the target: ±3 points at
 * 300 games). Seeds are fixed, so these results are exact.
 */
import { describe, expect, it } from 'vitest';
import { BASELINE_STRATEGIES, BOT_STRATEGIES, NAMED_STRATEGIES, TICKERS } from '../../shared/index.js';
import { runRange } from '../../server/cli/batch.js';
import { summarize } from '../../server/cli/summary.js';

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

function batch(games: number, seed: string, pool: readonly (typeof BOT_STRATEGIES)[number][], difficulty: 'normal' | 'random') {
  const items = runRange({
    scenarioId: 'capex-race-2026', quarterCount: 20, baseSeed: seed, games, keepReplays: false,
    assignment: { companies: [...TICKERS], fixed: {}, pool: [...pool], difficulty },
  }, 0, games);
  return summarize(items.map((x) => x.result), 0, false);
}

describe('balance (1,000 seeded games, random company ↔ strategy)', () => {
  const s = batch(1_000, 'balance-test', BOT_STRATEGIES, 'normal');
  const namedRanks = NAMED_STRATEGIES.map((id) => s.strategies[id]!.meanRank);

  it('no strategy wins more than 40% of games', () => {
    for (const [id, v] of Object.entries(s.strategies)) expect(v.winRate, id).toBeLessThanOrEqual(0.4);
  });

  it('reckless all-in and never-invest both rank below the median named strategy', () => {
    for (const id of BASELINE_STRATEGIES) expect(s.strategies[id]!.meanRank, id).toBeGreaterThan(median(namedRanks));
    // Betting everything can come off in a boom world, but far less often than a fair share (1 in 7).
    expect(s.strategies['recklessAllIn']!.winRate).toBeLessThan(1 / 14);
  });

  it('every company wins at least 8% of games (a fair share is 1 in 7): scored at the table\'s level, no seat is out of reach', () => {
    for (const t of TICKERS) expect(s.companies[t]?.wins ?? 0, t).toBeGreaterThanOrEqual(80);
  });
});

describe('difficulty (120 seeded games, named strategies, difficulty drawn per seat)', () => {
  const s = batch(120, 'difficulty-test', NAMED_STRATEGIES, 'random');
  it('hard beats normal beats easy head to head', () => {
    expect(s.difficulties['hard']!.meanRank).toBeLessThan(s.difficulties['normal']!.meanRank);
    expect(s.difficulties['normal']!.meanRank).toBeLessThan(s.difficulties['easy']!.meanRank);
    expect(s.headToHead['hard>normal']!.rate).toBeGreaterThan(0.5);
    expect(s.headToHead['normal>easy']!.rate).toBeGreaterThan(0.5);
    expect(s.headToHead['hard>easy']!.rate).toBeGreaterThan(0.5);
  });
});
