/**
 * `--search`: an adversarial search for one seat (issue 13, docs/balance.md). For each company, the
 * cross-entropy method looks for the policy of the searched family (shared/bots/policy.ts) that wins
 * most often against hard bots on a set of fitting seeds; the best policies found are then reported on
 * held-out seeds, next to the named bot strategies in the same seat. Finally the best policy's orders
 * are recorded on one seed and replayed, unchanged (open loop), on the held-out seeds: a fixed script
 * that wins everywhere would show there.
 */
import { defaultStrategyFor, GENE_COUNT, NAMED_STRATEGIES, POLICY_GENES, streamFor, TICKERS, type BotStrategyId, type Difficulty, type Orders, type PolicyGenes, type Ticker } from '../../shared/index.js';
import { gamePool, type GamePool } from './pool.js';
import type { GameResult, GameSpec, SeatPlan } from './run.js';

/** The search's sizes. */
export type SearchMode = 'quick' | 'medium' | 'full' | 'deep';

/** How big a search is. */
export interface SearchSize {
  population: number;
  iterations: number;
  restarts: number;
  elite: number;
  fitSeeds: number;
  heldOutSeeds: number;
  /** Seeds the best policy's orders are recorded on (each replayed open-loop on the held-out seeds). */
  scriptSeeds: number;
}

/**
 * The quick mode (fits in CI) and the full mode (the figures in docs/balance.md). The full mode's
 * held-out seeds decide targets of 35% and 30% at the margin: with 150 seeds a rate near 35% is known
 * within ±3.9 points (one standard error), and Oracle's best policy on the seed "o4" won 37.3% of its
 * 150 held-out games but 26.2% of 600 others (its scripts 32% and at most 22.7%). With 600 seeds, ±1.9.
 */
export const SEARCH_SIZES: Readonly<Record<SearchMode, SearchSize>> = {
  quick: { population: 6, iterations: 2, restarts: 1, elite: 2, fitSeeds: 2, heldOutSeeds: 4, scriptSeeds: 1 },
  medium: { population: 16, iterations: 6, restarts: 1, elite: 4, fitSeeds: 6, heldOutSeeds: 60, scriptSeeds: 1 },
  full: { population: 32, iterations: 10, restarts: 2, elite: 6, fitSeeds: 8, heldOutSeeds: 600, scriptSeeds: 3 },
  // Fitted on four times the seeds: a policy that wins 3 of 8 by luck is not picked over a better one
  // (for the loosest seats, with --search-for: ~1.5 min a seat on 2 cores).
  deep: { population: 32, iterations: 10, restarts: 2, elite: 6, fitSeeds: 32, heldOutSeeds: 600, scriptSeeds: 3 },
};

/** What one policy (or bot) did over a set of seeds. */
export interface SeatRecord {
  games: number;
  wins: number;
  winRate: number;
  meanRank: number;
  /** Mean of (own score − best rival's score), bps. */
  meanMarginBps: number;
}

/** The search's findings for one company. */
export interface CompanySearch {
  best: { genes: Record<string, number>; fit: SeatRecord; heldOut: SeatRecord };
  /** The named strategies (hard) in the same seat, on the held-out seeds. */
  bots: Record<string, SeatRecord>;
  /** The best policy's orders recorded on a seed and replayed open-loop on the held-out seeds. */
  openLoop: { recordedOn: string; heldOut: SeatRecord }[];
  /** Fitness of the best candidate after each iteration (all restarts in order). */
  trace: number[];
}

/** The whole report. */
export interface SearchReport {
  mode: SearchMode;
  seed: string;
  quarterCount: number;
  /** The table's level: the rivals' difficulty and the par the scores are measured against (absent in older reports: hard). */
  level?: Difficulty;
  size: SearchSize;
  seconds: number;
  games: number;
  companies: Partial<Record<Ticker, CompanySearch>>;
}

/** Options of a search run. */
export interface SearchOptions {
  mode: SearchMode;
  scenarioId: string;
  quarterCount: number;
  /** The companies seated in every game. */
  companies: Ticker[];
  /** The companies whose seat is searched (default: all of `companies`). */
  searchFor?: Ticker[];
  seed: string;
  threads: number;
  /** The table's level: the six rivals play their managements at it, and scores are against its par (default hard). */
  level?: Difficulty;
  progress?: (line: string) => void;
}

/** Scores one seat over finished games. */
export function seatRecord(results: readonly GameResult[], seat: Ticker): SeatRecord {
  let wins = 0;
  let rankSum = 0;
  let margin = 0;
  for (const r of results) {
    if (r.ranking[0] === seat) wins += 1;
    rankSum += r.ranking.indexOf(seat) + 1;
    const own = r.tsrBps[seat] ?? 0;
    let best = Number.NEGATIVE_INFINITY;
    for (const t of r.ranking) if (t !== seat) best = Math.max(best, r.tsrBps[t] ?? 0);
    margin += own - (Number.isFinite(best) ? best : own);
  }
  const n = Math.max(1, results.length);
  return { games: results.length, wins, winRate: round4(wins / n), meanRank: round2(rankSum / n), meanMarginBps: Math.round(margin / n) };
}

