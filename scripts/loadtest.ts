/**
 * `npm run loadtest` — bounded, loopback-only load test. Starts one server process (temporary
 * DATA_DIR, free port), connects GAMES × 7 bot-driven @colyseus/sdk clients that play real games
 * for QUARTERS quarters, then prints latency percentiles: submit-to-resolved (the order message
 * that completes a quarter — the game's last `orders:ready` — → each client's `quarter:resolved`),
 * submit → ack (`orders:submit` → `orders:state`, i.e. stored), and a client's own submit →
 * resolved (includes waiting for the others); WebSocket frames/s, wire bytes per client per quarter
 * (socket bytes read), server RSS and CPU. `--json` prints one object. Options: --games N (100)
 * --quarters N (4) --think MS (2000: each bot submits after a random 0–MS ms; 0 = all at once)
 * --timeout S (180) --out FILE (artifacts/bench/last-load.json).
 * The figures of the last run are saved for `npm run bench`.
 */
import '../server/ws-global.js';
import { spawn } from 'node:child_process';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { Client, type Room } from '@colyseus/sdk';
import { TICKERS, botOrders, defaultStrategyFor, type PlayerView, type Ticker } from '../shared/index.js';
import { ROOM_NAME, type ServerMessage } from '../shared/protocol/index.js';

const root = path.resolve(import.meta.dirname, '..');
const args = process.argv.slice(2);
const opt = (name: string, def: number): number => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? Number(args[i + 1]) : def;
};
const JSON_OUT = args.includes('--json');
const GAMES = opt('games', 100);
const QUARTERS = Math.max(4, opt('quarters', 4));
const TIMEOUT_S = opt('timeout', 180);
/** Each bot "thinks" a random 0–THINK ms before submitting (0: all 700 submit in the same instant). */
const THINK_MS = opt('think', 2000);
const outIdx = args.indexOf('--out');
const OUT = outIdx >= 0 ? args[outIdx + 1]! : path.join(root, 'artifacts', 'bench', 'last-load.json');
const log = (...m: unknown[]): void => {
  if (!JSON_OUT) console.log(...m);
};

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = net.createServer().listen(0, '127.0.0.1', () => {
      const port = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(port));
    });
  });
}

/** RSS (MB) and CPU time (ms) of a process, from /proc. */
function procStats(pid: number): { rssMb: number; cpuMs: number } {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  const rssKb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
  const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  const ticks = Number(stat[11]) + Number(stat[12]);
  return { rssMb: rssKb / 1024, cpuMs: (ticks * 1000) / 100 };
}

const pct = (xs: number[], p: number): number => {
  if (xs.length === 0) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)]!;
};

interface Bot {
  room: Room;
  seat: Ticker;
  socket: net.Socket;
  bytesAtStart: number;
  /** WebSocket frames received (protocol messages and state patches). */
  messages: number;
  /** The latest view received (the lobby's view plays quarter 0 once the host starts). */
  view: PlayerView | null;
  onRunning?: () => void;
}

const errors: string[] = [];
const resolvedLatency: number[] = [];
const ackLatency: number[] = [];
const ownSubmitLatency: number[] = [];

/** One bot: on each new quarter, plan with the shared bots, submit, then mark ready. */
function drive(bot: Bot, lastReady: Map<number, number>, onDone: () => void, onReady: (q: number) => void): void {
  let submittedAt = 0;
  let played = -1;
  const play = (view: PlayerView): void => {
    if (view.finished || view.quarter <= played || view.quarter >= QUARTERS) return;
    played = view.quarter;
    const orders = botOrders(view, defaultStrategyFor(bot.seat), 'normal');
    const submit = (): void => {
      submittedAt = performance.now();
      bot.room.send('orders:submit', { quarter: view.quarter, orders });
    };
    if (THINK_MS > 0) setTimeout(submit, Math.random() * THINK_MS);
    else submit();
  };
  bot.room.onMessage('error', (m: ServerMessage<'error'>) => errors.push(`${bot.seat}: ${m.code} ${m.message}`));
  bot.onRunning = () => {
    if (bot.view) play(bot.view);
  };
  bot.room.onStateChange((st: { status?: string }) => {
    if (st.status === 'running') bot.onRunning?.();
  });
  bot.room.onMessage('orders:state', (m: ServerMessage<'orders:state'>) => {
    if (m.orders !== null && !m.ready) {
      ackLatency.push(performance.now() - submittedAt);
      bot.room.send('orders:ready', { quarter: m.quarter, ready: true });
    } else if (m.ready) onReady(m.quarter);
  });
  bot.room.onMessage('quarter:resolved', (m: ServerMessage<'quarter:resolved'>) => {
    const t = lastReady.get(m.quarter);
    if (t !== undefined) resolvedLatency.push(performance.now() - t);
    if (submittedAt > 0) ownSubmitLatency.push(performance.now() - submittedAt);
    if (m.finished || m.quarter + 1 >= QUARTERS) onDone();
    else {
      bot.view = m.view;
      play(m.view);
    }
  });
}

