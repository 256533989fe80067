/**
 * The economy's books check (server/cli/metrics.ts, issue 13: no one-quarter stock move beyond ±35% without a
 * named event): a big move counts as explained by a headline cause event, or — since engine 15, when the
 * managements keep their credibility and the market reacts to what they announce — by the company's own
 * guidance update when the market's reaction to it made most of the move. A routine guidance update beside a
 * move made by something else explains nothing.
 */
import { describe, expect, it } from 'vitest';
import { addQuarter, startMetrics } from '../../server/cli/metrics.js';
import type { GameState } from '../../shared/index.js';
import { newGame } from '../helpers/game.js';

/** A state after a quarter in which AMZN's price moved `moveBps`, `guidanceBps` of it by its guidance, with or without its guidance update. */
function quarter(moveBps: number, guidanceBps: number, announced: boolean): GameState {
  const s = newGame('metrics', { seats: ['AMZN', 'MSFT'] });
  s.quarter = 1;
  const r = s.companies.AMZN!.report;
  r.priceMoveBps = moveBps;
  r.moveReasons = { guidance: guidanceBps, earnings: moveBps - guidanceBps };
  s.events = announced
    ? [{ quarter: 0, kind: 'guidanceChanged', key: 'event.guidanceChanged', seat: 'AMZN', region: null, headline: true, params: { seat: 'AMZN', from: 169_000, to: 297_000, consensus: 170_000 } }]
    : [];
  return s;
}

const unexplained = (s: GameState): number => {
  const m = startMetrics(s);
  addQuarter(m, s);
  expect(m.bigMoves).toBe(1);
  return m.bigMovesUnexplained;
};

describe('big stock moves and their named causes', () => {
  it('a move made mostly by the reaction to the company\'s own new guidance is explained by it', () => {
    expect(unexplained(quarter(-3_760, -3_506, true))).toBe(0);
  });

  it('not when the guidance made less than half of the move, nor without a guidance update', () => {
    expect(unexplained(quarter(-3_760, -1_500, true))).toBe(1);
    expect(unexplained(quarter(-3_760, -3_506, false))).toBe(1);
  });
});
