/**
 * Points of view over a replay (issue 7 "Viewer"): the omniscient referee (every company's full
 * state and every order) or one company's view — exactly what it knew then (`playerView`) plus its
 * own orders, never another company's private data. Pure: the viewer and the tests share it.
 */
import { playerView, type PlayerView } from '../engine/view.js';
import type { CompanyState, GameState, Orders, Ticker } from '../engine/types.js';
import type { ReplayQuarter } from '../engine/replay.js';

/** 'all': the omniscient view; a ticker: that company's view. */
export type Pov = 'all' | Ticker;

/** What the viewer shows at one point of a replay. */
export interface ReplayFrame {
  /** Quarters resolved before this frame (0 = the start). */
  quarter: number;
  pov: Pov;
  /** The view the dashboards, map and ticker are drawn from. */
  view: PlayerView;
  /** Orders decided at this point (played in quarter `quarter`): all of them (omniscient) or the company's own. */
  orders: Partial<Record<Ticker, Orders>>;
  /** Omniscient only: every company's full state. */
  full: Partial<Record<Ticker, CompanyState>> | null;
}

/** Parses a `view=` parameter: 'all' or a seat of the game; anything else is 'all'. */
export function parsePov(raw: string | null | undefined, seats: readonly Ticker[]): Pov {
  if (!raw) return 'all';
  const up = raw.toUpperCase();
  return (seats as readonly string[]).includes(up) ? (up as Ticker) : 'all';
}

/** The frame of a replayed state (`states[q]`, `quarters[q]` = the orders played from it). */
export function frameOf(state: GameState, next: ReplayQuarter | undefined, pov: Pov): ReplayFrame {
  if (pov === 'all') {
    const view = playerView(state, null);
    // The referee sees every event, private ones included.
    view.events = [...state.events];
    const full: Partial<Record<Ticker, CompanyState>> = {};
    for (const t of state.seats) {
      const c = state.companies[t];
      if (c) full[t] = c;
    }
    return { quarter: state.quarter, pov, view, orders: { ...(next?.orders ?? {}) }, full };
  }
  const view = playerView(state, pov);
  const own = next?.orders[pov];
  return { quarter: state.quarter, pov, view, orders: own ? { [pov]: own } : {}, full: null };
}

/**
 * The frame of a running game's public view (the server sends only spectator views and the
 * resolved quarters' orders, which are public once resolved).
 */
export function publicFrameOf(view: PlayerView, next: ReplayQuarter | undefined): ReplayFrame {
  return { quarter: view.quarter, pov: 'all', view, orders: { ...(next?.orders ?? {}) }, full: null };
}
