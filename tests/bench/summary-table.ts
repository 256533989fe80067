/**
 * The one table `npm run bench` ends with: engine figures (measured by bench.ts), server figures
 * from the last `npm run loadtest` (artifacts/bench/last-load.json) and the last
 * `npm run loadtest -- --baseline` (artifacts/bench/last-baseline.json), and the client bundle size
 * (gzip of dist/assets/*.js, when the client is built). Figures only; nothing is asserted.
 */
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import type { ClientFigures } from './client.js';

const root = path.resolve(import.meta.dirname, '../..');
export const LAST_LOAD_FILE = path.join(root, 'artifacts', 'bench', 'last-load.json');
export const LAST_BASELINE_FILE = path.join(root, 'artifacts', 'bench', 'last-baseline.json');

interface LoadFigures {
  clients: number; games: number; quarters: number; p50Ms: number; p95Ms: number; p99Ms: number; ackP99Ms?: number; errors: number;
  bytesPerClientPerQuarter: number; rssMb: number; serverCpuPct?: number; serverMainCpuPct?: number; messagesPerSec?: number; thinkMs?: number;
  loadAvg1m?: number; at?: string;
  /** Measured on a server that had played one set of games first (--warm-round; absent before 2026-12-08). */
  warmRound?: boolean;
}

interface BaselineFigures {
  rounds: { game?: { warmRound?: boolean } }[];
  median: { p99: number; ackP99: number; cpu: number };
  /** Every round's latencies pooled per server (runs before 2026-12-06's fourth session lack it). */
  pooled?: { p99: number; ackP99: number };
  at?: string;
}

/** Which server the figures are of: a fresh one (the default) or one that had played a set of games (--warm-round). */
function serverAge(warmRound: boolean | undefined): string {
  return warmRound === true ? ', a running server (--warm-round)' : '';
}

function readJson<T>(file: string): T | null {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8')) as T;
  } catch {
    return null;
  }
}

function bundle(): { files: number; gzipKb: number; rawKb: number } | null {
  const dir = path.join(root, 'dist', 'assets');
  if (!fs.existsSync(dir)) return null;
  let gz = 0;
  let raw = 0;
  const files = fs.readdirSync(dir).filter((f) => f.endsWith('.js'));
  for (const f of files) {
    const buf = fs.readFileSync(path.join(dir, f));
    raw += buf.length;
    gz += zlib.gzipSync(buf, { level: 9 }).length;
  }
  return { files: files.length, gzipKb: gz / 1024, rawKb: raw / 1024 };
}

/** Prints the table (engine figures unless only the client was measured; client figures when Chromium ran). */
export function printBenchTable(engine: { usPerQuarter: number; gamesPerSecond: number } | null, client: ClientFigures | { skipped: string } | null = null): void {
  const rows: [string, string, string][] = engine ? [
    ['engine', 'µs per 7-seat quarter (median)', engine.usPerQuarter.toFixed(0)],
    ['engine', 'all-bot games per second, one core', engine.gamesPerSecond.toFixed(1)],
  ] : [];
  const l = readJson<LoadFigures>(LAST_LOAD_FILE);
  if (l) {
    const when = l.at ? ` (${l.at.slice(0, 16).replace('T', ' ')}${l.loadAvg1m !== undefined ? `, machine load ${l.loadAvg1m}` : ''})` : '';
    rows.push(
      ['server', `load run${serverAge(l.warmRound)}${when}`, `${l.clients} clients, ${l.games} games × ${l.quarters} quarters`],
      ['server', 'submit-to-resolved p50 / p95 / p99', `${l.p50Ms} / ${l.p95Ms} / ${l.p99Ms} ms`],
      ...(l.ackP99Ms !== undefined ? [['server', 'submit → stored ack p99', `${l.ackP99Ms} ms`] as [string, string, string]] : []),
      ['server', 'errors', String(l.errors)],
      ['server', 'bytes per client per quarter', `${(l.bytesPerClientPerQuarter / 1024).toFixed(1)} kB`],
      ['server', 'RSS / CPU (one core = 100%)', `${l.rssMb} MB / ${l.serverCpuPct ?? '?'}%${l.serverMainCpuPct !== undefined ? ` (JavaScript thread ${l.serverMainCpuPct}%)` : ''}`],
    );
  } else rows.push(['server', 'load figures', 'none yet: run npm run loadtest']);
  const b = readJson<BaselineFigures>(LAST_BASELINE_FILE);
  if (b) {
    const when = b.at ? ` (${b.at.slice(0, 16).replace('T', ' ')})` : '';
    rows.push(['server', `÷ bare Colyseus room, median of ${b.rounds.length} rounds${serverAge(b.rounds[0]?.game?.warmRound)}${when}`, `p99 ${b.median.p99}× / ack p99 ${b.median.ackP99}× / CPU ${b.median.cpu}× (target ≤ 1.5×)`]);
    if (b.pooled) rows.push(['server', `÷ bare Colyseus room, the ${b.rounds.length} rounds' latencies pooled`, `p99 ${b.pooled.p99}× / ack p99 ${b.pooled.ackP99}×`]);
  } else rows.push(['server', '÷ bare Colyseus room', 'none yet: run npm run loadtest -- --baseline']);
  const c = bundle();
  rows.push(c ? ['client', `bundle, ${c.files} JS files (gzip -9)`, `${c.gzipKb.toFixed(0)} kB (raw ${c.rawKb.toFixed(0)} kB)`] : ['client', 'bundle', 'not built: run npm run build']);
  if (client && 'skipped' in client) rows.push(['client', 'cold game page, first map render', `not measured: ${client.skipped}`]);
  else if (client) {
    rows.push(['client', `cold game page transferred (${client.requests} requests)`, `${client.transferKb.toFixed(0)} kB (target ≤ 700 kB)`]);
    rows.push(['client', 'first map render after navigation (median)', `${client.mapMs} ms (target ≤ 3,000 ms)`]);
  }
  const w = [0, 1, 2].map((i) => Math.max(...rows.map((r) => r[i]!.length), ['part', 'figure', 'value'][i]!.length));
  const line = (r: string[]): string => `| ${r.map((c, i) => c.padEnd(w[i]!)).join(' | ')} |`;
  console.log('');
  console.log(line(['part', 'figure', 'value']));
  console.log(`|${w.map((n) => '-'.repeat(n + 2)).join('|')}|`);
  for (const r of rows) console.log(line(r));
}
