/**
 * `npm run loadtest` — bounded, loopback-only load test. Starts one server process (temporary
 * DATA_DIR, free port), connects GAMES × 7 bot-driven @colyseus/sdk clients that play real games
 * for QUARTERS quarters, then prints latency percentiles: submit-to-resolved (the order message
 * that completes a quarter — the last seat's `orders:submit` with `ready: true` — → each client's `quarter:resolved`),
 * submit → ack (`orders:submit` → `orders:state`, i.e. stored), and a client's own submit →
 * resolved (includes waiting for the others); WebSocket frames/s, wire bytes per client per quarter
 * (socket bytes read), server RSS and CPU. `--json` prints one object. Options: --games N (100)
 * --quarters N (4) --think MS (2000: each bot submits after a random 0–MS ms; 0 = all at once)
 * --timeout S (180) --out FILE (artifacts/bench/last-load.json). --warm-round: the server first plays
 * one set of GAMES games that is not measured, so the figures are a running server's, not a fresh
 * process's (whose first games also pay for V8 compiling the server's code); with --baseline, both servers.
 *
 * `--baseline [--rounds N]` (3): alternates N rounds of the game server with N rounds of a bare
 * Colyseus room that answers the same messages with the frames the game server just sent, byte for
 * byte, on the same transport (scripts/load-bare-server.ts), and reports each round and the median
 * ratios game ÷ bare of p99 latency and server CPU: a figure that holds on a busy machine, where
 * absolute latencies swing with whatever else runs. Saved to artifacts/bench/last-baseline.json.
 * Each round's clients run in a fresh load-generator process (this script with `--round game|bare
 * --frames FILE`): in one process the generator's own CPU grew from round to round (57% → 84% of a core
 * over six rounds), so later rounds ran on a busier machine than earlier ones.
 * The figures of the last run are saved for `npm run bench`. LOAD_PROF=DIR writes the game server's
 * CPU profile there.
 */
import '../server/ws-global.js';
import { spawn, type ChildProcess } from 'node:child_process';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { Client, type Room } from '@colyseus/sdk';
import { TICKERS, botOrders, defaultStrategyFor, type PlayerView, type Ticker } from '../shared/index.js';
import { ROOM_NAME, type ServerMessage } from '../shared/protocol/index.js';
import { Recorder } from './load-recording.js';
import { SERVER_NODE_ARGS } from './server-node-args.mjs';

const root = path.resolve(import.meta.dirname, '..');
const args = process.argv.slice(2);
const valueOf = (name: string): string | null => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? (args[i + 1] ?? null) : null;
};
const opt = (name: string, def: number): number => {
  const v = valueOf(name);
  return v === null ? def : Number(v);
};
/** `--round game|bare --frames FILE`: one round of a --baseline run, in its own process (see baseline()). */
const ROUND = valueOf('round');
const FRAMES = valueOf('frames');
const JSON_OUT = args.includes('--json') || ROUND !== null;
const BASELINE = args.includes('--baseline');
const ROUNDS = Math.max(1, opt('rounds', 3));
const GAMES = opt('games', 100);
const QUARTERS = Math.max(4, opt('quarters', 4));
const TIMEOUT_S = opt('timeout', 180);
/** Each bot "thinks" a random 0–THINK ms before submitting (0: all 700 submit in the same instant). */
const THINK_MS = opt('think', 2000);
/**
 * `--two-step`: players submit, then say they are ready once the submit is acknowledged (two messages
 * a quarter, as the client sent before `orders:submit` took `ready`, and as a player who clicks
 * Submit before ticking "I'm ready" still does). Default: one message with `ready: true`.
 */
const TWO_STEP = args.includes('--two-step');
/** --warm-round: measure a server that already played one set of games (a running server), not a fresh one. */
const WARM_ROUND = args.includes('--warm-round');
const outIdx = args.indexOf('--out');
const OUT = outIdx >= 0 ? args[outIdx + 1]! : path.join(root, 'artifacts', 'bench', BASELINE ? 'last-baseline.json' : 'last-load.json');
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

/** CPU time (ms) in a /proc stat file. */
function cpuMsOf(statFile: string): number {
  const stat = fs.readFileSync(statFile, 'utf8').split(') ')[1]!.split(' ');
  return ((Number(stat[11]) + Number(stat[12])) * 1000) / 100;
}

