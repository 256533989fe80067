/** Test builders for engine tests. */
import {
  baseOrdersFor,
  completeOrders,
  createGame,
  historicalOrders,
  orderContextOfState,
  resolveQuarter,
  validateOrders,
  type GameState,
  type Orders,
  type OrdersBySeat,
  type OrdersDraft,
  type Ticker,
} from '../../shared/index.js';

export const SCENARIO = 'capex-race-2026';

/** A new default-scenario game. */
export function newGame(seed = 'test', opts: { quarters?: number; seats?: Ticker[] } = {}): GameState {
  return createGame({ scenarioId: SCENARIO, seed, quarterCount: opts.quarters, seats: opts.seats });
}

/** Orders that spend nothing for a seat. */
export function hold(state: GameState, seat: Ticker): Orders {
  return baseOrdersFor(orderContextOfState(state, seat));
}

/** Hold orders for every seat, with drafts applied to some; throws if any is invalid (tests never rely on silent defaults). */
export function ordersFor(state: GameState, drafts: Partial<Record<Ticker, OrdersDraft>> = {}): OrdersBySeat {
  const out: OrdersBySeat = {};
  for (const seat of state.seats) {
    const orders = completeOrders(hold(state, seat), drafts[seat] ?? {});
    const v = validateOrders(orderContextOfState(state, seat), orders);
    if (!v.ok) throw new Error(`test orders for ${seat} are invalid: ${JSON.stringify(v.problems)}`);
    out[seat] = orders;
  }
  return out;
}

/** Resolves `n` quarters with the same drafts each quarter. */
export function run(state: GameState, n: number, drafts: Partial<Record<Ticker, OrdersDraft>> = {}): GameState {
  let s = state;
  for (let i = 0; i < n; i += 1) s = resolveQuarter(s, ordersFor(s, drafts)).state;
  return s;
}

/** The first quarter played with the companies' stated plans (the article's week). */
export function historicalQ1(seed = 'article'): { before: GameState; after: GameState } {
  const before = newGame(seed);
  return { before, after: resolveQuarter(before, historicalOrders()).state };
}

/** A deep copy for modifying a state in a test. */
export function copy<T>(v: T): T {
  return JSON.parse(JSON.stringify(v)) as T;
}
