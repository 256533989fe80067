/**
 * The read-only `window.__CAPEX_REPLAY__` hook for browser tests: load state, verdict, the hashes
 * the browser computed, the current quarter and point of view, a hash of the view on screen and
 * timings. It exposes nothing the page does not already show.
 */
import { hashValue, type PlayerView } from '../../shared/index.js';

/** What the viewer reports. */
export interface ReplayMarks {
  state: 'loading' | 'ready' | 'error';
  verdict: string | null;
  divergedAt: number | null;
  hashes: string[];
  quarter: number;
  last: number;
  pov: string;
  view: PlayerView | null;
  timings: { fetchMs: number; verifyMs: number; renderMs: number; openMs: number };
  lastJumpMs: number;
  forkedTo: string | null;
  error: string | null;
  /** The map and ticker scenes have drawn their first frame. */
  stageReady: boolean;
  /** Timeline markers: frame and how many shocks, notes and big moves. */
  timeline: { frame: number; shocks: number; notes: number; moves: number }[];
}

export const marks: ReplayMarks = {
  state: 'loading', verdict: null, divergedAt: null, hashes: [], quarter: 0, last: 0, pov: 'all', view: null,
  timings: { fetchMs: 0, verifyMs: 0, renderMs: 0, openMs: 0 }, lastJumpMs: 0, forkedTo: null, error: null, stageReady: false, timeline: [],
};

let installed = false;
/** Installs the hook once. */
export function installReplayHook(): void {
  if (installed || typeof window === 'undefined') return;
  installed = true;
  const hook = Object.freeze({
    get state() { return marks.state; },
    get verdict() { return marks.verdict; },
    get divergedAt() { return marks.divergedAt; },
    get hashes() { return [...marks.hashes]; },
    get quarter() { return marks.quarter; },
    get last() { return marks.last; },
    get pov() { return marks.pov; },
    get seat() { return marks.view?.seat ?? null; },
    get viewHash() { return marks.view ? hashValue(marks.view) : null; },
    get timings() { return { ...marks.timings }; },
    get lastJumpMs() { return marks.lastJumpMs; },
    get forkedTo() { return marks.forkedTo; },
    get error() { return marks.error; },
    get stageReady() { return marks.stageReady; },
    get timeline() { return marks.timeline.map((m) => ({ ...m })); },
  });
  Object.defineProperty(window, '__CAPEX_REPLAY__', { value: hook, writable: false, configurable: false, enumerable: false });
}
