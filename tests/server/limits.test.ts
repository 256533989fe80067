/**
 * The pieces of the request-size policy on their own: the structure walk (each limit, foreign
 * types, `__proto__`), the short refusal texts, the per-connection flood cap and the
 * rate-limited log (a fake clock).
 */
import { describe, expect, it } from 'vitest';
import {
  FLOOD_FRAMES_PER_SECOND, JSON_BODY_LIMITS, MESSAGE_LIMITS, RATE_LIMIT, bodyPolicyOf, checkStructure, clip, describeStructureProblem, firstFew, joinFew,
} from '../../shared/protocol/index.js';
import { LINES_PER_KEY, LINES_PER_MINUTE, RateLimitedLog, frameworkLogger } from '../../server/log.js';
import { TokenBucket } from '../../server/rooms/rate-limit.js';

/** `levels` objects nested in each other around a number. */
const nest = (levels: number): unknown => {
  let v: unknown = 1;
  for (let i = 0; i < levels; i += 1) v = { a: v };
  return v;
};

describe('checkStructure', () => {
  it('accepts a real order set and the limits exactly', () => {
    const orders = { chips: { merchantUsdM: 1, secondSourceUsdM: 0, customUsdM: 0 }, energy: [{ region: 'us-east', mw: 100, source: 'gas' }], licenseFrom: null, ops: { pricing: 'flat' } };
    expect(checkStructure({ quarter: 0, orders }, MESSAGE_LIMITS)).toBeNull();
    expect(checkStructure(nest(MESSAGE_LIMITS.depth), MESSAGE_LIMITS)).toBeNull();
    expect(checkStructure(Array.from({ length: MESSAGE_LIMITS.arrayItems }, () => 0), MESSAGE_LIMITS)).toBeNull();
    expect(checkStructure('x'.repeat(MESSAGE_LIMITS.stringChars), MESSAGE_LIMITS)).toBeNull();
    expect(checkStructure(undefined, MESSAGE_LIMITS)).toBeNull();
  });

  it('names the first limit passed and where', () => {
    expect(checkStructure(nest(MESSAGE_LIMITS.depth + 1), MESSAGE_LIMITS)).toMatchObject({ limit: 'depth', max: MESSAGE_LIMITS.depth, path: 'a.a.a.a.a.a.a.a' });
    expect(checkStructure({ xs: Array.from({ length: MESSAGE_LIMITS.arrayItems + 1 }, () => 0) }, MESSAGE_LIMITS)).toMatchObject({ limit: 'arrayItems', path: 'xs' });
    expect(checkStructure({ a: [{ b: 'x'.repeat(MESSAGE_LIMITS.stringChars + 1) }] }, MESSAGE_LIMITS)).toMatchObject({ limit: 'stringChars', path: 'a.0.b' });
    expect(checkStructure({ ['k'.repeat(MESSAGE_LIMITS.keyChars + 1)]: 1 }, MESSAGE_LIMITS)).toMatchObject({ limit: 'keyChars' });
    const wide = Object.fromEntries(Array.from({ length: 40 }, (_, i) => [`k${i}`, Array.from({ length: 30 }, () => 0)]));
    expect(checkStructure(wide, MESSAGE_LIMITS)).toMatchObject({ limit: 'nodes', max: MESSAGE_LIMITS.nodes });
    expect(checkStructure(wide, JSON_BODY_LIMITS)).toBeNull();
  });

  it('refuses what JSON cannot hold and __proto__ fields', () => {
    for (const v of [new Set([1]), new Map(), new Date(0), /x/, new Uint8Array(2), new Error('x'), 10n, () => 1, Symbol('s')]) {
      expect(checkStructure({ v }, MESSAGE_LIMITS)?.limit, String(v)).toBe('type');
    }
    expect(checkStructure(JSON.parse('{"a":{"__proto__":{"x":1}}}'), MESSAGE_LIMITS)).toMatchObject({ limit: 'key', what: '__proto__', path: 'a' });
    expect(checkStructure(Object.create(null) as object, MESSAGE_LIMITS)).toBeNull();
  });

  it('a deep value is refused without a deep walk (no stack overflow)', () => {
    let v: unknown = 1;
    for (let i = 0; i < 100_000; i += 1) v = [v];
    expect(checkStructure(v, MESSAGE_LIMITS)).toMatchObject({ limit: 'depth' });
  });

  it('describes problems in both locales, short', () => {
    const p = checkStructure(nest(20), MESSAGE_LIMITS)!;
    expect(describeStructureProblem('en', p)).toBe('nested deeper than 8 levels at a.a.a.a.a.a.a.a');
    expect(describeStructureProblem('zh-CN', p)).toMatch(/嵌套超过 8 层/);
    expect(clip('x'.repeat(100))).toHaveLength(65);
    expect(firstFew([1, 2, 3, 4, 5, 6, 7])).toEqual({ listed: [1, 2, 3, 4, 5], more: 2 });
    expect(joinFew('en', ['a', 'b', 'c', 'd', 'e'])).toBe('a; b; c (and 2 more)');
    expect(joinFew('en', ['a'])).toBe('a');
  });

  it('every route with a body has a policy; any other takes none', () => {
    expect(bodyPolicyOf('POST', '/matchmake/joinById/ABCDEF')?.body).toBe('json');
    expect(bodyPolicyOf('POST', '/api/replays/import')?.body).toBe('text');
    expect(bodyPolicyOf('POST', '/api/replays/ABCDEF/fork')?.route).toBe('/api/replays/:id/(delete|annotations|fork)');
    expect(bodyPolicyOf('GET', '/matchmake/joinById/ABCDEF')).toBeNull();
    expect(bodyPolicyOf('POST', '/api/games')).toBeNull();
  });
});