async function joinGame(url: string, g: number): Promise<{ bots: Bot[]; start: () => Promise<void> }> {
  const seats = TICKERS.slice(0, 7);
  const mk = (room: Room, seat: Ticker): Bot => {
    const ws = (room.connection.transport as unknown as { ws: { _socket: net.Socket; addEventListener(t: string, f: () => void): void } }).ws;
    const bot: Bot = { room, seat, socket: ws._socket, bytesAtStart: 0, messages: 0, view: null };
    ws.addEventListener('message', () => (bot.messages += 1));
    room.onMessage('*', () => undefined);
    room.onMessage('view', (m: ServerMessage<'view'>) => {
      bot.view = m.view;
      if ((room.state as { status?: string }).status === 'running') bot.onRunning?.();
    });
    room.send('game:sync', {});
    return bot;
  };
  const host = await new Client(url).create(ROOM_NAME, { name: `H${g}`, company: seats[0], game: { quarterCount: QUARTERS, public: false } });
  const gameId = host.roomId;
  const others = await Promise.all(seats.slice(1).map(async (seat, i) => mk(await new Client(url).joinById(gameId, { name: `P${g}-${i}`, company: seat }), seat)));
  const bots = [mk(host, seats[0]!), ...others];
  return { bots, start: async () => host.send('game:start', {}) };
}

// 700 clients: the SDK's notices (frames before handlers, reconnection on close) are noise here.
const quiet = (orig: (...a: unknown[]) => void) => (...a: unknown[]): void => {
  if (typeof a[0] === 'string' && /^@colyseus\/sdk|^\[Colyseus reconnection\]/.test(a[0])) return;
  orig(...a);
};
console.warn = quiet(console.warn.bind(console));
console.info = quiet(console.info.bind(console));
const origLog = console.log.bind(console);
console.log = quiet(origLog);

