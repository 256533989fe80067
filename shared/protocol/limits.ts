/**
 * The request-size policy (issue 17), one table for every door: WebSocket messages, the
 * matchmaking route and the JSON API. Bytes are checked before anything is parsed; the decoded
 * structure (depth, values, list lengths, text lengths) is checked before any schema runs; a
 * refusal lists at most a few problems plus their count. docs/protocol.md is generated from here.
 * Pure: zod-free, no Node or DOM APIs.
 */
import { MAX_REPLAY_BYTES } from '../engine/replay-file.js';
import { t, type Locale } from '../i18n/index.js';

/** Largest accepted message payload: bytes of its msgpack encoding, as sent (`error.payloadTooLarge`). */
export const MAX_MESSAGE_BYTES = 16_384;
/** Largest WebSocket frame read at all: a bigger one closes the connection (code 1009). */
export const MAX_FRAME_BYTES = 64 * 1024;
/** Per-connection rate limit: a burst, then this many messages per second (`error.rateLimited`). */
export const RATE_LIMIT = { burst: 30, perSecond: 15 } as const;
/** More frames than this within one second closes the connection (code 4002): a flood, not a client. */
export const FLOOD_FRAMES_PER_SECOND = RATE_LIMIT.burst * 4;
/** A refusal lists at most this many problems (its `count` param gives the total). */
export const MAX_LISTED_PROBLEMS = 5;
/** Text echoed back from a request (a message type, a value) is cut to this many characters. */
export const MAX_ECHO_CHARS = 64;

/** Limits on a decoded payload's structure. */
export interface StructureLimits {
  /** Objects and lists inside each other (`{ a: [1] }` is 2). */
  depth: number;
  /** Values in all: every object, list, key's value and list item counts one. */
  nodes: number;
  /** Longest list. */
  arrayItems: number;
  /** Longest text value. */
  stringChars: number;
  /** Longest field name. */
  keyChars: number;
}

/** WebSocket message payloads and join/create options (an order message is depth 4 with ~60 values). */
export const MESSAGE_LIMITS: StructureLimits = { depth: 8, nodes: 1_000, arrayItems: 256, stringChars: 2_048, keyChars: 64 };
/** JSON bodies of the HTTP API. */
export const JSON_BODY_LIMITS: StructureLimits = { depth: 8, nodes: 5_000, arrayItems: 1_000, stringChars: 4_096, keyChars: 64 };
/** A saved-game file (POST /api/replays/import): 40 quarters × 7 seats of orders, annotations. */
export const REPLAY_FILE_LIMITS: StructureLimits = { depth: 12, nodes: 400_000, arrayItems: 20_000, stringChars: 4_096, keyChars: 64 };

/** Longest request target (path + query) accepted (`http.urlTooLong`, 414). */
export const MAX_URL_CHARS = 2_048;

/** What one HTTP route may carry. */
export interface HttpBodyPolicy {
  method: 'POST';
  /** The route as documented. */
  route: string;
  /** Matches the (decoded) path. */
  pattern: RegExp;
  /** `json`: read, parsed and structure-checked before the handler; `text`: read by the handler (a saved-game file). */
  body: 'json' | 'text';
  maxBytes: number;
  limits: StructureLimits;
  /** Message key of the 413 refusal (default `http.tooLarge`). */
  tooLargeKey?: string;
}

/** Every route that takes a body. Any other request carrying a body is refused (413, at most 0 bytes). */
export const HTTP_BODY_POLICY: readonly HttpBodyPolicy[] = [
  { method: 'POST', route: '/matchmake/:method/:room', pattern: /^\/matchmake\/[^/]+\/[^/]+$/, body: 'json', maxBytes: 8_192, limits: MESSAGE_LIMITS },
  { method: 'POST', route: '/api/replays/import', pattern: /^\/api\/replays\/import$/, body: 'text', maxBytes: MAX_REPLAY_BYTES, limits: REPLAY_FILE_LIMITS, tooLargeKey: 'replay.tooLarge' },
  { method: 'POST', route: '/api/replays/mine', pattern: /^\/api\/replays\/mine$/, body: 'json', maxBytes: 65_536, limits: JSON_BODY_LIMITS },
  { method: 'POST', route: '/api/replays/class', pattern: /^\/api\/replays\/class$/, body: 'json', maxBytes: 65_536, limits: JSON_BODY_LIMITS },
  { method: 'POST', route: '/api/replays/:id/(delete|annotations|fork)', pattern: /^\/api\/replays\/[^/]+\/(delete|annotations|fork)$/, body: 'json', maxBytes: 65_536, limits: JSON_BODY_LIMITS },
];

