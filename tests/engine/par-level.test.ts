/**
 * The table level (engine 10, GAME.md "Game end"): a game records its bots' level and every score is
 * measured against the par that level's managements reach, with a swing at least the hard table's.
 */
import { describe, expect, it } from 'vitest';
import {
  botOrders, checkNewGame, createGame, defaultStrategyFor, finalReturns, finalScores, getScenario, headerFor, LEVELS, parseReplayFile,
  playerView, playerViews, replayGame, resolveQuarter, scoreBpsOf, worldIndexBps, type GameState, type Level, type Orders, type ReplayFile, type Ticker,
} from '../../shared/index.js';

const sc = getScenario('capex-race-2026');

/** A 4-quarter game of every company's management at `level`, with its saved-game file. */
function play(level: Level | undefined): { state: GameState; file: ReplayFile } {
  let s = createGame({ scenarioId: sc.id, seed: 'level-test', quarterCount: 4, parLevel: level });
  const file: ReplayFile = { header: headerFor(s, s.seats.map((t) => ({ company: t, name: t, kind: 'bot' as const }))), quarters: [] };
  while (!s.finished) {
    const views = playerViews(s);
    const orders: Partial<Record<Ticker, Orders>> = {};
    for (const t of s.seats) orders[t] = botOrders(views[t], defaultStrategyFor(t), level ?? 'hard');
    const r = resolveQuarter(s, orders);
    file.quarters.push({ quarter: s.quarter, orders: r.orders, hash: r.hash });
    s = r.state;
  }
  return { state: s, file };
}

describe('the table level', () => {
  it('scores every seat against its company\'s par at the game\'s level (report and final score)', () => {
    const { state } = play('normal');
    expect(state.parLevel).toBe('normal');
    const returns = finalReturns(state);
    const scores = finalScores(state);
    let differs = 0;
    const world = worldIndexBps(state.world, 4);
    for (const t of state.seats) {
      const par = sc.companies.find((c) => c.ticker === t)!.par;
      expect(scores[t], t).toBe(scoreBpsOf(returns[t]!, par.normal, 4, world));
      expect(state.companies[t]!.report.scoreBps, t).toBe(scores[t]);
      if (scoreBpsOf(returns[t]!, par.hard, 4, world) !== scores[t]) differs += 1;
    }
    // Control: the hard table's par would have given other scores.
    expect(differs).toBeGreaterThan(0);
  });

  it('a game without a level is a hard table; a level that does not exist is refused with a reason', () => {
    expect(createGame({ scenarioId: sc.id, seed: 'x' }).parLevel).toBe('hard');
    expect(checkNewGame({ scenarioId: sc.id, seed: 'x', parLevel: 'insane' as Level })).toEqual(['level must be easy, normal, hard']);
    expect(() => createGame({ scenarioId: sc.id, seed: 'x', parLevel: 'insane' as Level })).toThrow(/level must be/);
    for (const level of LEVELS) expect(checkNewGame({ scenarioId: sc.id, seed: 'x', parLevel: level })).toEqual([]);
  });

  it('the level is part of the game: views show it, saved games carry it and replay with it', () => {
    const { state, file } = play('easy');
    expect(playerView(state, 'AMZN').parLevel).toBe('easy');
    expect(file.header.parLevel).toBe('easy');
    const out = replayGame(file);
    expect(out.ok).toBe(true);
    if (out.ok) expect(finalScores(out.state)).toEqual(finalScores(state));
    // The state hash covers the level: the same orders at another level do not replay.
    const other = replayGame({ ...file, header: { ...file.header, parLevel: 'hard' } });
    expect(other.ok).toBe(false);
    if (!other.ok) expect(other.quarter).toBe(0);
    // A file without a level (saved before it existed) is a hard table.
    const { file: hardFile } = play(undefined);
    const { parLevel: _dropped, ...legacy } = hardFile.header;
    expect(replayGame({ ...hardFile, header: legacy }).ok).toBe(true);
  });

  it('a saved game naming a level that does not exist is refused, naming the field', () => {
    const { file } = play('normal');
    const bad = parseReplayFile(JSON.stringify({ ...file, header: { ...file.header, parLevel: 'insane' } }));
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.problem).toMatchObject({ key: 'replay.field', params: { field: 'header.parLevel' } });
    expect(parseReplayFile(JSON.stringify(file)).ok).toBe(true);
  });

  it('every company has a par at every level and length, each swing at least the hard table\'s', () => {
    for (const c of sc.companies) {
      const lengths = c.par.hard.map((r) => r[0]);
      for (const level of LEVELS) {
        expect(c.par[level].map((r) => r[0]), `${c.ticker} ${level}`).toEqual(lengths);
        c.par[level].forEach(([, , swing], i) => expect(swing, `${c.ticker} ${level} ${lengths[i]}`).toBeGreaterThanOrEqual(c.par.hard[i]![2]));
      }
    }
  });
});
