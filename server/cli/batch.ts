/**
 * Runs a batch of seeded games, on one thread or split across worker_threads. Every game is a pure
 * function of (base seed, index, assignment), and results are put back in game order, so a
 * multi-thread run gives exactly the single-thread results.
 */
import { Worker } from 'node:worker_threads';
import type { ReplayFile } from '../../shared/index.js';
import { gameSeed, runGame, seatsFor, tableLevel, type Assignment, type GameResult } from './run.js';

/** What a batch runs. */
export interface BatchSpec {
  scenarioId: string;
  quarterCount: number;
  baseSeed: string;
  games: number;
  assignment: Assignment;
  keepReplays: boolean;
}

/** One finished game (with its saved-game file when asked). */
export interface BatchItem {
  index: number;
  result: GameResult;
  replay: ReplayFile | null;
}

/** Runs games [from, to) of a batch on this thread. */
export function runRange(spec: BatchSpec, from: number, to: number, onGame?: (item: BatchItem) => void): BatchItem[] {
  const out: BatchItem[] = [];
  for (let i = from; i < to; i += 1) {
    const seats = seatsFor(spec.assignment, spec.baseSeed, i);
    const { result, replay } = runGame({ scenarioId: spec.scenarioId, seed: gameSeed(spec.baseSeed, i), quarterCount: spec.quarterCount, seats, parLevel: tableLevel([spec.assignment.difficulty]) }, spec.keepReplays);
    const item = { index: i, result, replay };
    out.push(item);
    onGame?.(item);
  }
  return out;
}

/** Runs the batch on `threads` threads (1: this thread); `onGame` sees each finished game. */
export async function runBatch(spec: BatchSpec, threads: number, onGame?: (item: BatchItem) => void): Promise<BatchItem[]> {
  const n = Math.max(1, Math.min(threads, spec.games));
  if (n === 1) return runRange(spec, 0, spec.games, onGame);
  const chunks: Promise<BatchItem[]>[] = [];
  for (let t = 0; t < n; t += 1) {
    const from = Math.floor((spec.games * t) / n);
    const to = Math.floor((spec.games * (t + 1)) / n);
    chunks.push(
      new Promise<BatchItem[]>((resolve, reject) => {
        const worker = new Worker(new URL('./worker-boot.mjs', import.meta.url), { workerData: { spec, from, to } });
        const items: BatchItem[] = [];
        worker.on('message', (item: BatchItem) => {
          items.push(item);
          onGame?.(item);
        });
        worker.on('error', reject);
        worker.on('exit', (code) => (code === 0 ? resolve(items) : reject(new Error(`simulation worker exited with code ${code}`))));
      }),
    );
  }
  const all = (await Promise.all(chunks)).flat();
  return all.sort((a, b) => a.index - b.index);
}
