/**
 * `npm run sim -- --par`: measures each company's par table (`CompanyDef.par`, GAME.md "Game end") —
 * for each game length, `games` games with every seat at its default hard strategy: the median return
 * to fundamental value of each company's own management (its par) and the spread of that return (its
 * swing: the standard deviation, at least the default-length swing × √(length / default length), so
 * that in a short game a small lead does not count as a landslide). Prints the rows to paste into the
 * scenario. Bots never look at the score, so measuring the par does not change what it measures.
 */
import { defaultStrategyFor, getScenario, TICKERS, type Ticker } from '../../shared/index.js';
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
  const report: ParReport = { scenarioId: o.scenarioId, games: o.games, seed: o.seed, seconds: 0, companies: {} };
  for (const t of companies) {
    const fullSd = measured[full]?.[t]?.sd ?? 0;
    report.companies[t] = lengths.map((q) => {
      const m = measured[q]![t]!;
      return [q, m.par, Math.max(m.sd, Math.floor((fullSd * Math.floor(Math.sqrt(Math.floor((q * 1_000_000) / full)))) / 1_000))];
    });
  }
  report.seconds = Math.round(Number(process.hrtime.bigint() - started) / 1e7) / 100;
  return report;
}

/** The report as the scenario's lines (`par: [[quarters, par, swing], …]` per company). */
export function parTable(r: ParReport): string {
  const lines = [`Par by game length: ${r.games} games per length, every seat its default hard strategy, seed "${r.seed}" (${r.seconds} s)`, ''];
  for (const [t, rows] of Object.entries(r.companies)) lines.push(`${t.padEnd(6)} par: [${rows!.map((x) => `[${x.join(', ')}]`).join(', ')}],`);
  return lines.join('\n');
}
