/**
 * The companies' histories stay packed lists of small integers while V8 optimizes the engine (shared/engine/math.ts
 * `small`): before, they came in three element kinds after 20–70 games, and every function reading them was compiled
 * again for each (docs/performance.md, seventeenth session). The state's figures and the random streams' draws are
 * held as small integers too: a random draw's remainder and a chip order's cost came as doubles and turned the fields
 * they reached into doubles, for V8 to compile the engine again (eighteenth session). Checked with V8's own test
 * functions in a child process.
 */
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

describe('company histories', () => {
  it('stay packed lists of small integers through 80 short games and their board’s years, and the state’s figures small integers', () => {
    const script = path.join(import.meta.dirname, '../helpers/history-kinds.ts');
    const r = spawnSync(process.execPath, ['--allow-natives-syntax', '--import', 'tsx', script, '80'], { encoding: 'utf8', timeout: 120_000 });
    expect(r.status, r.stderr).toBe(0);
    const { checked, bad, figures, doubles } = JSON.parse(r.stdout.trim().split('\n').at(-1)!) as { checked: number; bad: string[]; figures: number; doubles: Record<string, string> };
    expect(checked).toBeGreaterThan(80 * 20 * 7 * 6);
    expect(bad).toEqual([]);
    // …and so do the state's figures: a small integer held as a double (a random draw's remainder, a chip order's
    // cost worked out in doubles) turned every field it reached into doubles, and V8 compiled the engine again.
    expect(figures).toBeGreaterThan(80 * 20 * 2_000);
    expect(doubles).toEqual({});
  });
});

describe('random draws', () => {
  it('are held as small integers (the remainder of an unsigned draw came back as a double, and turned the figures it touched into doubles)', () => {
    const script = path.join(import.meta.dirname, '../helpers/rng-smi.ts');
    const r = spawnSync(process.execPath, ['--allow-natives-syntax', '--import', 'tsx', script], { encoding: 'utf8', timeout: 60_000 });
    expect(r.status, r.stderr).toBe(0);
    const { drawn, notSmall } = JSON.parse(r.stdout.trim().split('\n').at(-1)!) as { drawn: number; notSmall: number };
    expect(drawn).toBe(20_000);
    expect(notSmall).toBe(0);
  });
});
