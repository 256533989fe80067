/**
 * The `--json` summary of a batch (issue 3): games, seconds, per-strategy and per-company wins,
 * per-difficulty standing and head-to-head, and (unless `--summary`) every game's result.
 * Built from results in game order, so it never depends on how many threads ran them.
 */
import { DIFFICULTIES, type Difficulty } from '../../shared/index.js';
import type { GameResult } from './run.js';

/** Wins of one strategy. */
export interface StrategyStats { games: number; wins: number; winRate: number; meanRank: number }
/** One difficulty against another: seat pairs in the same game, and how often the first ranked higher. */
export interface HeadToHead { pairs: number; firstAhead: number; rate: number }

/** The machine-readable summary printed by `--json`. */
export interface Summary {
  games: number;
  seconds: number;
  strategies: Record<string, StrategyStats>;
  companies: Record<string, { games: number; wins: number }>;
  difficulties: Record<string, StrategyStats>;
  headToHead: Record<string, HeadToHead>;
  results?: { seed: string; finalHash: string; ranking: string[]; tsrBps: Record<string, number>; seats: Record<string, string> }[];
}

const rate = (wins: number, games: number): number => (games > 0 ? Math.round((wins * 10_000) / games) / 10_000 : 0);

/** Aggregates results (in game order) into the summary. */
export function summarize(results: readonly GameResult[], seconds: number, withResults: boolean): Summary {
  const strat: Record<string, { games: number; wins: number; rankSum: number; seats: number }> = {};
  const comp: Record<string, { games: number; wins: number }> = {};
  const diff: Record<string, { games: number; wins: number; rankSum: number; seats: number }> = {};
  const h2h: Record<string, { pairs: number; firstAhead: number }> = {};
  for (const r of results) {
    const winner = r.ranking[0];
    const seen = new Set<string>();
    const seenDiff = new Set<string>();
    for (const seat of r.seats) {
      const rank = r.ranking.indexOf(seat.company) + 1;
      const s = (strat[seat.strategy] ??= { games: 0, wins: 0, rankSum: 0, seats: 0 });
      s.rankSum += rank;
      s.seats += 1;
      if (!seen.has(seat.strategy)) s.games += 1;
      if (seat.company === winner) s.wins += 1;
      seen.add(seat.strategy);
      const d = (diff[seat.difficulty] ??= { games: 0, wins: 0, rankSum: 0, seats: 0 });
      d.rankSum += rank;
      d.seats += 1;
      if (!seenDiff.has(seat.difficulty)) d.games += 1;
      if (seat.company === winner) d.wins += 1;
      seenDiff.add(seat.difficulty);
      const c = (comp[seat.company] ??= { games: 0, wins: 0 });
      c.games += 1;
      if (seat.company === winner) c.wins += 1;
    }
    for (const a of r.seats) {
      for (const b of r.seats) {
        if (DIFFICULTIES.indexOf(a.difficulty) <= DIFFICULTIES.indexOf(b.difficulty)) continue;
        const key = `${a.difficulty}>${b.difficulty}`;
        const h = (h2h[key] ??= { pairs: 0, firstAhead: 0 });
        h.pairs += 1;
        if (r.ranking.indexOf(a.company) < r.ranking.indexOf(b.company)) h.firstAhead += 1;
      }
    }
  }
  const stats = (x: { games: number; wins: number; rankSum: number; seats: number }): StrategyStats => ({
    games: x.games, wins: x.wins, winRate: rate(x.wins, x.games), meanRank: x.seats > 0 ? Math.round((x.rankSum * 100) / x.seats) / 100 : 0,
  });
  const sortKeys = <T>(rec: Record<string, T>): Record<string, T> => Object.fromEntries(Object.keys(rec).sort().map((k) => [k, rec[k]!]));
  const out: Summary = {
    games: results.length,
    seconds: Math.round(seconds * 1_000) / 1_000,
    strategies: sortKeys(Object.fromEntries(Object.entries(strat).map(([k, v]) => [k, stats(v)]))),
    companies: sortKeys(comp),
    difficulties: sortKeys(Object.fromEntries(Object.entries(diff).map(([k, v]) => [k as Difficulty, stats(v)]))),
    headToHead: sortKeys(Object.fromEntries(Object.entries(h2h).map(([k, v]) => [k, { ...v, rate: rate(v.firstAhead, v.pairs) }]))),
  };
  if (withResults) {
    out.results = results.map((r) => ({
      seed: r.seed, finalHash: r.finalHash, ranking: r.ranking, tsrBps: r.tsrBps as Record<string, number>,
      seats: Object.fromEntries(r.seats.map((s) => [s.company, `${s.strategy}/${s.difficulty}`])),
    }));
  }
  return out;
}
