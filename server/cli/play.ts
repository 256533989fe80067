/**
 * `--play FILE`: a scripted what-if game (docs/orders.md). The file gives a header (scenario,
 * seed, quarters, seats with their bot strategies) and orders for some seats and quarters; bots
 * play the rest. Each quarter prints one JSON line of public figures per company and the events.
 */
import {
  defaultStrategyFor, DIFFICULTIES, getScenario, hasScenario, isBotStrategy, parseOrders, playerView, TICKERS,
  type Difficulty, type GameState, type Orders, type Ticker,
} from '../../shared/index.js';
import { UsageError } from './args.js';
import { readJson } from './files.js';
import { runGame, tableLevel, type GameSpec, type SeatPlan } from './run.js';

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Reads a play script into a game spec. Orders are checked for shape here, for funds when played. */
export function readPlayScript(path: string, defaultDifficulty: Difficulty | 'random'): GameSpec {
  const v = readJson(path);
  if (!isRecord(v) || !isRecord(v['header'])) throw new UsageError(`${path}: expected { "header": {…}, "quarters": […] }`);
  const h = v['header'];
  const scenarioId = typeof h['scenarioId'] === 'string' ? h['scenarioId'] : 'capex-race-2026';
  if (!hasScenario(scenarioId)) throw new UsageError(`${path}: unknown scenario "${scenarioId}"`);
  const sc = getScenario(scenarioId);
  const seed = typeof h['seed'] === 'string' && h['seed'].length > 0 ? h['seed'] : 'play';
  const quarterCount = typeof h['quarterCount'] === 'number' ? h['quarterCount'] : sc.defaultQuarters;
  if (!Number.isSafeInteger(quarterCount) || quarterCount < sc.minQuarters || quarterCount > sc.maxQuarters) {
    throw new UsageError(`${path}: header.quarterCount must be ${sc.minQuarters}–${sc.maxQuarters}`);
  }
  const rawSeats = Array.isArray(h['seats']) ? h['seats'] : TICKERS.map((company) => ({ company }));
  const seats: SeatPlan[] = rawSeats.map((s: unknown, i: number) => {
    if (!isRecord(s) || typeof s['company'] !== 'string' || !(TICKERS as readonly string[]).includes(s['company'])) {
      throw new UsageError(`${path}: header.seats[${i}].company must be one of ${TICKERS.join(', ')}`);
    }
    const company = s['company'] as Ticker;
    const strategy = s['strategy'] ?? defaultStrategyFor(company);
    if (typeof strategy !== 'string' || !isBotStrategy(strategy)) throw new UsageError(`${path}: header.seats[${i}].strategy "${String(strategy)}" is not a strategy`);
    const d = s['difficulty'] ?? (defaultDifficulty === 'random' ? 'normal' : defaultDifficulty);
    if (typeof d !== 'string' || !(DIFFICULTIES as readonly string[]).includes(d)) throw new UsageError(`${path}: header.seats[${i}].difficulty must be easy, normal or hard`);
    return { company, strategy, difficulty: d as Difficulty };
  });
  if (new Set(seats.map((s) => s.company)).size !== seats.length) throw new UsageError(`${path}: a company is seated twice`);
  const scripted: NonNullable<GameSpec['scripted']> = {};
  const quarters = Array.isArray(v['quarters']) ? v['quarters'] : [];
  quarters.forEach((q: unknown, i: number) => {
    if (!isRecord(q) || typeof q['quarter'] !== 'number' || !isRecord(q['orders'])) throw new UsageError(`${path}: quarters[${i}] must be { "quarter": n, "orders": { SEAT: {…} } }`);
    const quarter = q['quarter'];
    if (!Number.isSafeInteger(quarter) || quarter < 0 || quarter >= quarterCount) throw new UsageError(`${path}: quarters[${i}].quarter must be 0–${quarterCount - 1}`);
    const byQ = (scripted[quarter] ??= {});
    for (const [seat, draft] of Object.entries(q['orders'])) {
      if (!seats.some((s) => s.company === seat)) throw new UsageError(`${path}: quarters[${i}] has orders for ${seat}, which is not seated`);
      const ctx = { scenarioId, finished: false, seats: seats.map((s) => s.company), seat: seat as Ticker, company: null };
      const parsed = parseOrders(ctx, draft);
      if (!parsed.ok) {
        const p = parsed.problems[0]!;
        throw new UsageError(`${path}: quarter ${quarter}, ${seat}: ${p.key} at "${p.path || 'orders'}" ${JSON.stringify(p.params)}`);
      }
      // The draft as written: the engine completes it over that quarter's defaults.
      byQ[seat as Ticker] = draft as Orders;
    }
  });
  // The table's level: the header's, else the seats' one difficulty (hard when they differ).
  const level = h['parLevel'] ?? tableLevel(seats.map((s) => s.difficulty));
  if (typeof level !== 'string' || !(DIFFICULTIES as readonly string[]).includes(level)) throw new UsageError(`${path}: header.parLevel must be easy, normal or hard`);
  return { scenarioId, seed, quarterCount, seats, scripted, parLevel: level as Difficulty };
}

/** The public figures of one quarter (what the `--play` output prints). */
export function quarterFigures(state: GameState, spec: GameSpec, hash: string): Record<string, unknown> {
  const q = state.quarter - 1;
  const view = playerView(state, null);
  const companies: Record<string, unknown> = {};
  for (const seat of spec.seats) {
    const c = view.companies[seat.company];
    if (!c) continue;
    const r = c.report;
    companies[seat.company] = {
      playedBy: spec.scripted?.[q]?.[seat.company] ? 'script' : `${seat.strategy}/${seat.difficulty}`,
      stockPriceCents: c.priceCents,
      priceMoveBps: r.priceMoveBps,
      tsrBps: r.tsrBps,
      revenueUsdM: { total: r.revenueUsdM, selfUse: r.selfUseRevenueUsdM, cloud: r.cloudRevenueUsdM, core: r.coreRevenueUsdM, license: r.licenseRevenueUsdM },
      capexUsdM: { ...r.capexByCategory, total: r.capexUsdM },
      powerMw: { powered: r.poweredMw, waiting: r.waitingMw, idleChips: r.idleChipMw, chips: r.chipMw },
      cashUsdM: c.cashUsdM,
      debtUsdM: c.debtUsdM,
      netIncomeUsdM: r.netIncomeUsdM,
      scoreBps: r.scoreBps,
    };
  }
  const events = view.events.map((e) => ({ kind: e.kind, key: e.key, seat: e.seat, region: e.region, params: e.params }));
  return { quarter: q, hash, level: state.parLevel, era: state.world.era, sentimentBps: state.world.sentimentBps, companies, events };
}

/** Plays a script, writing one JSON line per quarter; returns the number of rejected scripted orders. */
export function playScript(spec: GameSpec, write: (line: string) => void): number {
  let rejected = 0;
  runGame(spec, false, (state, _orders, hash) => {
    const fig = quarterFigures(state, spec, hash);
    rejected += state.events.filter((e) => e.kind === 'ordersRejected').length;
    write(JSON.stringify(fig));
  });
  return rejected;
}
