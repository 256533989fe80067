/**
 * Seeded integer PRNG (GAME.md "Determinism"). Streams are derived from (seed, quarter, phase)
 * so one phase drawing more numbers never shifts another phase's draws.
 */

/** 32-bit string hash (FNV-1a), used to derive stream seeds. */
export function hash32(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i += 1) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** A deterministic random stream (mulberry32). */
export interface Rng {
  /** Next unsigned 32-bit integer. */
  nextU32(): number;
  /** Integer in [0, n). */
  int(n: number): number;
  /** Integer in [lo, hi]. */
  range(lo: number, hi: number): number;
  /** True with probability bps / 10,000. */
  chanceBps(bps: number): boolean;
}

/** Creates a stream from a 32-bit seed. */
export function rngFromU32(seed: number): Rng {
  let a = seed >>> 0;
  const nextU32 = (): number => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (t ^ (t >>> 14)) >>> 0;
  };
  const int = (n: number): number => (n <= 1 ? 0 : nextU32() % n);
  return {
    nextU32,
    int,
    range: (lo, hi) => lo + int(hi - lo + 1),
    chanceBps: (bps) => int(10_000) < bps,
  };
}

/** The stream for one phase of one quarter of a game. */
export function streamFor(seed: string, quarter: number, phase: string): Rng {
  return rngFromU32(hash32(`${seed}|${quarter}|${phase}`));
}
