/**
 * `npm run sim -- --par`: measures each company's par table (`CompanyDef.par`, GAME.md "Game end") —
 * for each game length, `games` games with every seat at its default hard strategy: the median return
 * to fundamental value of each company's own management (its par) and the spread of that return (its
 * swing: the standard deviation, at least the default-length swing × √(length / default length), so
 * that in a short game a small lead does not count as a landslide). Prints the rows to paste into the
 * scenario. Bots never look at the score, so measuring the par does not change what it measures.
 * It also measures how forgiving each seat is (`seatGapBps`, shared/scenarios/seat-gaps.ts): the mean score, against the
 * par just measured, of the five named strategies played at normal difficulty for the company while the
 * six other seats play their hard managements.
 */
import { defaultStrategyFor, getScenario, NAMED_STRATEGIES, scoreBpsOf, TICKERS, type Ticker } from '../../shared/index.js';
import { gamePool } from './pool.js';
import { median, sd } from './stats.js';
import type { GameSpec } from './run.js';

/** The lengths measured (those the scenario allows). */
export const PAR_LENGTHS = [4, 8, 12, 16, 20, 30, 40] as const;

/** The measured table: per company, rows [quarters, parBps, swingBps]. */
export interface ParReport {
  scenarioId: string;
  games: number;
  seed: string;
  seconds: number;
  companies: Partial<Record<Ticker, [number, number, number][]>>;
  /** Per company: the mean score (bps of a swing) of the named strategies at normal difficulty (how forgiving the seat is). */
  generic: Partial<Record<Ticker, number>>;
}


/** Plays the games and measures the table. */
export async function runPar(o: { scenarioId: string; games: number; seed: string; threads: number; progress?: (line: string) => void }): Promise<ParReport> {
  const started = process.hrtime.bigint();
  const sc = getScenario(o.scenarioId);
  const lengths = PAR_LENGTHS.filter((q) => q >= sc.minQuarters && q <= sc.maxQuarters);
  const companies = TICKERS.filter((t) => sc.companies.some((c) => c.ticker === t));
  const measured: Record<number, Partial<Record<Ticker, { par: number; sd: number }>>> = {};
  const pool = gamePool(o.threads);
  try {
    for (const q of lengths) {
      const specs: GameSpec[] = Array.from({ length: o.games }, (_, i) => ({
        scenarioId: o.scenarioId, seed: `${o.seed}-${q}-${i}`, quarterCount: q,
        seats: companies.map((t) => ({ company: t, strategy: defaultStrategyFor(t), difficulty: 'hard' as const })),
      }));
      const results = await pool.run(specs);
      measured[q] = {};
      for (const t of companies) {
        const xs = results.map((r) => r.returnsBps[t] ?? 0);
        measured[q]![t] = { par: median(xs), sd: sd(xs) };
      }
      o.progress?.(`par: ${q} quarters measured (${o.games} games)`);
    }
  } finally {
    await pool.close();
  }
  const full = sc.defaultQuarters;
  const report: ParReport = { scenarioId: o.scenarioId, games: o.games, seed: o.seed, seconds: 0, companies: {}, generic: {} };
  for (const t of companies) {
    const fullSd = measured[full]?.[t]?.sd ?? 0;
    report.companies[t] = lengths.map((q) => {
      const m = measured[q]![t]!;
      return [q, m.par, Math.max(m.sd, Math.floor((fullSd * Math.floor(Math.sqrt(Math.floor((q * 1_000_000) / full)))) / 1_000))];
    });
  }
  // How forgiving each seat is: the named strategies at normal difficulty, scored against the par just measured.
  const perStrategy = Math.max(4, Math.floor(o.games / 10));
  const genericPool = gamePool(o.threads);
  try {
    for (const t of companies) {
      const row = report.companies[t]!.find((r) => r[0] === full);
      if (!row) continue;
      const specs: GameSpec[] = NAMED_STRATEGIES.flatMap((strategy) => Array.from({ length: perStrategy }, (_, i) => ({
        scenarioId: o.scenarioId, seed: `${o.seed}-generic-${t}-${strategy}-${i}`, quarterCount: full,
        seats: companies.map((c) => (c === t ? { company: c, strategy, difficulty: 'normal' as const } : { company: c, strategy: defaultStrategyFor(c), difficulty: 'hard' as const })),
      })));
      const results = await genericPool.run(specs);
      const scores = results.map((r) => scoreBpsOf(r.returnsBps[t] ?? 0, { par: report.companies[t]! }, full));
      report.generic[t] = Math.round(scores.reduce((a, b) => a + b, 0) / Math.max(1, scores.length));
    }
    o.progress?.(`par: how forgiving each seat is, measured (${perStrategy} games per named strategy)`);
  } finally {
    await genericPool.close();
  }
  report.seconds = Math.round(Number(process.hrtime.bigint() - started) / 1e7) / 100;
  return report;
}

/** The report as the lines to paste: the scenario's `par` per company, then the seat gaps (seat-gaps.ts). */
export function parTable(r: ParReport): string {
  const lines = [`Par by game length: ${r.games} games per length, every seat its default hard strategy, seed "${r.seed}" (${r.seconds} s)`, ''];
  for (const [t, rows] of Object.entries(r.companies)) lines.push(`${t.padEnd(6)} par: [${rows!.map((x) => `[${x.join(', ')}]`).join(', ')}],`);
  lines.push('', `seat gaps (shared/scenarios/seat-gaps.ts): { ${Object.entries(r.generic).map(([t, g]) => `${t}: ${g}`).join(', ')} }`);
  return lines.join('\n');
}
