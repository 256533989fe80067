/**
 * `npm run sim -- --levels`: the difficulty levels seat by seat (docs/balance.md "Levels, seat by seat").
 * For each company, on the same seeds, its own management plays the seat at each level — or the seat only
 * says it is ready (the server's default orders: from the start, no new spending), or does nothing at all (the
 * never-invest baseline, which also drops its model licence) — while the six other seats play their managements at the table's
 * level, scored against that level's par. On one seed the four games differ only in how the seat is
 * played, so comparing them pair by pair measures the level alone: how often normal beats easy and hard
 * beats normal (GAME.md "Bots"), and, as win rates at that table, how much skill is worth at each seat
 * (a player who plays as well as the hard management) and whether doing nothing wins (it must not).
 */
import { defaultStrategyFor, getScenario, TICKERS, type Difficulty, type Ticker } from '../../shared/index.js';
import { gamePool } from './pool.js';
import { mean, percent as pct, points as pts } from './stats.js';
import type { GameResult, GameSpec, SeatPlan } from './run.js';

/** How the studied seat is played: its management at a level, only saying it is ready, or nothing at all. */
export const LEVEL_PLANS = ['easy', 'normal', 'hard', 'ready', 'nothing'] as const;
export type LevelPlan = (typeof LEVEL_PLANS)[number];

/** One company's row: per plan, its mean return, mean score and share of games won; and the pairwise ladder. */
export interface SeatLevels {
  /** Mean return to fundamental value (bps). */
  returnBps: Record<LevelPlan, number>;
  /** Mean final score (bps of a swing, against the table's par). */
  scoreBps: Record<LevelPlan, number>;
  /** Share of the games the seat finished first (bps). */
  winsBps: Record<LevelPlan, number>;
  /** Share of the seeds where the normal management returned more than the easy one (bps). */
  normalOverEasyBps: number;
  /** … where the hard management returned more than the normal one (bps). */
  hardOverNormalBps: number;
  /** Each seed's return per plan (bps), in seed order: what the shares above are counted from. */
  returns: Record<LevelPlan, number[]>;
}

/** What a seat study's report says of how it was played (`--levels`, `--ablate`). */
export interface SeatStudyHeader {
  scenarioId: string;
  /** The level the six other seats play at, and whose par the scores are against. */
  table: Difficulty;
  seeds: number;
  seed: string;
  quarterCount: number;
  seconds: number;
}

export interface LevelsReport extends SeatStudyHeader {
  companies: Partial<Record<Ticker, SeatLevels>>;
  /** Over the companies studied, the share of seed pairs where normal beat easy and hard beat normal (bps). */
  normalOverEasyBps: number;
  hardOverNormalBps: number;
}

/** The seat plan of the studied company for one plan. */
function studied(company: Ticker, plan: LevelPlan): SeatPlan {
  if (plan === 'nothing') return { company, strategy: 'neverInvest', difficulty: 'normal' };
  if (plan === 'ready') return { company, strategy: defaultStrategyFor(company), difficulty: 'normal', readyOnly: true };
  return { company, strategy: defaultStrategyFor(company), difficulty: plan };
}

/** A record with one value per plan. */
function perPlan<T>(f: (p: LevelPlan) => T): Record<LevelPlan, T> {
  return Object.fromEntries(LEVEL_PLANS.map((p) => [p, f(p)])) as Record<LevelPlan, T>;
}

const shareBps = (count: number, of: number): number => Math.round((count * 10_000) / Math.max(1, of));

/** A seat study's table: the companies seated, their level, the game length and the seeds. */
export interface SeatStudyOptions {
  scenarioId: string; quarterCount: number; companies: readonly Ticker[]; seeds: number; seed: string; table: Difficulty; threads: number;
}

/**
 * Plays a seat study (`--levels`, `--ablate`): for each company seated, on seeds `${seed}-i` (the same for every
 * company and plan), the company's seat played by each plan (`studied`) while the other seats play their
 * managements at the table's level, scored against that level's par. Returns the companies seated and, per
 * company and plan, its games in seed order.
 */
export async function playSeatStudy<P extends string>(o: SeatStudyOptions, plans: readonly P[], studied: (company: Ticker, plan: P) => SeatPlan): Promise<{ seated: Ticker[]; games: Partial<Record<Ticker, Record<P, GameResult[]>>> }> {
  const sc = getScenario(o.scenarioId);
  const seated = TICKERS.filter((t) => sc.companies.some((c) => c.ticker === t) && o.companies.includes(t));
  const specs: GameSpec[] = [];
  for (const t of seated) {
    for (const plan of plans) {
      for (let i = 0; i < o.seeds; i += 1) {
        specs.push({
          scenarioId: o.scenarioId, seed: `${o.seed}-${i}`, quarterCount: o.quarterCount, parLevel: o.table,
          seats: seated.map((c) => (c === t ? studied(c, plan) : { company: c, strategy: defaultStrategyFor(c), difficulty: o.table })),
        });
      }
    }
  }
  const pool = gamePool(o.threads);
  let results: GameResult[];
  try {
    results = await pool.run(specs);
  } finally {
    await pool.close();
  }
  const games: Partial<Record<Ticker, Record<P, GameResult[]>>> = {};
  let next = 0;
  for (const t of seated) {
    const byPlan = {} as Record<P, GameResult[]>;
    for (const plan of plans) {
      byPlan[plan] = results.slice(next, next + o.seeds);
      next += o.seeds;
    }
    games[t] = byPlan;
  }
  return { seated, games };
}

