/**
 * Issue 17, point by point, against a real server: the matchmaking route's body limit, the
 * WebSocket size limit that msgpack `undefined` used to bypass, replies that no longer amplify,
 * no stack trace in any HTTP answer or log line for bad input, and docs/protocol.md's promises
 * (flood closes at the documented rate, a wrong host token is refused, join codes are
 * case-insensitive, each route cites its own body limit, deep join options get a clear refusal).
 */
import http from 'node:http';
import { Client } from '@colyseus/sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  FLOOD_FRAMES_PER_SECOND, MAX_LISTED_PROBLEMS, MAX_MESSAGE_BYTES, MESSAGE_LIMITS, ROOM_NAME, bodyPolicyOf,
} from '../../shared/protocol/index.js';
import { LINES_PER_KEY } from '../../server/log.js';
import { createClass, joinClass } from '../classroom/helpers.js';
import { FrameTap, frameOf, packed, FRAME } from '../helpers/raw-frames.js';
import { bootServer, joinGame, startedGame, until, type Player } from '../server/helpers.js';

let server: Awaited<ReturnType<typeof bootServer>>;
let host: Player;
let bob: Player;
let gameId: string;
const logged: string[] = [];
const realError = console.error;
const realLog = console.log;

beforeAll(async () => {
  console.error = (...a: unknown[]) => void logged.push(a.map(String).join(' '));
  console.log = (...a: unknown[]) => void logged.push(a.map(String).join(' '));
  server = await bootServer();
  ({ host, bob, gameId } = await startedGame(server.url));
});
afterAll(async () => {
  console.error = realError;
  console.log = realLog;
  await host.leave();
  await bob.leave();
  await server.stop();
});

/** A raw HTTP request (fetch cannot send a body on GET or lie about Content-Length). */
function request(method: string, path: string, body: string | Buffer | null, headers: Record<string, string> = {}): Promise<{ status: number; text: string; ms: number }> {
  const t0 = performance.now();
  return new Promise((resolve, reject) => {
    const req = http.request(`${server.url}${path}`, { method, headers: { 'content-type': 'application/json', ...headers } }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (d: string) => (text += d));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, text, ms: performance.now() - t0 }));
    });
    req.on('error', reject);
    if (body !== null) req.end(body);
    else req.end();
  });
}

/** A JSON refusal: `{ error, message }`, no stack, no install path. */
function refusal(r: { status: number; text: string }): { error: string; message: string; params: Record<string, unknown> } {
  expect(r.text).not.toMatch(/\n\s+at |node_modules|\/work\/|URIError|SqliteError/);
  const body = JSON.parse(r.text) as { error: string; message: string; params: Record<string, unknown> };
  expect(typeof body.error).toBe('string');
  expect(body.message.length).toBeGreaterThan(5);
  return body;
}

describe('1. the matchmaking route has a body limit, checked before the body is read', () => {
  it('a 50 MB create body is refused at once (413, JSON) while /api/health answers', async () => {
    const policy = bodyPolicyOf('POST', '/matchmake/create/game')!;
    const big = Buffer.alloc(50 * 1024 * 1024, 0x20);
    const [r, health] = await Promise.all([
      request('POST', `/matchmake/create/${ROOM_NAME}`, big).catch((e: Error) => ({ status: -1, text: e.message, ms: 0 })),
      (async () => {
        await new Promise((res) => setTimeout(res, 20));
        const t0 = performance.now();
        const h = await fetch(`${server.url}/api/health`);
        return { ok: h.ok, ms: performance.now() - t0 };
      })(),
    ]);
    // The server answers before the upload ends and closes the connection: either the 413 arrives,
    // or the client sees the socket closed mid-upload. Never a parsed body, never a 400 after 50 MB.
    if (r.status !== -1) {
      expect(r.status).toBe(413);
      const b = refusal(r);
      expect(b).toMatchObject({ error: 'http.tooLarge', params: { max: policy.maxBytes, route: 'POST /matchmake/:method/:room' } });
    } else expect(r.text).toMatch(/EPIPE|ECONNRESET|socket hang up/);
    expect(health.ok).toBe(true);
    expect(health.ms).toBeLessThan(1000);
  });

  it('a chunked body without Content-Length is refused (411); a small one passes', async () => {
    const r = await request('POST', `/matchmake/create/${ROOM_NAME}`, '{"name":"x"}', { 'transfer-encoding': 'chunked' });
    expect(r.status).toBe(411);
    expect(refusal(r).error).toBe('http.lengthRequired');
  });

  it('join options nested 5,000 deep: a clear refusal, not "already full"', async () => {
    const deep = `{"name":"x","game":${'['.repeat(3000)}${']'.repeat(3000)}}`;
    const r = await request('POST', `/matchmake/joinById/${gameId}`, deep);
    expect(r.status).toBe(400);
    const b = refusal(r);
    expect(b.error).toBe('http.tooComplex');
    expect(b.message).toMatch(new RegExp(`nested deeper than ${MESSAGE_LIMITS.depth} levels`));
    await expect(new Client(server.url).joinById(gameId, { name: 'x', game: JSON.parse(`${'['.repeat(20)}${']'.repeat(20)}`) })).rejects.toThrow(/nested deeper than 8 levels/);
  });
});

