/**
 * The client's state: the latest authoritative view, room/lobby info from the server, the draft
 * orders and a per-quarter history for charts. Screens subscribe; net/ feeds it.
 */
import type { MarketTicker, Orders, PlayerView, Ticker } from '../../shared/index.js';
import { MARKET_TICKERS } from '../../shared/index.js';
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
}

/** Prices and returns at one quarter (for the charts). */
export interface Snapshot {
  quarter: number;
  priceCents: Partial<Record<Ticker | MarketTicker, number>>;
  tsrBps: Partial<Record<Ticker, number>>;
  revenueUsdM: number;
  selfUseRevenueUsdM: number;
  cloudRevenueUsdM: number;
  cashUsdM: number;
  poweredMw: number;
  idleChipMw: number;
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
  history: Snapshot[];
}

/** A snapshot of a view. */
export function snapshotOf(view: PlayerView): Snapshot {
  const priceCents: Snapshot['priceCents'] = {};
  const tsrBps: Snapshot['tsrBps'] = {};
  for (const s of view.seats) {
    const c = view.companies[s];
    if (!c) continue;
    priceCents[s] = c.priceCents;
    tsrBps[s] = c.report.tsrBps;
  }
  for (const m of MARKET_TICKERS) priceCents[m] = view.market[m].priceCents;
  const r = view.me?.report;
  return {
    quarter: view.quarter,
    priceCents,
    tsrBps,
    revenueUsdM: r?.revenueUsdM ?? 0,
    selfUseRevenueUsdM: r?.selfUseRevenueUsdM ?? 0,
    cloudRevenueUsdM: r?.cloudRevenueUsdM ?? 0,
    cashUsdM: view.me?.cashUsdM ?? 0,
    poweredMw: r?.poweredMw ?? 0,
    idleChipMw: r?.idleChipMw ?? 0,
  };
}

/** The start-of-game snapshot rebuilt from the view's start prices (used when history is missing). */
export function startSnapshotOf(view: PlayerView): Snapshot {
  const priceCents: Snapshot['priceCents'] = {};
  const tsrBps: Snapshot['tsrBps'] = {};
  for (const s of view.seats) {
    const c = view.companies[s];
    if (!c) continue;
    priceCents[s] = c.startPriceCents;
    tsrBps[s] = 0;
  }
  for (const m of MARKET_TICKERS) priceCents[m] = view.market[m].startPriceCents;
  return { quarter: 0, priceCents, tsrBps, revenueUsdM: 0, selfUseRevenueUsdM: 0, cloudRevenueUsdM: 0, cashUsdM: 0, poweredMw: 0, idleChipMw: 0 };
}

/** Adds or replaces the snapshot of a view's quarter; keeps the list sorted by quarter. */
export function withSnapshot(history: readonly Snapshot[], view: PlayerView): Snapshot[] {
  const out = history.filter((h) => h.quarter !== view.quarter);
  if (out.length === 0 && view.quarter > 0) out.push(startSnapshotOf(view));
  out.push(snapshotOf(view));
  return out.sort((a, b) => a.quarter - b.quarter);
}

export function initialState(): AppState {
  return {
    screen: 'home', connection: 'offline', room: null, seat: null, spectator: false, view: null, draft: null,
    submitted: null, ready: false, error: null, notice: null, history: [],
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
    const patch: Partial<AppState> = { view, history: withSnapshot(prev.history, view) };
    if (newQuarter) {
      patch.submitted = null;
      patch.ready = false;
      patch.draft = initialDraft(view, null);
    } else if (!prev.draft) {
      patch.draft = initialDraft(view, prev.submitted);
    }
    if (view.finished) patch.screen = 'end';
    this.set(patch);
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
