/**
 * Engine properties (fast-check): determinism, order independence, a balanced ledger, plain
 * integer JSON state, rejected orders change nothing, views hide secrets.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  createGame,
  hashValue,
  orderContextOfState,
  playerView,
  playerViews,
  resolveQuarter,
  validateOrders,
  type GameState,
  type OrdersBySeat,
  type Ticker,
} from '../../shared/index.js';
import { badOrdersArb, fitOrders, gameScriptArb, type GameScript } from '../helpers/arbitrary.js';
import { hold, newGame } from '../helpers/game.js';

/** The orders of one quarter of a generated game, fitted to the state reached (never silently replaced). */
function fitted(state: GameState, script: GameScript, q: number): OrdersBySeat {
  const out: OrdersBySeat = {};
  for (const seat of state.seats) out[seat] = fitOrders(state, seat, script.intents[q]![seat]!, script.tempers[seat]);
  return out;
}

/** A new game for a script (at least the scenario's shortest game; `seats` reorders the seats). */
function start(script: GameScript, seats: Ticker[] = script.seats, seed = script.seed): GameState {
  return newGame(seed, { quarters: Math.max(4, script.intents.length), seats });
}

/** Plays a generated game; `each` sees every resolution. */
function play(script: GameScript, opts: { seats?: Ticker[]; seed?: string; each?: (before: GameState, r: ReturnType<typeof resolveQuarter>) => void } = {}): { hashes: string[]; state: GameState } {
  let s = start(script, opts.seats, opts.seed);
  const hashes: string[] = [];
  for (let q = 0; q < script.intents.length; q += 1) {
    const r = resolveQuarter(s, fitted(s, script, q));
    opts.each?.(s, r);
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
    // -0 is not plain JSON: it comes back as 0.
    if (Object.is(v, -0)) throw new Error(`${path} is -0`);
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
/** Under mutation testing (`npm run test:mutation` sets MUTATION=1) each property plays a few games: the same checks, run per mutant. */
const runs = (n: number): number => (process.env['MUTATION'] ? Math.min(n, 3) : n);
/** Short games for properties that replay each game several times; long ones for the rest. */
const shortGames = gameScriptArb({ maxQuarters: 12 });
const games = gameScriptArb();

// Long games shrink slowly: a run is cut (and fails) after a minute, shrinking included.
// Under mutation testing the same games every run, so that two runs' scores compare.
fc.configureGlobal({ endOnFailure: false, interruptAfterTimeLimit: 60_000, markInterruptAsFailure: true, ...(process.env['MUTATION'] ? { seed: 16 } : {}) });

describe('engine properties', () => {
  it('same seed and orders give the same hash, run after run', () => {
    fc.assert(
      fc.property(shortGames, (script) => {
        const a = play(script);
        const b = play(script);
        expect(b.hashes).toEqual(a.hashes);
        expect(new Set(a.hashes).size).toBe(a.hashes.length);
      }),
      { numRuns: runs(15) },
    );
  });

  it('resolution never changes its input state', () => {
    fc.assert(
      fc.property(shortGames, (script) => {
        let s = start(script);
        for (let q = 0; q < script.intents.length; q += 1) {
          const before = JSON.stringify(s);
          const r = resolveQuarter(s, fitted(s, script, q));
          expect(JSON.stringify(s)).toBe(before);
          s = r.state;
        }
      }),
      { numRuns: runs(10) },
    );
  });

  it('resolving in place (consume) gives the same states and hashes as resolving a copy', () => {
    fc.assert(
      fc.property(shortGames, (script) => {
        let copied = start(script);
        let owned = start(script);
        for (let q = 0; q < script.intents.length; q += 1) {
          const orders = fitted(copied, script, q);
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
      { numRuns: runs(10) },
    );
  });

  it('a different seed changes the game', () => {
    fc.assert(
      fc.property(gameScriptArb({ minQuarters: 4, maxQuarters: 6 }), (script) => {
        // The seed itself is part of the state: compare the games without it.
        const a = play(script, { seed: `${script.seed}-a` }).state;
        const b = play(script, { seed: `${script.seed}-b` }).state;
        expect(hashValue({ ...a, seed: '' })).not.toBe(hashValue({ ...b, seed: '' }));
      }),
      { numRuns: runs(5) },
    );
  });

  it('listing seats (and orders) in another order changes nothing', () => {
    fc.assert(
      fc.property(shortGames, (script) => {
        const a = play(script);
        const b = play(script, { seats: [...script.seats].reverse() });
        expect(b.hashes).toEqual(a.hashes);
        // Orders given with keys in reverse order.
        const s = start(script);
        const fwd = fitted(s, script, 0);
        const rev: OrdersBySeat = {};
        for (const t of [...script.seats].reverse()) rev[t] = fwd[t];
        expect(resolveQuarter(s, rev).hash).toBe(resolveQuarter(s, fwd).hash);
      }),
      { numRuns: runs(10) },
    );
  });

  it('every dollar is accounted for: each company’s ledger adds up to its change in cash, licence fees paid to rivals are the rivals’ income', () => {
    let feesPaid = 0;
    fc.assert(
      fc.property(gameScriptArb({ minSeats: 2 }), (script) => {
        play(script, {
          each: (s, r) => {
            let fees = 0;
            for (const t of s.seats) {
              const before = s.companies[t]!;
              const after = r.state.companies[t]!;
              const ledger = after.report.ledger;
              const total = Object.values(ledger).reduce((a, b) => a + b, 0);
              expect(after.cashUsdM - before.cashUsdM).toBe(total);
              expect(ledger['revenue'] ?? 0).toBe(after.report.revenueUsdM - after.report.licenseRevenueUsdM);
              expect(ledger['licenseIncome'] ?? 0).toBe(after.report.licenseRevenueUsdM);
              expect(0 - (ledger['chips'] ?? 0)).toBe(after.report.capexByCategory.chips);
              expect(0 - (ledger['energy'] ?? 0)).toBe(after.report.capexByCategory.energy);
              expect(0 - (ledger['talent'] ?? 0)).toBe(after.report.capexByCategory.talent);
              const lic = r.orders[t].licenseFrom;
              // A licensee always pays; a fee paid to a rival is that rival's income, one for one.
              if (lic !== null) expect(ledger['license'] ?? 0).toBeLessThan(0);
              else expect(ledger['license'] ?? 0).toBe(0);
              if (lic !== null && lic !== 'LAB') feesPaid += 1;
              fees += (ledger['licenseIncome'] ?? 0) + (lic !== null && lic !== 'LAB' ? (ledger['license'] ?? 0) : 0);
            }
            expect(fees).toBe(0);
          },
        });
      }),
      { numRuns: runs(15) },
    );
    // The generator licenses from rivals: the check above ran on real fees, not on zeros.
    expect(feesPaid).toBeGreaterThan(runs(15) > 3 ? 10 : 0);
  });

  it('state is plain JSON with only safe integers after any legal play', () => {
    fc.assert(
      fc.property(games, (script) => {
        const { state } = play(script);
        assertPlainIntegerJson(state);
        expect(JSON.parse(JSON.stringify(state))).toEqual(state);
      }),
      { numRuns: runs(15) },
    );
  });

  it('invalid orders are refused with the reason that fits, and change nothing', () => {
    const s = newGame('bad', { seats: SEATS });
    const snapshot = JSON.stringify(s);
    fc.assert(
      fc.property(badOrdersArb, fc.constantFrom(...SEATS), ({ input, key }, seat) => {
        const v = validateOrders(orderContextOfState(s, seat), input);
        expect(v.ok, JSON.stringify(input)).toBe(false);
        if (!v.ok) expect(v.problems.map((p) => p.key)).toContain(key);
        expect(JSON.stringify(s)).toBe(snapshot);
      }),
      { numRuns: runs(300) },
    );
    // At resolution, a seat's invalid orders are replaced by its defaults (and said so).
    const all = (extra: OrdersBySeat = {}): OrdersBySeat => ({ ...Object.fromEntries(SEATS.map((t) => [t, hold(s, t)])), ...extra });
    const withBad = resolveQuarter(s, all({ MSFT: { chips: { merchantUsdM: -5 } } as never }));
    const withHold = resolveQuarter(s, all());
    expect(withBad.state.events.some((e) => e.kind === 'ordersRejected' && e.seat === 'MSFT')).toBe(true);
    expect(withBad.state.companies.MSFT!.cashUsdM).toBe(withHold.state.companies.MSFT!.cashUsdM);
    expect(JSON.stringify(s)).toBe(snapshot);
  });

  it("a player's view never contains the seed, hidden shocks, or another seat's private figures", () => {
    fc.assert(
      fc.property(fc.string({ minLength: 6, maxLength: 16 }).filter((x) => /^[a-z0-9]+$/i.test(x)), shortGames, (seed, script) => {
        const seats = script.seats;
        let s = createGame({ scenarioId: 'capex-race-2026', seed: `seed-${seed}`, seats, quarterCount: Math.max(8, script.intents.length + 1), shocks: [{ quarter: script.intents.length, card: 'heatWave', region: 'us-texas' }] });
        for (let q = 0; q < script.intents.length; q += 1) s = resolveQuarter(s, fitted(s, script, q)).state;
        for (const viewer of [...seats, null]) {
          const view = playerView(s, viewer);
          const text = JSON.stringify(view);
          expect(text).not.toContain(`seed-${seed}`);
          expect(text).not.toContain('"shocks"');
          for (const t of seats) {
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
        for (const seat of seats) expect(all[seat]).toEqual(playerView(s, seat));
      }),
      { numRuns: runs(10) },
    );
  });
});