async function main(): Promise<void> {
  const port = await freePort();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'capex-load-'));
  const child = spawn(process.execPath, [...(process.env['LOAD_PROF'] ? ['--cpu-prof', '--cpu-prof-dir', process.env['LOAD_PROF']] : []), '--import', 'tsx', path.join(root, 'server/main.ts')], {
    cwd: root, env: { ...process.env, PORT: String(port), DATA_DIR: dataDir, REDIS_URL: '', DATABASE_URL: '' }, stdio: ['ignore', 'pipe', 'pipe'],
  });
  let serverOut = '';
  child.stdout!.on('data', (d: Buffer) => (serverOut += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (serverOut += d.toString()));
  const hardStop = setTimeout(() => {
    console.error(`load test timed out after ${TIMEOUT_S} s`);
    child.kill('SIGKILL');
    process.exit(2);
  }, TIMEOUT_S * 1000);
  try {
    const t0 = Date.now();
    while (!serverOut.includes('listening on')) {
      if (child.exitCode !== null || Date.now() - t0 > 30_000) throw new Error(`server did not start: ${serverOut}`);
      await new Promise((r) => setTimeout(r, 50));
    }
    const url = `http://127.0.0.1:${port}`;
    log(`server pid ${child.pid} on ${url}; joining ${GAMES} games × 7 clients…`);
    const tJoin = performance.now();
    const games: Awaited<ReturnType<typeof joinGame>>[] = [];
    for (let g = 0; g < GAMES; g += 10) {
      const batch = await Promise.all(Array.from({ length: Math.min(10, GAMES - g) }, (_, i) => joinGame(url, g + i).catch((e: Error) => {
        errors.push(`join: ${e.message}`);
        return null;
      })));
      for (const b of batch) if (b) games.push(b);
    }
    const joinMs = performance.now() - tJoin;
    const bots = games.flatMap((g) => g.bots);
    log(`${bots.length} clients joined in ${(joinMs / 1000).toFixed(1)} s; playing ${QUARTERS} quarters…`);

    const cpu0 = procStats(child.pid!);
    const loaderCpu0 = process.cpuUsage();
    const lag = monitorEventLoopDelay({ resolution: 10 });
    lag.enable();
    const framesAtStart = bots.reduce((a, b) => a + b.messages, 0);
    const tPlay = performance.now();
    let done = 0;
    await new Promise<void>((resolve) => {
      for (const g of games) {
        const lastReady = new Map<number, number>();
        const readyCount = new Map<number, number>();
        for (const b of g.bots) {
          b.bytesAtStart = b.socket.bytesRead;
          drive(b, lastReady, () => {
            done += 1;
            if (done === bots.length) resolve();
          }, (q) => {
            const n = (readyCount.get(q) ?? 0) + 1;
            readyCount.set(q, n);
            if (n === g.bots.length) lastReady.set(q, performance.now());
          });
        }
        void g.start();
      }
    });
    const playMs = performance.now() - tPlay;
    const cpu1 = procStats(child.pid!);
    lag.disable();
    const loaderCpu = process.cpuUsage(loaderCpu0);
    const bytes = bots.reduce((a, b) => a + b.socket.bytesRead - b.bytesAtStart, 0);
    const messages = bots.reduce((a, b) => a + b.messages, 0) - framesAtStart;
    const result = {
      clients: bots.length, games: games.length, quarters: QUARTERS,
      p50Ms: round(pct(resolvedLatency, 50)), p95Ms: round(pct(resolvedLatency, 95)), p99Ms: round(pct(resolvedLatency, 99)),
      ackP50Ms: round(pct(ackLatency, 50)), ackP99Ms: round(pct(ackLatency, 99)), ownSubmitP99Ms: round(pct(ownSubmitLatency, 99)), thinkMs: THINK_MS,
      errors: errors.length, messagesPerSec: Math.round((messages * 1000) / playMs),
      bytesPerClientPerQuarter: Math.round(bytes / bots.length / QUARTERS),
      rssMb: round(cpu1.rssMb), serverCpuPct: round(((cpu1.cpuMs - cpu0.cpuMs) * 100) / playMs),
      loaderCpuPct: round(((loaderCpu.user + loaderCpu.system) / 1000 / playMs) * 100), loaderLagP99Ms: round(lag.percentile(99) / 1e6),
      joinSec: round(joinMs / 1000), playSec: round(playMs / 1000), cores: os.cpus().length, loadAvg1m: round(os.loadavg()[0]!), node: process.version, at: new Date().toISOString(),
    };
    fs.mkdirSync(path.dirname(OUT), { recursive: true });
    fs.writeFileSync(OUT, `${JSON.stringify(result, null, 2)}\n`);
    if (JSON_OUT) console.log(JSON.stringify(result));
    else {
      log(`submit-to-resolved latency: p50 ${result.p50Ms} ms, p95 ${result.p95Ms} ms, p99 ${result.p99Ms} ms (submit → ack p50 ${result.ackP50Ms} ms, p99 ${result.ackP99Ms} ms; own submit → resolved p99 ${result.ownSubmitP99Ms} ms incl. waiting for others; think 0–${THINK_MS} ms)`);
      log(`messages/s ${result.messagesPerSec}; bytes per client per quarter ${result.bytesPerClientPerQuarter}; errors ${result.errors}`);
      log(`server RSS ${result.rssMb} MB, CPU ${result.serverCpuPct}% of one core over ${result.playSec} s of play (saved to ${path.relative(root, OUT)})`);
      log(`load generator: CPU ${result.loaderCpuPct}% of one core, event-loop delay p99 ${result.loaderLagP99Ms} ms (latencies include it); machine load ${result.loadAvg1m}`);
      for (const e of errors.slice(0, 5)) log(`  error: ${e}`);
    }
    for (const b of bots) b.room.connection.close();
    if (process.env['LOAD_PROF']) await new Promise((r) => setTimeout(r, 100));
    process.exitCode = errors.length === 0 ? 0 : 1;
  } finally {
    clearTimeout(hardStop);
    child.kill('SIGTERM');
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

function round(x: number): number {
  return Math.round(x * 10) / 10;
}

await main();
