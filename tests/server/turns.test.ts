import { describe, expect, it } from 'vitest';
import { inTurns } from '../../server/game/turns.js';

describe('background work in turns of the event loop (server/game/turns.ts)', () => {
  it('runs one step of all jobs per turn, first come first served, so other work gets every turn', async () => {
    const log: string[] = [];
    let others = 0;
    let running = true;
    const other = (): void => {
      if (!running) return;
      others += 1;
      setImmediate(other);
    };
    setImmediate(other);
    const job = (name: string, steps: number): Promise<void> => {
      let left = steps;
      return inTurns(() => {
        log.push(name);
        left -= 1;
        return left === 0;
      });
    };
    const othersAtStart = others;
    await Promise.all([job('a', 30), job('b', 20)]);
    running = false;
    expect(log).toEqual([...Array<string>(30).fill('a'), ...Array<string>(20).fill('b')]);
    // Another chain of work ran in (about) every turn the 50 steps took.
    expect(others - othersAtStart).toBeGreaterThanOrEqual(45);
  });

  it('a step that throws fails its job and the next job still runs', async () => {
    const failing = inTurns(() => {
      throw new Error('broken step');
    });
    let ran = 0;
    const next = inTurns(() => ++ran === 3);
    await expect(failing).rejects.toThrow('broken step');
    await next;
    expect(ran).toBe(3);
  });
});
