/**
 * Balance targets (issues 3 and 13, GAME.md "Balance target"), on the 1,000-game study of
 * `npm run sim -- --balance` (a smaller batch measured sampling noise, not the target: ±3 points at
 * 300 games). Seeds are fixed, so these results are exact.
 */
import { describe, expect, it } from 'vitest';
import { BASELINE_STRATEGIES, BOT_STRATEGIES, defaultStrategyFor, NAMED_STRATEGIES, TICKERS, type Difficulty, type Ticker } from '../../shared/index.js';
import { runRange } from '../../server/cli/batch.js';
import { summarize } from '../../server/cli/summary.js';
import { runGame } from '../../server/cli/run.js';
import { runLevels, type LevelsReport } from '../../server/cli/levels.js';

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

/**
 * The ladder seat by seat: a company's own management at one level, the six others normal, on the same
 * seeds — so the difference is the level alone. Before the normal managements were mended (engine 11:
 * they read the live grid queues, buy only the chips their power can host and follow a quarter of their company's
 * bend), normal beat easy in 61% of these pairs over the seven seats — Amazon's normal management in 5%,
 * Microsoft's 25%, Oracle's none. At engine 12, 71%: Amazon's 13–30%, Oracle's 10–13% — a normal
 * management guided half again the pace it spent at and kept 88% of its guidance (its spending fed on
 * itself), and it judged lab contracts as if the chips were worthless when the contract ended. Amazon's
 * normal management still loses to its easy one in most games: both keep the $200B stated plan in 2026
 * (F1), and the easy one drops its guidance 30% a quarter where the normal one holds it (docs/economy.md "Levels").
 */
describe('difficulty seat by seat (each company\'s management at each level, or doing nothing, the others normal, 40 seeds a seat)', () => {
  let report: LevelsReport | null = null;
  const levels = async (): Promise<LevelsReport> =>
    (report ??= await runLevels({ scenarioId: 'capex-race-2026', quarterCount: 20, companies: TICKERS, seeds: 40, seed: 'ladder', table: 'normal', threads: 1 }));

  it('over the seven seats, normal beats easy in at least 80% of pairs and hard beats normal in at least 90%; at every seat normal beats easy in at least 30%', async () => {
    const r = await levels();
    for (const t of TICKERS) expect(r.companies[t]!.normalOverEasyBps, t).toBeGreaterThanOrEqual(3_000);
    expect(r.normalOverEasyBps).toBeGreaterThanOrEqual(8_000);
    expect(r.hardOverNormalBps).toBeGreaterThanOrEqual(9_000);
  });

  it('doing nothing (never invest) loses at every seat of a normal table: it wins at most 1 game in 14 (half a fair share) and returns less than the normal management', async () => {
    const r = await levels();
    for (const t of TICKERS) {
      const row = r.companies[t]!;
      expect(row.winsBps.nothing, t).toBeLessThanOrEqual(Math.floor(10_000 / 14));
      expect(row.returnBps.nothing, t).toBeLessThan(row.returnBps.normal);
    }
  });

  it('a seat that only says it is ready (no new spending, its licence kept) wins at most 1 game in 4 at a normal table (issue 13: Oracle standing still won 30 of 30)', async () => {
    const r = await levels();
    // Oracle's is the loosest seat here (engine 14: 17% of 60 games): its normal management builds its plan on
    // debt without the hard level's skills, and standing still lands above that par.
    for (const t of TICKERS) expect(r.companies[t]!.winsBps.ready, t).toBeLessThanOrEqual(2_500);
  });
});

/**
 * The score is fair to every seat when every seat plays its own management: the par follows the game's
 * world (how well AI paid) and the swing is how far good games go above par. Before (one par for every
 * world, the swing a standard deviation), at hard tables Apple's management — whose return does not move
 * with the world — won 23.5% of 200 games and Amazon's — the most exposed to it — 7.5%, and Amazon's score
 * rose and fell with the world (a correlation of 0.6).
 */
describe('a table of managements (150 seeded games, every seat its company\'s management, hard)', () => {
  const wins: Partial<Record<Ticker, number>> = {};
  const scores: Partial<Record<Ticker, number[]>> = {};
  const worlds: number[] = [];
  function play(): void {
    if (worlds.length > 0) return;
    for (let i = 0; i < 150; i += 1) {
      const seats = TICKERS.map((c) => ({ company: c, strategy: defaultStrategyFor(c), difficulty: 'hard' as Difficulty }));
      const r = runGame({ scenarioId: 'capex-race-2026', seed: `managements-${i}`, quarterCount: 20, seats, parLevel: 'hard' }).result;
      wins[r.ranking[0]!] = (wins[r.ranking[0]!] ?? 0) + 1;
      for (const t of TICKERS) (scores[t] ??= []).push(r.tsrBps[t]!);
      worlds.push(r.worldBps);
    }
  }
  const correlation = (xs: number[], ys: number[]): number => {
    const mx = xs.reduce((a, b) => a + b, 0) / xs.length;
    const my = ys.reduce((a, b) => a + b, 0) / ys.length;
    let sxy = 0;
    let sxx = 0;
    let syy = 0;
    xs.forEach((x, i) => {
      sxy += (x - mx) * (ys[i]! - my);
      sxx += (x - mx) ** 2;
      syy += (ys[i]! - my) ** 2;
    });
    return sxy / Math.sqrt(sxx * syy);
  };

  it('no company\'s score follows the luck of the world: |correlation with the game\'s average monetization| below 0.3', () => {
    play();
    expect(new Set(worlds).size).toBeGreaterThan(100);
    for (const t of TICKERS) expect(Math.abs(correlation(scores[t]!, worlds)), t).toBeLessThan(0.3);
  });

  it('every company wins between 8% and 22% of the games (a fair share is 1 in 7, ±2 standard errors at 150 games)', () => {
    play();
    for (const t of TICKERS) {
      expect(wins[t] ?? 0, t).toBeGreaterThanOrEqual(12);
      expect(wins[t] ?? 0, t).toBeLessThanOrEqual(33);
    }
  });
});