describe('2. the message size limit cannot be bypassed and refusals do not amplify', () => {
  /** Sends a raw frame from a player and returns the one error it is answered with (its size too). */
  async function refusalOf(p: Player, bytes: Uint8Array): Promise<{ code: string; message: string; params: Record<string, unknown>; problems?: unknown[]; replyBytes: number }> {
    const tap = taps.get(p) ?? new FrameTap(p.room);
    taps.set(p, tap);
    const at = tap.mark();
    const atMsg = p.mark();
    tap.send(bytes);
    const frame = await tap.waitFor('error', at);
    const err = await p.waitFor('error', () => true, atMsg);
    expect(tap.messagesAfter(at).map((f) => f.type)).toEqual(['error']);
    return { ...(err as unknown as { code: string; message: string; params: Record<string, unknown>; problems?: unknown[] }), replyBytes: frame.bytes };
  }
  const taps = new Map<Player, FrameTap>();

  it('6,000 keys of msgpack undefined (52 kB): too large, refused before decoding, with a small reply', async () => {
    const orders: Record<string, undefined> = {};
    for (let i = 0; i < 6_000; i += 1) orders[`k${i}`] = undefined;
    const bytes = frameOf('orders:submit', packed({ quarter: 0, orders }));
    expect(bytes.length).toBeGreaterThan(40_000);
    const r = await refusalOf(host, bytes);
    expect(r.code).toBe('error.payloadTooLarge');
    expect(r.params).toMatchObject({ max: MAX_MESSAGE_BYTES });
    expect(r.replyBytes).toBeLessThan(400);
  });

  it('1,500 keys of undefined under the byte limit: too complex (values), not 1,500 problems', async () => {
    const orders: Record<string, undefined> = {};
    for (let i = 0; i < 1_500; i += 1) orders[`k${i}`] = undefined;
    const bytes = frameOf('orders:submit', packed({ quarter: 0, orders }));
    expect(bytes.length).toBeLessThan(MAX_MESSAGE_BYTES);
    const r = await refusalOf(host, bytes);
    expect(r.code).toBe('error.payloadTooComplex');
    expect(r.message).toMatch(/more than 1,000 values/);
    expect(r.replyBytes).toBeLessThan(400);
  });

  it('900 unknown order fields: the first 5 problems and the count, reply ≤ 4× the request', async () => {
    const orders: Record<string, number> = {};
    for (let i = 0; i < 900; i += 1) orders[`u${i}`] = i;
    const bytes = frameOf('orders:submit', packed({ quarter: 0, orders }));
    const r = await refusalOf(host, bytes);
    expect(r.code).toBe('error.ordersInvalid');
    expect(r.params['count']).toBe(900);
    expect(r.problems).toHaveLength(MAX_LISTED_PROBLEMS);
    expect(r.replyBytes).toBeLessThanOrEqual(4 * bytes.length);
  });

  it('an unknown message type 2,000 characters long is echoed cut short', async () => {
    const bytes = frameOf(`x${'y'.repeat(2_000)}`, packed({}));
    const r = await refusalOf(bob, bytes);
    expect(r.code).toBe('error.unknownMessage');
    expect(r.replyBytes).toBeLessThan(500);
  });

  it('malformed msgpack: error.badPayload, the connection stays open, no stack in the log', async () => {
    logged.length = 0;
    const r = await refusalOf(bob, frameOf('orders:submit', new Uint8Array([0xc1, 0xff, 0x00, 0xd9])));
    expect(r.code).toBe('error.badPayload');
    expect(r.message).toMatch(/not valid msgpack/);
    const r2 = await refusalOf(bob, frameOf('orders:submit', new Uint8Array([0x93, 0x01]), FRAME.ROOM_REQUEST));
    expect(r2.code).toBe('error.badPayload');
    const at = bob.mark();
    bob.send('game:sync', {});
    await bob.waitFor('view', () => true, at);
    expect(logged.join('\n')).not.toMatch(/\n\s+at /);
  });

  it('values JSON cannot hold (Set, RegExp, Date, typed arrays) are refused', async () => {
    // (A Map is a plain msgpack map on the wire: it arrives as an object.)
    const payloads = [new Set([1]), /x+/, new Date(0), new Float64Array(3)].map((orders) => ({ quarter: 0, orders }));
    for (const payload of payloads) {
      const r = await refusalOf(host, frameOf('orders:submit', packed(payload, true)));
      expect(r.code).toBe('error.payloadTooComplex');
      expect(r.message).toMatch(/a value JSON cannot hold/);
    }
  });
});

