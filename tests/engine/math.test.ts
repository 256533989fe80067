import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { allocateProRata, shareRequest, compareIds, divRound, hashString, hashValue, isqrt, mulDiv, ratioBps, saturate, sortedKeys, streamFor, sum, canonicalJson } from '../../shared/index.js';
import { appendKeepLast, small } from '../../shared/engine/math.js';

describe('integer helpers', () => {
  it('rounds half away from zero and never yields -0', () => {
    expect(divRound(5, 2)).toBe(3);
    expect(divRound(-5, 2)).toBe(-3);
    expect(Object.is(divRound(-1, 3), 0)).toBe(true);
    expect(mulDiv(10, 1, 0)).toBe(0);
    // The sign comes from both operands: a negative divisor flips it, two negatives cancel.
    expect(divRound(5, -2)).toBe(-3);
    expect(divRound(-5, -2)).toBe(3);
    expect(divRound(-4, 2)).toBe(-2);
    expect(divRound(4, -3)).toBe(-1);
    expect(ratioBps(1, 0)).toBe(0);
    expect(ratioBps(-1, 3)).toBe(-3_333);
    expect(() => divRound(1, 0)).toThrow('divRound: division by zero');
  });

  it('keeps every number a list is given as it is: small integers as small integers, any other number unchanged', () => {
    // small() only changes how V8 holds an int32 value; anything outside int32 must come back the same number.
    fc.assert(fc.property(fc.oneof(fc.integer(), fc.maxSafeInteger(), fc.double({ noNaN: true })), (x) => {
      expect(small(x) === x).toBe(true);
    }));
    for (const x of [2 ** 31, -(2 ** 31) - 1, 2 ** 32 + 5, 1e15, 0.5, -2.25]) expect(small(x)).toBe(x);
    expect(Object.is(small(-0), 0)).toBe(true);
    expect(appendKeepLast([1, 2 ** 31, 3, 4], 5, 4)).toEqual([2 ** 31, 3, 4, 5]);
    expect(appendKeepLast([], 2 ** 40, 4)).toEqual([2 ** 40]);
  });

  it('integer square root corrects Math.sqrt where it rounds up (near 2^53)', () => {
    // Math.sqrt(94,906,265² − 1) rounds to 94,906,265: the floor is one less.
    const k = 94_906_265;
    expect(Math.floor(Math.sqrt(k * k - 1))).toBe(k);
    expect(isqrt(k * k - 1)).toBe(k - 1);
    expect(isqrt(k * k)).toBe(k);
    expect(isqrt(0)).toBe(0);
    expect(isqrt(-5)).toBe(0);
  });

  it('ids compare by code unit; sums and sorted keys', () => {
    expect(compareIds('a', 'a')).toBe(0);
    expect(compareIds('a', 'b')).toBe(-1);
    expect(compareIds('b', 'a')).toBe(1);
    expect(compareIds('Z', 'a')).toBe(-1);
    expect(sum([3, -1, 10])).toBe(12);
    expect(sum([])).toBe(0);
    expect(sortedKeys({ b: 1, a: 2, B: 3, '10': 4, '9': 5 })).toEqual(['10', '9', 'B', 'a', 'b']);
  });

  it('integer square root is exact', () => {
    fc.assert(fc.property(fc.integer({ min: 0, max: 2 ** 40 }), (n) => {
      const r = isqrt(n);
      expect(r * r).toBeLessThanOrEqual(n);
      expect((r + 1) * (r + 1)).toBeGreaterThan(n);
    }));
  });

  it('saturate is monotone and bounded', () => {
    fc.assert(fc.property(fc.integer({ min: 0, max: 1e7 }), fc.integer({ min: 0, max: 1e7 }), (a, b) => {
      const [lo, hi] = a < b ? [a, b] : [b, a];
      expect(saturate(lo, 1_000, 9_000)).toBeLessThanOrEqual(saturate(hi, 1_000, 9_000));
      expect(saturate(hi, 1_000, 9_000)).toBeLessThanOrEqual(9_000);
    }));
  });

  it('pro-rata allocation never exceeds capacity or requests and ignores input order', () => {
    fc.assert(fc.property(fc.array(fc.integer({ min: 0, max: 10_000 }), { maxLength: 8 }), fc.integer({ min: 0, max: 40_000 }), (amounts, cap) => {
      const reqs = amounts.map((amount, i) => ({ id: `r${i}`, amount }));
      const a = allocateProRata(reqs, cap);
      const reversed = [...reqs].reverse();
      const b = allocateProRata(reversed, cap);
      expect(a).toHaveLength(reqs.length);
      // Each request gets the same share whatever the order it is listed in.
      expect([...b].reverse()).toEqual(a);
      const total = a.reduce((x, y) => x + y, 0);
      expect(total).toBeLessThanOrEqual(Math.max(cap, 0));
      reqs.forEach((r, i) => expect(a[i]).toBeLessThanOrEqual(r.amount));
      const want = amounts.reduce((x, y) => x + y, 0);
      expect(total).toBe(Math.min(want, cap));
    }));
    // Largest remainder, ties by id: 2 units over three equal asks go to the two lowest ids.
    expect(allocateProRata([{ id: 'b', amount: 5 }, { id: 'a', amount: 5 }, { id: 'c', amount: 5 }], 2)).toEqual([1, 1, 0]);
    expect(allocateProRata([{ id: 'x', amount: 10 }, { id: 'y', amount: 30 }], 20)).toEqual([5, 15]);
    // Largest remainder first: 5 units over asks of 1, 2 and 4 are 5/7, 10/7 and 20/7 — floors 0, 1, 2,
    // remainders 5, 3 and 6 sevenths, so the two left go to c (6) and a (5), not b (3).
    expect(allocateProRata([{ id: 'a', amount: 1 }, { id: 'b', amount: 2 }, { id: 'c', amount: 4 }], 5)).toEqual([1, 1, 3]);
    expect(allocateProRata([{ id: 'c', amount: 4 }, { id: 'b', amount: 2 }, { id: 'a', amount: 1 }], 5)).toEqual([3, 1, 1]);
    // The engine makes its requests with shareRequest (one shape): the same shares.
    expect(allocateProRata([shareRequest('c', 4), shareRequest('b', 2), shareRequest('a', 1)], 5)).toEqual([3, 1, 1]);
    // Nothing to share: nobody gets anything (a negative capacity counts as none).
    expect(allocateProRata([{ id: 'a', amount: 3 }, { id: 'b', amount: 1 }], -2)).toEqual([0, 0]);
  });
});

