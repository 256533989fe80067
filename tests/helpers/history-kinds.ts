/**
 * Run by tests/engine/history-kinds.test.ts in a Node started with --allow-natives-syntax: plays short games and
 * their board's years (long enough for V8 to optimize the engine) and reports every company history that is not a
 * packed list of small integers (shared/engine/math.ts `small`). Prints one JSON line: { checked, bad }.
 */
import { boardRun, botOrders, createGame, defaultStrategyFor, playerViews, resolveQuarter, type CompanyState, type GameState, type Orders, type Ticker } from '../../shared/index.js';

const smiPacked = new Function('a', 'return %HasSmiElements(a) && !%HasHoleyElements(a)') as (a: unknown) => boolean;
const HISTORIES = ['capexHistoryUsdM', 'guidanceHistoryUsdM', 'incomeHistoryUsdM', 'revenueHistoryUsdM', 'riskyRevenueHistoryUsdM', 'riskyProfitHistoryUsdM'] as const;
const games = Number(process.argv[2] ?? 60);
let checked = 0;
const bad: string[] = [];

function check(s: GameState, where: string): void {
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
console.log(JSON.stringify({ checked, bad }));
