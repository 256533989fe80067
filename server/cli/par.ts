/**
 * `npm run sim -- --par`: measures each company's par tables (`CompanyDef.par`, GAME.md "Game end") —
 * for each table level (easy, normal, hard) and each game length, `games` games with every seat at its
 * default strategy at that level: how the return to fundamental value of each company's own management
 * moves with the game's world (the slope of the return on the game's average monetization, least squares),
 * the median of that return with the world taken out (its par, in a world of the games' mean average
 * monetization) and how far its good games go above it (its swing: the 84th percentile less the median,
 * at least the default-length swing × √(length / default length), so that in a short game a small lead
 * does not count as a landslide, and at least the hard table's swing at that length, so that a weaker
 * management that always plays alike does not turn every small difference into a landslide). Prints the rows to paste
 * into the scenario. Bots never look at the score, so measuring the par does not change what it measures.
 * It also measures how forgiving each seat is at each level (`seatGapBps`, shared/scenarios/seat-gaps.ts):
 * the mean score, against that level's par, of the five named strategies played at normal difficulty for
 * the company while the six other seats play their managements at that level.
 */
import { defaultStrategyFor, getScenario, NAMED_STRATEGIES, scoreBpsOf, TICKERS, type Level, type Ticker } from '../../shared/index.js';
import { gamePool } from './pool.js';
import { median, percentile, slope } from './stats.js';
import type { GameSpec } from './run.js';

/** The lengths measured (those the scenario allows). */
export const PAR_LENGTHS = [4, 8, 12, 16, 20, 30, 40] as const;

/** Rows [quarters, parBps, swingBps, worldBps, worldSlopeX100] of one company at one level (`CompanyDef.par`). */
export type ParRows = [number, number, number, number, number][];

/** The measured tables: per company and level, the rows; per level and company, the seat gap. */
export interface ParReport {
  scenarioId: string;
  games: number;
  seed: string;
  seconds: number;
  companies: Partial<Record<Ticker, Record<Level, ParRows>>>;
  /** Per level, per company: the mean score (bps of a swing) of the named strategies at normal difficulty (how forgiving the seat is). */
  generic: Record<Level, Partial<Record<Ticker, number>>>;
}

/** The hard level first: the other levels' swings are floored at the hard table's. */
const MEASURE_ORDER: readonly Level[] = ['hard', 'normal', 'easy'];

