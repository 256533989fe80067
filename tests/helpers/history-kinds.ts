/**
 * Run by tests/engine/history-kinds.test.ts in a Node started with --allow-natives-syntax: plays short games and
 * their board's years (long enough for V8 to optimize the engine) and reports every company history that is not a
 * packed list of small integers (shared/engine/math.ts `small`), and every field of the state whose figure V8 holds
 * as a double though it is a small integer (`doubles`: where, first seen). Prints one JSON line: { checked, bad,
 * figures, doubles }.
 */
import { boardRun, botOrders, createGame, defaultStrategyFor, playerViews, resolveQuarter, type CompanyState, type GameState, type Orders, type Ticker } from '../../shared/index.js';

const smiPacked = new Function('a', 'return %HasSmiElements(a) && !%HasHoleyElements(a)') as (a: unknown) => boolean;
const isSmi = new Function('x', 'return %IsSmi(x)') as (x: unknown) => boolean;
/**
 * Figures that may leave the small integers (|x| ≥ 2^31): the cloud's tightness is demand over supply in basis points
 * (billions when there is next to no supply). Once such a figure was held as a double, V8 keeps the field as doubles.
 */
const MAY_BE_LARGE = new Set(['world.cloudTightnessBps']);
const HISTORIES = ['capexHistoryUsdM', 'guidanceHistoryUsdM', 'incomeHistoryUsdM', 'revenueHistoryUsdM', 'riskyRevenueHistoryUsdM', 'riskyProfitHistoryUsdM'] as const;
const games = Number(process.argv[2] ?? 60);
let checked = 0;
const bad: string[] = [];
let figures = 0;
const doubles = new Map<string, string>();

/** Records keyed by a company's ticker or a region's id: their keys are listed as *. */
const BY_ID = /(^|\.)(companies|regions|sites)$/;

/** Every number of the state: an int32 one held as a double is listed by field. */
function walk(x: unknown, field: string, where: string): void {
  if (typeof x === 'number') {
    figures += 1;
    if ((x | 0) === x && !Object.is(x, -0) && !isSmi(x) && !MAY_BE_LARGE.has(field) && !doubles.has(field)) doubles.set(field, where);
    return;
  }
  if (x === null || typeof x !== 'object') return;
  if (Array.isArray(x)) {
    for (const y of x) walk(y, `${field}[]`, where);
    return;
  }
  for (const [k, v] of Object.entries(x)) walk(v, field === '' ? k : `${field}.${BY_ID.test(field) ? '*' : k}`, where);
}

function check(s: GameState, where: string): void {
  walk(s, '', where);
  for (const c of Object.values(s.companies) as CompanyState[]) {
    for (const h of HISTORIES) {
      checked += 1;
      if (!smiPacked(c[h]) && bad.length < 10) bad.push(`${where} ${c.ticker}.${h}`);
    }
  }
}

for (let g = 0; g < games; g += 1) {
  let s = createGame({ scenarioId: 'capex-race-2026', seed: `kinds-${g}`, quarterCount: 4 });
  check(s, `game ${g} created`);
  while (!s.finished) {
    const views = playerViews(s);
    const orders: Partial<Record<Ticker, Orders>> = {};
    for (const t of s.seats) orders[t] = botOrders(views[t], defaultStrategyFor(t), 'normal');
    s = resolveQuarter(s, orders).state;
    check(s, `game ${g} q${s.quarter}`);
  }
  const run = boardRun(s);
  while (run && !run.done()) {
    run.step();
    check(run.state, `game ${g} board q${run.state.quarter}`);
  }
}
console.log(JSON.stringify({ checked, bad, figures, doubles: Object.fromEntries(doubles) }));
