/**
 * `--economy` (issue 13, docs/balance.md): what the economy does when every seat is played by its
 * company's default management (the default strategy at a difficulty, hard unless told), over many
 * seeds — the first year's capex against the source's guidance, scarcity (foundry premium, full grid
 * queues, the talent price), the growth of third-party AI cloud revenue, the books (price moves that
 * do not add up to their reasons, big moves without a named cause, collapsed prices without distress)
 * and which companies win.
 */
import { companyDefOf, defaultStrategyFor, parAt, TICKERS, type BotStrategyId, type Difficulty, type Ticker } from '../../shared/index.js';
import { gamePool } from './pool.js';
import { median, sd } from './stats.js';
import type { GameSpec } from './run.js';

/** The report. */
export interface EconomyReport {
  games: number;
  seconds: number;
  difficulty: Difficulty;
  quarterCount: number;
  /** Per company: first-year capex (median over seeds, $M), the source's guidance, their ratio (bps). */
  capex2026: Record<string, { medianUsdM: number; guidanceUsdM: number; ratioBps: number }>;
  capex2026Total: { medianUsdM: number; guidanceUsdM: number; ratioBps: number };
  /** Share of the first two years' quarters (all games) with the foundry premium above 20% (bps). */
  foundryAbove20Bps: number;
  /** Share of games in which at least three regions' grid queues were full in the first two years (bps). */
  threeQueuesFullBps: number;
  /** Median rise of the talent price over the first two years (bps). */
  talentRiseBps: number;
  /** Median growth of third-party AI cloud revenue over the first year (last quarter of 2026 against the start, bps). */
  cloudGrowth2026Bps: number;
  /** Share of games that reached the data wall (first stage) (bps). */
  dataWallBps: number;
  books: { reasonMismatches: number; bigMoves: number; bigMovesUnexplained: number; lowPricesUndistressed: number; restructured: number };
  /**
   * Paired head to head (same seat, seed and opponents — default hard bots — at two difficulties): the
   * share of games in which the first plays the seat better (bps), over every company.
   */
  headToHead: { games: number; hardOverNormalBps: number; normalOverEasyBps: number; hardOverEasyBps: number };
  /**
   * Cloud against self-use (the source's dilemma): each company's seat played by the cloud-landlord and
   * by the self-use strategy on the same seeds — how often selling beats using (bps), and how widely
   * each one's return varies (sd, bps of return, averaged over companies).
   */
  cloudVsSelf: { games: number; cloudWinsBps: number; cloudSdBps: number; selfSdBps: number };
  /** Wins and mean final score (bps) per company. */
  companies: Record<string, { wins: number; winRate: number; meanScoreBps: number; medianScoreBps: number; parTsrBps: number; parSpreadBps: number; medianTsrBps: number; sdTsrBps: number }>;
}


