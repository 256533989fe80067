/**
 * The board's years (shared/board.ts, GAME.md "Game end"): a game that stops before its scenario's end is
 * scored at that end, after every company's management has played on at the table's level.
 */
import { describe, expect, it } from 'vitest';
import {
  boardQuartersOf, botOrders, createGame, defaultOrders, defaultStrategyFor, finalReturns, finalScores, finalStandings, getScenario, hashState, orderContextOfState,
  playBoardYears, playerViews, ranking, resolveQuarter, TICKERS, type GameState, type Level, type Orders, type Ticker,
} from '../../shared/index.js';

const SCENARIO = 'capex-race-2026';
const FULL = getScenario(SCENARIO).defaultQuarters;

/** A game of `quarters` quarters, every seat its management at `level` but `still` (which only says it is ready). */
function play(seed: string, quarters: number, level: Level, still: Ticker | null = null): GameState {
  let s = createGame({ scenarioId: SCENARIO, seed, quarterCount: quarters, seats: [...TICKERS], parLevel: level });
  while (!s.finished) {
    const views = playerViews(s);
    const orders: Partial<Record<Ticker, Orders>> = {};
    for (const t of s.seats) orders[t] = t === still ? defaultOrders(orderContextOfState(s, t)) : botOrders(views[t], defaultStrategyFor(t), level);
    s = resolveQuarter(s, orders, { hash: false, consume: true }).state;
  }
  return s;
}

describe('the board’s years', () => {
  it('a short game of managements, played on by the board, ends exactly where the whole scenario of managements ends', () => {
    // So the par of the whole scenario is the right yardstick for a short game's final score.
    for (const [quarters, level] of [[4, 'normal'], [8, 'hard'], [12, 'easy']] as const) {
      const whole = play(`board-${quarters}`, FULL, level);
      const short = play(`board-${quarters}`, quarters, level);
      const end = playBoardYears(short);
      expect(end).not.toBeNull();
      expect(end!.quarter).toBe(FULL);
      expect(hashState({ ...end!, quarterCount: FULL })).toBe(hashState(whole));
      expect(finalStandings(short).rows).toEqual(ranking(whole));
    }
  });

  it('a game that ran its whole scenario has no board’s years: its standings are its ranking', () => {
    const s = play('board-full', FULL, 'normal');
    expect(boardQuartersOf(s)).toBe(0);
    expect(playBoardYears(s)).toBeNull();
    expect(finalStandings(s)).toEqual({ board: null, rows: ranking(s) });
  });

  it('reports the quarters the boards played, the bell’s scores beside the final ones, and leaves the game as it was', () => {
    const s = play('board-bell', 4, 'normal', 'AMZN');
    const before = hashState(s);
    const { board, rows } = finalStandings(s);
    expect(hashState(s)).toBe(before);
    expect(board).not.toBeNull();
    expect([board!.fromQuarter, board!.toQuarter]).toEqual([4, FULL]);
    expect(boardQuartersOf(s)).toBe(FULL - 4);
    const bell = finalScores(s);
    for (const r of board!.rows) expect(r.bellScoreBps).toBe(bell[r.ticker]);
    expect(rows.map((r) => r.ticker)).toEqual(board!.rows.map((r) => r.ticker));
    // The path: every company's return at the bell, then after each of the boards' quarters, ending at the final return.
    expect(board!.path).toHaveLength(FULL - 4 + 1);
    expect(board!.path[0]).toEqual(finalReturns(s));
    for (const r of board!.rows) expect(board!.path.at(-1)![r.ticker]).toBe(r.returnBps);
    expect(new Set(board!.path.map((p) => p.AMZN)).size).toBeGreaterThan(1);
    for (let i = 1; i < rows.length; i += 1) expect(rows[i - 1]!.scoreBps).toBeGreaterThanOrEqual(rows[i]!.scoreBps);
    // The same game gives the same board's years.
    expect(finalStandings(s)).toEqual({ board, rows });
  });

  it('a first year standing still no longer beats the stated 2026 plan: at the bell it leads, after the board’s years it trails', () => {
    // Amazon at a hard table (docs/balance.md "Short games"): the 2026 plan costs by the end of 2026 and pays by 2030.
    let bellLeads = 0;
    let finalTrails = 0;
    const seeds = 8;
    for (let i = 0; i < seeds; i += 1) {
      const managed = play(`board-amzn-${i}`, 4, 'hard');
      const still = play(`board-amzn-${i}`, 4, 'hard', 'AMZN');
      if ((finalScores(still).AMZN ?? 0) > (finalScores(managed).AMZN ?? 0)) bellLeads += 1;
      const score = (s: GameState): number => finalStandings(s).rows.find((r) => r.ticker === 'AMZN')!.scoreBps;
      if (score(still) < score(managed)) finalTrails += 1;
    }
    expect(bellLeads).toBeGreaterThanOrEqual(seeds - 1);
    expect(finalTrails).toBeGreaterThanOrEqual(seeds - 1);
  });
});