/** Plays the games and measures the tables. */
export async function runPar(o: { scenarioId: string; games: number; seed: string; threads: number; progress?: (line: string) => void }): Promise<ParReport> {
  const started = process.hrtime.bigint();
  const sc = getScenario(o.scenarioId);
  const lengths = PAR_LENGTHS.filter((q) => q >= sc.minQuarters && q <= sc.maxQuarters);
  const companies = TICKERS.filter((t) => sc.companies.some((c) => c.ticker === t));
  const full = sc.defaultQuarters;
  const report: ParReport = { scenarioId: o.scenarioId, games: o.games, seed: o.seed, seconds: 0, companies: {}, generic: { easy: {}, normal: {}, hard: {} } };
  const pool = gamePool(o.threads);
  try {
    for (const level of MEASURE_ORDER) {
      const measured: Record<number, Partial<Record<Ticker, { par: number; swing: number; world: number; slopeX100: number }>>> = {};
      for (const q of lengths) {
        // The hard level keeps the seeds it was always measured on (its table did not move when levels came in).
        const specs: GameSpec[] = Array.from({ length: o.games }, (_, i) => ({
          scenarioId: o.scenarioId, seed: level === 'hard' ? `${o.seed}-${q}-${i}` : `${o.seed}-${level}-${q}-${i}`, quarterCount: q, parLevel: level,
          seats: companies.map((t) => ({ company: t, strategy: defaultStrategyFor(t), difficulty: level })),
        }));
        const results = await pool.run(specs);
        measured[q] = {};
        // The par of a game of q quarters is what the score shown while a game runs is measured against: the bell's.
        const worlds = results.map((r) => r.bellWorldBps);
        const world = Math.round(worlds.reduce((a, b) => a + b, 0) / Math.max(1, worlds.length));
        for (const t of companies) {
          const xs = results.map((r) => r.bellReturnsBps[t] ?? 0);
          const slopeX100 = Math.round(slope(xs, worlds) * 100);
          // Each game's return as if its world had been the average one.
          const adjusted = xs.map((x, i) => x - Math.round((((worlds[i] as number) - world) * slopeX100) / 100));
          const par = median(adjusted);
          measured[q]![t] = { par, swing: percentile(adjusted, 0.84) - par, world, slopeX100 };
        }
        o.progress?.(`par: ${level} tables, ${q} quarters measured (${o.games} games)`);
      }
      for (const t of companies) {
        const fullSwing = measured[full]?.[t]?.swing ?? 0;
        const hardRows = report.companies[t]?.hard ?? [];
        const rows: ParRows = lengths.map((q) => {
          const m = measured[q]![t]!;
          const hardSwing = level === 'hard' ? 0 : (hardRows.find((r) => r[0] === q)?.[2] ?? 0);
          return [q, m.par, Math.max(1, m.swing, hardSwing, Math.floor((fullSwing * Math.floor(Math.sqrt(Math.floor((q * 1_000_000) / full)))) / 1_000)), m.world, m.slopeX100];
        });
        report.companies[t] = { ...(report.companies[t] ?? { easy: [], normal: [], hard: [] }), [level]: rows };
      }
    }
    // How forgiving each seat is at each level: the named strategies at normal difficulty, scored against that level's par.
    const perStrategy = Math.max(4, Math.floor(o.games / 10));
    for (const level of MEASURE_ORDER) {
      for (const t of companies) {
        const table = report.companies[t]![level];
        const specs: GameSpec[] = NAMED_STRATEGIES.flatMap((strategy) => Array.from({ length: perStrategy }, (_, i) => ({
          scenarioId: o.scenarioId, seed: level === 'hard' ? `${o.seed}-generic-${t}-${strategy}-${i}` : `${o.seed}-generic-${level}-${t}-${strategy}-${i}`, quarterCount: full, parLevel: level,
          seats: companies.map((c) => (c === t ? { company: c, strategy, difficulty: 'normal' as const } : { company: c, strategy: defaultStrategyFor(c), difficulty: level })),
        })));
        const results = await pool.run(specs);
        const scores = results.map((r) => scoreBpsOf(r.returnsBps[t] ?? 0, table, full, r.worldBps));
        report.generic[level][t] = Math.round(scores.reduce((a, b) => a + b, 0) / Math.max(1, scores.length));
      }
      o.progress?.(`par: how forgiving each seat is at ${level} tables, measured (${perStrategy} games per named strategy)`);
    }
  } finally {
    await pool.close();
  }
  report.seconds = Math.round(Number(process.hrtime.bigint() - started) / 1e7) / 100;
  return report;
}

/** The report as the lines to paste: the scenario's `par` per company, then the seat gaps (seat-gaps.ts). */
export function parTable(r: ParReport): string {
  const lines = [`Par by table level and game length: ${r.games} games per length, every seat its default strategy at the level, seed "${r.seed}" (${r.seconds} s)`, ''];
  const rows = (x: ParRows): string => `[${x.map((row) => `[${row.join(', ')}]`).join(', ')}]`;
  for (const [t, levels] of Object.entries(r.companies)) lines.push(`${t.padEnd(6)} par: { hard: ${rows(levels!.hard)}, normal: ${rows(levels!.normal)}, easy: ${rows(levels!.easy)} },`);
  const gaps = (level: Level): string => `{ ${Object.entries(r.generic[level]).map(([t, g]) => `${t}: ${g}`).join(', ')} }`;
  lines.push('', `seat gaps (shared/scenarios/seat-gaps.ts): { hard: ${gaps('hard')}, normal: ${gaps('normal')}, easy: ${gaps('easy')} }`);
  return lines.join('\n');
}