/**
 * The search's objective: wins first, the margin over the best rival's score breaking ties. The margin
 * counts up to two swings either way (scores are in swings: 10,000 bps = one), so a policy far behind
 * still sees which way is up.
 */
export function fitnessOf(results: readonly GameResult[], seat: Ticker): number {
  let total = 0;
  for (const r of results) {
    const own = r.tsrBps[seat] ?? 0;
    let best = Number.NEGATIVE_INFINITY;
    for (const t of r.ranking) if (t !== seat) best = Math.max(best, r.tsrBps[t] ?? 0);
    const margin = Number.isFinite(best) ? own - best : 0;
    total += (r.ranking[0] === seat ? 1 : 0) + 0.25 * Math.max(-1, Math.min(1, margin / 20_000));
  }
  return total / Math.max(1, results.length);
}

const round2 = (x: number): number => Math.round(x * 100) / 100;
const round4 = (x: number): number => Math.round(x * 10_000) / 10_000;

/** A normal draw from two uniform ones (Box–Muller; the search runs outside the engine). */
function normal(u1: number, u2: number): number {
  return Math.sqrt(-2 * Math.log(Math.max(1e-12, u1))) * Math.cos(2 * Math.PI * u2);
}

/** One cross-entropy population around `mean` with spread `sd` (genes clipped to 0–1,000). */
export function samplePopulation(mean: readonly number[], sd: readonly number[], n: number, seed: string, step: number): number[][] {
  const rng = streamFor(seed, step, 'search-sample');
  const u = (): number => (rng.nextU32() + 0.5) / 4_294_967_296;
  const out: number[][] = [mean.map((m) => Math.round(m))];
  while (out.length < n) out.push(mean.map((m, i) => Math.max(0, Math.min(1_000, Math.round(m + (sd[i] ?? 0) * normal(u(), u()))))));
  return out;
}

/** The next mean and spread from the elite (smoothed; a floor keeps the search exploring). */
export function refit(mean: readonly number[], sd: readonly number[], elite: readonly (readonly number[])[]): { mean: number[]; sd: number[] } {
  const m: number[] = [];
  const s: number[] = [];
  for (let i = 0; i < mean.length; i += 1) {
    const xs = elite.map((e) => e[i] ?? 0);
    const mu = xs.reduce((a, b) => a + b, 0) / Math.max(1, xs.length);
    const v = xs.reduce((a, b) => a + (b - mu) * (b - mu), 0) / Math.max(1, xs.length);
    m.push(0.3 * (mean[i] ?? 0) + 0.7 * mu);
    s.push(Math.max(25, 0.3 * (sd[i] ?? 0) + 0.7 * Math.sqrt(v)));
  }
  return { mean: m, sd: s };
}

/** The seats of a game: `seat` played by `plan`, every other company by its default strategy at `level`. */
function seatsWith(companies: readonly Ticker[], seat: Ticker, plan: Partial<SeatPlan>, level: Difficulty): SeatPlan[] {
  return companies.map((t) => (t === seat ? { company: t, strategy: defaultStrategyFor(t), difficulty: level, ...plan } : { company: t, strategy: defaultStrategyFor(t), difficulty: level }));
}

/** Genes as a record by name (for reports). */
export function genesByName(genes: PolicyGenes): Record<string, number> {
  return Object.fromEntries(POLICY_GENES.map(([name], i) => [name, genes[i] ?? 0]));
}

