/**
 * The client's state: the latest authoritative view, room/lobby info from the server, the draft
 * orders and a per-quarter history for charts. Screens subscribe; net/ feeds it.
 */
import { historyPointOf, mergeHistory, startPointOf, type Difficulty, type HistoryPoint, type Orders, type PlayerView, type Ticker } from '../../shared/index.js';
import { initialDraft } from './draft.js';

export type Screen = 'home' | 'seat' | 'game' | 'end';
export type ConnectionStatus = 'offline' | 'connecting' | 'online' | 'reconnecting';

/** A seat as the lobby/room shows it (public). */
export interface SeatInfo {
  ticker: Ticker;
  /** Who holds it: a person, a bot, or nobody yet. */
  holder: 'human' | 'bot' | 'open';
  /** Display name (untrusted text: always rendered with textContent). */
  name: string;
  ready: boolean;
  connected: boolean;
  /** A bot plays for an absent human. */
  autopilot: boolean;
}

/** Public facts about the room the client is in. */
export interface RoomInfo {
  gameId: string;
  code: string;
  scenarioId: string;
  quarterCount: number;
  quarter: number;
  seats: SeatInfo[];
  /** Epoch ms of the quarter's deadline (null: none). */
  deadlineAt: number | null;
  status: 'lobby' | 'running' | 'finished';
  /** This client is the game's host (may start it). */
  host: boolean;
  spectators: number;
  /** The bots' level, which the advisor plays at too. */
  botDifficulty: Difficulty;
}

export interface AppState {
  screen: Screen;
  connection: ConnectionStatus;
  room: RoomInfo | null;
  seat: Ticker | null;
  spectator: boolean;
  view: PlayerView | null;
  draft: Orders | null;
  /** Orders the server accepted for this quarter (null: none pending). */
  submitted: Orders | null;
  ready: boolean;
  /** The last error from the server or the network, already translated. */
  error: string | null;
  /** Short notices (e.g. "while you were away"). */
  notice: string | null;
  /** Chart history (public figures per resolved quarter): the server's, plus the views received since. */
  history: HistoryPoint[];
  /** Where the draft came from (the desk says so): last quarter's orders, a preset, the advisor, or the player's edits. */
  draftOrigin: DraftOrigin;
  /** The last quarter resolved while this tab watched: the views before and after (the results moment). */
  resolved: { before: PlayerView; after: PlayerView } | null;
  /** The results moment is showing. */
  resultsOpen: boolean;
}

export const DRAFT_ORIGINS = ['last', 'guidance', 'advisor', 'empty', 'edited', 'submitted'] as const;
export type DraftOrigin = (typeof DRAFT_ORIGINS)[number];

/** Adds or replaces the point of a view's quarter (rebuilding the start when joining late); sorted by quarter. */
export function withViewPoint(history: readonly HistoryPoint[], view: PlayerView): HistoryPoint[] {
  const start = history.length === 0 && view.quarter > 0 ? [startPointOf(view)] : [];
  return mergeHistory(history, [...start, historyPointOf(view)]);
}

export function initialState(): AppState {
  return {
    screen: 'home', connection: 'offline', room: null, seat: null, spectator: false, view: null, draft: null,
    submitted: null, ready: false, error: null, notice: null, history: [], draftOrigin: 'last', resolved: null, resultsOpen: false,
  };
}

/** A tiny observable store. */
export class Store {
  private state: AppState = initialState();
  private readonly listeners = new Set<(s: AppState, prev: AppState) => void>();

  get(): AppState {
    return this.state;
  }

  /** Shallow-merges a patch and notifies subscribers. */
  set(patch: Partial<AppState>): void {
    const prev = this.state;
    this.state = { ...prev, ...patch };
    for (const fn of [...this.listeners]) fn(this.state, prev);
  }

  /** A new authoritative view: new quarter resets the draft; the same quarter keeps it. */
  applyView(view: PlayerView): void {
    const prev = this.state;
    const newQuarter = !prev.view || prev.view.quarter !== view.quarter || prev.view.seat !== view.seat;
    const patch: Partial<AppState> = { view, history: withViewPoint(prev.history, view) };
    if (newQuarter) {
      patch.submitted = null;
      patch.ready = false;
      patch.draft = initialDraft(view, null);
      patch.draftOrigin = 'last';
      // A quarter resolved while this tab watched the seat: the results moment.
      if (prev.view && prev.view.seat === view.seat && view.quarter > prev.view.quarter && view.me) {
        patch.resolved = { before: prev.view, after: view };
        patch.resultsOpen = true;
      }
    } else if (!prev.draft) {
      patch.draft = initialDraft(view, prev.submitted);
    }
    if (view.finished) patch.screen = 'end';
    this.set(patch);
  }

  /** Points from the server's history of this game (kept alongside the views received since). */
  applyHistory(points: readonly HistoryPoint[]): void {
    this.set({ history: mergeHistory(this.state.history, points) });
  }

  subscribe(fn: (s: AppState, prev: AppState) => void): () => void {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  }

  reset(): void {
    this.set(initialState());
  }
}

export const store = new Store();
