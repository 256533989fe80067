/**
 * A pool of simulation worker threads that stays up across many small batches (the policy search
 * evaluates hundreds of populations; starting a worker costs about a second). Every game is a pure
 * function of its spec, and results come back in job order, so a run gives the same results on any
 * number of threads.
 */
import { Worker } from 'node:worker_threads';
import { runGame, type GameResult, type GameSpec } from './run.js';

/** Runs game specs, on this thread (threads 1) or on worker threads. */
export interface GamePool {
  run(jobs: readonly GameSpec[], onDone?: (done: number) => void): Promise<GameResult[]>;
  close(): Promise<void>;
}

/** A pool of `threads` workers (1: no worker, games run on this thread). */
export function gamePool(threads: number): GamePool {
  if (threads <= 1) {
    return {
      run(jobs, onDone) {
        const out: GameResult[] = [];
        for (const spec of jobs) {
          out.push(runGame(spec).result);
          onDone?.(out.length);
        }
        return Promise.resolve(out);
      },
      close: () => Promise.resolve(),
    };
  }
  const workers: Worker[] = [];
  for (let i = 0; i < threads; i += 1) workers.push(new Worker(new URL('./pool-boot.mjs', import.meta.url)));
  return {
    async run(jobs, onDone) {
      const out: GameResult[] = new Array(jobs.length);
      let next = 0;
      let done = 0;
      await Promise.all(
        workers.map(
          (w) =>
            new Promise<void>((resolve, reject) => {
              const feed = (): void => {
                if (next >= jobs.length) {
                  w.off('message', onMessage);
                  w.off('error', reject);
                  resolve();
                  return;
                }
                const id = next;
                next += 1;
                w.postMessage({ id, spec: jobs[id] });
              };
              const onMessage = (m: { id: number; result: GameResult }): void => {
                out[m.id] = m.result;
                done += 1;
                onDone?.(done);
                feed();
              };
              w.on('message', onMessage);
              w.on('error', reject);
              feed();
            }),
        ),
      );
      return out;
    },
    async close() {
      await Promise.all(workers.map((w) => w.terminate()));
    },
  };
}
