/** Summary statistics for the simulator's reports (outside the engine: floats are fine here). */

/** The median: the mean of the two middle values (rounded down) of an even count; 0 for none. */
/** The mean of a list, rounded to a whole number (0 for none). */
export function mean(xs: readonly number[]): number {
  return Math.round(xs.reduce((a, b) => a + b, 0) / Math.max(1, xs.length));
}

export function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s.length === 0 ? 0 : ((s[(s.length - 1) >> 1] as number) + (s[s.length >> 1] as number)) >> 1;
}

/** The (population) standard deviation, rounded. */
export function sd(xs: readonly number[]): number {
  const mean = xs.reduce((a, b) => a + b, 0) / Math.max(1, xs.length);
  return Math.round(Math.sqrt(xs.reduce((a, b) => a + (b - mean) * (b - mean), 0) / Math.max(1, xs.length)));
}

/** The value below which a share `p` (0–1) of the values lie (the nearest rank); 0 for none. */
export function percentile(xs: readonly number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s.length === 0 ? 0 : (s[Math.min(s.length - 1, Math.max(0, Math.ceil(p * s.length) - 1))] as number);
}

/** The least-squares slope of `ys` on `xs` (0 when `xs` do not vary). */
export function slope(ys: readonly number[], xs: readonly number[]): number {
  const n = Math.max(1, xs.length);
  const mx = xs.reduce((a, b) => a + b, 0) / n;
  const my = ys.reduce((a, b) => a + b, 0) / n;
  let cov = 0;
  let vx = 0;
  for (let i = 0; i < xs.length; i += 1) {
    cov += ((xs[i] as number) - mx) * ((ys[i] as number) - my);
    vx += ((xs[i] as number) - mx) ** 2;
  }
  return vx > 0 ? cov / vx : 0;
}

/** A share in bps as a whole percent ("97%"). */
export function percent(bps: number): string {
  return `${Math.round(bps / 100)}%`;
}

/** A change in bps as signed points with one decimal ("+1.5"): the balance reports' unit. */
export function points(bps: number): string {
  return `${bps >= 0 ? '+' : ''}${(bps / 100).toFixed(1)}`;
}