describe('TokenBucket', () => {
  it(`a burst, then the rate; more than ${FLOOD_FRAMES_PER_SECOND} frames within a second is a flood`, () => {
    let now = 0;
    const b = new TokenBucket(RATE_LIMIT.burst, RATE_LIMIT.perSecond, () => now);
    const first = Array.from({ length: FLOOD_FRAMES_PER_SECOND }, () => b.admit());
    expect(first.filter((a) => a === 'ok')).toHaveLength(RATE_LIMIT.burst);
    expect(first.filter((a) => a === 'limited')).toHaveLength(FLOOD_FRAMES_PER_SECOND - RATE_LIMIT.burst);
    expect(b.admit()).toBe('flood');
    now = 1_000;
    expect(b.admit()).toBe('ok');
  });
});

describe('RateLimitedLog', () => {
  it(`at most ${LINES_PER_KEY} lines per key a minute, then one summary; keys apart; no stacks for bad input`, () => {
    const lines: string[] = [];
    let now = 0;
    const log = new RateLimitedLog((l) => lines.push(l), () => now);
    for (let i = 0; i < 50; i += 1) log.badInput('client A', `bad frame ${i}\n    at somewhere (file.ts:1:1)`);
    log.badInput('client B', 'bad');
    expect(lines.filter((l) => l.startsWith('client A'))).toHaveLength(LINES_PER_KEY);
    expect(lines.filter((l) => l.startsWith('client B'))).toHaveLength(1);
    expect(lines.join('\n')).not.toMatch(/\n\s+at /);
    now = 61_000;
    log.badInput('client A', 'again');
    expect(lines.at(-2)).toBe(`(${50 - LINES_PER_KEY} more lines from client A suppressed in the last minute)`);
    expect(lines.at(-1)).toBe('client A: again');
  });

  it(`at most ${LINES_PER_MINUTE} lines a minute from all keys together (distinct keys cannot flood it)`, () => {
    const lines: string[] = [];
    const log = new RateLimitedLog((l) => lines.push(l), () => 0);
    for (let i = 0; i < 5_000; i += 1) log.badInput(`client ${i}`, 'x');
    expect(lines).toHaveLength(LINES_PER_MINUTE);
  });

  it('internal errors keep their stack; Colyseus lines keep one frame', () => {
    const lines: string[] = [];
    const log = new RateLimitedLog((l) => lines.push(l), () => 0);
    log.internal('room X', 'tick failed', new Error('boom'));
    expect(lines[0]).toMatch(/room X: tick failed: Error: boom\n\s+at /);
    frameworkLogger(log).error(new Error('decode failed'));
    expect(lines[1]).toMatch(/^colyseus error: Error: decode failed \(at .*\)$/);
  });
});