/** Runs the search. */
export async function runSearch(o: SearchOptions): Promise<SearchReport> {
  const size = SEARCH_SIZES[o.mode];
  const started = process.hrtime.bigint();
  const pool: GamePool = gamePool(o.threads);
  let games = 0;
  const seedsOf = (kind: string, t: Ticker, n: number): string[] => Array.from({ length: n }, (_, k) => `${o.seed}-${kind}-${t}-${k}`);
  const level = o.level ?? 'hard';
  const spec = (seed: string, seats: SeatPlan[], extra: Partial<GameSpec> = {}): GameSpec => ({ scenarioId: o.scenarioId, seed, quarterCount: o.quarterCount, seats, parLevel: level, ...extra });
  const play = async (specs: GameSpec[]): Promise<GameResult[]> => {
    games += specs.length;
    return pool.run(specs);
  };
  const report: SearchReport = { mode: o.mode, seed: o.seed, quarterCount: o.quarterCount, level, size, seconds: 0, games: 0, companies: {} };
  try {
    for (const seat of o.searchFor ?? o.companies) {
      const fit = seedsOf('fit', seat, size.fitSeeds);
      const held = seedsOf('test', seat, size.heldOutSeeds);
      const evaluate = async (pop: readonly PolicyGenes[], seeds: readonly string[]): Promise<GameResult[][]> => {
        const specs = pop.flatMap((g) => seeds.map((sd) => spec(sd, seatsWith(o.companies, seat, { policy: g }, level))));
        const res = await play(specs);
        return pop.map((_, i) => res.slice(i * seeds.length, (i + 1) * seeds.length));
      };
      let best: { genes: number[]; fitness: number; results: GameResult[] } | null = null;
      const trace: number[] = [];
      for (let restart = 0; restart < size.restarts; restart += 1) {
        // The first restart starts in the middle of every range; later ones from a random point.
        const start = streamFor(o.seed, restart, `search-start-${seat}`);
        let mean = restart === 0 ? POLICY_GENES.map(() => 500) : POLICY_GENES.map(() => start.int(1_001));
        let sd = POLICY_GENES.map(() => 300);
        for (let it = 0; it < size.iterations; it += 1) {
          const pop = samplePopulation(mean, sd, size.population, `${o.seed}-${seat}`, restart * 1_000 + it);
          if (best) pop.push(best.genes);
          const results = await evaluate(pop, fit);
          const scored = pop.map((g, i) => ({ genes: g, fitness: fitnessOf(results[i]!, seat), results: results[i]! }));
          scored.sort((a, b) => b.fitness - a.fitness);
          if (!best || scored[0]!.fitness > best.fitness) best = scored[0]!;
          trace.push(round4(best.fitness));
          ({ mean, sd } = refit(mean, sd, scored.slice(0, size.elite).map((x) => x.genes)));
          o.progress?.(`${seat} restart ${restart + 1}/${size.restarts} iteration ${it + 1}/${size.iterations}: best fitness ${best.fitness.toFixed(3)} (wins ${seatRecord(best.results, seat).wins}/${fit.length})`);
        }
      }
      const bestGenes = best!.genes;
      const [heldRes] = await evaluate([bestGenes], held);
      // The named strategies in the same seat, for comparison.
      const bots: Record<string, SeatRecord> = {};
      const strategies: BotStrategyId[] = [...NAMED_STRATEGIES];
      const botRes = await play(strategies.flatMap((st) => held.map((sd) => spec(sd, seatsWith(o.companies, seat, { strategy: st }, level)))));
      strategies.forEach((st, i) => {
        bots[st] = seatRecord(botRes.slice(i * held.length, (i + 1) * held.length), seat);
      });
      // Open-loop scripts: the best policy's orders recorded on a seed, replayed unchanged elsewhere.
      const openLoop: CompanySearch['openLoop'] = [];
      for (const recordedOn of seedsOf('script', seat, size.scriptSeeds)) {
        const [rec] = await play([spec(recordedOn, seatsWith(o.companies, seat, { policy: bestGenes }, level), { record: seat })]);
        const script: NonNullable<GameSpec['scripted']> = {};
        (rec!.recorded ?? []).forEach((orders: Orders, q: number) => {
          script[q] = { [seat]: orders };
        });
        const res = await play(held.map((sd) => spec(sd, seatsWith(o.companies, seat, {}, level), { scripted: script })));
        openLoop.push({ recordedOn, heldOut: seatRecord(res, seat) });
      }
      report.companies[seat] = { best: { genes: genesByName(bestGenes), fit: seatRecord(best!.results, seat), heldOut: seatRecord(heldRes!, seat) }, bots, openLoop, trace };
    }
  } finally {
    await pool.close();
  }
  report.seconds = Math.round(Number(process.hrtime.bigint() - started) / 1e7) / 100;
  report.games = games;
  return report;
}

/** A readable table of a search report. */
export function searchTable(r: SearchReport): string {
  const pct = (x: number): string => `${(x * 100).toFixed(1)}%`;
  const lines = [
    `Policy search (${r.mode}): ${r.games} games in ${r.seconds} s; ${r.size.fitSeeds} fitting seeds, ${r.size.heldOutSeeds} held-out seeds, vs ${r.level ?? 'hard'} bots`,
    '',
    'company  best policy: held-out wins  rank  margin   best named bot (held-out)      open loop (max)',
  ];
  for (const t of TICKERS) {
    const c = r.companies[t];
    if (!c) continue;
    const [botName, bot] = Object.entries(c.bots).sort((a, b) => b[1].winRate - a[1].winRate)[0] ?? ['-', null];
    const open = Math.max(0, ...c.openLoop.map((x) => x.heldOut.winRate));
    lines.push(
      `${t.padEnd(7)}  ${pct(c.best.heldOut.winRate).padStart(26)}  ${c.best.heldOut.meanRank.toFixed(2).padStart(4)}  ${(c.best.heldOut.meanMarginBps / 100).toFixed(1).padStart(6)}   ${`${botName} ${bot ? pct(bot.winRate) : ''}`.padEnd(30)} ${pct(open).padStart(8)}`,
    );
  }
  return lines.join('\n');
}

/** The number of genes (re-exported for the CLI's checks). */
export const SEARCH_GENES = GENE_COUNT;
