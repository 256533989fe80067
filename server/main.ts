/**
 * The server entry point (npm start): configuration by environment only —
 * PORT (2567), DATA_DIR (./data), DATABASE_URL (optional, PostgreSQL), REDIS_URL (optional: several
 * processes), PUBLIC_ADDRESS (host:port clients reach this process at; default 127.0.0.1:PORT),
 * LEASE_TTL_MS / LEASE_SWEEP_MS (game ownership leases, multi-process recovery).
 */
import './ws-global.js';
import { startServer } from './app.js';

const port = Number(process.env['PORT'] ?? 2567);
const dataDir = process.env['DATA_DIR'] ?? './data';
const env = (k: string): string | undefined => process.env[k] || undefined;
const leases = { ...(env('LEASE_TTL_MS') ? { ttlMs: Number(env('LEASE_TTL_MS')) } : {}), ...(env('LEASE_SWEEP_MS') ? { sweepMs: Number(env('LEASE_SWEEP_MS')) } : {}) };
const running = await startServer({
  port, dataDir, databaseUrl: env('DATABASE_URL'), pgSchema: env('DATABASE_SCHEMA'), redisUrl: env('REDIS_URL'), publicAddress: env('PUBLIC_ADDRESS'),
  leases, handleSignals: true,
});
const { restored, failed } = running.recovered;
const where = env('DATABASE_URL') ? 'PostgreSQL' : dataDir;
console.log(`Capex Race listening on ${running.url} (data in ${where}${env('REDIS_URL') ? ', Redis presence' : ''}; ${restored.length} game(s) restored${failed.length ? `, ${failed.length} failed` : ''})`);