describe('the class room has the same door', () => {
  it('too large, too complex and malformed frames get a class:error; the student stays connected', async () => {
    const host = await createClass(server.url, { games: 1, teamsPerGame: 2 });
    const student = await joinClass(server.url, host.welcome.code, { name: 'Ann' });
    const tap = new FrameTap(student.room);
    const refusal = async (bytes: Uint8Array): Promise<{ code: string; message: string }> => {
      const at = student.mark();
      tap.send(bytes);
      return student.waitFor<{ code: string; message: string }>('class:error', () => true, at);
    };
    expect((await refusal(frameOf('team:draft', packed({ quarter: 0, draft: { pad: 'x'.repeat(MAX_MESSAGE_BYTES) } })))).code).toBe('error.payloadTooLarge');
    expect((await refusal(frameOf('team:draft', packed({ quarter: 0, draft: JSON.parse(`${'{"a":'.repeat(12)}1${'}'.repeat(12)}`) })))).code).toBe('error.payloadTooComplex');
    expect((await refusal(frameOf('chat:send', new Uint8Array([0xc1, 0x00])))).message).toMatch(/not valid msgpack/);
    const at = student.mark();
    student.send('class:sync', {});
    await student.waitFor('class:state', () => true, at);
    await student.leave();
    await host.leave();
  });
});

describe('3. no stack trace in any HTTP answer', () => {
  it.each([
    ['GET', '/api/games/%ZZ', 400, 'http.badPath'],
    ['GET', '/api/replays/%E0%A4%A', 400, 'http.badPath'],
    ['GET', '/api/classes/%E0%A4%A/debrief', 400, 'http.badPath'],
    ['GET', `/api/games/${'x'.repeat(3000)}`, 414, 'http.urlTooLong'],
    ['POST', '/api/health', 413, 'http.tooLarge'],
    ['POST', '/api/replays/mine', 400, 'http.badJson'],
    ['PUT', '/api/nothing', 404, 'http.notFound'],
  ])('%s %s → %i %s', async (method, path, status, key) => {
    const body = method === 'POST' ? (key === 'http.badJson' ? '{"tokens":' : '{}') : null;
    const r = await request(method, path, body);
    expect(r.status).toBe(status);
    expect(refusal(r).error).toBe(key);
  });

  it('POST /api/replays/import with a bad x-replay-title: a 400 refusal, not a 500 with a stack', async () => {
    const r = await request('POST', '/api/replays/import', '{}', { 'x-replay-title': '%E0%A4%A' });
    expect(r.status).toBe(400);
    expect(refusal(r)).toMatchObject({ error: 'http.badHeader', params: { header: 'x-replay-title' } });
  });

  it('a JSON body with a __proto__ field is refused before any handler', async () => {
    const r = await request('POST', '/api/replays/mine', '{"tokens":[],"filter":{"__proto__":{"polluted":1}}}');
    expect(r.status).toBe(400);
    expect(refusal(r).message).toMatch(/forbidden field name \("__proto__"\) at filter/);
  });

  it("matchmaking refusals: 4xx JSON in the request's locale, not Colyseus' 52x codes", async () => {
    const missing = await request('POST', '/matchmake/joinById/ZZZZZZ', '{}', { 'accept-language': 'zh-CN' });
    expect(missing.status).toBe(404);
    expect(refusal(missing)).toMatchObject({ error: 'matchmake.roomNotFound', params: { code: 522 } });
    expect(refusal(missing).message).toMatch(/没有使用此代码/);
    const noType = await request('POST', '/matchmake/create/nope', '{}');
    expect(noType.status).toBe(404);
    expect(refusal(noType).error).toBe('matchmake.unknown');
    const badOptions = await request('POST', `/matchmake/create/${ROOM_NAME}`, '{"game":{"quarterCount":2}}');
    expect(badOptions.status).toBe(400);
    expect(refusal(badOptions)).toMatchObject({ error: 'matchmake.refused', message: expect.stringMatching(/invalid options: game.quarterCount/) });
    await expect(new Client(server.url).joinById('ZZZZZZ', {})).rejects.toThrow(/no game or class with this code is open/);
  });

  it('refusals come in the request locale', async () => {
    const r = await request('GET', '/api/games/%ZZ', null, { 'accept-language': 'zh-CN,zh;q=0.9' });
    expect(refusal(r).message).toMatch(/地址无效/);
  });

  it('a handler that throws answers 500 JSON and logs one line per client per minute at most', async () => {
    logged.length = 0;
    const store = server.context.store;
    const original = store.publicOpenIds.bind(store);
    store.publicOpenIds = async () => {
      throw new Error('disk on fire');
    };
    try {
      for (let i = 0; i < 12; i += 1) {
        const r = await request('GET', '/api/games', null);
        expect(r.status).toBe(500);
        expect(refusal(r).error).toBe('http.internal');
      }
    } finally {
      store.publicOpenIds = original;
    }
    const lines = logged.filter((l) => l.includes('disk on fire')).length;
    expect(lines).toBeGreaterThan(0);
    expect(lines).toBeLessThan(12);
    expect(lines).toBeLessThanOrEqual(LINES_PER_KEY);
  });
});

