/**
 * The companies' histories stay packed lists of small integers while V8 optimizes the engine (shared/engine/math.ts
 * `small`): before, they came in three element kinds after 20–70 games, and every function reading them was compiled
 * again for each (docs/performance.md, seventeenth session). Checked with V8's own test functions in a child process.
 */
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

describe('company histories', () => {
  it('stay packed lists of small integers through 80 short games and their board’s years', () => {
    const script = path.join(import.meta.dirname, '../helpers/history-kinds.ts');
    const r = spawnSync(process.execPath, ['--allow-natives-syntax', '--import', 'tsx', script, '80'], { encoding: 'utf8', timeout: 120_000 });
    expect(r.status, r.stderr).toBe(0);
    const { checked, bad } = JSON.parse(r.stdout.trim().split('\n').at(-1)!) as { checked: number; bad: string[] };
    expect(checked).toBeGreaterThan(80 * 20 * 7 * 6);
    expect(bad).toEqual([]);
  });
});
