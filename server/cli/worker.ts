/**
 * A simulation worker thread: runs its share of a batch and posts each finished game.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { runRange, type BatchSpec } from './batch.js';

const { spec, from, to } = workerData as { spec: BatchSpec; from: number; to: number };
runRange(spec, from, to, (item) => parentPort?.postMessage(item));
