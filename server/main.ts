/**
 * The server entry point (npm start): configuration by environment only —
 * PORT (2567), DATA_DIR (./data), DATABASE_URL (optional, PostgreSQL; DATABASE_SCHEMA), REDIS_URL
 * (optional: several processes; REDIS_KEY_PREFIX), PUBLIC_ADDRESS (where clients reach this process,
 * host[:port][/path]: the SDK appends /<processId>/<roomId>; default 127.0.0.1:PORT),
 * LEASE_TTL_MS / LEASE_SWEEP_MS (game ownership leases, multi-process recovery), WARM_UP_GAMES
 * (all-bot games played in memory before listening, default 40: server/warm-up.ts), SHUTDOWN_TIMEOUT_MS,
 * UNJOINED_GRACE_MS (a created game or class nobody joins within it is closed and removed; default 60000).
 * SIGTERM/SIGINT: graceful shutdown, exit 0 (server/app.ts); a refused store exits 3, a failed boot 1.
 */
import './ws-global.js';
import { startServer, type RunningServer } from './app.js';
import { answerMemoryProbes } from './memory-probe.js';
import { STORE_REFUSED_EXIT_CODE, StoreRefusedError } from './store/integrity.js';

const port = Number(process.env['PORT'] ?? 2567);
const dataDir = process.env['DATA_DIR'] ?? './data';
const env = (k: string): string | undefined => process.env[k] || undefined;
const leases = { ...(env('LEASE_TTL_MS') ? { ttlMs: Number(env('LEASE_TTL_MS')) } : {}), ...(env('LEASE_SWEEP_MS') ? { sweepMs: Number(env('LEASE_SWEEP_MS')) } : {}) };
let running: RunningServer;
try {
  running = await startServer({
    port, dataDir, databaseUrl: env('DATABASE_URL'), pgSchema: env('DATABASE_SCHEMA'), redisUrl: env('REDIS_URL'), redisKeyPrefix: env('REDIS_KEY_PREFIX'), publicAddress: env('PUBLIC_ADDRESS'),
    leases, handleSignals: true, warmUpGames: Number(env('WARM_UP_GAMES') ?? 40),
    ...(env('UNJOINED_GRACE_MS') ? { unjoinedGraceMs: Number(env('UNJOINED_GRACE_MS')) } : {}),
  });
} catch (e) {
  // A refused store: what is wrong and the way out, no stack (it is not a bug). Anything else is one.
  if (e instanceof StoreRefusedError) console.error(`Capex Race will not start.\n${e.problem}\n${e.wayOut}`);
  else console.error('Capex Race could not start:', e);
  process.exit(e instanceof StoreRefusedError ? STORE_REFUSED_EXIT_CODE : 1);
}
answerMemoryProbes();
const { restored, failed, quarantined } = running.recovered;
const where = env('DATABASE_URL') ? 'PostgreSQL' : dataDir;
const failedText = failed.length ? `, ${failed.length} NOT restored: ${failed.map((f) => f.id).join(' ')} (see above; the rest are served)` : '';
const quarantinedText = quarantined.length ? `, ${quarantined.length} broken fork(s) quarantined (see above)` : '';
const warm = running.warmUpMs > 0 ? `; warmed up in ${(running.warmUpMs / 1000).toFixed(1)} s` : '';
console.log(`Capex Race listening on ${running.url} (data in ${where}${env('REDIS_URL') ? ', Redis presence' : ''}; ${restored.length} game(s) restored${failedText}${quarantinedText}${warm})`);
