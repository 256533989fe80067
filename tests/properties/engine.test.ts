/**
 * Engine properties (fast-check): determinism, order independence, a balanced ledger, plain
 * integer JSON state, rejected orders change nothing, views hide secrets.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  completeOrders,
  createGame,
  orderContextOfState,
  playerView,
  playerViews,
  resolveQuarter,
  validateOrders,
  type GameState,
  type OrdersBySeat,
  type OrdersDraft,
  type Ticker,
} from '../../shared/index.js';
import { draftsArb, garbageArb } from '../helpers/arbitrary.js';
import { hold, newGame } from '../helpers/game.js';

/** Orders from drafts, keeping only the valid ones (invalid drafts become hold orders). */
function legal(state: GameState, drafts: Partial<Record<Ticker, OrdersDraft>>): OrdersBySeat {
  const out: OrdersBySeat = {};
  for (const seat of state.seats) {
    const o = completeOrders(hold(state, seat), drafts[seat] ?? {});
    out[seat] = validateOrders(orderContextOfState(state, seat), o).ok ? o : hold(state, seat);
  }
  return out;
}

function play(seed: string, quarterDrafts: Partial<Record<Ticker, OrdersDraft>>[], seats?: Ticker[]): { hashes: string[]; state: GameState } {
  let s = newGame(seed, { quarters: Math.max(4, quarterDrafts.length), seats });
  const hashes: string[] = [];
  for (const d of quarterDrafts) {
    const r = resolveQuarter(s, legal(s, d));
    hashes.push(r.hash);
    s = r.state;
  }
  return { hashes, state: s };
}

/** Every number is a safe integer; no undefined, NaN, classes or functions. */
function assertPlainIntegerJson(v: unknown, path = 'state'): void {
  if (v === null || typeof v === 'string' || typeof v === 'boolean') return;
  if (typeof v === 'number') {
    if (!Number.isSafeInteger(v)) throw new Error(`${path} is not a safe integer: ${v}`);
    return;
  }
  if (Array.isArray(v)) return v.forEach((x, i) => assertPlainIntegerJson(x, `${path}[${i}]`));
  if (typeof v === 'object' && Object.getPrototypeOf(v) === Object.prototype) {
    for (const [k, x] of Object.entries(v as Record<string, unknown>)) {
      if (x === undefined) throw new Error(`${path}.${k} is undefined`);
      assertPlainIntegerJson(x, `${path}.${k}`);
    }
    return;
  }
  throw new Error(`${path} is not plain JSON (${typeof v})`);
}

const SEATS: Ticker[] = ['AMZN', 'META', 'MSFT', 'ORCL'];
const gameArb = fc.array(draftsArb(SEATS), { minLength: 1, maxLength: 5 });

