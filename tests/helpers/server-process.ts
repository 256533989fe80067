/**
 * Real server processes for tests: spawned like `npm start` (server/main.ts), configured by
 * environment, logs captured; every one is killed by `killAll`.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import net from 'node:net';
import path from 'node:path';
import { SERVER_NODE_ARGS } from '../../scripts/server-node-args.mjs';
import type { MemoryProbeReply } from '../../server/memory-probe.js';
import { until } from '../server/helpers.js';

const root = path.resolve(import.meta.dirname, '../..');
const children: ChildProcess[] = [];

/** A free TCP port on loopback. */
export async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = net.createServer().listen(0, '127.0.0.1', () => {
      const port = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(port));
    });
  });
}

/** A spawned server. */
export interface Proc {
  child: ChildProcess;
  port: number;
  url: string;
  log(): string;
  /** SIGKILL and wait until it is gone. */
  kill(): Promise<void>;
  /** Sends a signal (SIGTERM: graceful shutdown) and waits for the exit: its code and signal. */
  stop(signal?: NodeJS.Signals): Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /**
   * The server's memory after a full collection (server/memory-probe.ts): only for a server spawned
   * with `{ memoryProbe: true }` (an IPC channel and --expose-gc); throws otherwise.
   */
  memory(): Promise<MemoryProbeReply>;
}

/** How a test server is spawned beyond its environment. */
export interface SpawnOptions {
  /** Open an IPC channel and expose the collector, so that `memory()` reads live memory. */
  memoryProbe?: boolean;
}

/** Spawns server/main.ts as npm start does (its Node options; no boot warm-up unless WARM_UP_GAMES is given) and waits for "listening on". */
export async function spawnServer(port: number, env: Record<string, string>, opts: SpawnOptions = {}): Promise<Proc> {
  const nodeArgs = opts.memoryProbe ? [...SERVER_NODE_ARGS, '--expose-gc'] : SERVER_NODE_ARGS;
  return spawnListening(process.execPath, [...nodeArgs, '--import', 'tsx', path.join(root, 'server/main.ts')], port, { WARM_UP_GAMES: '0', ...env }, opts);
}

/** Spawns any command that starts a server on `port` (PORT set) and waits for "listening on". */
export async function spawnListening(command: string, args: string[], port: number, env: Record<string, string>, opts: SpawnOptions = {}): Promise<Proc> {
  const child = spawn(command, args, {
    cwd: root, env: { ...process.env, ...env, PORT: String(port) }, stdio: opts.memoryProbe ? ['ignore', 'pipe', 'pipe', 'ipc'] : ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  let out = '';
  child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (out += d.toString()));
  await until(() => out.includes('listening on') || child.exitCode !== null, 30_000, `server start (${out})`);
  if (child.exitCode !== null) throw new Error(`server exited (${child.exitCode}): ${out}`);
  return {
    child, port, url: `http://127.0.0.1:${port}`, log: () => out,
    kill: async () => {
      child.kill('SIGKILL');
      await until(() => child.exitCode !== null || child.signalCode !== null, 10_000, 'process gone');
    },
    stop: async (signal = 'SIGTERM') => {
      child.kill(signal);
      await until(() => child.exitCode !== null || child.signalCode !== null, 20_000, `exit after ${signal} (${out})`);
      return { code: child.exitCode, signal: child.signalCode };
    },
    memory: async () => {
      if (!opts.memoryProbe || !child.connected) throw new Error('memory(): spawn the server with { memoryProbe: true }');
      return new Promise<MemoryProbeReply>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error('memory(): no answer from the server within 10 s')), 10_000);
        const onMessage = (m: unknown): void => {
          if (!m || typeof m !== 'object' || (m as { probe?: unknown }).probe !== 'memory') return;
          clearTimeout(timer);
          child.off('message', onMessage);
          resolve(m as MemoryProbeReply);
        };
        child.on('message', onMessage);
        child.send({ probe: 'memory' });
      });
    },
  };
}

/** Spawns server/main.ts expecting it to refuse to start: its exit code and output (throws if it starts listening). */
export async function spawnRefused(port: number, env: Record<string, string>): Promise<{ code: number | null; out: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(root, 'server/main.ts')], {
    cwd: root, env: { ...process.env, ...env, PORT: String(port) }, stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  let out = '';
  child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (out += d.toString()));
  await until(() => out.includes('listening on') || child.exitCode !== null, 30_000, `server exit (${out})`);
  if (child.exitCode === null) {
    child.kill('SIGKILL');
    throw new Error(`the server started instead of refusing:\n${out}`);
  }
  return { code: child.exitCode, out };
}

/** Kills every spawned server (afterAll). */
export function killAll(): void {
  for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
}

/** A game's public summary over HTTP. */
export async function summaryOf(url: string, id: string): Promise<{ hash: string | null; quarter: number; status: string }> {
  return (await fetch(`${url}/api/games/${id}`)).json() as Promise<{ hash: string | null; quarter: number; status: string }>;
}
