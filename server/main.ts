/**
 * The server entry point (npm start): configuration by environment only —
 * PORT (2567), DATA_DIR (./data), DATABASE_URL (optional, PostgreSQL).
 */
import './ws-global.js';
import { startServer } from './app.js';

const port = Number(process.env['PORT'] ?? 2567);
const dataDir = process.env['DATA_DIR'] ?? './data';
const running = await startServer({ port, dataDir, databaseUrl: process.env['DATABASE_URL'] || undefined, handleSignals: true });
const { restored, failed } = running.recovered;
console.log(`Capex Race listening on ${running.url} (data in ${dataDir}; ${restored.length} game(s) restored${failed.length ? `, ${failed.length} failed` : ''})`);
