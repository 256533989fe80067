/**
 * `npm run sim -- --climb TICKER` (docs/balance.md): climbs one company's management — its `posture.bend`
 * (how it bends its hard plan from 2027, shared/bots/policy.ts) and, if asked, numeric fields of its
 * posture — one gene at a time: every seat plays its default hard management, the company's mean score
 * over the fit seeds is measured for each candidate value, and a value is kept where it raises that mean
 * by more than MIN_GAIN_BPS. A candidate that moves the company's 2026 capex (median over the fit seeds)
 * out of CAPEX_BAND of its stated guidance is refused: in 2026 a management keeps its stated plan (F1).
 * The result is checked on other seeds, before and after, and printed to paste into the scenario. This is
 * how the managements' bends were re-tuned for engines 5 and 6.
 */
import { companyDefOf, defaultStrategyFor, getScenario, TICKERS, type Profile, type Ticker } from '../../shared/index.js';
import { gamePool, type GamePool } from './pool.js';
import { median, points } from './stats.js';
import type { GameSpec, SeatPlan } from './run.js';

/** The bend genes a management's plan reads (bendPlan), in the order they are climbed. */
export const BEND_GENES = ['talent', 'spend', 'energy', 'data', 'guide', 'cloud', 'labBid', 'flat', 'license', 'synthetic', 'vendor', 'borrow', 'buyback', 'equity', 'endStop'] as const;
/** Gene values tried (0–1,000; 500 = unchanged), besides the current value ± 100. */
const GENE_VALUES = [0, 150, 300, 500, 700, 850, 1_000];
/** Multipliers tried on a numeric posture field (bps), rounded to 50. */
const POSTURE_MULTIPLIERS = [5_000, 7_500, 12_500, 15_000, 20_000];
/** Least rise of the mean score (bps of a swing) for a value to be kept: 1.5 points. */
export const MIN_GAIN_BPS = 150;
/** The 2026 capex a candidate must keep, as bps of the company's stated guidance. */
export const CAPEX_BAND: readonly [number, number] = [7_800, 12_200];

type Posture = Partial<Profile> & Record<string, unknown>;

/** What a climb measured and found. */
export interface ClimbReport {
  scenarioId: string;
  ticker: Ticker;
  seed: string;
  fitSeeds: number;
  valSeeds: number;
  passes: number;
  seconds: number;
  games: number;
  start: { bend: Record<string, number>; posture: Record<string, number> };
  result: { bend: Record<string, number>; posture: Record<string, number> };
  /** Mean score (bps of a swing) on the fit seeds, at the start and at the end. */
  fit: { before: number; after: number };
  /** Mean score on the validation seeds, and the 2026 capex (bps of guidance, median). */
  validation: { before: number; after: number; capex2026Bps: number };
  /** Every change kept, in order. */
  steps: { field: string; from: number; to: number; fit: number }[];
}

/** Mean score and 2026 capex of a candidate on some seeds. */
interface Measured { mean: number; capexBps: number }

