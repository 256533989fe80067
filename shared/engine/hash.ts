/**
 * Canonical JSON and the state hash (ARCHITECTURE.md rule 4): keys sorted, only plain JSON.
 */

/** JSON with object keys sorted at every level; throws on values plain JSON cannot hold. */
export function canonicalJson(value: unknown): string {
  if (value === null) return 'null';
  switch (typeof value) {
    case 'number':
      if (!Number.isFinite(value)) throw new Error('canonicalJson: non-finite number');
      return Object.is(value, -0) ? '0' : String(value);
    case 'string':
      return JSON.stringify(value);
    case 'boolean':
      return value ? 'true' : 'false';
    case 'object': {
      if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
      const obj = value as Record<string, unknown>;
      const keys = Object.keys(obj).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
      const parts: string[] = [];
      for (const k of keys) {
        const v = obj[k];
        if (v === undefined) throw new Error(`canonicalJson: undefined at key ${k}`);
        parts.push(`${JSON.stringify(k)}:${canonicalJson(v)}`);
      }
      return `{${parts.join(',')}}`;
    }
    default:
      throw new Error(`canonicalJson: unsupported ${typeof value}`);
  }
}

/** 64-bit hash of a string (two independent 32-bit lanes), as 16 hex digits. */
export function hashString(text: string): string {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < text.length; i += 1) {
    const ch = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ ch, 2654435761);
    h2 = Math.imul(h2 ^ ch, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return (h1 >>> 0).toString(16).padStart(8, '0') + (h2 >>> 0).toString(16).padStart(8, '0');
}

/**
 * The streaming hasher's two 32-bit lanes live in an Int32Array: numbers there stay raw int32
 * (an object field would box values outside the small-integer range on every character).
 */
type Lanes = Int32Array;
/** Where in the lanes array the digit scratch starts (an int32 has at most 10 digits). */
const DIGITS = 2;

function feed(l: Lanes, text: string): void {
  let h1 = l[0] as number;
  let h2 = l[1] as number;
  for (let i = 0; i < text.length; i += 1) {
    const ch = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ ch, 2654435761);
    h2 = Math.imul(h2 ^ ch, 1597334677);
  }
  l[0] = h1;
  l[1] = h2;
}

function feedChar(l: Lanes, ch: number): void {
  l[0] = Math.imul((l[0] as number) ^ ch, 2654435761);
  l[1] = Math.imul((l[1] as number) ^ ch, 1597334677);
}

/**
 * Feeds `s` as a JSON string literal, preceded by `before` and followed by `after` (code units, or
 * -1 for none), in one pass. A string JSON writes with escapes (quote, backslash, control or
 * surrogate code units) is fed as JSON.stringify writes it.
 */
function feedString(l: Lanes, s: string, before: number, after: number): void {
  let h1 = l[0] as number;
  let h2 = l[1] as number;
  if (before >= 0) {
    h1 = Math.imul(h1 ^ before, 2654435761);
    h2 = Math.imul(h2 ^ before, 1597334677);
  }
  h1 = Math.imul(h1 ^ 34, 2654435761);
  h2 = Math.imul(h2 ^ 34, 1597334677);
  for (let i = 0; i < s.length; i += 1) {
    const ch = s.charCodeAt(i);
    if (ch < 32 || ch === 34 || ch === 92 || (ch >= 0xd800 && ch <= 0xdfff)) {
      // Not plain: start again from the lanes as they were (nothing was stored yet).
      if (before >= 0) feedChar(l, before);
      feed(l, JSON.stringify(s));
      if (after >= 0) feedChar(l, after);
      return;
    }
    h1 = Math.imul(h1 ^ ch, 2654435761);
    h2 = Math.imul(h2 ^ ch, 1597334677);
  }
  h1 = Math.imul(h1 ^ 34, 2654435761);
  h2 = Math.imul(h2 ^ 34, 1597334677);
  if (after >= 0) {
    h1 = Math.imul(h1 ^ after, 2654435761);
    h2 = Math.imul(h2 ^ after, 1597334677);
  }
  l[0] = h1;
  l[1] = h2;
}

/**
 * Feeds a number as String(value) writes it. Integers up to 2^31 are written digit by digit
 * without building a string (most of the state: money, megawatts, basis points).
 */