/** The body policy of a request (null: the request may carry no body). */
export function bodyPolicyOf(method: string, path: string): HttpBodyPolicy | null {
  for (const p of HTTP_BODY_POLICY) if (p.method === method && p.pattern.test(path)) return p;
  return null;
}

/** Why a decoded value was refused: which limit, its maximum, and where (a dotted path). */
export interface StructureProblem {
  limit: keyof StructureLimits | 'type' | 'key';
  max: number;
  path: string;
  /** The offending type (`type`) or field name (`key`). */
  what?: string;
}

function isPlainObject(v: object): boolean {
  const proto = Object.getPrototypeOf(v) as unknown;
  return proto === Object.prototype || proto === null;
}

/** Bounded walk: stops at the first problem, never deeper than `limits.depth + 1` frames. */
class Walker {
  nodes = 0;
  readonly path: string[] = [];
  constructor(private readonly limits: StructureLimits) {}

  problem(limit: StructureProblem['limit'], max: number, what?: string): StructureProblem {
    const path = this.path.map((k) => (k.length > 24 ? `${k.slice(0, 24)}…` : k)).join('.');
    return what === undefined ? { limit, max, path } : { limit, max, path, what };
  }

  walk(v: unknown, depth: number): StructureProblem | null {
    this.nodes += 1;
    if (this.nodes > this.limits.nodes) return this.problem('nodes', this.limits.nodes);
    if (v === null || v === undefined || typeof v === 'boolean' || typeof v === 'number') return null;
    if (typeof v === 'string') return v.length > this.limits.stringChars ? this.problem('stringChars', this.limits.stringChars) : null;
    if (typeof v !== 'object') return this.problem('type', 0, typeof v);
    if (depth >= this.limits.depth) return this.problem('depth', this.limits.depth);
    if (Array.isArray(v)) {
      if (!isPlainArray(v)) return this.problem('type', 0, 'typed list');
      if (v.length > this.limits.arrayItems) return this.problem('arrayItems', this.limits.arrayItems);
      for (let i = 0; i < v.length; i += 1) {
        this.path.push(String(i));
        const p = this.walk(v[i], depth + 1);
        if (p) return p;
        this.path.pop();
      }
      return null;
    }
    if (!isPlainObject(v)) return this.problem('type', 0, (v as { constructor?: { name?: string } }).constructor?.name ?? 'object');
    for (const k of Object.keys(v)) {
      if (k.length > this.limits.keyChars) return this.problem('keyChars', this.limits.keyChars);
      if (k === '__proto__') return this.problem('key', 0, k);
      this.path.push(k);
      const p = this.walk((v as Record<string, unknown>)[k], depth + 1);
      if (p) return p;
      this.path.pop();
    }
    return null;
  }
}

function isPlainArray(v: unknown[]): boolean {
  return Object.getPrototypeOf(v) === Array.prototype;
}

/**
 * Checks a decoded value (JSON or msgpack) against structure limits: only null, booleans, numbers,
 * text, plain lists and plain objects; no `__proto__` keys. The first problem, or null.
 */
export function checkStructure(value: unknown, limits: StructureLimits): StructureProblem | null {
  return new Walker(limits).walk(value, 0);
}

/** A structure problem in words, in a locale ("nested deeper than 8 levels at orders.a.b"). */
export function describeStructureProblem(locale: Locale, p: StructureProblem): string {
  const what = t(locale, `limit.${p.limit}`, { max: p.max, what: clip(p.what ?? '') });
  return p.path ? t(locale, 'limit.at', { what, path: p.path }) : what;
}

/** Text cut to `max` characters (echoed values never grow a reply). */
export function clip(text: string, max = MAX_ECHO_CHARS): string {
  return text.length > max ? `${text.slice(0, max)}…` : text;
}

/** The first few items of a list and how many more there are. */
export function firstFew<T>(items: readonly T[], max = MAX_LISTED_PROBLEMS): { listed: T[]; more: number } {
  return { listed: items.slice(0, max), more: Math.max(0, items.length - max) };
}

/** A list of problem texts joined, at most `max` of them, then "(and N more)". */
export function joinFew(locale: Locale, texts: readonly string[], max = 3): string {
  const { listed, more } = firstFew(texts.map((x) => clip(x, 160)), max);
  const head = listed.join('; ');
  return more > 0 ? `${head} ${t(locale, 'limit.andMore', { count: more })}` : head;
}