/**
 * CPU time (ms) of a process's threads by kind. Node creates its threads in a fixed order at start:
 * the JavaScript thread (tid = pid), one for signals, V8's four platform workers (the collector's
 * parallel and concurrent marking, the optimizing compiler), V8's delayed-task thread; the threads
 * made later are tsx's loader worker and libuv's pool (permessage-deflate runs there). Told apart by
 * rank among the process's thread ids (thread names are all "node"): a heuristic, but the order of
 * creation holds whatever other processes start meanwhile.
 */
function threadCpuMs(pid: number): Record<string, number> {
  const out: Record<string, number> = {};
  const tids = fs.readdirSync(`/proc/${pid}/task`).map(Number).sort((a, b) => a - b);
  tids.forEach((tid, rank) => {
    const kind = tid === pid ? 'js' : rank >= 2 && rank <= 5 ? 'v8' : rank <= 6 ? 'other' : 'later';
    try {
      out[kind] = (out[kind] ?? 0) + cpuMsOf(`/proc/${pid}/task/${tid}/stat`);
    } catch {
      // The thread ended between the listing and the read.
    }
  });
  return out;
}

/** RSS (MB) and CPU time (ms) of a process, and of its main (JavaScript) thread alone, from /proc. */
function procStats(pid: number): { rssMb: number; cpuMs: number; mainCpuMs: number } {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  const rssKb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
  return { rssMb: rssKb / 1024, cpuMs: cpuMsOf(`/proc/${pid}/stat`), mainCpuMs: cpuMsOf(`/proc/${pid}/task/${pid}/stat`) };
}

const pct = (xs: number[], p: number): number => {
  if (xs.length === 0) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)]!;
};
const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const round = (x: number): number => Math.round(x * 10) / 10;

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

/** What one round measured (client side). */
interface Samples {
  errors: string[];
  resolved: number[];
  /** Submit-to-resolved by quarter (the first quarters run while V8 still compiles the server's code). */
  byQuarter: number[][];
  ack: number[];
  /** Submit → ack by quarter. */
  ackByQuarter: number[][];
  ownSubmit: number[];
}

/**
 * One bot: on each new quarter, plan with the shared bots and send the orders with the ready flag in
 * one message, as the client's "I'm ready" does with a draft the server does not hold yet.
 */
function drive(bot: Bot, m: Samples, lastReady: Map<number, number>, onDone: () => void, onReady: (q: number) => void): void {
  let submittedAt = 0;
  let played = -1;
  const play = (view: PlayerView): void => {
    if (view.finished || view.quarter <= played || view.quarter >= QUARTERS) return;
    played = view.quarter;
    // Planned when the think time runs out, not when the view arrives: each real client plans on its own
    // machine, while here 700 share one process, and planning 700 bots as a quarter's views arrive delayed
    // the next frames' receipt (inflating every server's latencies alike, the bare room's included).
    const submit = (): void => {
      const orders = botOrders(view, defaultStrategyFor(bot.seat), 'normal');
      submittedAt = performance.now();
      bot.room.send('orders:submit', { quarter: view.quarter, orders, ...(TWO_STEP ? {} : { ready: true }) });
    };
    if (THINK_MS > 0) setTimeout(submit, Math.random() * THINK_MS);
    else submit();
  };
  bot.room.onMessage('error', (e: ServerMessage<'error'>) => m.errors.push(`${bot.seat}: ${e.code} ${e.message}`));
  bot.onRunning = () => {
    if (bot.view) play(bot.view);
  };
  bot.room.onStateChange((st: { status?: string }) => {
    if (st.status === 'running') bot.onRunning?.();
  });
  bot.room.onMessage('orders:state', (s: ServerMessage<'orders:state'>) => {
    // Submit → its acknowledgement (with --two-step, not the ready flag's).
    if (s.orders !== null && (!TWO_STEP || !s.ready)) {
      const ms = performance.now() - submittedAt;
      m.ack.push(ms);
      (m.ackByQuarter[s.quarter] ??= []).push(ms);
    }
    if (TWO_STEP && s.orders !== null && !s.ready) bot.room.send('orders:ready', { quarter: s.quarter, ready: true });
    else if (s.ready) onReady(s.quarter);
  });
  bot.room.onMessage('quarter:resolved', (r: ServerMessage<'quarter:resolved'>) => {
    const t = lastReady.get(r.quarter);
    if (t !== undefined) {
      m.resolved.push(performance.now() - t);
      (m.byQuarter[r.quarter] ??= []).push(performance.now() - t);
    }
    if (submittedAt > 0) m.ownSubmit.push(performance.now() - submittedAt);
    if (r.finished || r.quarter + 1 >= QUARTERS) onDone();
    else {
      bot.view = r.view;
      play(r.view);
    }
  });
}

