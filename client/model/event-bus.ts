/**
 * One typed event bus between the DOM screens and the Phaser scenes (STACK.md Phaser trap 6).
 * Plain TS: no DOM, no Phaser, testable in node.
 */
import type { Locale, MarketTicker, RegionId, Ticker } from '../../shared/index.js';
import type { MapAnimation } from './results.js';
import type { MapModel, TickerModel } from './view-models.js';

/** Every event and its payload. */
export interface BusEvents {
  /** New data for the map scene. */
  'map:model': MapModel;
  /** New data for the ticker scene. */
  'ticker:model': TickerModel;
  /** The pointer is over a region (null: left it). */
  'region:hover': RegionId | null;
  /** A region was clicked or chosen from the keyboard list. */
  'region:select': RegionId;
  /** A ticker was clicked in the band. */
  'ticker:select': Ticker | MarketTicker;
  /** The language changed. */
  locale: Locale;
  /** Phaser scenes are up and have drawn their first frame. */
  'scene:ready': 'map' | 'ticker';
  /** Play a quarter on the map (deliveries, power online, queues); null stops it. */
  'map:animate': MapAnimation | null;
  /** The map finished (or stopped) playing the quarter. */
  'map:animated': true;
  /** The canvas area was resized (CSS pixels). */
  'stage:resize': { width: number; height: number };
}

type Handler<T> = (payload: T) => void;

/** A minimal typed event emitter. */
export class EventBus<E extends object = BusEvents> {
  private readonly handlers = new Map<keyof E, Set<Handler<never>>>();
  private readonly last = new Map<keyof E, unknown>();

  /** Subscribes; returns the unsubscribe function. */
  on<K extends keyof E>(type: K, fn: Handler<E[K]>): () => void {
    let set = this.handlers.get(type);
    if (!set) {
      set = new Set();
      this.handlers.set(type, set);
    }
    set.add(fn as Handler<never>);
    return () => set.delete(fn as Handler<never>);
  }

  /** Subscribes and immediately receives the last payload emitted for this type, if any. */
  onReplay<K extends keyof E>(type: K, fn: Handler<E[K]>): () => void {
    const off = this.on(type, fn);
    if (this.last.has(type)) fn(this.last.get(type) as E[K]);
    return off;
  }

  /** Emits to every subscriber (in subscription order); remembers the payload for onReplay. */
  emit<K extends keyof E>(type: K, payload: E[K]): void {
    this.last.set(type, payload);
    for (const fn of [...(this.handlers.get(type) ?? [])]) (fn as Handler<E[K]>)(payload);
  }

  /** Removes every handler (screen teardown). */
  clear(): void {
    this.handlers.clear();
    this.last.clear();
  }
}

/** The application's bus. */
export const bus = new EventBus<BusEvents>();
