/**
 * The server context rooms and routes share: the store, the configuration, the live games and
 * the key that only the server knows for recreating rooms on boot. One server per process.
 */
import { randomBytes } from 'node:crypto';
import type { GameStore } from '../store/game-store.js';
import type { LeaseKeeper } from '../scale/cluster.js';
import type { GameController } from './controller.js';

/** Tunables (all have defaults; tests shorten them). */
export interface ServerConfig {
  /** A player gone this long gets a bot on autopilot (ms). */
  autopilotGraceMs: number;
  /** How long a dropped connection may come back with the same session (s). */
  reconnectGraceSec: number;
  /** A game or class room created that nobody joins within this is closed and its record removed (ms; server/rooms/unjoined.ts). */
  unjoinedGraceMs: number;
  /** How long a matchmaking seat reservation waits for its WebSocket (s; Colyseus' default 15). */
  seatReservationSec: number;
}

export const DEFAULT_CONFIG: ServerConfig = { autopilotGraceMs: 60_000, reconnectGraceSec: 30, unjoinedGraceMs: 60_000, seatReservationSec: 15 };

/** Shared by rooms and HTTP routes. */
export interface ServerContext {
  store: GameStore;
  config: ServerConfig;
  /** Rooms created with `{ restore: { gameId, key } }` and this key restore a stored game. */
  restoreKey: string;
  /** Live games by id. */
  live: Map<string, GameController>;
  /** Game ownership leases in the database (set by startServer). */
  leases?: LeaseKeeper;
}

let current: ServerContext | null = null;

/** Installs the context of the server starting in this process. */
export function installContext(store: GameStore, config: ServerConfig): ServerContext {
  current = { store, config, restoreKey: randomBytes(24).toString('hex'), live: new Map() };
  return current;
}

/** The context of the running server (throws before startServer). */
export function serverContext(): ServerContext {
  if (!current) throw new Error('the server context is not installed');
  return current;
}
