/**
 * Boot warm-up: before the server listens, it plays a few all-bot games in memory through the code
 * every quarter runs (bots, order validation, resolution, every seat's view, message packing), so
 * V8 has compiled those paths before the first player's quarter needs them. Without it the first
 * quarters after a start run partly interpreted while V8's compiler threads compete for the CPU
 * (npm run loadtest's profile: ~2 s of CPU in a 10 s run, and the first quarters' latency).
 * Nothing is stored or sent. `npm start` warms up with WARM_UP_GAMES games (default 3, ~0.6 s).
 */
import { botOrders, createGame, defaultStrategyFor, orderContextOfState, playerViews, resolveQuarter, validateOrders, type Orders, type Ticker } from '../shared/index.js';
import { messageFrame } from './rooms/message-frames.js';

/** Plays `games` all-bot games in memory; returns how long it took (ms) and how many quarters it resolved. */
export function warmUp(games: number): { ms: number; quarters: number } {
  const t0 = performance.now();
  let quarters = 0;
  for (let g = 0; g < games; g += 1) {
    let state = createGame({ scenarioId: 'capex-race-2026', seed: `warm-up-${g}` });
    while (!state.finished) {
      const views = playerViews(state);
      const orders: Partial<Record<Ticker, Orders>> = {};
      for (const seat of state.seats) {
        const o = botOrders(views[seat], defaultStrategyFor(seat), 'normal');
        if (validateOrders(orderContextOfState(state, seat), o).ok) orders[seat] = o;
      }
      const r = resolveQuarter(state, orders);
      quarters += 1;
      for (const seat of state.seats) messageFrame('quarter:resolved', { quarter: state.quarter, hash: r.hash, finished: r.state.finished, orders: r.orders, view: views[seat] });
      state = r.state;
    }
  }
  return { ms: performance.now() - t0, quarters };
}
