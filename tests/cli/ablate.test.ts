/**
 * `--ablate` (server/cli/ablate.ts): each row is the studied seat's management with one part of its orders
 * taken away every quarter, and nothing else changed; the report's returns are those of the games it names.
 */
import { describe, expect, it } from 'vitest';
import { defaultStrategyFor, type Orders, type Ticker } from '../../shared/index.js';
import { ABLATIONS, runAblation } from '../../server/cli/ablate.js';
import { runGame, type SeatPlan } from '../../server/cli/run.js';

const TABLE: Ticker[] = ['AMZN', 'MSFT', 'ORCL'];
const STUDIED: Ticker = 'AMZN';
const QUARTERS = 4;

function play(seat: Partial<SeatPlan>, seed: string): { returnBps: number; orders: Orders[] } {
  const seats: SeatPlan[] = TABLE.map((c) => (c === STUDIED ? { company: c, strategy: defaultStrategyFor(c), difficulty: 'normal', ...seat } : { company: c, strategy: defaultStrategyFor(c), difficulty: 'normal' }));
  const { result } = runGame({ scenarioId: 'capex-race-2026', seed, quarterCount: QUARTERS, parLevel: 'normal', seats, record: STUDIED });
  return { returnBps: result.returnsBps[STUDIED]!, orders: result.recorded! };
}

/** What each part is, read off the orders the engine used. */
const PART_SPEND: Record<string, (o: Orders) => number> = {
  power: (o) => o.energy.reduce((a, e) => a + e.mw, 0),
  chips: (o) => o.chips.merchantUsdM + o.chips.secondSourceUsdM + o.chips.customUsdM,
  talent: (o) => o.talentBidUsdM,
  data: (o) => o.data.licensedUsdM,
  program: (o) => o.customProgramUsdM,
  labs: (o) => o.ops.labBidMw,
};

describe('sim --ablate', () => {
  it('takes away exactly one part of the management\'s orders, every quarter, and reports those games\' returns', async () => {
    const seeds = ['abl-0', 'abl-1'];
    const report = await runAblation({ scenarioId: 'capex-race-2026', quarterCount: QUARTERS, companies: TABLE, seeds: seeds.length, seed: 'abl', table: 'normal', threads: 1 });
    const row = report.companies[STUDIED]!;
    const mean = (xs: number[]): number => Math.round(xs.reduce((a, b) => a + b, 0) / xs.length);
    const whole = seeds.map((s) => play({}, s));
    expect(row.returnBps.management).toBe(mean(whole.map((g) => g.returnBps)));
    expect(row.returnBps.ready).toBe(mean(seeds.map((s) => play({ readyOnly: true }, s).returnBps)));
    // In a one-year game, a first year standing still is the whole game standing still.
    expect(row.returnBps.firstYear).toBe(row.returnBps.ready);
    expect(row.addsBps.firstYear).toBe(row.returnBps.management - row.returnBps.ready);
    for (const { part, variant } of ABLATIONS) {
      const games = seeds.map((s) => play({ variant }, s));
      expect(row.returnBps[part], part).toBe(mean(games.map((g) => g.returnBps)));
      expect(row.addsBps[part], part).toBe(row.returnBps.management - row.returnBps[part]);
      const spend = PART_SPEND[part];
      if (spend) {
        // The management uses the part in this one-year game; without it, never.
        expect(whole.some((g) => g.orders.some((o) => spend(o) > 0)), part).toBe(true);
        for (const g of games) for (const o of g.orders) expect(spend(o), part).toBe(0);
      }
    }
  });

  it('the split of compute it swaps in is the one a seat that only says it is ready keeps', () => {
    const swapped = play({ variant: 'ops-ready' }, 'abl-ops').orders;
    const whole = play({}, 'abl-ops').orders;
    const ready = play({ readyOnly: true }, 'abl-ops').orders;
    for (let q = 0; q < QUARTERS; q += 1) expect(swapped[q]!.ops, `quarter ${q}`).toEqual(ready[q]!.ops);
    // The management's own split differs (or the row would measure nothing).
    expect(whole.some((o, q) => JSON.stringify(o.ops) !== JSON.stringify(ready[q]!.ops))).toBe(true);
  });

  it('"first year" stands still through 2026, then the management plays', () => {
    const seats: SeatPlan[] = TABLE.map((c) => ({ company: c, strategy: defaultStrategyFor(c), difficulty: 'normal', ...(c === STUDIED ? { readyUntilQ: 4 } : {}) }));
    const { result } = runGame({ scenarioId: 'capex-race-2026', seed: 'abl-fy', quarterCount: 6, parLevel: 'normal', seats, record: STUDIED });
    const spend = (o: Orders): number => PART_SPEND['chips']!(o) + PART_SPEND['power']!(o) + o.talentBidUsdM + o.data.licensedUsdM + o.customProgramUsdM;
    const orders = result.recorded!;
    for (let q = 0; q < 4; q += 1) expect(spend(orders[q]!), `quarter ${q}`).toBe(0);
    expect(spend(orders[4]!) + spend(orders[5]!)).toBeGreaterThan(0);
  });
});