describe('5. docs/protocol.md and behaviour agree', () => {
  it(`more than ${FLOOD_FRAMES_PER_SECOND} frames in a second close the connection (4002); a burst below does not`, async () => {
    const calm = await joinGame(server.url, gameId, {});
    const tap = new FrameTap(calm.room);
    let code = 0;
    calm.room.onLeave((c) => (code = c));
    for (let i = 0; i < FLOOD_FRAMES_PER_SECOND - 10; i += 1) tap.send(frameOf('nope', packed({})));
    await new Promise((r) => setTimeout(r, 300));
    expect(code).toBe(0);
    await new Promise((r) => setTimeout(r, 1100));
    for (let i = 0; i < FLOOD_FRAMES_PER_SECOND + 5; i += 1) tap.send(frameOf('nope', packed({})));
    await until(() => code !== 0, 5000, 'closed');
    expect(code).toBe(4002);
  });

  it('a wrong host token is refused (not a spectator), like a wrong seat token', async () => {
    await expect(new Client(server.url).joinById(gameId, { hostToken: 'h'.repeat(43) })).rejects.toThrow(/host token is not valid/);
    await expect(new Client(server.url).joinById(gameId, { seatToken: 's'.repeat(43) })).rejects.toThrow(/seat token is not valid/);
  });

  it('join codes are case-insensitive on joinById as on /api/games/:code', async () => {
    const lower = await joinGame(server.url, gameId.toLowerCase(), {});
    expect(lower.welcome.gameId).toBe(gameId);
    await lower.leave();
    const spaced = await joinGame(server.url, `${gameId.slice(0, 3).toLowerCase()}-${gameId.slice(3)}`, {});
    expect(spaced.welcome.gameId).toBe(gameId);
    await spaced.leave();
    expect((await fetch(`${server.url}/api/games/${gameId.toLowerCase()}`)).status).toBe(200);
  });

  it('/api/replays/mine cites its own limit, not the import limit', async () => {
    const r = await request('POST', '/api/replays/mine', JSON.stringify({ tokens: ['x'.repeat(400_000)] }));
    expect(r.status).toBe(413);
    const b = refusal(r);
    expect(b.params).toMatchObject({ max: bodyPolicyOf('POST', '/api/replays/mine')!.maxBytes, route: 'POST /api/replays/mine' });
    expect(b.message).toMatch(/65,536/);
    expect(b.message).not.toMatch(/2,000,000/);
  });
});
