/**
 * `--sensitivity` (issue 13, docs/balance.md): how far each order field moves a seat's final score.
 * A situation is a company in a kind of world (as the scenario deals it, an AI boom, a bust; the seat
 * playing its company's default, over-extended or as a cloud landlord), played by hard bots in every
 * seat; the studied seat's orders are changed in one field, one way, every quarter (variants.ts), and its final score compared with the unchanged game on the same seeds. Options of a
 * field that another option beats in every situation are listed as dominated (and, separately, those
 * weakly dominated: no better than one other option anywhere, worse somewhere).
 */
import { defaultStrategyFor, TICKERS, type BotStrategyId, type ScheduledShock, type Ticker } from '../../shared/index.js';
import { gamePool } from './pool.js';
import type { GameResult, GameSpec, SeatPlan } from './run.js';
import { VARIANTS } from './variants.js';

/** A kind of world the studied seat plays in: hidden shocks dealt from the start, and how the seat plays. */
export interface World {
  id: string;
  shocks: ScheduledShock[];
  /** The strategy the studied seat's hard bot plays (its company's default when absent). */
  seatStrategy?: BotStrategyId;
}

const BUST: ScheduledShock[] = [2, 5, 8].map((quarter) => ({ quarter, card: 'enterpriseAbandonment', region: null }));

/**
 * The worlds of the study: as dealt; an AI boom (agents go mainstream and customers make them pay:
 * an agent breakthrough and a monetization breakout in quarters 2, 5 and 8); a bust (enterprises
 * abandon their AI projects in quarters 2, 5 and 8); dear money (six rate hikes of half a point in the
 * first two years). Three more put the seat in a spot a player gets into: over-extended (it plays
 * reckless all-in: every dollar it can raise into chips and power), as dealt and in the bust; and a
 * cloud landlord (selling most of its compute to customers) in the bust — the source's warning (not
 * for the companies whose own strategy is the landlord's: that is their bust).
 */
export const WORLDS: readonly World[] = [
  { id: 'dealt', shocks: [] },
  { id: 'boom', shocks: [2, 5, 8].flatMap((quarter) => [{ quarter, card: 'agentBreakthrough', region: null }, { quarter, card: 'monetizationBreakout', region: null }]) },
  { id: 'bust', shocks: BUST },
  { id: 'dear money', shocks: [1, 2, 3, 5, 6, 7].map((quarter) => ({ quarter, card: 'rateHike', region: null })) },
  { id: 'all-in', shocks: [], seatStrategy: 'recklessAllIn' },
  { id: 'all-in bust', shocks: BUST, seatStrategy: 'recklessAllIn' },
  { id: 'landlord bust', shocks: BUST, seatStrategy: 'cloudLandlord' },
];

/** The worlds a company's seat is studied in: a world whose seat strategy is the company's default repeats the plain one and is left out. */
export function worldsOf(seat: Ticker): World[] {
  return WORLDS.filter((w) => w.seatStrategy === undefined || w.seatStrategy !== defaultStrategyFor(seat));
}

/** One variant's effect in one situation: mean change of the seat's final score (bps) over the seeds. */
export interface Effect {
  situation: string;
  deltaBps: number;
}

/** One field's study. */
export interface FieldStudy {
  field: string;
  /** Largest absolute mean change over all options and situations (bps), and where. */
  maxAbsDeltaBps: number;
  where: string;
  options: Record<string, Effect[]>;
  /**
   * Options dominated in every situation (issue 13's test): in each situation some other option of the
   * field (the bot's own play included) does strictly better.
   */
  dominated: string[];
  /**
   * Options weakly dominated (the stricter, game-theory test): one other option at least as good in
   * every situation and better in one. An option that ties for best somewhere can be weakly dominated.
   */
  weaklyDominated: string[];
}

/** The whole study. */
export interface SensitivityReport {
  seed: string;
  seeds: number;
  quarterCount: number;
  situations: string[];
  seconds: number;
  games: number;
  fields: FieldStudy[];
}

/** Options of a run. */
export interface SensitivityOptions {
  scenarioId: string;
  quarterCount: number;
  companies: Ticker[];
  seed: string;
  seeds: number;
  threads: number;
  /** Only these variants (ids of variants.ts; all when absent): a quicker look at a few fields. */
  variantIds?: string[];
  progress?: (done: number, total: number) => void;
}

function seatsFor(companies: readonly Ticker[], seat: Ticker, variant: string | undefined, world: World): SeatPlan[] {
  return companies.map((t) => {
    const plan: SeatPlan = { company: t, strategy: t === seat && world.seatStrategy ? world.seatStrategy : defaultStrategyFor(t), difficulty: 'hard' };
    if (t === seat && variant) plan.variant = variant;
    return plan;
  });
}

/**
 * Options dominated in every situation: in each situation, some other option of the field has a
 * strictly better effect. The bot's own play (a change of 0) counts as an option, so an option that
 * changes nothing in a situation ties with it there and is not dominated there.
 */
export function dominatedEverywhere(options: Readonly<Record<string, readonly Effect[]>>): string[] {
  const names = Object.keys(options);
  return names.filter((a) => {
    const ea = options[a]!;
    return ea.every((e, i) => names.some((b) => b !== a && options[b]![i]!.deltaBps > e.deltaBps));
  });
}

