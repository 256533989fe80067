/**
 * Integer helpers for the engine (GAME.md "Determinism"): money in $M, power in MW,
 * ratios in basis points. Every result is a safe integer; no transcendental Math.
 */

/** Basis points in one whole (100%). */
export const BPS = 10_000;

/** Integer division rounded half away from zero; throws on a zero divisor (a broken invariant). */
export function divRound(numerator: number, denominator: number): number {
  if (denominator === 0) throw new Error('divRound: division by zero');
  const negative = numerator < 0 !== denominator < 0;
  const n = Math.abs(numerator);
  const d = Math.abs(denominator);
  const q = Math.floor((2 * n + d) / (2 * d));
  return negative && q !== 0 ? -q : q;
}

/** `value * num / den`, rounded; `den` 0 gives 0 (an empty pool shares nothing). */
export function mulDiv(value: number, num: number, den: number): number {
  if (den === 0) return 0;
  return divRound(value * num, den);
}

/** `value * bps / 10,000`, rounded. */
export function applyBps(value: number, bps: number): number {
  return divRound(value * bps, BPS);
}

/** `part / whole` in basis points (0 when whole is 0). */
export function ratioBps(part: number, whole: number): number {
  if (whole === 0) return 0;
  return divRound(part * BPS, whole);
}

/** Clamp an integer to [lo, hi]. */
export function clamp(value: number, lo: number, hi: number): number {
  return value < lo ? lo : value > hi ? hi : value;
}

/** Integer square root (floor), for diminishing-returns curves without Math.sqrt drift. */
export function isqrt(value: number): number {
  if (value <= 0) return 0;
  let x = Math.floor(Math.sqrt(value));
  while (x * x > value) x -= 1;
  while ((x + 1) * (x + 1) <= value) x += 1;
  return x;
}

/**
 * Saturating curve `max * x / (x + half)`: diminishing returns (GAME.md F8, the scaling plateau).
 * Monotone, 0 at 0, half of `max` at `half`, never above `max`.
 */
export function saturate(x: number, half: number, max: number): number {
  if (x <= 0) return 0;
  return mulDiv(max, x, x + half);
}

/** Sum of the last `n` values of a list (all of them if it is shorter). */
export function sumLast(values: readonly number[], n: number): number {
  let total = 0;
  for (let i = Math.max(0, values.length - n); i < values.length; i += 1) total += values[i] as number;
  return total;
}

/** A new list: `values` with `value` appended, keeping the last `n`. */
export function appendKeepLast(values: readonly number[], value: number, n: number): number[] {
  const out: number[] = [];
  for (let i = Math.max(0, values.length + 1 - n); i < values.length; i += 1) out.push(small(values[i] as number));
  out.push(small(value));
  return out;
}

/**
 * The same number, held as V8 holds a small integer when it is an int32 one (any other number comes back as it
 * is). The companies' histories (capex, guidance, revenue, …) are built from it: an integral value the optimized
 * code held as a double (read from a field that once held a double) turned the list it was pushed on from small
 * integers into doubles, and as the engine's code was optimized the lists came in three element kinds; every
 * function reading them (`sumLast`, the market's credibility, publish, the resolution's copy) was compiled again
 * for each new one, in a server after its warm-up (docs/performance.md, seventeenth session). Performance only:
 * no figure changes.
 */
export function small(value: number): number {
  const v = value | 0;
  return v === value ? v : value;
}

/** Sum of a list of integers. */
export function sum(values: readonly number[]): number {
  let total = 0;
  for (const v of values) total += v;
  return total;
}

/** A share request: `id` breaks ties so the outcome never depends on input order. */
export interface ShareRequest {
  readonly id: string;
  readonly amount: number;
}

/**
 * A share request for allocateProRata. Every request is made here, in one shape: made by object literals in
 * several places, requests came to allocateProRata and buyChips in several shapes as V8 learned their amounts
 * (small integers at one place, doubles at another), and it compiled them again in play. Performance only.
 */
export function shareRequest(id: string, amount: number): ShareRequest {
  return { id, amount };
}

/**
 * Shares out `capacity` among requests in proportion to their amounts (largest remainder,
 * ties by id). Nobody gets more than asked; when capacity covers everything, all are filled.
 * Returns each request's share, in the order of `requests` (ids must be distinct).
 */
export function allocateProRata(requests: readonly ShareRequest[], capacity: number): number[] {
  const n = requests.length;
  const out: number[] = new Array(n);
  let total = 0;
  for (let i = 0; i < n; i += 1) total += (requests[i] as ShareRequest).amount;
  if (total <= capacity) {
    for (let i = 0; i < n; i += 1) out[i] = (requests[i] as ShareRequest).amount;
    return out;
  }
  const cap = Math.max(0, capacity);
  let given = 0;
  const rem: number[] = new Array(n);
  const order: number[] = new Array(n);
  for (let i = 0; i < n; i += 1) {
    const r = requests[i] as ShareRequest;
    const exact = r.amount * cap;
    const base = Math.floor(exact / total);
    out[i] = base;
    given += base;
    rem[i] = exact - base * total;
    // Largest remainder first, ties by id (insertion sort: a handful of requests).
    let j = i - 1;
    while (j >= 0) {
      const o = order[j] as number;
      const before = (rem[o] as number) > (rem[i] as number) || (rem[o] === rem[i] && (requests[o] as ShareRequest).id < r.id);
      if (before) break;
      order[j + 1] = o;
      j -= 1;
    }
    order[j + 1] = i;
  }
  let left = cap - given;
  for (let k = 0; k < n && left > 0; k += 1) {
    const i = order[k] as number;
    if ((out[i] as number) < (requests[i] as ShareRequest).amount) {
      out[i] = (out[i] as number) + 1;
      left -= 1;
    }
  }
  return out;
}

/** Compare strings by code unit (never locale-dependent). */
export function compareIds(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Object keys in sorted order (the engine iterates seats and ids only this way). */
export function sortedKeys<T extends object>(record: T): (keyof T & string)[] {
  return (Object.keys(record) as (keyof T & string)[]).sort(compareIds);
}
