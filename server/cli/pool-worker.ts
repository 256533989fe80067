/** A pool worker thread: plays each game spec it is sent and posts the result back. */
import { parentPort } from 'node:worker_threads';
import { runGame, type GameSpec } from './run.js';

parentPort?.on('message', (m: { id: number; spec: GameSpec }) => {
  parentPort?.postMessage({ id: m.id, result: runGame(m.spec).result });
});