describe('seeded randomness and hashing (golden values)', () => {
  it('streams are fixed by (seed, quarter, phase)', () => {
    const a = streamFor('golden', 3, 'events');
    const draws = [a.nextU32(), a.nextU32(), a.int(100)];
    expect(draws).toEqual([GOLDEN[0], GOLDEN[1], GOLDEN[2]]);
    const b = streamFor('golden', 3, 'events');
    expect([b.nextU32(), b.nextU32(), b.int(100)]).toEqual(draws);
    expect(streamFor('golden', 4, 'events').nextU32()).not.toBe(draws[0]);
  });

  it('the streaming state hash equals hashing the canonical JSON text, for any JSON value', () => {
    fc.assert(fc.property(fc.jsonValue(), (v) => {
      expect(hashValue(v)).toBe(hashString(canonicalJson(v)));
    }), { numRuns: 1_000 });
    expect(hashValue({ b: 'x"y', a: ['é', -0, 1.5] })).toBe(hashString(canonicalJson({ a: ['é', 0, 1.5], b: 'x"y' })));
    // Integers are fed digit by digit: the edges of that path, and the numbers around it.
    const edges = [0, -0, 7, -7, 9, 10, 99, 100, 1_000_000, 2_147_483_647, -2_147_483_648, 2_147_483_648, -2_147_483_649, 1e21, 0.1, -2.5, Number.MAX_SAFE_INTEGER];
    for (const n of edges) expect(hashValue([n])).toBe(hashString(canonicalJson([n])));
    fc.assert(fc.property(fc.integer(), (n) => hashValue(n) === hashString(String(n))), { numRuns: 2_000 });
    for (const s of ['\ud800', 'a\u001fb', 'back\\slash', 'é€', '\udfff', 'x\udfffy', '\ud7ff\ue000', ' ', '"']) expect(hashValue(s)).toBe(hashString(JSON.stringify(s)));
  });

  it('objects that share keys, key orders or first keys hash as their canonical JSON (the key-order memo)', () => {
    // One hash remembers each key order it has seen by the first listed key: objects listed alike,
    // listed in another order, or sharing only a first key must each be fed in their own sorted order.
    const tricky = [
      { b: 1, a: 2 }, { a: 2, b: 1 }, { b: 1, c: 2 }, { b: 1, a: 2, c: 3 }, { b: 1 }, {},
      { '': 1, a: 2 }, { a: 1, '': 2 }, { ab: 1, aa: 2, a: 3 }, { aa: 1, ab: 2 },
      { '10': 1, '9': 2, '1': 3, x: 4 }, { x: 1, '9': 2 }, { 'q"uote': 1, 'a\\b': 2 }, { 'q"uote': 1, é: 2 },
      { '\ud800': 1, '\udc00': 2 }, { b: { b: 1, a: 2 }, a: [{ b: 3, a: 4 }, { b: 5, c: 6 }] },
    ];
    expect(hashValue(tricky)).toBe(hashString(canonicalJson(tricky)));
    for (const o of tricky) expect(hashValue(o)).toBe(hashString(canonicalJson(o)));
    fc.assert(fc.property(fc.array(fc.dictionary(fc.constantFrom('', 'a', 'b', 'aa', 'ab', 'b"', '1', '10'), fc.integer()), { maxLength: 6 }), (objs) => {
      expect(hashValue(objs)).toBe(hashString(canonicalJson(objs)));
    }), { numRuns: 500 });
  });

  it('canonical JSON sorts keys and the hash is stable', () => {
    expect(canonicalJson({ b: 1, a: [2, { d: 3, c: 4 }] })).toBe('{"a":[2,{"c":4,"d":3}],"b":1}');
    expect(hashString('capex race')).toBe(GOLDEN_HASH);
    expect(() => canonicalJson({ x: undefined })).toThrow('canonicalJson: undefined at key x');
    expect(() => canonicalJson({ x: Number.NaN })).toThrow('canonicalJson: non-finite number');
    expect(() => canonicalJson([() => 1])).toThrow('canonicalJson: unsupported function');
    // The streaming hash refuses the same values with the same messages.
    expect(() => hashValue({ x: undefined })).toThrow('canonicalJson: undefined at key x');
    expect(() => hashValue({ x: Number.POSITIVE_INFINITY })).toThrow('canonicalJson: non-finite number');
    expect(() => hashValue([Number.NaN])).toThrow('canonicalJson: non-finite number');
    expect(() => hashValue(Number.NaN)).toThrow('canonicalJson: non-finite number');
    expect(() => hashValue({ f: () => 1 })).toThrow('canonicalJson: unsupported function');
  });
});

// Recorded once; a change here means every saved game changes too.
const GOLDEN = [2375002880, 894784035, 99];
const GOLDEN_HASH = '9890bead8c55e04f';