/** Runs the climb. */
export async function runClimb(o: {
  scenarioId: string; quarterCount: number; ticker: Ticker; seed: string; fitSeeds: number; valSeeds: number; passes: number;
  postureFields: readonly string[]; threads: number; progress?: (line: string) => void;
}): Promise<ClimbReport> {
  const started = process.hrtime.bigint();
  const def = companyDefOf(o.scenarioId, o.ticker);
  const guidance = Math.max(1, def.historicalOrders.guidanceCapexUsdM);
  const posture0 = def.posture as Posture;
  for (const f of o.postureFields) {
    if (f === 'bend' || typeof posture0[f] !== 'number') throw new Error(`--climb-posture: ${o.ticker}'s posture has no numeric field "${f}"`);
  }
  const bend: Record<string, number> = { ...(def.posture.bend ?? {}) };
  const posture: Record<string, number> = Object.fromEntries(o.postureFields.map((f) => [f, posture0[f] as number]));
  const start = { bend: { ...bend }, posture: { ...posture } };
  const seated = TICKERS.filter((t) => getScenario(o.scenarioId).companies.some((c) => c.ticker === t));
  const pool: GamePool = gamePool(o.threads);
  let games = 0;
  const measure = async (prefix: string, n: number, b: Record<string, number>, p: Record<string, number>): Promise<Measured> => {
    const specs: GameSpec[] = Array.from({ length: n }, (_, i) => ({
      scenarioId: o.scenarioId, seed: `${o.seed}-${prefix}-${i}`, quarterCount: o.quarterCount, metrics: true,
      seats: seated.map((t): SeatPlan => ({
        company: t, strategy: defaultStrategyFor(t), difficulty: 'hard',
        ...(t === o.ticker ? { posture: { ...p, bend: b } as Partial<Profile> } : {}),
      })),
    }));
    const results = await pool.run(specs);
    games += results.length;
    const mean = Math.round(results.reduce((a, r) => a + (r.tsrBps[o.ticker] ?? 0), 0) / Math.max(1, results.length));
    const capexBps = Math.round((median(results.map((r) => r.metrics?.capexYear1[o.ticker] ?? 0)) * 10_000) / guidance);
    return { mean, capexBps };
  };
  const inBand = (m: Measured): boolean => m.capexBps >= CAPEX_BAND[0] && m.capexBps <= CAPEX_BAND[1];
  const steps: ClimbReport['steps'] = [];
  try {
    const fitBefore = (await measure('fit', o.fitSeeds, bend, posture)).mean;
    let best = fitBefore;
    o.progress?.(`climb ${o.ticker}: start, fit ${best}`);
    for (let pass = 0; pass < o.passes; pass += 1) {
      for (const g of BEND_GENES) {
        const cur = bend[g] ?? 500;
        const values = [...new Set([...GENE_VALUES, Math.max(0, cur - 100), Math.min(1_000, cur + 100)])].filter((v) => v !== cur);
        let keep = cur;
        for (const v of values) {
          const m = await measure('fit', o.fitSeeds, { ...bend, [g]: v }, posture);
          if (inBand(m) && m.mean > best + MIN_GAIN_BPS) [best, keep] = [m.mean, v];
        }
        if (keep !== cur) {
          bend[g] = keep;
          steps.push({ field: `bend.${g}`, from: cur, to: keep, fit: best });
        }
        o.progress?.(`climb ${o.ticker}: pass ${pass + 1}, bend.${g} ${cur} -> ${keep}, fit ${best}`);
      }
      for (const f of o.postureFields) {
        const cur = posture[f] as number;
        let keep = cur;
        for (const mul of POSTURE_MULTIPLIERS) {
          const v = Math.round((cur * mul) / 10_000 / 50) * 50;
          if (v === cur) continue;
          const m = await measure('fit', o.fitSeeds, bend, { ...posture, [f]: v });
          if (inBand(m) && m.mean > best + MIN_GAIN_BPS) [best, keep] = [m.mean, v];
        }
        if (keep !== cur) {
          posture[f] = keep;
          steps.push({ field: f, from: cur, to: keep, fit: best });
        }
        o.progress?.(`climb ${o.ticker}: pass ${pass + 1}, ${f} ${cur} -> ${keep}, fit ${best}`);
      }
    }
    const before = await measure('val', o.valSeeds, start.bend, start.posture);
    const after = await measure('val', o.valSeeds, bend, posture);
    return {
      scenarioId: o.scenarioId, ticker: o.ticker, seed: o.seed, fitSeeds: o.fitSeeds, valSeeds: o.valSeeds, passes: o.passes,
      seconds: Math.round(Number(process.hrtime.bigint() - started) / 1e7) / 100, games,
      start, result: { bend: { ...bend }, posture: { ...posture } },
      fit: { before: fitBefore, after: best },
      validation: { before: before.mean, after: after.mean, capex2026Bps: after.capexBps },
      steps,
    };
  } finally {
    await pool.close();
  }
}

/** The report as text: the steps, the check on other seeds, and what to paste into the scenario. */
export function climbTable(r: ClimbReport): string {
  const pts = points;
  const lines = [
    `Climb of ${r.ticker}'s management: ${r.passes} pass(es), ${r.fitSeeds} fit seeds, ${r.valSeeds} validation seeds, seed "${r.seed}" (${r.games} games, ${r.seconds} s)`,
    '',
    ...r.steps.map((s) => `  ${s.field.padEnd(22)} ${String(s.from).padStart(6)} -> ${String(s.to).padEnd(6)} fit ${pts(s.fit)} points`),
    r.steps.length === 0 ? '  no change raised the mean score by more than 1.5 points' : '',
    '',
    `fit seeds:        ${pts(r.fit.before)} -> ${pts(r.fit.after)} points of a swing (mean score)`,
    `validation seeds: ${pts(r.validation.before)} -> ${pts(r.validation.after)} points; 2026 capex ${(r.validation.capex2026Bps / 100).toFixed(0)}% of guidance`,
    '',
    `${r.ticker} bend: { ${Object.entries(r.result.bend).map(([k, v]) => `${k}: ${v}`).join(', ')} }`,
  ];
  if (Object.keys(r.result.posture).length > 0) lines.push(`${r.ticker} posture: { ${Object.entries(r.result.posture).map(([k, v]) => `${k}: ${v}`).join(', ')} }`);
  if (r.validation.after <= r.validation.before) lines.push('', 'Not better on the validation seeds: keep the scenario as it is.');
  return lines.join('\n');
}
