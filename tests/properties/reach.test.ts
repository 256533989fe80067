/**
 * The reach of the game generators (tests/helpers/arbitrary.ts), counted over a sample of generated
 * games: seats, length, every order field, and the states the economy must be driven into.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { resolveQuarter, type GameState, type OrdersBySeat, type Ticker } from '../../shared/index.js';
import { fitOrders, gameScriptArb, type GameScript } from '../helpers/arbitrary.js';
import { newGame } from '../helpers/game.js';
import { countEvents, countOrders, ORDER_REACH } from '../golden/reach.js';

const games = gameScriptArb();

/** Plays a generated game, calling `each` after every quarter. */
function play(script: GameScript, each: (before: GameState, r: ReturnType<typeof resolveQuarter>) => void): void {
  let s = newGame(script.seed, { quarters: Math.max(4, script.intents.length), seats: script.seats });
  for (let q = 0; q < script.intents.length; q += 1) {
    const orders: OrdersBySeat = {};
    for (const seat of s.seats) orders[seat] = fitOrders(s, seat, script.intents[q]![seat]!, script.tempers[seat]);
    const r = resolveQuarter(s, orders);
    each(s, r);
    s = r.state;
  }
}

describe('reach of the generators', () => {
  it('generated games reach 7 seats, 40 quarters, every order field, distress, the credit line and the data wall (counted)', () => {
    const reach = new Map<string, number>();
    const add = (k: string): void => void reach.set(k, (reach.get(k) ?? 0) + 1);
    const scripts = fc.sample(games, 60);
    for (const script of scripts) {
      add(`seats.${script.seats.length}`);
      if (script.intents.length === 40) add('quarters.40');
      if (script.intents.length >= 30) add('quarters.30+');
      const last = new Map<Ticker, OrdersBySeat[Ticker]>();
      play(script, (_s, r) => {
        for (const t of r.state.seats) {
          countOrders(reach, r.orders[t], last.get(t) ?? null, t);
          last.set(t, r.orders[t]);
          const c = r.state.companies[t]!;
          if (c.revolverUsdM > 0) add('state.creditLine');
          if (c.distressed) add('state.distressed');
          if (c.restructured) add('state.restructured');
        }
        countEvents(reach, r.state.events);
      });
    }
    const counts = Object.fromEntries([...reach.entries()].sort());
    // The counts are printed so a weakened generator shows how far it fell.
    console.log(`generator reach over ${scripts.length} games: ${JSON.stringify(counts)}`);
    const must = [
      'seats.1', 'seats.7', 'quarters.40',
      ...ORDER_REACH,
      'state.creditLine', 'state.distressed', 'event.distressed', 'event.dataWall', 'event.foundryAllocated', 'event.programReady', 'event.powerOnline',
    ];
    expect(must.filter((k) => !(reach.get(k)! > 0))).toEqual([]);
  });
});