/** Plays the games (seed i of company t: `${seed}-${i}`, the same seeds for every company and plan) and measures the levels. */
export async function runLevels(o: SeatStudyOptions): Promise<LevelsReport> {
  const started = process.hrtime.bigint();
  const { seated, games: played } = await playSeatStudy(o, LEVEL_PLANS, studied);
  const report: LevelsReport = { scenarioId: o.scenarioId, table: o.table, seeds: o.seeds, seed: o.seed, quarterCount: o.quarterCount, seconds: 0, companies: {}, normalOverEasyBps: 0, hardOverNormalBps: 0 };
  let normalOverEasy = 0;
  let hardOverNormal = 0;
  for (const t of seated) {
    const returns = {} as Record<LevelPlan, number[]>;
    const scores = {} as Record<LevelPlan, number[]>;
    const wins = {} as Record<LevelPlan, number>;
    for (const plan of LEVEL_PLANS) {
      const games = played[t]![plan];
      returns[plan] = games.map((r) => r.returnsBps[t] ?? 0);
      scores[plan] = games.map((r) => r.tsrBps[t] ?? 0);
      wins[plan] = games.filter((r) => r.ranking[0] === t).length;
    }
    const ne = returns.normal.filter((x, i) => x > returns.easy[i]!).length;
    const hn = returns.hard.filter((x, i) => x > returns.normal[i]!).length;
    normalOverEasy += ne;
    hardOverNormal += hn;
    report.companies[t] = {
      returnBps: perPlan((p) => mean(returns[p])),
      scoreBps: perPlan((p) => mean(scores[p])),
      winsBps: perPlan((p) => shareBps(wins[p], o.seeds)),
      normalOverEasyBps: shareBps(ne, o.seeds),
      hardOverNormalBps: shareBps(hn, o.seeds),
      returns,
    };
  }
  report.normalOverEasyBps = shareBps(normalOverEasy, seated.length * o.seeds);
  report.hardOverNormalBps = shareBps(hardOverNormal, seated.length * o.seeds);
  report.seconds = Math.round(Number(process.hrtime.bigint() - started) / 1e7) / 100;
  return report;
}

/** The report without the per-seed returns (what `--summary` keeps and docs/balance/levels.json holds). */
export function levelsSummary(r: LevelsReport): LevelsReport {
  const companies: LevelsReport['companies'] = {};
  for (const [t, row] of Object.entries(r.companies) as [Ticker, SeatLevels][]) {
    companies[t] = { ...row, returns: perPlan(() => []) };
  }
  return { ...r, companies };
}

/** A readable table of the report. */
export function levelsTable(r: LevelsReport): string {
  const lines = [
    `Levels seat by seat at ${r.table === 'easy' ? 'an' : 'a'} ${r.table} table: the company's management at each level, or the seat only saying it is ready (no new spending), or doing nothing (never invest), the six other seats their ${r.table} managements; ${r.seeds} seeds "${r.seed}-i", ${r.quarterCount} quarters (${r.seconds} s)`,
    '',
    'company  normal>easy  hard>normal   return: easy   normal    hard   ready  nothing    wins: easy  normal  hard  ready  nothing',
  ];
  for (const [t, row] of Object.entries(r.companies) as [Ticker, SeatLevels][]) {
    const ret = LEVEL_PLANS.map((p) => pts(row.returnBps[p]).padStart(p === 'easy' ? 14 : 8)).join('');
    const wins = LEVEL_PLANS.map((p) => pct(row.winsBps[p]).padStart(p === 'easy' ? 12 : p === 'nothing' ? 9 : p === 'ready' ? 7 : 6)).join('');
    lines.push(`${t.padEnd(7)} ${pct(row.normalOverEasyBps).padStart(12)} ${pct(row.hardOverNormalBps).padStart(12)}${ret}${wins}`);
  }
  lines.push('', `over the seats: normal beats easy in ${pct(r.normalOverEasyBps)} of seed pairs, hard beats normal in ${pct(r.hardOverNormalBps)}`);
  if (r.table !== 'hard') {
    const skill = (Object.entries(r.companies) as [Ticker, SeatLevels][]).map(([t, row]) => `${t}: ${row.winsBps.hard}`).join(', ');
    lines.push(`seat skill at ${r.table} tables (shared/scenarios/seat-gaps.ts, with --seed ladder): { ${skill} }`);
  }
  return lines.join('\n');
}
