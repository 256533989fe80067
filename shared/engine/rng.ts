/**
 * Seeded integer PRNG (GAME.md "Determinism"). Streams are derived from (seed, quarter, phase)
 * so one phase drawing more numbers never shifts another phase's draws.
 */
import { small } from './math.js';

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

/**
 * mulberry32 over a 32-bit state. A class (methods on the prototype) rather than closures: streams
 * are made for every phase of every quarter. The state is kept as int32; the arithmetic sees the
 * same 32 bits as the unsigned form.
 */
class Mulberry32 implements Rng {
  private a: number;

  constructor(seed: number) {
    this.a = seed | 0;
  }

  nextU32(): number {
    this.a = (this.a + 0x6d2b79f5) | 0;
    let t = this.a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (t ^ (t >>> 14)) >>> 0;
  }

  int(n: number): number {
    // The remainder of an unsigned 32-bit draw (`>>> 0`) came back held as a double, though it is a small integer
    // (19,994 draws of 20,000 in tests/engine/history-kinds.test.ts): `small` gives the same number as one. Every
    // figure a draw touched (the world's monetization, luck, events) turned the fields holding it into doubles, and
    // V8 compiled the engine again as it met them (docs/performance.md, eighteenth session). Performance only.
    return n <= 1 ? 0 : small(this.nextU32() % n);
  }

  range(lo: number, hi: number): number {
    return lo + this.int(hi - lo + 1);
  }

  chanceBps(bps: number): boolean {
    return this.int(10_000) < bps;
  }
}

/** Creates a stream from a 32-bit seed. */
export function rngFromU32(seed: number): Rng {
  return new Mulberry32(seed);
}

/** The stream for one phase of one quarter of a game. */
export function streamFor(seed: string, quarter: number, phase: string): Rng {
  return rngFromU32(hash32(`${seed}|${quarter}|${phase}`));
}