describe('engine properties', () => {
  it('same seed and orders give the same hash, run after run', () => {
    fc.assert(
      fc.property(fc.string({ minLength: 1, maxLength: 12 }), gameArb, (seed, drafts) => {
        const a = play(seed, drafts, SEATS);
        const b = play(seed, drafts, SEATS);
        const c = play(seed, drafts, SEATS);
        expect(b.hashes).toEqual(a.hashes);
        expect(c.hashes).toEqual(a.hashes);
      }),
      { numRuns: 15 },
    );
  });

  it('resolution never changes its input state', () => {
    fc.assert(
      fc.property(gameArb, (drafts) => {
        let s = newGame('pure', { seats: SEATS, quarters: 8 });
        for (const d of drafts) {
          const before = JSON.stringify(s);
          const r = resolveQuarter(s, legal(s, d));
          expect(JSON.stringify(s)).toBe(before);
          s = r.state;
        }
      }),
      { numRuns: 10 },
    );
  });

  it('resolving in place (consume) gives the same states and hashes as resolving a copy', () => {
    fc.assert(
      fc.property(gameArb, (drafts) => {
        let copied = newGame('consume', { seats: SEATS, quarters: 8 });
        let owned = newGame('consume', { seats: SEATS, quarters: 8 });
        for (const d of drafts) {
          const orders = legal(copied, d);
          const a = resolveQuarter(copied, orders);
          const b = resolveQuarter(owned, orders, { consume: true });
          expect(b.state).toBe(owned);
          expect(b.hash).toBe(a.hash);
          expect(b.orders).toEqual(a.orders);
          copied = a.state;
          owned = b.state;
        }
        expect(JSON.stringify(owned)).toBe(JSON.stringify(copied));
      }),
      { numRuns: 10 },
    );
  });

  it('a different seed changes the game', () => {
    const drafts = [{}, {}, {}, {}];
    expect(play('one', drafts).hashes).not.toEqual(play('two', drafts).hashes);
  });

  it('listing seats (and orders) in another order changes nothing', () => {
    fc.assert(
      fc.property(gameArb, (drafts) => {
        const a = play('order', drafts, SEATS);
        const b = play('order', drafts, [...SEATS].reverse());
        expect(b.hashes).toEqual(a.hashes);
        // Orders given with keys in reverse order.
        const s = newGame('order', { seats: SEATS, quarters: 4 });
        const fwd = legal(s, drafts[0] ?? {});
        const rev: OrdersBySeat = {};
        for (const t of [...SEATS].reverse()) rev[t] = fwd[t];
        expect(resolveQuarter(s, rev).hash).toBe(resolveQuarter(s, fwd).hash);
      }),
      { numRuns: 10 },
    );
  });

  it('every dollar is accounted for: each company’s ledger adds up to its change in cash, license fees net to zero', () => {
    fc.assert(
      fc.property(gameArb, (drafts) => {
        let s = newGame('ledger', { seats: SEATS, quarters: 8 });
        for (const d of drafts) {
          const r = resolveQuarter(s, legal(s, d));
          let fees = 0;
          for (const t of SEATS) {
            const before = s.companies[t]!;
            const after = r.state.companies[t]!;
            const ledger = after.report.ledger;
            const total = Object.values(ledger).reduce((a, b) => a + b, 0);
            expect(after.cashUsdM - before.cashUsdM).toBe(total);
            expect(ledger['revenue'] ?? 0).toBe(after.report.revenueUsdM - after.report.licenseRevenueUsdM);
            expect(0 - (ledger['chips'] ?? 0)).toBe(after.report.capexByCategory.chips);
            expect(0 - (ledger['energy'] ?? 0)).toBe(after.report.capexByCategory.energy);
            expect(0 - (ledger['talent'] ?? 0)).toBe(after.report.capexByCategory.talent);
            fees += (ledger['licenseIncome'] ?? 0) + (r.orders[t].licenseFrom !== 'LAB' ? (ledger['license'] ?? 0) : 0);
          }
          expect(fees).toBe(0);
          s = r.state;
        }
      }),
      { numRuns: 15 },
    );
  });

  it('state is plain JSON with only safe integers after any legal play', () => {
    fc.assert(
      fc.property(fc.string({ minLength: 1, maxLength: 8 }), gameArb, (seed, drafts) => {
        const { state } = play(seed, drafts, SEATS);
        assertPlainIntegerJson(state);
        expect(JSON.parse(JSON.stringify(state))).toEqual(state);
      }),
      { numRuns: 15 },
    );
  });

  it('invalid orders are rejected with a reason and change nothing', () => {
    const s = newGame('bad', { seats: SEATS });
    const snapshot = JSON.stringify(s);
    fc.assert(
      fc.property(garbageArb, fc.constantFrom(...SEATS), (input, seat) => {
        const v = validateOrders(orderContextOfState(s, seat), input);
        if (!v.ok) {
          expect(v.problems.length).toBeGreaterThan(0);
          for (const p of v.problems) expect(p.key).toMatch(/^orders\./);
        }
        expect(JSON.stringify(s)).toBe(snapshot);
      }),
      { numRuns: 200 },
    );
    // At resolution, a seat's invalid orders are replaced by its defaults (and said so).
    const withBad = resolveQuarter(s, { ...legal(s, {}), MSFT: { chips: { merchantUsdM: -5 } } as never });
    const withHold = resolveQuarter(s, legal(s, {}));
    expect(withBad.state.events.some((e) => e.kind === 'ordersRejected' && e.seat === 'MSFT')).toBe(true);
    expect(withBad.state.companies.MSFT!.cashUsdM).toBe(withHold.state.companies.MSFT!.cashUsdM);
    expect(JSON.stringify(s)).toBe(snapshot);
  });

  it("a player's view never contains the seed, hidden shocks, or another seat's private figures", () => {
    fc.assert(
      fc.property(fc.string({ minLength: 6, maxLength: 16 }).filter((x) => /^[a-z0-9]+$/i.test(x)), gameArb, (seed, drafts) => {
        let s = createGame({ scenarioId: 'capex-race-2026', seed: `seed-${seed}`, seats: SEATS, quarterCount: 8, shocks: [{ quarter: 7, card: 'heatWave', region: 'us-texas' }] });
        for (const d of drafts) s = resolveQuarter(s, legal(s, d)).state;
        for (const viewer of [...SEATS, null]) {
          const view = playerView(s, viewer);
          const text = JSON.stringify(view);
          expect(text).not.toContain(`seed-${seed}`);
          expect(text).not.toContain('"shocks"');
          for (const t of SEATS) {
            if (t === viewer) continue;
            const pub = view.companies[t] as unknown as Record<string, unknown>;
            for (const hidden of ['chips', 'shipments', 'projects', 'researchers', 'compUsdK', 'trainingStock', 'humanData', 'customProgram', 'labContracts']) {
              expect(pub).not.toHaveProperty(hidden);
            }
          }
          if (viewer) expect(view.me?.ticker).toBe(viewer);
          else expect(view.me).toBeNull();
          for (const e of view.events) expect(e.headline || e.seat === null || e.seat === viewer).toBe(true);
        }
        // The views built together (shared public part, events sorted out in one pass) are the same.
        const all = playerViews(s);
        for (const seat of SEATS) expect(all[seat]).toEqual(playerView(s, seat));
      }),
      { numRuns: 10 },
    );
  });
});