async function joinGame(url: string, g: number, recorder: Recorder | null): Promise<{ bots: Bot[]; start: () => Promise<void> }> {
  const seats = TICKERS.slice(0, 7);
  const mk = (room: Room, seat: Ticker): Bot => {
    const ws = (room.connection.transport as unknown as { ws: { _socket: net.Socket; addEventListener(t: string, f: (ev: { data: ArrayBuffer }) => void): void } }).ws;
    const bot: Bot = { room, seat, socket: ws._socket, bytesAtStart: 0, messages: 0, view: null };
    ws.addEventListener('message', (ev) => {
      bot.messages += 1;
      recorder?.add(g, seat, new Uint8Array(ev.data));
    });
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

/** Joins GAMES games of 7 clients, ten games at a time; game numbers start at `first` (the recording's keys). */
async function joinAll(url: string, first: number, recorder: Recorder | null, errors: string[]): Promise<Awaited<ReturnType<typeof joinGame>>[]> {
  const games: Awaited<ReturnType<typeof joinGame>>[] = [];
  for (let g = 0; g < GAMES; g += 10) {
    const batch = await Promise.all(Array.from({ length: Math.min(10, GAMES - g) }, (_, i) => joinGame(url, first + g + i, recorder).catch((e: Error) => {
      errors.push(`join: ${e.message}`);
      return null;
    })));
    for (const b of batch) if (b) games.push(b);
  }
  return games;
}

/** Starts every game and plays it for QUARTERS quarters; resolves when every client saw its last quarter. */
async function playAll(games: Awaited<ReturnType<typeof joinGame>>[], m: Samples): Promise<void> {
  const clients = games.reduce((a, g) => a + g.bots.length, 0);
  let done = 0;
  await new Promise<void>((resolve) => {
    for (const g of games) {
      const lastReady = new Map<number, number>();
      const readyCount = new Map<number, number>();
      for (const b of g.bots) {
        b.bytesAtStart = b.socket.bytesRead;
        drive(b, m, lastReady, () => {
          done += 1;
          if (done === clients) resolve();
        }, (q) => {
          const n = (readyCount.get(q) ?? 0) + 1;
          readyCount.set(q, n);
          if (n === g.bots.length) lastReady.set(q, performance.now());
        });
      }
      void g.start();
    }
  });
}

// 700 clients: the SDK's notices (frames before handlers, reconnection on close) are noise here.
const quiet = (orig: (...a: unknown[]) => void) => (...a: unknown[]): void => {
  if (typeof a[0] === 'string' && /^@colyseus\/sdk|^\[Colyseus reconnection\]/.test(a[0])) return;
  orig(...a);
};
console.warn = quiet(console.warn.bind(console));
console.info = quiet(console.info.bind(console));
console.log = quiet(console.log.bind(console));

/** One round's figures. */
interface RoundResult {
  server: 'game' | 'bare';
  clients: number; games: number; quarters: number;
  p50Ms: number; p95Ms: number; p99Ms: number; p99ByQuarterMs: number[]; ackP50Ms: number; ackP99Ms: number; ackP99ByQuarterMs: number[]; ownSubmitP99Ms: number; thinkMs: number;
  /** Players sent their orders and their ready flag in two messages (--two-step). */
  twoStep: boolean;
  /** The server played one set of games before the measured one (--warm-round): a running server, not a fresh one. */
  warmRound: boolean;
  errors: number; messagesPerSec: number; bytesPerClientPerQuarter: number; rssMb: number; serverCpuPct: number;
  /** CPU time the server used during play (s): the work done, whatever the machine's load stretched the play to. */
  serverCpuSec: number;
  /** The server's JavaScript thread alone (the rest: V8's compiler and collector threads, libuv's pool). */
  serverMainCpuPct: number;
  loaderCpuPct: number; loaderLagP99Ms: number; joinSec: number; playSec: number; loadAvg1m: number;
  /** CPU time during play (s) by thread (threadCpuMs): js, v8 (collector, compiler), later (libuv's pool: deflate; tsx's loader). */
  threadsCpuSec: Record<string, number>;
}

/** The server process of the round running (killed if the whole run times out). */
let current: ChildProcess | null = null;

/**
 * Runs one round against a freshly spawned server: the game server (recording what its clients
 * receive when `recorder` is given) or the bare replay room (`recording`: the file to replay).
 */
async function runRound(kind: 'game' | 'bare', recorder: Recorder | null, recording: string | null): Promise<{ result: RoundResult; errorLines: string[]; samples: { resolved: number[]; ack: number[] } }> {
  const port = await freePort();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'capex-load-'));
  const prof = kind === 'game' && process.env['LOAD_PROF'] ? ['--cpu-prof', '--cpu-prof-dir', process.env['LOAD_PROF']] : [];
  const entry = kind === 'game' ? 'server/main.ts' : 'scripts/load-bare-server.ts';
  // Both servers run with npm start's Node options (scripts/server-node-args.mjs).
  // LOAD_SERVER_ARGS: extra Node options for both servers, for diagnosis (e.g. --trace-gc; the output goes to LOAD_LOG).
  const extra = (process.env['LOAD_SERVER_ARGS'] ?? '').split(' ').filter(Boolean);
  const child = spawn(process.execPath, [...SERVER_NODE_ARGS, ...extra, ...prof, '--import', 'tsx', path.join(root, entry)], {
    cwd: root, env: { ...process.env, PORT: String(port), DATA_DIR: dataDir, REDIS_URL: '', DATABASE_URL: '', LOAD_RECORDING: recording ?? '' }, stdio: ['ignore', 'pipe', 'pipe'],
  });
  current = child;
  let serverOut = '';
  /** Where the play window starts and ends in serverOut (LOAD_LOG). */
  const playOut = { start: -1, end: -1 };
  child.stdout!.on('data', (d: Buffer) => (serverOut += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (serverOut += d.toString()));
  const m: Samples = { errors: [], resolved: [], byQuarter: [], ack: [], ackByQuarter: [], ownSubmit: [] };
  try {
    const t0 = Date.now();
    while (!serverOut.includes('listening on')) {
      if (child.exitCode !== null || Date.now() - t0 > 30_000) throw new Error(`server did not start: ${serverOut}`);
      await new Promise((r) => setTimeout(r, 50));
    }
    const url = `http://127.0.0.1:${port}`;
    log(`[${kind}] server pid ${child.pid} on ${url}; joining ${GAMES} games × 7 clients…`);
    // --warm-round: the server first plays a set of games that is not measured (their errors still count).
    if (WARM_ROUND) {
      const warm = await joinAll(url, GAMES, recorder, m.errors);
      log(`[${kind}] warm round: ${warm.flatMap((g) => g.bots).length} clients joined; playing ${QUARTERS} quarters, not measured…`);
      const wm: Samples = { errors: m.errors, resolved: [], byQuarter: [], ack: [], ackByQuarter: [], ownSubmit: [] };
      await playAll(warm, wm);
      // Left as players leave a finished game (consented): the server disposes those rooms, as it does between games.
      await Promise.all(warm.flatMap((g) => g.bots).map((b) => b.room.leave(true)));
    }
    const tJoin = performance.now();
    const games = await joinAll(url, 0, recorder, m.errors);
    const joinMs = performance.now() - tJoin;
    const bots = games.flatMap((g) => g.bots);
    log(`[${kind}] ${bots.length} clients joined in ${(joinMs / 1000).toFixed(1)} s; playing ${QUARTERS} quarters…`);

    const cpu0 = procStats(child.pid!);
    const threads0 = threadCpuMs(child.pid!);
    const loaderCpu0 = process.cpuUsage();
    const lag = monitorEventLoopDelay({ resolution: 10 });
    lag.enable();
    const framesAtStart = bots.reduce((a, b) => a + b.messages, 0);
    const tPlay = performance.now();
    const hrPlay = process.hrtime.bigint();
    playOut.start = serverOut.length;
    await playAll(games, m);
    const playMs = performance.now() - tPlay;
    const cpu1 = procStats(child.pid!);
    const threads1 = threadCpuMs(child.pid!);
    playOut.end = serverOut.length;
    // The play window on the profile's clock (V8's profile times and hrtime are both the monotonic clock, in µs).
    if (prof.length > 0) {
      const us = (t: bigint): number => Number(t / 1000n);
      // The server writes its profile there only when it exits: the folder may not exist yet.
      fs.mkdirSync(process.env['LOAD_PROF']!, { recursive: true });
      fs.writeFileSync(path.join(process.env['LOAD_PROF']!, `play-window-${child.pid}.json`), JSON.stringify({ pid: child.pid, startUs: us(hrPlay), endUs: us(process.hrtime.bigint()) }));
    }
    lag.disable();
    const loaderCpu = process.cpuUsage(loaderCpu0);
    const bytes = bots.reduce((a, b) => a + b.socket.bytesRead - b.bytesAtStart, 0);
    const messages = bots.reduce((a, b) => a + b.messages, 0) - framesAtStart;
    for (const b of bots) b.room.connection.close();
    if (prof.length > 0) await new Promise((r) => setTimeout(r, 100));
    return {
      result: {
        server: kind, clients: bots.length, games: games.length, quarters: QUARTERS, warmRound: WARM_ROUND,
        p50Ms: round(pct(m.resolved, 50)), p95Ms: round(pct(m.resolved, 95)), p99Ms: round(pct(m.resolved, 99)), p99ByQuarterMs: m.byQuarter.map((xs) => round(pct(xs, 99))), ackP99ByQuarterMs: m.ackByQuarter.map((xs) => round(pct(xs, 99))),
        ackP50Ms: round(pct(m.ack, 50)), ackP99Ms: round(pct(m.ack, 99)), ownSubmitP99Ms: round(pct(m.ownSubmit, 99)), thinkMs: THINK_MS, twoStep: TWO_STEP,
        errors: m.errors.length, messagesPerSec: Math.round((messages * 1000) / playMs),
        bytesPerClientPerQuarter: Math.round(bytes / bots.length / QUARTERS),
        rssMb: round(cpu1.rssMb), serverCpuPct: round(((cpu1.cpuMs - cpu0.cpuMs) * 100) / playMs), serverCpuSec: Math.round(cpu1.cpuMs - cpu0.cpuMs) / 1000,
        serverMainCpuPct: round(((cpu1.mainCpuMs - cpu0.mainCpuMs) * 100) / playMs),
        loaderCpuPct: round(((loaderCpu.user + loaderCpu.system) / 1000 / playMs) * 100), loaderLagP99Ms: round(lag.percentile(99) / 1e6),
        joinSec: round(joinMs / 1000), playSec: round(playMs / 1000), loadAvg1m: round(os.loadavg()[0]!),
        threadsCpuSec: Object.fromEntries(Object.entries(threads1).map(([k, v]) => [k, Math.round(v - (threads0[k] ?? 0)) / 1000]).filter(([, v]) => (v as number) > 0)),
      },
      errorLines: m.errors,
      samples: { resolved: m.resolved, ack: m.ack },
    };
  } finally {
    child.kill('SIGTERM');
    fs.rmSync(dataDir, { recursive: true, force: true });
    // LOAD_LOG=DIR: each server's output, with the play window's start and end marked.
    if (process.env['LOAD_LOG']) {
      if (child.exitCode === null && child.signalCode === null) await new Promise((r) => child.once('exit', r));
      fs.mkdirSync(process.env['LOAD_LOG'], { recursive: true });
      fs.writeFileSync(path.join(process.env['LOAD_LOG'], `${kind}-${child.pid}.log`), serverOut);
      if (playOut.end >= 0) fs.writeFileSync(path.join(process.env['LOAD_LOG'], `${kind}-${child.pid}.play.log`), serverOut.slice(playOut.start, playOut.end));
    }
  }
}

const context = (): Record<string, unknown> => ({ cores: os.cpus().length, cpuModel: os.cpus()[0]?.model, node: process.version, at: new Date().toISOString() });

function printRound(r: RoundResult, errors: string[]): void {
  log(`[${r.server}] submit-to-resolved latency: p50 ${r.p50Ms} ms, p95 ${r.p95Ms} ms, p99 ${r.p99Ms} ms (by quarter ${r.p99ByQuarterMs.join(' / ')}) (submit → ack p50 ${r.ackP50Ms} ms, p99 ${r.ackP99Ms} ms, by quarter ${r.ackP99ByQuarterMs.join(' / ')}; own submit → resolved p99 ${r.ownSubmitP99Ms} ms incl. waiting for others; think 0–${r.thinkMs} ms)`);
  log(`[${r.server}] messages/s ${r.messagesPerSec}; bytes per client per quarter ${r.bytesPerClientPerQuarter}; errors ${r.errors}`);
  log(`[${r.server}] server RSS ${r.rssMb} MB, CPU ${r.serverCpuSec} s = ${r.serverCpuPct}% of one core over ${r.playSec} s of play (JavaScript thread ${r.serverMainCpuPct}%, other threads ${round(r.serverCpuPct - r.serverMainCpuPct)}%)`);
  log(`[${r.server}] CPU by thread: ${Object.entries(r.threadsCpuSec).map(([k, v]) => `${k} ${v} s`).join(', ')}`);
  log(`[${r.server}] load generator: CPU ${r.loaderCpuPct}% of one core, event-loop delay p99 ${r.loaderLagP99Ms} ms (latencies include it); machine load ${r.loadAvg1m}`);
  for (const e of errors.slice(0, 5)) log(`  error: ${e}`);
}

async function single(): Promise<number> {
  const { result, errorLines } = await runRound('game', null, null);
  const out = { ...result, ...context() };
  fs.mkdirSync(path.dirname(OUT), { recursive: true });
  fs.writeFileSync(OUT, `${JSON.stringify(out, null, 2)}\n`);
  if (JSON_OUT) console.log(JSON.stringify(out));
  else {
    printRound(result, errorLines);
    log(`(saved to ${path.relative(root, OUT)})`);
  }
  return errorLines.length === 0 ? 0 : 1;
}

/** What one round's process reports (`--round`): the round, and how many frames the game round recorded. */
type RoundReport = Awaited<ReturnType<typeof runRound>> & { frames: number };

/**
 * One round of a --baseline run in a fresh load-generator process: this script with `--round KIND --frames
 * FILE` (the game round records the frames it received there; the bare round replays them and records too,
 * dropping it, so the generator does the same work in both).
 */
async function roundInChild(kind: 'game' | 'bare', file: string): Promise<RoundReport> {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(root, 'scripts', 'loadtest.ts'), '--round', kind, '--frames', file,
    '--games', String(GAMES), '--quarters', String(QUARTERS), '--think', String(THINK_MS), '--timeout', String(TIMEOUT_S), ...(TWO_STEP ? ['--two-step'] : []), ...(WARM_ROUND ? ['--warm-round'] : [])], { cwd: root, stdio: ['ignore', 'pipe', 'inherit'] });
  current = child;
  let out = '';
  child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
  const line = out.trim().split('\n').at(-1) ?? '';
  if (code !== 0 || !line.startsWith('{')) throw new Error(`the ${kind} round's load generator failed (exit ${code}): ${out.slice(-500)}`);
  return JSON.parse(line) as RoundReport;
}