/**
 * Options weakly dominated within a field: for each option, another option whose effect is at least as
 * good in every situation and better in one. The bot's own play (a change of 0) counts as an option.
 */
export function dominatedOptions(options: Readonly<Record<string, readonly Effect[]>>): string[] {
  const names = Object.keys(options);
  const out: string[] = [];
  for (const a of names) {
    const ea = options[a]!;
    const beaten = names.some((b) => {
      if (b === a) return false;
      const eb = options[b]!;
      let strictly = false;
      for (let i = 0; i < ea.length; i += 1) {
        const da = ea[i]!.deltaBps;
        const db = eb[i]!.deltaBps;
        if (db < da) return false;
        if (db > da) strictly = true;
      }
      return strictly;
    });
    if (beaten) out.push(a);
  }
  return out;
}

/** Runs the study. */
export async function runSensitivity(o: SensitivityOptions): Promise<SensitivityReport> {
  const started = process.hrtime.bigint();
  const pool = gamePool(o.threads);
  const seeds = Array.from({ length: o.seeds }, (_, k) => `${o.seed}-${k}`);
  const variantIds = o.variantIds ?? Object.keys(VARIANTS).filter((id) => !VARIANTS[id]!.ablationOnly);
  const situations: { seat: Ticker; world: World; id: string }[] = [];
  for (const seat of o.companies) for (const world of worldsOf(seat)) situations.push({ seat, world, id: `${seat}/${world.id}` });
  // Jobs: per situation, the base game and every variant, on every seed.
  const jobs: GameSpec[] = [];
  for (const sit of situations) {
    for (const variant of [undefined, ...variantIds]) {
      for (const seed of seeds) jobs.push({ scenarioId: o.scenarioId, seed, quarterCount: o.quarterCount, seats: seatsFor(o.companies, sit.seat, variant, sit.world), shocks: sit.world.shocks });
    }
  }
  let results: GameResult[];
  try {
    results = await pool.run(jobs, (done) => o.progress?.(done, jobs.length));
  } finally {
    await pool.close();
  }
  // Mean change per (situation, variant).
  const perSit = (1 + variantIds.length) * seeds.length;
  const effect: Record<string, Effect[]> = {};
  situations.forEach((sit, si) => {
    const base = results.slice(si * perSit, si * perSit + seeds.length);
    variantIds.forEach((vid, vi) => {
      const from = si * perSit + (vi + 1) * seeds.length;
      const res = results.slice(from, from + seeds.length);
      let delta = 0;
      for (let k = 0; k < seeds.length; k += 1) delta += (res[k]!.returnsBps[sit.seat] ?? 0) - (base[k]!.returnsBps[sit.seat] ?? 0);
      (effect[vid] ??= []).push({ situation: sit.id, deltaBps: Math.round(delta / seeds.length) });
    });
  });
  // Group by field; the bot's own play is the option "as planned" (0 everywhere).
  const fields = new Map<string, FieldStudy>();
  for (const vid of variantIds) {
    const v = VARIANTS[vid]!;
    const f = fields.get(v.field) ?? { field: v.field, maxAbsDeltaBps: 0, where: '', options: { 'as the bot plays': situations.map((s) => ({ situation: s.id, deltaBps: 0 })) }, dominated: [], weaklyDominated: [] };
    f.options[v.option] = effect[vid]!;
    for (const e of effect[vid]!) {
      if (Math.abs(e.deltaBps) > f.maxAbsDeltaBps) {
        f.maxAbsDeltaBps = Math.abs(e.deltaBps);
        f.where = `${v.option} in ${e.situation}`;
      }
    }
    fields.set(v.field, f);
  }
  for (const f of fields.values()) {
    f.dominated = dominatedEverywhere(f.options).filter((x) => x !== 'as the bot plays');
    f.weaklyDominated = dominatedOptions(f.options).filter((x) => x !== 'as the bot plays');
  }
  return {
    seed: o.seed,
    seeds: o.seeds,
    quarterCount: o.quarterCount,
    situations: situations.map((s) => s.id),
    seconds: Math.round(Number(process.hrtime.bigint() - started) / 1e7) / 100,
    games: jobs.length,
    fields: [...fields.values()],
  };
}

/** A readable table of the study. */
export function sensitivityTable(r: SensitivityReport): string {
  const lines = [
    `Sensitivity: ${r.games} games in ${r.seconds} s; ${r.situations.length} situations (company × world), ${r.seeds} seeds each, hard bots`,
    '',
    'field                        max |Δ score|  where                                          dominated in every situation (weakly dominated)',
  ];
  for (const f of r.fields) {
    lines.push(`${f.field.padEnd(28)} ${`${(f.maxAbsDeltaBps / 100).toFixed(1)} pts`.padStart(13)}  ${f.where.padEnd(46)} ${f.dominated.join(', ') || '—'} (${f.weaklyDominated.join(', ') || '—'})`);
  }
  return lines.join('\n');
}

/** Every company, for the default study. */
export const ALL_COMPANIES: readonly Ticker[] = TICKERS;
