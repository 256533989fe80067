/**
 * startServer: one process, one port — Colyseus rooms, the JSON API and the built client — over
 * the store in DATA_DIR. On boot every unfinished game is recreated under its own id (= join code).
 */
import './ws-global.js';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { Server, matchMaker } from '@colyseus/core';
import { WebSocketTransport } from '@colyseus/ws-transport';
import { ROOM_NAME } from '../shared/protocol/index.js';
import { DEFAULT_CONFIG, installContext, type ServerConfig, type ServerContext } from './game/registry.js';
import { mountRoutes } from './http-routes.js';
import { GameRoom } from './rooms/GameRoom.js';
import { openDatabase } from './store/db.js';
import { GameStore } from './store/game-store.js';

/** Largest WebSocket frame accepted at all (bigger ones close the connection; the protocol limit is lower). */
export const MAX_FRAME_BYTES = 64 * 1024;

/** How to start a server. */
export interface StartOptions extends Partial<ServerConfig> {
  /** Port (0: any free port). Default 2567. */
  port?: number;
  /** SQLite directory. Default ./data. */
  dataDir?: string;
  /** PostgreSQL URL (scale-out issue); SQLite when absent. */
  databaseUrl?: string | undefined;
  /** The built client. Default ./dist. */
  distDir?: string;
  /** Register SIGINT/SIGTERM handlers that shut down gracefully (the entry point does). */
  handleSignals?: boolean;
}

/** A running server. */
export interface RunningServer {
  port: number;
  /** http://localhost:port */
  url: string;
  context: ServerContext;
  /** Games restored on boot, and the ones that failed to restore (with the reason). */
  recovered: { restored: string[]; failed: { id: string; reason: string }[] };
  stop(): Promise<void>;
}

/** Starts the server and restores unfinished games. */
export async function startServer(opts: StartOptions = {}): Promise<RunningServer> {
  const dataDir = opts.dataDir ?? './data';
  const store = new GameStore(await openDatabase({ dataDir, databaseUrl: opts.databaseUrl }));
  const config: ServerConfig = {
    autopilotGraceMs: opts.autopilotGraceMs ?? DEFAULT_CONFIG.autopilotGraceMs,
    reconnectGraceSec: opts.reconnectGraceSec ?? DEFAULT_CONFIG.reconnectGraceSec,
  };
  const context = installContext(store, config);
  const transport = new WebSocketTransport({ maxPayload: MAX_FRAME_BYTES });
  const server = new Server({
    transport,
    greet: false,
    gracefullyShutdown: opts.handleSignals ?? false,
    express: (app) => mountRoutes(app, context, opts.distDir ?? path.resolve('dist')),
  });
  server.define(ROOM_NAME, GameRoom);
  server.onShutdown(() => store.close());
  await server.listen(opts.port ?? 2567);
  const port = (transport.server!.address() as AddressInfo).port;
  const recovered = await recoverGames(context);
  return {
    port, url: `http://localhost:${port}`, context, recovered,
    stop: () => server.gracefullyShutdown(false),
  };
}

/** Recreates every unfinished game's room under its id, restoring it from the store. */
export async function recoverGames(ctx: ServerContext): Promise<RunningServer['recovered']> {
  const out: RunningServer['recovered'] = { restored: [], failed: [] };
  for (const id of await ctx.store.unfinishedIds()) {
    try {
      await matchMaker.createRoom(ROOM_NAME, { restore: { gameId: id, key: ctx.restoreKey } });
      out.restored.push(id);
    } catch (e) {
      out.failed.push({ id, reason: (e as Error).message });
      console.error(`game ${id} could not be restored:`, (e as Error).message);
    }
  }
  return out;
}
