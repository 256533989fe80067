/**
 * startServer: one process, one port — Colyseus rooms, the JSON API and the built client — over
 * the store in DATA_DIR. On boot every unfinished game is recreated under its own id (= join code).
 */
import './ws-global.js';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { Server, matchMaker } from '@colyseus/core';
import { MAX_FRAME_BYTES, ROOM_NAME } from '../shared/protocol/index.js';
import { DEFAULT_CONFIG, installContext, type ServerConfig, type ServerContext } from './game/registry.js';
import { guardRequests } from './http-guard.js';
import { mountRoutes } from './http-routes.js';
import { replayStoreOf } from './replays/service.js';
import { loadColyseusMonitoring, warmUp } from './warm-up.js';
import { frameworkLogger } from './log.js';
import { GameRoom } from './rooms/GameRoom.js';
import { DEFAULT_LEASES, LeaseKeeper, clusterOptions, type LeaseTiming, type Recovered } from './scale/cluster.js';
import { gameTransport } from './scale/transport.js';
import { openDatabase } from './store/db.js';
import { ReplayStore } from './replays/replay-store.js';
import { ClassStore } from './classroom/class-store.js';
import { GameStore } from './store/game-store.js';
import { CLASS_ROOM_NAME } from '../shared/protocol/classroom.js';
import { ClassRoom } from './classroom/ClassRoom.js';
import { recoverClasses } from './classroom/boot.js';
import { installClassContext } from './classroom/registry.js';
import { mountClassRoutes } from './classroom/routes.js';

/** How to start a server. */
export interface StartOptions extends Partial<ServerConfig> {
  /** Port (0: any free port). Default 2567. */
  port?: number;
  /** SQLite directory. Default ./data. */
  dataDir?: string;
  /** PostgreSQL URL (postgres://…); SQLite when absent. */
  databaseUrl?: string | undefined;
  /** PostgreSQL schema (tests isolate runs); default: the URL's search_path. */
  pgSchema?: string | undefined;
  /** Redis URL: RedisPresence + RedisDriver for several processes; embedded defaults when absent. */
  redisUrl?: string | undefined;
  /** A prefix for this deployment's Redis keys (REDIS_KEY_PREFIX; server/scale/cluster.ts). */
  redisKeyPrefix?: string | undefined;
  /** This process's address as clients reach it (host:port); default 127.0.0.1:port (Redis only). */
  publicAddress?: string | undefined;
  /** Game lease timing (multi-process recovery). */
  leases?: Partial<LeaseTiming>;
  /** The built client. Default ./dist. */
  distDir?: string;
  /** Register SIGINT/SIGTERM handlers that shut down gracefully (the entry point does). */
  handleSignals?: boolean;
  /** All-bot games played in memory before listening, to compile the hot paths (server/warm-up.ts). Default 0. */
  warmUpGames?: number;
}

/** A running server. */
export interface RunningServer {
  port: number;
  /** http://localhost:port */
  url: string;
  context: ServerContext;
  /** Games restored on boot, and the ones that failed to restore (with the reason). */
  recovered: Recovered;
  /** How long the boot warm-up took (ms; 0: none). */
  warmUpMs: number;
  stop(): Promise<void>;
}