/** `--round KIND --frames FILE`: runs one round here and prints its report as one JSON line. */
async function oneRound(kind: 'game' | 'bare', file: string): Promise<number> {
  const recorder = new Recorder();
  const r = await runRound(kind, recorder, kind === 'bare' ? file : null);
  if (kind === 'game') fs.writeFileSync(file, recorder.toBuffer());
  console.log(JSON.stringify({ ...r, frames: recorder.frames }));
  return 0;
}

async function baseline(): Promise<number> {
  const rounds: { game: RoundResult; bare: RoundResult }[] = [];
  const pooled: { game: { resolved: number[]; ack: number[] }[]; bare: { resolved: number[]; ack: number[] }[] } = { game: [], bare: [] };
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'capex-rec-')), 'frames.bin');
  let failed = false;
  try {
    for (let i = 0; i < ROUNDS; i += 1) {
      log(`— round ${i + 1} of ${ROUNDS}: the game server, then the bare room replaying its frames`);
      const game = await roundInChild('game', file);
      log(`[game] recorded ${game.frames} frames for the bare room`);
      printRound(game.result, game.errorLines);
      const bare = await roundInChild('bare', file);
      printRound(bare.result, bare.errorLines);
      failed ||= game.errorLines.length > 0 || bare.errorLines.length > 0;
      rounds.push({ game: game.result, bare: bare.result });
      pooled.game.push(game.samples);
      pooled.bare.push(bare.samples);
    }
  } finally {
    fs.rmSync(path.dirname(file), { recursive: true, force: true });
  }
  const ratio = (f: (r: RoundResult) => number): number[] => rounds.map((r) => Math.round((f(r.game) / f(r.bare)) * 100) / 100);
  // CPU: time used for the same work (the same clients, quarters and frames), not a share of a wall
  // time that a busy machine stretches differently from round to round.
  const ratios = { p99: ratio((r) => r.p99Ms), ackP99: ratio((r) => r.ackP99Ms), cpu: ratio((r) => r.serverCpuSec) };
  // Every round's latencies pooled per server: one quarter's spike on either server weighs as what it is
  // (a few hundred of ~8,000 samples) instead of deciding a round's p99 and so, often, the median of three.
  const p99Of = (xs: { resolved: number[]; ack: number[] }[], k: 'resolved' | 'ack'): number => round(pct(xs.flatMap((x) => x[k]), 99));
  const pooledP99 = { game: p99Of(pooled.game, 'resolved'), bare: p99Of(pooled.bare, 'resolved'), gameAck: p99Of(pooled.game, 'ack'), bareAck: p99Of(pooled.bare, 'ack') };
  const out = {
    rounds, ratios, median: { p99: median(ratios.p99), ackP99: median(ratios.ackP99), cpu: median(ratios.cpu) },
    pooled: { ...pooledP99, p99: Math.round((pooledP99.game / pooledP99.bare) * 100) / 100, ackP99: Math.round((pooledP99.gameAck / pooledP99.bareAck) * 100) / 100 },
    target: 1.5, ...context(),
  };
  fs.mkdirSync(path.dirname(OUT), { recursive: true });
  fs.writeFileSync(OUT, `${JSON.stringify(out, null, 2)}\n`);
  if (JSON_OUT) console.log(JSON.stringify(out));
  else {
    log('');
    log('| round | game p99 / ack p99 / CPU time | bare p99 / ack p99 / CPU time | ratio p99 / ack p99 / CPU | machine load (game, bare) |');
    log('|---|---|---|---|---|');
    rounds.forEach((r, i) => log(`| ${i + 1} | ${r.game.p99Ms} / ${r.game.ackP99Ms} ms / ${r.game.serverCpuSec} s | ${r.bare.p99Ms} / ${r.bare.ackP99Ms} ms / ${r.bare.serverCpuSec} s | ${ratios.p99[i]} / ${ratios.ackP99[i]} / ${ratios.cpu[i]} | ${r.game.loadAvg1m}, ${r.bare.loadAvg1m} |`));
    log(`median of ${ROUNDS} alternated rounds, game ÷ bare: p99 ${out.median.p99}×, ack p99 ${out.median.ackP99}×, CPU ${out.median.cpu}× (target ≤ 1.5×) — saved to ${path.relative(root, OUT)}`);
    log(`pooled over the ${ROUNDS} rounds' latencies: p99 ${out.pooled.game} / ${out.pooled.bare} ms = ${out.pooled.p99}×, ack p99 ${out.pooled.gameAck} / ${out.pooled.bareAck} ms = ${out.pooled.ackP99}×`);
    log(`machine: ${os.cpus().length} cores, load average ${os.loadavg().map((x) => x.toFixed(1)).join(' / ')} (1/5/15 min) now; on a busy machine latencies swing from round to round, the CPU ratio much less.`);
  }
  return failed ? 1 : 0;
}

/** How long the whole run may take: every round's limit (a round with --warm-round plays two sets of games). */
const ROUND_LIMIT_S = TIMEOUT_S * (BASELINE ? ROUNDS * 2 : 1) * (WARM_ROUND ? 2 : 1);
const hardStop = setTimeout(() => {
  console.error(`load test timed out after ${ROUND_LIMIT_S} s`);
  // A round's load generator (--baseline) stops its server when told to stop (below); a server is killed outright.
  current?.kill(BASELINE ? 'SIGTERM' : 'SIGKILL');
  process.exit(2);
}, ROUND_LIMIT_S * 1000);
hardStop.unref();
if (ROUND !== null) {
  process.once('SIGTERM', () => {
    current?.kill('SIGKILL');
    process.exit(2);
  });
}
if (ROUND !== null && ROUND !== 'game' && ROUND !== 'bare') throw new Error(`--round must be game or bare, got ${ROUND}`);
if (ROUND !== null && FRAMES === null) throw new Error('--round needs --frames FILE');
process.exitCode = await (ROUND !== null ? oneRound(ROUND, FRAMES!) : BASELINE ? baseline() : single());
