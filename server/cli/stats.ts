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

/** A change in bps as signed points with one decimal ("+1.5"): the balance reports' unit. */
export function points(bps: number): string {
  return `${bps >= 0 ? '+' : ''}${(bps / 100).toFixed(1)}`;
}