function feedNumber(l: Lanes, value: number): void {
  if (!Number.isFinite(value)) throw new Error('canonicalJson: non-finite number');
  if ((value | 0) !== value) return feed(l, String(value));
  if (value < 0) feedChar(l, 45);
  if (value > -10 && value < 10) return feedChar(l, 48 + (value < 0 ? -value : value));
  // Digits right to left by int32 division by 10 into the scratch slots, then fed left to right.
  let n = value;
  let k = DIGITS;
  while (n !== 0) {
    const q = (n / 10) | 0;
    const d = n - q * 10;
    l[k] = 48 + (d < 0 ? -d : d);
    k += 1;
    n = q;
  }
  let h1 = l[0] as number;
  let h2 = l[1] as number;
  while (k > DIGITS) {
    k -= 1;
    const ch = l[k] as number;
    h1 = Math.imul(h1 ^ ch, 2654435761);
    h2 = Math.imul(h2 ^ ch, 1597334677);
  }
  l[0] = h1;
  l[1] = h2;
}

/**
 * Sorts keys in place by code unit, moving `perm` (same positions) along with them. Insertion sort:
 * objects here have few keys, and each key order is sorted once per hash.
 */
function sortKeys(keys: string[], perm: number[]): void {
  for (let i = 1; i < keys.length; i += 1) {
    const k = keys[i] as string;
    const p = perm[i] as number;
    let j = i - 1;
    while (j >= 0 && (keys[j] as string) > k) {
      keys[j + 1] = keys[j] as string;
      perm[j + 1] = perm[j] as number;
      j -= 1;
    }
    keys[j + 1] = k;
    perm[j + 1] = p;
  }
}

/** Key orders seen in one hash: an object's keys as listed → the order to feed them in. */
interface KeyOrder {
  listed: string[];
  perm: number[];
}
type KeyOrders = Map<string, KeyOrder>;

/**
 * The order to feed an object's keys in (indexes into its listed keys). A state holds many objects
 * listed alike (events, cohorts, projects), so each order is remembered, by first listed key, for
 * the rest of one hash and checked key by key before it is used again.
 */
function keyOrder(cache: KeyOrders, keys: string[]): number[] {
  const n = keys.length;
  const first = keys[0] as string;
  const known = cache.get(first);
  if (known !== undefined && known.listed.length === n) {
    let same = true;
    for (let i = 1; i < n; i += 1) {
      if (known.listed[i] !== keys[i]) {
        same = false;
        break;
      }
    }
    if (same) return known.perm;
  }
  const sorted = keys.slice();
  const perm: number[] = new Array(n);
  for (let i = 0; i < n; i += 1) perm[i] = i;
  sortKeys(sorted, perm);
  cache.set(first, { listed: keys, perm });
  return perm;
}

function feedValue(l: Lanes, value: unknown, cache: KeyOrders): void {
  if (value === null) return feed(l, 'null');
  switch (typeof value) {
    case 'number':
      return feedNumber(l, value);
    case 'string':
      return feedString(l, value, -1, -1);
    case 'boolean':
      return feed(l, value ? 'true' : 'false');
    case 'object': {
      if (Array.isArray(value)) {
        feedChar(l, 91);
        for (let i = 0; i < value.length; i += 1) {
          if (i > 0) feedChar(l, 44);
          const v: unknown = value[i];
          if (typeof v === 'number') feedNumber(l, v);
          else feedValue(l, v, cache);
        }
        return feedChar(l, 93);
      }
      // Object.keys and Object.values list an object's properties in the same order, and the
      // values come without a keyed lookup per property.
      const keys = Object.keys(value);
      const values = Object.values(value);
      feedChar(l, 123);
      if (keys.length > 0) {
        const perm = keyOrder(cache, keys);
        for (let i = 0; i < perm.length; i += 1) {
          const at = perm[i] as number;
          const k = keys[at] as string;
          const v = values[at];
          if (v === undefined) throw new Error(`canonicalJson: undefined at key ${k}`);
          feedString(l, k, i > 0 ? 44 : -1, 58);
          // Most values are numbers: fed here without another trip through feedValue.
          if (typeof v === 'number') feedNumber(l, v);
          else feedValue(l, v, cache);
        }
      }
      return feedChar(l, 125);
    }
    default:
      throw new Error(`canonicalJson: unsupported ${typeof value}`);
  }
}

/** Hash of any plain-JSON value: equals hashString(canonicalJson(value)) without building the string. */
export function hashValue(value: unknown): string {
  const l: Lanes = new Int32Array([0xdeadbeef, 0x41c6ce57, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
  feedValue(l, value, new Map());
  let h1 = l[0] as number;
  let h2 = l[1] as number;
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return (h1 >>> 0).toString(16).padStart(8, '0') + (h2 >>> 0).toString(16).padStart(8, '0');
}
