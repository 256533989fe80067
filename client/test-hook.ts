/**
 * The read-only `window.__CAPEX__` hook for browser tests (STACK.md Phaser trap 7): readiness and a
 * summary of the state. It exposes nothing a player could not already see in the page.
 */
import { store } from './model/store.js';
import { bus } from './model/event-bus.js';
import type { Connection } from './net/connection.js';

interface Marks {
  ready: boolean;
  /** The results moment is showing / the map is playing the quarter. */
  results: boolean;
  animating: boolean;
  screen: string;
  fps: (() => number) | null;
  mapReadyAt: number | null;
  tickerReadyAt: number | null;
}

const marks: Marks = { ready: false, results: false, animating: false, screen: 'home', fps: null, mapReadyAt: null, tickerReadyAt: null };

/** Records a mark (internal). */
export function hookMark<K extends 'ready' | 'results' | 'animating' | 'screen' | 'fps'>(k: K, v: K extends 'fps' ? () => number : K extends 'screen' ? string : boolean): void {
  (marks as unknown as Record<string, unknown>)[k] = v;
}

/** Installs the frozen, getter-only hook. */
export function installTestHook(_net: Connection): void {
  bus.on('scene:ready', (which) => {
    if (which === 'map') marks.mapReadyAt ??= performance.now();
    if (which === 'ticker') marks.tickerReadyAt ??= performance.now();
  });
  const hook = Object.freeze({
    get ready(): boolean { return marks.ready; },
    get screen(): string { return store.get().screen; },
    get summary(): Readonly<Record<string, unknown>> {
      const s = store.get();
      return Object.freeze({
        screen: s.screen,
        connection: s.connection,
        seat: s.seat,
        spectator: s.spectator,
        code: s.room?.code ?? null,
        status: s.room?.status ?? null,
        quarter: s.view?.quarter ?? null,
        quarterCount: s.view?.quarterCount ?? null,
        finished: s.view?.finished ?? false,
        submitted: s.submitted !== null,
        ready: s.ready,
        readySeats: (s.room?.seats ?? []).filter((x) => x.ready).map((x) => x.ticker),
        host: s.room?.host ?? false,
        names: Object.fromEntries((s.room?.seats ?? []).filter((x) => x.holder === 'human').map((x) => [x.ticker, x.name])),
        reportQuarter: s.view?.me?.report.quarter ?? null,
        capexUsdM: s.view?.me?.report.capexUsdM ?? null,
        lastOrders: s.view?.me?.lastOrders ?? null,
        draft: s.draft,
        historyQuarters: s.history.map((x) => x.quarter),
        results: marks.results,
        animating: marks.animating,
        draftOrigin: s.draftOrigin,
        error: s.error,
      });
    },
    get mapReadyAt(): number | null { return marks.mapReadyAt; },
    get tickerReadyAt(): number | null { return marks.tickerReadyAt; },
    get fps(): number { return marks.fps ? marks.fps() : 0; },
  });
  Object.defineProperty(window, '__CAPEX__', { value: hook, writable: false, configurable: false, enumerable: false });
}
