/** Summary statistics for the simulator's reports (outside the engine: floats are fine here). */

/** The median: the mean of the two middle values (rounded down) of an even count; 0 for none. */
export function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s.length === 0 ? 0 : ((s[(s.length - 1) >> 1] as number) + (s[s.length >> 1] as number)) >> 1;
}

/** The (population) standard deviation, rounded. */
export function sd(xs: readonly number[]): number {
  const mean = xs.reduce((a, b) => a + b, 0) / Math.max(1, xs.length);
  return Math.round(Math.sqrt(xs.reduce((a, b) => a + (b - mean) * (b - mean), 0) / Math.max(1, xs.length)));
}