/** Runs the report. */
export async function runEconomy(o: { scenarioId: string; quarterCount: number; companies: Ticker[]; seed: string; games: number; threads: number; difficulty: Difficulty }): Promise<EconomyReport> {
  const started = process.hrtime.bigint();
  const pool = gamePool(o.threads);
  const specs: GameSpec[] = Array.from({ length: o.games }, (_, i) => ({
    scenarioId: o.scenarioId, seed: `${o.seed}-${i}`, quarterCount: o.quarterCount, metrics: true, parLevel: o.difficulty,
    seats: o.companies.map((t) => ({ company: t, strategy: defaultStrategyFor(t), difficulty: o.difficulty })),
  }));
  const PAIRED_SEEDS = 20;
  const seatAs = (seat: Ticker, strategy: BotStrategyId, difficulty: Difficulty, i: number): GameSpec => ({
    scenarioId: o.scenarioId, seed: `${o.seed}-paired-${i}`, quarterCount: o.quarterCount,
    seats: o.companies.map((t) => (t === seat ? { company: t, strategy, difficulty } : { company: t, strategy: defaultStrategyFor(t), difficulty: 'hard' as const })),
  });
  const paired = (strategy: (t: Ticker) => BotStrategyId, difficulty: Difficulty): GameSpec[] =>
    o.companies.flatMap((t) => Array.from({ length: PAIRED_SEEDS }, (_, i) => seatAs(t, strategy(t), difficulty, i)));
  let results;
  const levels: Record<string, number[]> = {};
  const sell: number[] = [];
  const use: number[] = [];
  try {
    results = await pool.run(specs);
    for (const d of ['hard', 'normal', 'easy'] as const) {
      levels[d] = (await pool.run(paired(defaultStrategyFor, d))).map((r, k) => r.returnsBps[o.companies[Math.floor(k / PAIRED_SEEDS)] as Ticker] ?? 0);
    }
    sell.push(...(await pool.run(paired(() => 'cloudLandlord', 'hard'))).map((r, k) => r.returnsBps[o.companies[Math.floor(k / PAIRED_SEEDS)] as Ticker] ?? 0));
    use.push(...(await pool.run(paired(() => 'selfUseMaximizer', 'hard'))).map((r, k) => r.returnsBps[o.companies[Math.floor(k / PAIRED_SEEDS)] as Ticker] ?? 0));
  } finally {
    await pool.close();
  }
  const over = (a: number[], b: number[]): number => Math.round((a.filter((x, k) => x > (b[k] as number)).length * 10_000) / Math.max(1, a.length));
  const sdPerCompany = (xs: number[]): number => {
    let total = 0;
    for (let c = 0; c < o.companies.length; c += 1) total += sd(xs.slice(c * PAIRED_SEEDS, (c + 1) * PAIRED_SEEDS));
    return Math.round(total / Math.max(1, o.companies.length));
  };
  const capex2026: EconomyReport['capex2026'] = {};
  let totalGuide = 0;
  const totals: number[] = results.map(() => 0);
  for (const t of o.companies) {
    const guidance = companyDefOf(o.scenarioId, t).historicalOrders.guidanceCapexUsdM;
    totalGuide += guidance;
    const xs = results.map((r, i) => {
      const v = r.metrics?.capexYear1[t] ?? 0;
      totals[i] = (totals[i] ?? 0) + v;
      return v;
    });
    const med = median(xs);
    capex2026[t] = { medianUsdM: med, guidanceUsdM: guidance, ratioBps: Math.round((med * 10_000) / Math.max(1, guidance)) };
  }
  const early = (xs: number[]): number[] => xs.slice(0, 8);
  let foundryQuarters = 0;
  let foundryAbove = 0;
  let queuesFull = 0;
  const talentRise: number[] = [];
  const cloudGrowth: number[] = [];
  let dataWall = 0;
  const books = { reasonMismatches: 0, bigMoves: 0, bigMovesUnexplained: 0, lowPricesUndistressed: 0, restructured: 0 };
  const companies: EconomyReport['companies'] = {};
  const scores: Record<string, number[]> = {};
  const returns: Record<string, number[]> = {};
  for (const r of results) {
    const m = r.metrics!;
    for (const f of early(m.foundryBps)) {
      foundryQuarters += 1;
      if (f > 12_000) foundryAbove += 1;
    }
    if (Math.max(0, ...early(m.fullQueues)) >= 3) queuesFull += 1;
    const talent = early(m.talentK);
    if (talent.length > 1) talentRise.push(Math.round(((Math.max(...talent) - (talent[0] as number)) * 10_000) / Math.max(1, talent[0] as number)));

    if (m.cloudAi.length >= 4) cloudGrowth.push(Math.round((((m.cloudAi[3] as number) - m.cloudAiStart) * 10_000) / Math.max(1, m.cloudAiStart)));
    if (m.dataWallQuarter >= 0) dataWall += 1;
    books.reasonMismatches += m.reasonMismatches;
    books.bigMoves += m.bigMoves;
    books.bigMovesUnexplained += m.bigMovesUnexplained;
    books.lowPricesUndistressed += m.lowPricesUndistressed;
    books.restructured += m.restructured.length;
    for (const t of o.companies) {
      (scores[t] ??= []).push(r.tsrBps[t] ?? 0);
      (returns[t] ??= []).push(r.returnsBps[t] ?? 0);
    }
    const winner = r.ranking[0];
    if (winner) {
      const c = (companies[winner] ??= { wins: 0, winRate: 0, meanScoreBps: 0, medianScoreBps: 0, parTsrBps: 0, parSpreadBps: 0, medianTsrBps: 0, sdTsrBps: 0 });
      c.wins += 1;
    }
  }
  for (const t of o.companies) {
    const c = (companies[t] ??= { wins: 0, winRate: 0, meanScoreBps: 0, medianScoreBps: 0, parTsrBps: 0, parSpreadBps: 0, medianTsrBps: 0, sdTsrBps: 0 });
    const def = companyDefOf(o.scenarioId, t);
    // The par and swing the scores were measured against, at this run's length.
    const at = parAt(def.par[o.difficulty], o.quarterCount);
    c.parTsrBps = at.parBps;
    c.parSpreadBps = at.swingBps;
    const xs = scores[t] ?? [];
    c.winRate = Math.round((c.wins * 10_000) / Math.max(1, results.length)) / 10_000;
    c.meanScoreBps = Math.round(xs.reduce((a, b) => a + b, 0) / Math.max(1, xs.length));
    c.medianScoreBps = median(xs);
    const rs = returns[t] ?? [];
    c.medianTsrBps = median(rs);
    c.sdTsrBps = sd(rs);
  }
  const totalMedian = median(totals);
  return {
    games: results.length,
    seconds: Math.round(Number(process.hrtime.bigint() - started) / 1e7) / 100,
    difficulty: o.difficulty,
    quarterCount: o.quarterCount,
    capex2026,
    capex2026Total: { medianUsdM: totalMedian, guidanceUsdM: totalGuide, ratioBps: Math.round((totalMedian * 10_000) / Math.max(1, totalGuide)) },
    foundryAbove20Bps: Math.round((foundryAbove * 10_000) / Math.max(1, foundryQuarters)),
    threeQueuesFullBps: Math.round((queuesFull * 10_000) / Math.max(1, results.length)),
    talentRiseBps: median(talentRise),
    cloudGrowth2026Bps: median(cloudGrowth),
    dataWallBps: Math.round((dataWall * 10_000) / Math.max(1, results.length)),
    books,
    headToHead: { games: (levels['hard'] ?? []).length, hardOverNormalBps: over(levels['hard'] ?? [], levels['normal'] ?? []), normalOverEasyBps: over(levels['normal'] ?? [], levels['easy'] ?? []), hardOverEasyBps: over(levels['hard'] ?? [], levels['easy'] ?? []) },
    cloudVsSelf: { games: sell.length, cloudWinsBps: over(sell, use), cloudSdBps: sdPerCompany(sell), selfSdBps: sdPerCompany(use) },
    companies,
  };
}

