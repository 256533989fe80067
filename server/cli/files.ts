/**
 * Reading and writing the simulator's files: saved games (the engine's replay format) and
 * `--play` scripts. Problems become UsageErrors naming the file and what is wrong.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ReplayFile } from '../../shared/index.js';
import { UsageError } from './args.js';

/** Reads and parses a JSON file. */
export function readJson(path: string): unknown {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    throw new UsageError(`cannot read ${path}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
  try {
    return JSON.parse(text) as unknown;
  } catch (e) {
    throw new UsageError(`${path} is not valid JSON: ${(e as Error).message}`);
  }
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Checks the outer shape of a saved game (the engine checks the rest when it replays). */
export function asReplayFile(path: string, v: unknown): ReplayFile {
  if (!isRecord(v) || !isRecord(v['header']) || !Array.isArray(v['quarters'])) throw new UsageError(`${path} is not a saved game: expected { "header": {…}, "quarters": […] }`);
  const h = v['header'];
  for (const k of ['scenarioId', 'scenarioHash', 'seed']) if (typeof h[k] !== 'string') throw new UsageError(`${path}: header.${k} must be a string`);
  for (const k of ['engineVersion', 'quarterCount']) if (typeof h[k] !== 'number') throw new UsageError(`${path}: header.${k} must be a number`);
  if (!Array.isArray(h['seats'])) throw new UsageError(`${path}: header.seats must be a list`);
  v['quarters'].forEach((q: unknown, i: number) => {
    if (!isRecord(q) || typeof q['quarter'] !== 'number' || !isRecord(q['orders']) || typeof q['hash'] !== 'string') {
      throw new UsageError(`${path}: quarters[${i}] must be { "quarter": n, "orders": {…}, "hash": "…" }`);
    }
  });
  return v as unknown as ReplayFile;
}

/** Writes a saved game as DIR/<seed>.json; returns the path. */
export function saveGame(dir: string, file: ReplayFile): string {
  mkdirSync(dir, { recursive: true });
  const path = join(dir, `${file.header.seed.replace(/[^A-Za-z0-9_.-]/g, '_')}.json`);
  writeFileSync(path, `${JSON.stringify(file, null, 1)}\n`);
  return path;
}
