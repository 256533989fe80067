/**
 * What the replay API sends (server/replays → client/replay): a replay document. A finished (or
 * imported) game comes as a complete, verifiable file; a running game's document has no seed and
 * no scheduled shocks — only the resolved quarters (their orders are public once resolved) and
 * the spectator's view after each of them, so it can never leak the seed or pending orders.
 */
import type { PlayerView } from '../engine/view.js';
import type { ReplayFile, ReplayHeader } from '../engine/replay.js';
import type { Ticker } from '../engine/types.js';

/** Where a stored replay comes from. */
export type ReplaySource = 'played' | 'imported' | 'fork';

/** One row of the library. */
export interface ReplayListItem {
  id: string;
  scenarioId: string;
  status: 'lobby' | 'running' | 'finished';
  source: ReplaySource;
  quarter: number;
  quarterCount: number;
  createdAt: number;
  isPublic: boolean;
  seats: { company: Ticker; name: string; kind: 'human' | 'bot' }[];
  parent: { id: string; quarter: number } | null;
  title: string | null;
  /** The token presented may delete / annotate it. */
  mine: boolean;
  /** When the game finished (epoch ms; null: not finished). */
  finishedAt: number | null;
  /**
   * Finished games: every seat's final score against par and return, ranked by the engine's own
   * `ranking` (best first: the first is the winner). Null while the game runs (or if it does not replay).
   */
  results: ReplayResultRow[] | null;
  /** A class's game: the class (code, title) and the game's number (1-based; practice games counted apart). */
  classGame: ClassGameLabel | null;
}

/** One seat's final result in a library row. */
export interface ReplayResultRow {
  company: Ticker;
  scoreBps: number;
  returnBps: number;
}

/** Which class a game belongs to, for its title in the library ("Econ 101 — game 2"). */
export interface ClassGameLabel {
  code: string;
  /** The class's title ('' when the host gave none). */
  title: string;
  /** 1-based. */
  game: number;
  practice: boolean;
}

/** One replay. */
export interface ReplayDoc {
  id: string;
  status: 'lobby' | 'running' | 'finished';
  source: ReplaySource;
  /** False for running games: the file has no seed, so it cannot be re-simulated until the game ends. */
  verifiable: boolean;
  file: ReplayFile;
  /** Running games only: the public (spectator) view at the start and after each resolved quarter. */
  publicViews?: PlayerView[];
}

/** The seed a running game's document carries instead of the real one. */
export const HIDDEN_SEED = '';

/** A header safe to publish while the game runs: no seed, no scheduled shocks. */
export function publicHeader(h: ReplayHeader): ReplayHeader {
  const { seed: _seed, shocks: _shocks, ...rest } = h;
  return { ...rest, seed: HIDDEN_SEED, shocks: [] };
}

/** The resolved quarters of a running game without anything hidden (injected shocks stay secret). */
export function publicQuarters(quarters: ReplayFile['quarters']): ReplayFile['quarters'] {
  return quarters.map((q) => ({ quarter: q.quarter, orders: q.orders, hash: q.hash }));
}