/** Starts the server and restores unfinished games. */
export async function startServer(opts: StartOptions = {}): Promise<RunningServer> {
  const dataDir = opts.dataDir ?? './data';
  // The feature modules' tables are created under the same boot lock as the core ones (N processes booting at once).
  const store = new GameStore(await openDatabase({ dataDir, databaseUrl: opts.databaseUrl, pgSchema: opts.pgSchema }, async (db) => {
    const games = new GameStore(db);
    await new ReplayStore(games).ensure();
    await new ClassStore(games).migrate();
  }));
  const config: ServerConfig = {
    autopilotGraceMs: opts.autopilotGraceMs ?? DEFAULT_CONFIG.autopilotGraceMs,
    reconnectGraceSec: opts.reconnectGraceSec ?? DEFAULT_CONFIG.reconnectGraceSec,
    unjoinedGraceMs: opts.unjoinedGraceMs ?? DEFAULT_CONFIG.unjoinedGraceMs,
    seatReservationSec: opts.seatReservationSec ?? DEFAULT_CONFIG.seatReservationSec,
  };
  const context = installContext(store, config);
  installClassContext(store);
  // The library's tables exist from boot on (no request creates tables).
  await replayStoreOf(context).ensure();
  if (opts.warmUpGames) await loadColyseusMonitoring();
  const warmUpMs = opts.warmUpGames ? warmUp(opts.warmUpGames).ms : 0;
  const cluster = clusterOptions(opts.redisUrl, opts.publicAddress ?? (opts.port ? `127.0.0.1:${opts.port}` : undefined), opts.redisKeyPrefix);
  const transport = gameTransport(MAX_FRAME_BYTES);
  const server = new Server({
    transport,
    greet: false,
    logger: frameworkLogger(),
    gracefullyShutdown: false, // signals: shutdownOnSignals below (ordered, awaited, exit code)
    ...cluster,
    express: (app) => {
      mountClassRoutes(app, { publicAddress: opts.publicAddress, port: opts.port ?? 2567 });
      mountRoutes(app, context, opts.distDir ?? path.resolve('dist'));
    },
  });
  server.define(ROOM_NAME, GameRoom);
  server.define(CLASS_ROOM_NAME, ClassRoom);
  await server.listen(opts.port ?? 2567);
  // Every HTTP request passes the request-size policy first (bound now: listen() added Colyseus' routes).
  guardRequests(transport.server!);
  const port = (transport.server!.address() as AddressInfo).port;
  // Classes first: each class room restores its own games (then live, so game recovery skips them).
  await recoverClasses(context);
  const leases = new LeaseKeeper(context, matchMaker.processId, { ...DEFAULT_LEASES, ...opts.leases });
  context.leases = leases;
  // Graceful shutdown, in order: stop adopting; rooms settle their work in hand and close their
  // clients (4001: they rejoin elsewhere); this process leaves the room listing; every lease is
  // released (awaited); only then does the store close.
  server.onBeforeShutdown(async () => leases.pause());
  let shutdownError: unknown = null;
  server.onShutdown(async () => {
    try {
      await leases.stop();
      await store.close();
    } catch (e) {
      shutdownError = e;
    }
  });
  // One process restarting over its database takes every unfinished game; with Redis (several
  // processes) only the games whose owner's lease expired, then again every sweep.
  const recovered = await leases.recover(!opts.redisUrl);
  if (opts.redisUrl) leases.start();
  const stop = async (): Promise<void> => {
    await server.gracefullyShutdown(false);
    if (shutdownError) throw shutdownError;
  };
  if (opts.handleSignals) shutdownOnSignals(stop);
  return { port, url: `http://localhost:${port}`, context, recovered, warmUpMs, stop };
}

/** Exit code after a graceful shutdown that did not complete in time (or failed). */
export const SHUTDOWN_FAILED_EXIT_CODE = 1;
/** How long a graceful shutdown may take before the process exits anyway (SHUTDOWN_TIMEOUT_MS). */
const SHUTDOWN_TIMEOUT_MS = Number(process.env['SHUTDOWN_TIMEOUT_MS'] ?? 10_000);

/**
 * SIGTERM / SIGINT: a graceful shutdown, then exit 0 (a supervisor sees a clean stop). A second
 * signal (a second later or more: a terminal's Ctrl-C also reaches it through npm start), a failure
 * or SHUTDOWN_TIMEOUT_MS passing exits 1 at once (the leases then expire).
 */
function shutdownOnSignals(stop: () => Promise<void>): void {
  let since = 0;
  const onSignal = (signal: string): void => {
    if (since > 0) {
      if (Date.now() - since < 1000) return;
      console.error(`${signal} again: exiting now`);
      process.exit(SHUTDOWN_FAILED_EXIT_CODE);
    }
    since = Date.now();
    console.log(`${signal}: shutting down (rooms close, leases are released, the store closes)`);
    const t0 = since;
    setTimeout(() => {
      console.error(`shutdown took longer than ${SHUTDOWN_TIMEOUT_MS} ms: exiting`);
      process.exit(SHUTDOWN_FAILED_EXIT_CODE);
    }, SHUTDOWN_TIMEOUT_MS).unref();
    stop().then(
      () => {
        console.log(`shut down cleanly in ${Date.now() - t0} ms`);
        process.exit(0);
      },
      (e: unknown) => {
        console.error('shutdown failed:', (e as Error).message);
        process.exit(SHUTDOWN_FAILED_EXIT_CODE);
      },
    );
  };
  for (const sig of ['SIGTERM', 'SIGINT'] as const) process.on(sig, onSignal);
}

/** Recreates every unfinished game's room under its id, restoring it from the store. */
export async function recoverGames(ctx: ServerContext): Promise<Recovered> {
  if (!ctx.leases) throw new Error('the server is not started');
  return ctx.leases.recover(true);
}
