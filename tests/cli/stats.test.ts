/**
 * The statistics the par is measured with (`npm run sim -- --par`, server/cli/par.ts): the slope that
 * takes the world out of a company's returns and the percentile its swing is read at.
 */
import { describe, expect, it } from 'vitest';
import { median, percentile, slope } from '../../server/cli/stats.js';

describe('par statistics', () => {
  it('the slope of returns on the world is the least-squares one; 0 when every game had the same world', () => {
    // Returns about 2 × world + 100: Σ(Δworld·Δreturn) = 198,000 over Σ(Δworld)² = 100,000.
    const worlds = [0, 100, 200, 300, 400];
    const returns = [100, 310, 500, 690, 900];
    expect(slope(returns, worlds)).toBeCloseTo(1.98, 10);
    expect(slope([5, 9, 1], [7, 7, 7])).toBe(0);
    expect(slope([], [])).toBe(0);
  });

  it('the percentile is the nearest rank: the 84th of 1..100 is 84, of a single value that value', () => {
    const xs = Array.from({ length: 100 }, (_, i) => 100 - i);
    expect(percentile(xs, 0.84)).toBe(84);
    expect(percentile(xs, 0)).toBe(1);
    expect(percentile(xs, 1)).toBe(100);
    expect(percentile([7], 0.84)).toBe(7);
    expect(percentile([], 0.84)).toBe(0);
    // The swing of a symmetric spread is its upper half's reach; a tail of losses does not widen it.
    const even = [-30, -20, -10, 0, 10, 20, 30];
    const tail = [-300, -200, -10, 0, 10, 20, 30];
    expect(percentile(even, 0.84) - median(even)).toBe(percentile(tail, 0.84) - median(tail));
  });
});
