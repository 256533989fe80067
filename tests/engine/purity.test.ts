/** shared/ stays pure and deterministic (GAME.md "Determinism"): a scan for banned APIs. */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '../../shared');

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    return statSync(p).isDirectory() ? files(p) : p.endsWith('.ts') ? [p] : [];
  });
}

const BANNED: [RegExp, string][] = [
  [/Math\.random\s*\(/, 'Math.random'],
  [/\bDate\b\s*[.(]|new Date\b/, 'Date'],
  [/\b(setTimeout|setInterval|setImmediate|queueMicrotask)\s*\(/, 'timers'],
  [/performance\.now/, 'performance.now'],
  [/Math\.(exp|expm1|log|log2|log10|log1p|pow|sin|cos|tan|asin|acos|atan|atan2|sinh|cosh|tanh|asinh|acosh|atanh|cbrt|hypot)\s*\(/, 'transcendental Math'],
  [/from\s+['"](node:[^'"]+|fs|path|os|crypto|http|https|net|child_process|worker_threads)['"]/, 'Node import'],
  [/from\s+['"](phaser|@colyseus\/[^'"]+|express|ws|better-sqlite3|kysely|pg|ioredis)['"]/, 'framework/IO import'],
  [/\b(window|document|navigator|localStorage|process|require)\s*[.([]/, 'DOM/Node global'],
  [/\bIntl\./, 'Intl (locale-dependent)'],
  [/\.localeCompare\(/, 'localeCompare'],
  [/^(export\s+)?let\s/m, 'module-level mutable binding'],
];

describe('shared/ purity scan', () => {
  const all = files(ROOT);

  it('finds the engine files', () => {
    expect(all.length).toBeGreaterThan(15);
  });

  it.each(all.map((f) => [f.slice(ROOT.length + 1), f]))('%s uses no banned API', (_name, file) => {
    const text = readFileSync(file, 'utf8').replace(/\/\*[\s\S]*?\*\/|\/\/.*$/gm, '');
    const hits = BANNED.filter(([re]) => re.test(text)).map(([, what]) => what);
    expect(hits).toEqual([]);
  });

  it('the scan itself catches a banned call', () => {
    const sample = 'const x = Math.random(); const d = Date.now(); Math.pow(2, 3);';
    expect(BANNED.filter(([re]) => re.test(sample)).length).toBeGreaterThanOrEqual(3);
  });
});
