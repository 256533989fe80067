/**
 * `npm run sim -- --ablate` (docs/balance.md "Open: short games"): what each part of a management's orders
 * adds to its company's return. For each company, on the same seeds, its management plays the seat at the
 * table's level — whole, with one part of its orders taken away every quarter (its power, its chips, its
 * talent bids, its data, its silicon programme, its lab bids, or its split of compute replaced by the one a
 * seat that only says it is ready keeps: variants.ts), or the seat only saying it is ready — while the six
 * other seats play their managements at that level. A part whose removal raises the return costs more than
 * it earns in a game of that length; when the whole plan returns less than standing still, these rows say
 * which parts make the difference.
 */
import { defaultStrategyFor, type Difficulty, type Ticker } from '../../shared/index.js';
import { FIRST_YEAR_Q } from '../../shared/bots/sense.js';
import { playSeatStudy, type SeatStudyHeader, type SeatStudyOptions } from './levels.js';
import { mean, points as pts } from './stats.js';
import type { SeatPlan } from './run.js';

/** The parts taken away, by the variant that takes each away. */
export const ABLATIONS = [
  { part: 'power', variant: 'energy-x0' },
  { part: 'chips', variant: 'chips-x0' },
  { part: 'talent', variant: 'talent-x0' },
  { part: 'data', variant: 'data-x0' },
  { part: 'program', variant: 'program-none' },
  { part: 'labs', variant: 'lab-0' },
  { part: 'ops', variant: 'ops-ready' },
] as const;
export type AblatedPart = (typeof ABLATIONS)[number]['part'];

/**
 * The plans played at the seat: its whole management, standing still, the management without each part,
 * and the management from the second year on after a first year standing still (`firstYear`: what the
 * first year's plan — the stated 2026 plan, F1 — is worth by the game's end).
 */
export type AblationPlan = 'management' | 'ready' | AblatedPart | 'firstYear';
export const ABLATION_PLANS: readonly AblationPlan[] = ['management', 'ready', ...ABLATIONS.map((a) => a.part), 'firstYear'];

/** One company's row: the mean return of each plan (bps), and what each part adds (the management's return less the return without it). */
export interface SeatAblation {
  returnBps: Record<AblationPlan, number>;
  addsBps: Record<AblatedPart | 'firstYear', number>;
}

export interface AblationReport extends SeatStudyHeader {
  companies: Partial<Record<Ticker, SeatAblation>>;
}

/** The studied seat for one plan. */
function studied(company: Ticker, plan: AblationPlan, table: Difficulty): SeatPlan {
  const seat: SeatPlan = { company, strategy: defaultStrategyFor(company), difficulty: table };
  if (plan === 'ready') return { ...seat, readyOnly: true };
  if (plan === 'firstYear') return { ...seat, readyUntilQ: FIRST_YEAR_Q };
  const ablation = ABLATIONS.find((a) => a.part === plan);
  return ablation ? { ...seat, variant: ablation.variant } : seat;
}

/** Plays the games (seed i: `${seed}-${i}`, the same for every company and plan) and measures each part. */
export async function runAblation(o: SeatStudyOptions): Promise<AblationReport> {
  const started = process.hrtime.bigint();
  const { seated, games } = await playSeatStudy(o, ABLATION_PLANS, (company, plan) => studied(company, plan, o.table));
  const report: AblationReport = { scenarioId: o.scenarioId, table: o.table, seeds: o.seeds, seed: o.seed, quarterCount: o.quarterCount, seconds: 0, companies: {} };
  for (const t of seated) {
    const returnBps = {} as Record<AblationPlan, number>;
    for (const plan of ABLATION_PLANS) returnBps[plan] = mean(games[t]![plan].map((r) => r.returnsBps[t] ?? 0));
    const parts: (AblatedPart | 'firstYear')[] = [...ABLATIONS.map((a) => a.part), 'firstYear'];
    const addsBps = Object.fromEntries(parts.map((p) => [p, returnBps.management - returnBps[p]])) as SeatAblation['addsBps'];
    report.companies[t] = { returnBps, addsBps };
  }
  report.seconds = Math.round(Number(process.hrtime.bigint() - started) / 1e7) / 100;
  return report;
}

/** A readable table of the report. */
export function ablationTable(r: AblationReport): string {
  const lines = [
    `What each part of the management's orders adds, at ${r.table === 'easy' ? 'an' : 'a'} ${r.table} table: the seat's mean return played by its ${r.table} management, by a seat that only says it is ready, and by the management without one part (each column: the management's return less the return without that part, in points; negative: the part costs more than it earns in ${r.quarterCount} quarters); ${r.seeds} seeds "${r.seed}-i" (${r.seconds} s)`,
    '',
    `company  management   ready  ${ABLATIONS.map((a) => a.part.padStart(8)).join('')}  first year`,
  ];
  for (const [t, row] of Object.entries(r.companies) as [Ticker, SeatAblation][]) {
    lines.push(`${t.padEnd(7)} ${pts(row.returnBps.management).padStart(11)} ${pts(row.returnBps.ready).padStart(7)}  ${ABLATIONS.map((a) => pts(row.addsBps[a.part]).padStart(8)).join('')}${pts(row.addsBps.firstYear).padStart(12)}`);
  }
  lines.push('', '"first year": the management\'s return less the return of the same management after a first year standing still (the seat only saying it is ready in 2026): what the stated 2026 plan (F1) is worth by the game\'s end.');
  return lines.join('\n');
}
