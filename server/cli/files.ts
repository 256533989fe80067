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

/** Writes a saved game as DIR/<seed>.json; returns the path. */
export function saveGame(dir: string, file: ReplayFile): string {
  mkdirSync(dir, { recursive: true });
  const path = join(dir, `${file.header.seed.replace(/[^A-Za-z0-9_.-]/g, '_')}.json`);
  writeFileSync(path, `${JSON.stringify(file, null, 1)}\n`);
  return path;
}