/** A readable table of the report. */
export function economyTable(r: EconomyReport): string {
  const pct = (bps: number): string => `${(bps / 100).toFixed(1)}%`;
  const b = (usdM: number): string => `$${(usdM / 1_000).toFixed(0)}B`;
  const lines = [`Economy: ${r.games} games (${r.quarterCount} quarters, every seat its default strategy, ${r.difficulty}) in ${r.seconds} s`, '', 'first-year capex   median   source guidance   ratio'];
  for (const t of TICKERS) {
    const c = r.capex2026[t];
    if (c) lines.push(`${t.padEnd(8)}  ${b(c.medianUsdM).padStart(12)}  ${b(c.guidanceUsdM).padStart(16)}  ${pct(c.ratioBps).padStart(7)}`);
  }
  lines.push(`${'total'.padEnd(8)}  ${b(r.capex2026Total.medianUsdM).padStart(12)}  ${b(r.capex2026Total.guidanceUsdM).padStart(16)}  ${pct(r.capex2026Total.ratioBps).padStart(7)}`);
  lines.push('', `foundry premium above 20%: ${pct(r.foundryAbove20Bps)} of the first two years' quarters`);
  lines.push(`three or more full grid queues in the first two years: ${pct(r.threeQueuesFullBps)} of games`);
  lines.push(`talent price rise over the first two years (median): ${pct(r.talentRiseBps)}`);
  lines.push(`third-party AI cloud revenue growth in the first year (median): ${pct(r.cloudGrowth2026Bps)}`);
  lines.push(`data wall reached: ${pct(r.dataWallBps)} of games`);
  lines.push(`head to head (same seat and seed, ${r.headToHead.games} pairs): hard beats normal ${pct(r.headToHead.hardOverNormalBps)}, normal beats easy ${pct(r.headToHead.normalOverEasyBps)}, hard beats easy ${pct(r.headToHead.hardOverEasyBps)}`);
  lines.push(`cloud landlord vs self-use (same seat and seed, ${r.cloudVsSelf.games} pairs): cloud wins ${pct(r.cloudVsSelf.cloudWinsBps)}; spread of returns: cloud ${pct(r.cloudVsSelf.cloudSdBps)}, self-use ${pct(r.cloudVsSelf.selfSdBps)}`);
  lines.push(`books: ${r.books.reasonMismatches} moves whose reasons do not add up; ${r.books.bigMovesUnexplained} of ${r.books.bigMoves} moves beyond ±35% without a named cause; ${r.books.lowPricesUndistressed} quarters below a tenth of the start price without distress; ${r.books.restructured} restructurings`);
  lines.push('', 'company  wins   win rate  mean score  median score   par   swing   median return  spread (sd)   (scores in swings: 1.00 = one swing above par)');
  for (const t of TICKERS) {
    const c = r.companies[t];
    if (c) lines.push(`${t.padEnd(7)} ${String(c.wins).padStart(5)}  ${pct(c.winRate * 10_000).padStart(8)}  ${(c.meanScoreBps / 10_000).toFixed(2).padStart(10)}  ${(c.medianScoreBps / 10_000).toFixed(2).padStart(12)}  ${pct(c.parTsrBps).padStart(6)}  ${pct(c.parSpreadBps).padStart(6)}  ${pct(c.medianTsrBps).padStart(13)}  ${pct(c.sdTsrBps).padStart(11)}`);
  }
  return lines.join('\n');
}
