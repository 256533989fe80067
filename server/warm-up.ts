/**
 * Boot warm-up: before the server listens, it plays all-bot games in memory through the code every
 * quarter runs (orders as players send them, validation, resolution, every seat's view, message
 * packing), so V8 has compiled those paths before the first player's quarter needs them. Without it
 * the first quarters after a start run partly interpreted while V8's compiler threads compete for
 * the CPU. Nothing is stored or sent. `npm start` warms up with WARM_UP_GAMES games (default 40,
 * half of them four-quarter games with their board's years: 2.7–2.9 s on the 2-core AMD EPYC of
 * 2026-12-07, ~1.5–1.7 s on the Intel one before).
 *
 * How many: V8 optimizes a function once it is hot, then drops the code again when it meets an
 * object shape it has not seen (the engine's phases each do so once or twice before they settle).
 * Measured on 30 short games played after the warm-up (tracing V8's compiler): after 3 games the
 * compiler still worked ~1.1 s on the engine, after 20 games ~0.2–1.2 s (jobs queued at the end of
 * the warm-up finished during play), after 30–40 games 20–120 ms.
 *
 * Orders take the way players' orders take: packed as the SDK packs a message (msgpackr with
 * records), decoded as the message gate decodes it, checked by the protocol's schema, then
 * validated. Objects decoded from records have other shapes than the bots' own objects: warmed up
 * on the bots' objects only, the validation (parseOrders, checkOrders, completeOrders) was
 * compiled again in play.
 */
import { Packr, unpack } from 'msgpackr';
import { botOrders, createGame, defaultStrategyFor, finalStandings, orderContextOfState, playerView, playerViews, resolveQuarter, validateOrders, type Level, type Orders, type Ticker } from '../shared/index.js';
import { CLIENT_MESSAGES, GameOptionsSchema, MESSAGE_LIMITS, checkStructure } from '../shared/protocol/index.js';
import { messageFrame, type FrameCache } from './rooms/message-frames.js';

/**
 * Colyseus loads @pm2/io when its matchmaker starts (after the warm-up): its init connects an
 * inspector session and enables the profiler and the heap profiler, and V8 then throws away the
 * code it optimized before (the engine's phases were compiled a second time during the first
 * quarters of play: npm run loadtest, docs/performance.md). Loaded first, the warm-up's code stays.
 * The module is loaded once, here or by Colyseus; what its init installs (those inspector domains,
 * its metrics, and process handlers that log an uncaught exception or an unhandled rejection) is
 * then in place ~1–2 s earlier in the boot: before the warm-up instead of at listen. Only with a
 * warm-up (npm start); the tests' servers boot without one.
 */
export async function loadColyseusMonitoring(): Promise<void> {
  const name = '@pm2/io';
  await import(name).catch(() => undefined);
}

/** How long a class's game is by default (4 quarters): every second warm-up game is one, then its board's years. */
const SHORT_GAME_QUARTERS = 4;

/**
 * The table's level of a warm-up game: a new game's own (the create options' default, `normal`), as most games
 * are, with one game at each other level in ten. The level picks the par the publish phase reads (`par[level]`)
 * and, in the board's years, the managements' branches; warmed up on the engine's own default (`hard`) alone,
 * publish and the board's bots were compiled again when the first normal games resolved in play (V8's trace:
 * a "wrong name" deoptimization of publishPhase, ~60–70 ms of compile in play; docs/performance.md).
 */
const TABLE_LEVEL = GameOptionsSchema.parse({}).botDifficulty;
function levelOf(game: number): Level {
  return game % 10 === 3 ? 'hard' : game % 10 === 7 ? 'easy' : TABLE_LEVEL;
}

/**
 * Plays `games` all-bot games in memory; returns how long it took (ms), how many quarters it resolved
 * (the board's years' included), how many seats' orders came through the players' way (decoded,
 * schema, validated), how many games were played on by the board and how many games it played at each table level.
 *
 * Every second game stops after four quarters (a class's game) and is scored after its board's years
 * (shared/board.ts), as the server scores it: the bots plan other branches near a game's end, and the
 * board's quarters run the engine on the board's own copy. Warmed up on whole games only, the engine's
 * phases were compiled again in play, when the first short games ended (~3 s of V8's compiler threads
 * for 100 four-quarter games; docs/performance.md).
 */
export function warmUp(games: number): { ms: number; quarters: number; accepted: number; boards: number; levels: Record<Level, number> } {
  const t0 = performance.now();
  const levels: Record<Level, number> = { easy: 0, normal: 0, hard: 0 };
  let quarters = 0;
  let boards = 0;
  let accepted = 0;
  for (let g = 0; g < games; g += 1) {
    const short = g % 2 === 1;
    let state = createGame({ scenarioId: 'capex-race-2026', seed: `warm-up-${g}`, quarterCount: short ? SHORT_GAME_QUARTERS : undefined, parLevel: levelOf(g) });
    levels[state.parLevel] += 1;
    // One packer per seat, as each client's SDK room has its own.
    const packers = new Map<Ticker, Packr>(state.seats.map((s) => [s, new Packr()]));
    for (const seat of state.seats) messageFrame('view', { view: playerView(state, seat), pending: null });
    while (!state.finished) {
      const views = playerViews(state);
      const orders: Partial<Record<Ticker, Orders>> = {};
      for (const seat of state.seats) {
        const sent = unpack(packers.get(seat)!.pack({ quarter: state.quarter, orders: botOrders(views[seat], defaultStrategyFor(seat), 'normal') }));
        if (checkStructure(sent, MESSAGE_LIMITS)) continue;
        const parsed = CLIENT_MESSAGES['orders:submit'].safeParse(sent);
        if (!parsed.success) continue;
        const v = validateOrders(orderContextOfState(state, seat), parsed.data.orders);
        if (!v.ok) continue;
        orders[seat] = v.value;
        accepted += 1;
      }
      const r = resolveQuarter(state, orders);
      quarters += 1;
      const after = playerViews(r.state);
      const cache: FrameCache = new Map();
      for (const seat of state.seats) messageFrame('quarter:resolved', { quarter: state.quarter, hash: r.hash, finished: r.state.finished, orders: r.orders, view: after[seat] }, cache);
      state = r.state;
    }
    // The board's years (a short game's), then the views again with them, as the server sends them.
    const { board } = finalStandings(state);
    if (board) {
      boards += 1;
      quarters += board.toQuarter - board.fromQuarter;
      const cache: FrameCache = new Map();
      const views = playerViews(state);
      for (const seat of state.seats) messageFrame('view', { view: { ...views[seat]!, board }, pending: null }, cache);
    }
  }
  return { ms: performance.now() - t0, quarters, accepted, boards, levels };
}
