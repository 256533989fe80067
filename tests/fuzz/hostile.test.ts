/**
 * The hostile-input run (issue 17, "Done when"): at least 10,000 generated bad WebSocket messages
 * and HTTP requests per run against a real server process (server/main.ts, as `npm start` runs
 * it), from seated players, spectators and anonymous HTTP clients. Every one must be refused —
 * 0 crashes, 0 state changes (every row of the store and every game's public summary are
 * compared before and after), bounded replies (a refusal is at most 4× its request, or 1 kB for
 * requests under 256 bytes, where even "unknown message type" is bigger than the request),
 * the server's RSS (and its heap) within 50 MB of its start (after a warm-up tenth of the cases; both
 * read after full collections, server/memory-probe.ts: a single RSS reading landed anywhere on V8's
 * ~60 MB saw-tooth of garbage; the peak is printed), and no stack trace in its log.
 * Sizes: HOSTILE_WS (default 6,000) + HOSTILE_HTTP (default 4,000); FUZZ_SEED fixes the cases.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import Database from 'better-sqlite3';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TICKERS } from '../../shared/index.js';
import { CLIENT_MESSAGES, MAX_MESSAGE_BYTES, MESSAGE_LIMITS, RATE_LIMIT } from '../../shared/protocol/index.js';
import { sqliteFileOf } from '../../server/store/db.js';
import { FRAME, FrameTap, frameOf, packed } from '../helpers/raw-frames.js';
import { freePort, killAll, spawnServer, type Proc } from '../helpers/server-process.js';
import { createGame, joinGame, tempDataDir, until, type Player } from '../server/helpers.js';

const WS_CASES = Number(process.env['HOSTILE_WS'] ?? 6_000);
const HTTP_CASES = Number(process.env['HOSTILE_HTTP'] ?? 4_000);
const SEED = Number(process.env['FUZZ_SEED'] ?? 1717);
const GAMES = 6;
const SPECTATORS_PER_GAME = 6;
/** Replies to requests under this many bytes may be up to REPLY_FLOOR bytes. */
const SMALL_REQUEST = 256;
const REPLY_FLOOR = 1_024;
const IN_PLAY = ['AMZN', 'MSFT', 'META'] as const;

let proc: Proc;
let dataDir: string;
const games: { id: string; seated: Player[]; spectators: Player[] }[] = [];
const everyone: Player[] = [];

function rssMb(pid: number): number {
  return Number(/VmRSS:\s+(\d+)/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0) / 1024;
}

/** Every row of every table, hashed (the store is the truth: accepted changes are written before they are acknowledged). */
function storeDigest(): string {
  const db = new Database(sqliteFileOf(dataDir), { readonly: true, fileMustExist: true });
  try {
    const h = crypto.createHash('sha256');
    const tables = (db.prepare("select name from sqlite_master where type = 'table' and name not like 'sqlite_%' order by name").all() as { name: string }[]).map((r) => r.name);
    for (const t of tables) {
      h.update(`#${t}\n`);
      for (const row of db.prepare(`select * from "${t}" order by rowid`).iterate()) h.update(`${JSON.stringify(row)}\n`);
    }
    return h.digest('hex');
  } finally {
    db.close();
  }
}

/** What players see of each game (quarter, hash, ready flags, seat kinds). */
async function summaries(): Promise<string> {
  const out = [];
  for (const g of games) {
    const s = (await (await fetch(`${proc.url}/api/games/${g.id}`)).json()) as { quarter: number; hash: string | null; status: string; seats: { company: string; kind: string; ready: boolean }[] };
    out.push([s.status, s.quarter, s.hash, s.seats.map((x) => `${x.company}:${x.kind}:${x.ready}`)]);
  }
  return JSON.stringify(out);
}

beforeAll(async () => {
  dataDir = tempDataDir();
  proc = await spawnServer(await freePort(), { DATA_DIR: dataDir, REDIS_URL: '', DATABASE_URL: '' }, { memoryProbe: true });
  for (let g = 0; g < GAMES; g += 1) {
    const host = await createGame(proc.url, { name: `Host${g}`, company: 'AMZN', game: { quarterCount: 6, companies: [...IN_PLAY] } });
    const id = host.welcome.gameId;
    const msft = await joinGame(proc.url, id, { name: 'Bob', company: 'MSFT' });
    const meta = await joinGame(proc.url, id, { name: 'Cy', company: 'META' });
    host.send('game:start', {});
    await until(() => host.room.state.status === 'running', 5000, 'running');
    host.send('orders:submit', { quarter: 0, orders: { guidanceCapexUsdM: 1_000 + g } });
    await host.waitFor('orders:state', (m) => m.orders !== null);
    msft.send('orders:ready', { quarter: 0, ready: true });
    await msft.waitFor('orders:state', (m) => m.ready);
    const spectators = [];
    for (let s = 0; s < SPECTATORS_PER_GAME; s += 1) spectators.push(await joinGame(proc.url, id, { name: `Spec${s}` }));
    games.push({ id, seated: [host, msft, meta], spectators });
    everyone.push(host, msft, meta, ...spectators);
  }
}, 120_000);

afterAll(async () => {
  await Promise.all(everyone.map((p) => p.leave()));
  killAll();
});

// ---------------------------------------------------------------------------------------------
// WebSocket cases. Each is refused by construction, whoever sends it (spectators cannot act;
// seated players only get messages that are wrong for them). All stay under the 64 kB frame cap
// (a bigger frame closes the connection: tests/fuzz/messages.test.ts).

const KNOWN = Object.keys(CLIENT_MESSAGES);
const junk = fc.oneof(
  fc.constant(Number.NaN), fc.constant(Number.POSITIVE_INFINITY), fc.integer({ min: -1e12, max: 1e12 }), fc.double({ noNaN: true }), fc.constant(1e300),
  fc.string({ maxLength: 40 }), fc.constant(null), fc.boolean(), fc.array(fc.integer(), { maxLength: 8 }),
  fc.dictionary(fc.string({ maxLength: 8 }), fc.oneof(fc.integer(), fc.string({ maxLength: 8 })), { maxKeys: 6 }),
);
const unknownType = fc.oneof(fc.string({ minLength: 1, maxLength: 60 }), fc.integer({ min: 1_000, max: 60_000 }).map((n) => `t${'x'.repeat(n % 3_000)}`))
  .filter((t) => !KNOWN.includes(t) && !t.startsWith('__'));
const bigPayload = fc.oneof(
  fc.integer({ min: MAX_MESSAGE_BYTES + 1, max: 60_000 }).map((n) => ({ quarter: 0, orders: { pad: 'x'.repeat(n) } })),
  fc.integer({ min: 2_000, max: 5_500 }).map((n) => ({ quarter: 0, orders: Object.fromEntries(Array.from({ length: n }, (_, i) => [`k${i}`, undefined])) })),
  fc.integer({ min: 3_000, max: 6_000 }).map((n) => ({ quarter: 0, orders: { xs: Array.from({ length: n }, (_, i) => i * 1_000_003) } })),
);
/** msgpack of `{ quarter: 0, orders: [[[…1…]]] }` nested `depth` lists deep (written by hand: packing it would overflow the packer's stack). */
const deepOrders = (depth: number): Uint8Array => Uint8Array.from([...packed({ quarter: 0, orders: 0 }).slice(0, -1), ...new Array<number>(depth).fill(0x91), 0x01]);
const complexPayload = fc.oneof(
  fc.integer({ min: MESSAGE_LIMITS.nodes + 1, max: 2_400 }).map((n) => ({ quarter: 0, orders: Object.fromEntries(Array.from({ length: n }, (_, i) => [`${i}`, 0])) })),
  fc.integer({ min: MESSAGE_LIMITS.arrayItems + 1, max: 900 }).map((n) => ({ quarter: 0, orders: { energy: Array.from({ length: n }, () => 0) } })),
  fc.integer({ min: MESSAGE_LIMITS.stringChars + 1, max: 14_000 }).map((n) => ({ quarter: 0, orders: { licenseFrom: 'L'.repeat(n) } })),
  fc.integer({ min: MESSAGE_LIMITS.keyChars + 1, max: 3_000 }).map((n) => ({ quarter: 0, orders: { ['k'.repeat(n)]: 1 } })),
);
const exotic = fc.constantFrom<unknown>(new Set([1, 2]), /a+$/, new Date(0), new Float32Array(4), new Error('x'), new Uint16Array(9));

/** A case, who sends it, and (for "another seat") the seat that must not send it. */
type WsCase = { who: 'seated' | 'spectator'; frame: Uint8Array; what: string; notFrom?: string };
const frame = (type: string, payload: unknown, what: string, who: WsCase['who'] = 'spectator', exoticPack = false): WsCase =>
  ({ who, frame: frameOf(type, payload === undefined ? undefined : packed(payload, exoticPack)), what });

const wsCase: fc.Arbitrary<WsCase> = fc.oneof(
  // unknown types, any payload
  fc.tuple(unknownType, junk, fc.constantFrom('seated', 'spectator') as fc.Arbitrary<WsCase['who']>).map(([t, p, who]) => frame(t, p, 'unknown type', who)),
  // known types, payloads of the wrong shape (spectators: even a right shape is refused)
  fc.tuple(fc.constantFrom('orders:submit', 'orders:withdraw', 'orders:ready', 'seat:claim', 'game:start'), fc.oneof(junk, fc.record({ quarter: junk }), fc.record({ quarter: junk, ready: junk, orders: junk })))
    .map(([t, p]) => frame(t, p, 'wrong shape')),
  // over the byte limit, and under it but over the structure limits; values JSON cannot hold
  fc.tuple(fc.constantFrom(...KNOWN), bigPayload, fc.constantFrom('seated', 'spectator') as fc.Arbitrary<WsCase['who']>).map(([t, p, who]) => frame(t, p, 'too large', who)),
  fc.tuple(fc.constantFrom('orders:submit', 'orders:ready', 'seat:claim'), complexPayload, fc.constantFrom('seated', 'spectator') as fc.Arbitrary<WsCase['who']>).map(([t, p, who]) => frame(t, p, 'too complex', who)),
  fc.tuple(fc.constantFrom('orders:submit', 'orders:ready', 'seat:claim'), fc.integer({ min: MESSAGE_LIMITS.depth + 1, max: 12_000 }), fc.constantFrom('seated', 'spectator') as fc.Arbitrary<WsCase['who']>)
    .map(([t, d, who]) => ({ who, frame: frameOf(t, deepOrders(d)), what: 'too deep' })),
  fc.tuple(fc.constantFrom('orders:submit', 'orders:withdraw'), exotic, fc.constantFrom('seated', 'spectator') as fc.Arbitrary<WsCase['who']>).map(([t, v, who]) => frame(t, { quarter: 0, orders: v }, 'exotic value', who, true)),
  // bytes that are not msgpack; request and byte frames; numeric types
  fc.tuple(fc.constantFrom(...KNOWN, 'x'), fc.uint8Array({ minLength: 1, maxLength: 300 })).map(([t, b]) => ({ who: 'spectator' as const, frame: frameOf(t, Uint8Array.from([0xc1, ...b])), what: 'not msgpack' })),
  fc.tuple(fc.constantFrom(FRAME.ROOM_REQUEST, FRAME.ROOM_DATA_BYTES), fc.constantFrom(...KNOWN), fc.uint8Array({ maxLength: 200 }), fc.constantFrom('seated', 'spectator') as fc.Arbitrary<WsCase['who']>)
    .map(([code, t, b, who]) => ({ who, frame: frameOf(t, b, code), what: 'other frame kind' })),
  fc.tuple(fc.integer({ min: 0, max: 200 }), junk).map(([n, p]) => ({ who: 'spectator' as const, frame: frameOf(n, packed(p)), what: 'numeric type' })),
  // seated players: the wrong quarter, another seat, orders the engine refuses, seat claims, host actions
  fc.tuple(fc.oneof(fc.integer({ min: 1, max: 40 }), fc.constant(-1), fc.constant(0.5)), fc.constantFrom('orders:submit', 'orders:ready', 'orders:withdraw'))
    .map(([q, t]) => frame(t, t === 'orders:submit' ? { quarter: q, orders: {} } : t === 'orders:ready' ? { quarter: q, ready: true } : { quarter: q }, 'wrong quarter', 'seated')),
  fc.constantFrom(...TICKERS).map((seat) => ({ ...frame('orders:submit', { quarter: 0, seat, orders: {} }, 'another seat', 'seated'), notFrom: seat })),
  fc.integer({ min: 1, max: 950 }).map((n) => frame('orders:submit', { quarter: 0, orders: Object.fromEntries(Array.from({ length: n }, (_, i) => [`z${i}`, i])) }, 'unknown order fields', 'seated')),
  fc.record({ talentBidUsdM: fc.integer({ min: -1e9, max: -1 }), customProgramUsdM: fc.oneof(fc.constant(Number.NaN), fc.constant(-5), fc.constant(1.5)) })
    .map((o) => frame('orders:submit', { quarter: 0, orders: o }, 'orders the engine refuses', 'seated')),
  fc.constantFrom(...TICKERS).map((company) => frame('seat:claim', { company }, 'seat claim', 'seated')),
  fc.constant(null).map(() => frame('game:start', {}, 'start a running game', 'seated')),
  fc.tuple(fc.constantFrom('orders:withdraw', 'orders:ready'), fc.dictionary(fc.string({ minLength: 1, maxLength: 6 }).filter((k) => !['quarter', 'ready', 'seat'].includes(k)), junk, { minKeys: 1, maxKeys: 4 }))
    .map(([t, extra]) => frame(t, { quarter: 0, ready: true, ...extra }, 'extra fields', 'seated')),
);

// ---------------------------------------------------------------------------------------------
// HTTP cases: bad addresses, bodies where none belongs, over-size and malformed bodies, bodies over
// the structure limits, bad headers, unknown routes, refused matchmaking.

type HttpCase = { method: string; path: string; body: string | null; headers: Record<string, string>; what: string };
const routes = ['/api/games/ABCDEF', '/api/replays/ABCDEF', '/api/classes/ABCDEF', '/api/replays', '/api/scenarios', '/api/health', '/matchmake/joinById/ABCDEF'];
const badPercent = fc.constantFrom('%', '%Z', '%ZZ', '%E0%A4%A', '%C3%28', '%FF', '%ED%A0%80', '%%', '%0');
const jsonRoutes = ['/api/replays/mine', '/api/replays/class', '/api/replays/ABCDEF/delete', '/api/replays/ABCDEF/annotations', '/api/replays/ABCDEF/fork', '/matchmake/create/game', '/matchmake/joinById/ABCDEF'];
const deepJson = (d: number): string => `${'['.repeat(d)}${']'.repeat(d)}`;
const httpCase: fc.Arbitrary<HttpCase> = fc.oneof(
  fc.tuple(fc.constantFrom(...routes), badPercent, fc.nat(10)).map(([r, bad, at]) => ({ method: 'GET', path: `${r.slice(0, Math.max(1, r.length - at))}${bad}`, body: null, headers: {}, what: 'bad %-encoding' })),
  fc.integer({ min: 2_050, max: 8_000 }).map((n) => ({ method: 'GET', path: `/api/games/${'Q'.repeat(n)}`, body: null, headers: {}, what: 'long address' })),
  fc.tuple(fc.constantFrom(...routes.filter((r) => !r.startsWith('/matchmake'))), fc.constantFrom('GET', 'POST', 'PUT', 'DELETE', 'PATCH'), fc.string({ minLength: 1, maxLength: 200 }))
    .map(([path, method, body]) => ({ method, path, body, headers: {}, what: 'a body where none belongs' })),
  fc.tuple(fc.constantFrom(...jsonRoutes), fc.integer({ min: 0, max: 30_000 })).map(([path, extra]) => ({
    method: 'POST', path, body: `{"x":"${'y'.repeat((path.startsWith('/matchmake') ? 8_192 : 65_536) + extra)}"}`, headers: {}, what: 'over the body limit',
  })),
  fc.tuple(fc.constantFrom(...jsonRoutes), fc.oneof(fc.string({ minLength: 1, maxLength: 80 }).filter((s) => { try { JSON.parse(s); return false; } catch { return true; } }), fc.constantFrom('{', '{"a":', '[1,', 'nul', '{"tokens":[}')))
    .map(([path, body]) => ({ method: 'POST', path, body, headers: {}, what: 'not JSON' })),
  fc.tuple(fc.constantFrom(...jsonRoutes), fc.integer({ min: 9, max: 2_000 })).map(([path, d]) => ({ method: 'POST', path, body: `{"name":"x","game":${deepJson(d)}}`, headers: {}, what: 'too deep' })),
  fc.tuple(fc.constantFrom(...jsonRoutes), fc.integer({ min: 5_001, max: 6_000 })).map(([path, n]) => ({
    method: 'POST', path, body: JSON.stringify({ tokens: Array.from({ length: 5 }, () => Array.from({ length: Math.ceil(n / 5) }, () => 0)) }).replace(/,0/g, ',0'), headers: {}, what: 'too many values',
  })),
  fc.constantFrom(...jsonRoutes).map((path) => ({ method: 'POST', path, body: '{"name":"x","filter":{"__proto__":{"polluted":true}}}', headers: {}, what: '__proto__' })),
  fc.tuple(badPercent, fc.string({ maxLength: 40 })).map(([bad, body]) => ({ method: 'POST', path: '/api/replays/import', body, headers: { 'x-replay-title': `t${bad}` }, what: 'bad title header' })),
  fc.string({ maxLength: 300 }).map((body) => ({ method: 'POST', path: '/api/replays/import', body: `{"header":${JSON.stringify(body)}}`, headers: {}, what: 'a file that is not a game' })),
  fc.tuple(fc.constantFrom('GET', 'PUT', 'DELETE', 'PATCH'), fc.stringMatching(/^[a-z/]{1,30}$/)).map(([method, p]) => ({ method, path: `/api/zz${p}`, body: null, headers: {}, what: 'unknown route' })),
  fc.oneof(
    fc.record({ quarterCount: fc.integer({ min: -5, max: 3 }) }), fc.record({ companies: fc.constant(['NOPE']) }), fc.record({ scenarioId: fc.string({ minLength: 65, maxLength: 70 }) }),
    fc.record({ deadlineSec: fc.integer({ min: -100, max: 9 }) }),
  ).map((game) => ({ method: 'POST', path: '/matchmake/create/game', body: JSON.stringify({ name: 'x', game }), headers: {}, what: 'create with bad options' })),
  fc.tuple(fc.constantFrom('create', 'joinById', 'reconnect', 'nope', 'joinOrCreate'), fc.stringMatching(/^[A-Za-z0-9]{1,12}$/)).filter(([m, r]) => m !== 'create' && m !== 'joinOrCreate' || r !== 'game')
    .map(([m, r]) => ({ method: 'POST', path: `/matchmake/${m}/${r === 'class' ? 'klass' : r}`, body: '{"name":"x"}', headers: {}, what: 'unknown room or code' })),
  fc.stringMatching(/^[a-z0-9]{0,20}$/).map((t) => ({ method: 'POST', path: '/api/replays/ABCDEF/delete', body: JSON.stringify({ tokens: [t] }), headers: {}, what: 'delete without the right token' })),
);

const agent = new http.Agent({ keepAlive: true, maxSockets: 8 });

function send(c: HttpCase): Promise<{ status: number; body: string; requestBytes: number }> {
  const requestBytes = c.method.length + c.path.length + (c.body ? Buffer.byteLength(c.body) : 0) + 20;
  return new Promise((resolve, reject) => {
    const length = c.body !== null ? { 'content-length': String(Buffer.byteLength(c.body)) } : {};
    const req = http.request(`${proc.url}${c.path}`, { method: c.method, agent, headers: { 'content-type': 'application/json', ...length, ...c.headers } }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (d: string) => (body += d));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body, requestBytes }));
    });
    req.on('error', (e: NodeJS.ErrnoException) => (e.code === 'EPIPE' || e.code === 'ECONNRESET' ? resolve({ status: 413, body: '', requestBytes }) : reject(e)));
    req.end(c.body ?? undefined);
  });
}

/** What a batch of cases did. */
interface Outcome {
  failures: string[];
  ratios: { what: string; request: number; reply: number }[];
  refused: number;
}

/** Sends cases: every WebSocket connection works through its share in order, under the rate limit; HTTP 8 at a time. */
async function runCases(wsCases: WsCase[], httpCases: HttpCase[], out: Outcome): Promise<void> {
  const conns = games.flatMap((g) => [...g.seated.map((p) => ({ p, who: 'seated' as const })), ...g.spectators.map((p) => ({ p, who: 'spectator' as const }))]);
  const queues = new Map(conns.map((c) => [c, [] as WsCase[]]));
  wsCases.forEach((c, i) => {
    const pool = conns.filter((x) => x.who === c.who && x.p.welcome.seat !== c.notFrom);
    queues.get(pool[i % pool.length]!)!.push(c);
  });
  const gapMs = Math.ceil(1_000 / (RATE_LIMIT.perSecond - 1));
  const wsRun = Promise.all([...queues].map(async ([conn, list]) => {
    const tap = taps.get(conn.p) ?? new FrameTap(conn.p.room);
    taps.set(conn.p, tap);
    for (const c of list) {
      const t0 = Date.now();
      const at = tap.mark();
      tap.send(c.frame);
      try {
        const err = await tap.waitFor('error', at, 3_000);
        const others = tap.messagesAfter(at).filter((f) => f.type !== 'error');
        if (others.length > 0) out.failures.push(`ws ${c.what}: answered with ${others.map((f) => f.type).join(', ')}`);
        out.ratios.push({ what: `ws ${c.what}`, request: c.frame.length, reply: err.bytes });
        out.refused += 1;
      } catch (e) {
        out.failures.push(`ws ${c.what} (${c.frame.length} bytes): ${(e as Error).message.slice(0, 200)}`);
      }
      const wait = gapMs - (Date.now() - t0);
      if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    }
  }));
  let next = 0;
  const httpRun = Promise.all(Array.from({ length: 8 }, async () => {
    while (next < httpCases.length) {
      const c = httpCases[next++]!;
      const r = await send(c).catch((e: Error) => ({ status: 0, body: e.message, requestBytes: 0 }));
      if (r.status < 400 || r.status >= 500) out.failures.push(`http ${c.what} ${c.method} ${c.path.slice(0, 60)}: ${r.status} ${r.body.slice(0, 120)}`);
      else if (r.body !== '') {
        if (/\n\s+at |node_modules|SqliteError|URIError/.test(r.body)) out.failures.push(`http ${c.what}: a stack or a path in ${r.body.slice(0, 200)}`);
        try {
          const b = JSON.parse(r.body) as { error?: unknown; message?: unknown };
          if (typeof b.error !== 'string' || typeof b.message !== 'string') out.failures.push(`http ${c.what}: not { error, message }: ${r.body.slice(0, 120)}`);
        } catch {
          out.failures.push(`http ${c.what}: not JSON: ${r.body.slice(0, 120)}`);
        }
      }
      out.ratios.push({ what: `http ${c.what}`, request: r.requestBytes, reply: Buffer.byteLength(r.body) });
      out.refused += 1;
    }
  }));
  await Promise.all([wsRun, httpRun]);
}
const taps = new Map<Player, FrameTap>();

describe('hostile input', () => {
  it(`${WS_CASES} bad WebSocket messages and ${HTTP_CASES} bad HTTP requests: all refused, nothing changes, replies bounded, memory flat`, async () => {
    const wsCases = fc.sample(wsCase, { numRuns: WS_CASES, seed: SEED });
    const httpCases = fc.sample(httpCase, { numRuns: HTTP_CASES, seed: SEED + 1 });
    const out: Outcome = { failures: [], ratios: [], refused: 0 };
    const store0 = storeDigest();
    const seen0 = await summaries();
    const logLines0 = proc.log().split('\n').length;
    // The first tenth warms both doors up (code compiled, heap grown to its working size) before
    // the memory baseline is taken; it is checked like the rest.
    const warm = 0.1;
    await runCases(wsCases.slice(0, WS_CASES * warm), httpCases.slice(0, HTTP_CASES * warm), out);
    const live0 = await proc.memory();
    const rss0 = live0.rssMb;
    const samples: number[] = [];
    const sampler = setInterval(() => samples.push(rssMb(proc.child.pid!)), 200);
    await runCases(wsCases.slice(WS_CASES * warm), httpCases.slice(HTTP_CASES * warm), out);
    clearInterval(sampler);
    const peak = Math.max(rss0, ...samples);
    const live1 = await proc.memory();
    const rss1 = live1.rssMb;

    // Replies bounded.
    for (const r of out.ratios) {
      const bound = r.request < SMALL_REQUEST ? Math.max(REPLY_FLOOR, 4 * r.request) : 4 * r.request;
      if (r.reply > bound) out.failures.push(`${r.what}: a ${r.reply}-byte reply to a ${r.request}-byte request`);
    }
    // Nothing changed, nothing crashed, memory flat, no stacks logged.
    const store1 = storeDigest();
    const seen1 = await summaries();
    const health = await fetch(`${proc.url}/api/health`);
    const newLog = proc.log().split('\n').slice(logLines0).join('\n');
    const worst = [...out.ratios].filter((r) => r.request >= SMALL_REQUEST).sort((a, b) => b.reply / b.request - a.reply / a.request)[0];
    console.log(`hostile run: ${out.refused} refusals (${WS_CASES} WebSocket, ${HTTP_CASES} HTTP); RSS ${rss0.toFixed(0)} MB after warm-up, peak ${peak.toFixed(0)}, ${rss1.toFixed(0)} at the end (after full collections; heap ${live0.heapUsedMb} → ${live1.heapUsedMb} MB); `
      + `largest reply/request for requests ≥ ${SMALL_REQUEST} B: ${worst ? `${(worst.reply / worst.request).toFixed(2)} (${worst.what})` : '-'}; log +${newLog.split('\n').length - 1} lines`);
    if (newLog.trim()) console.log(`server log during the run:\n${newLog.slice(0, 2_000)}`);
    expect(out.failures.slice(0, 20)).toEqual([]);
    expect(out.refused).toBeGreaterThanOrEqual(WS_CASES + HTTP_CASES);
    expect(proc.child.exitCode).toBeNull();
    expect(health.ok).toBe(true);
    expect(store1).toBe(store0);
    expect(seen1).toBe(seen0);
    expect(live0.collected && live1.collected).toBe(true);
    expect(rss1 - rss0).toBeLessThan(50);
    expect(live1.heapUsedMb - live0.heapUsedMb).toBeLessThan(50);
    expect(newLog).not.toMatch(/\n\s+at /);
    expect(newLog.split('\n').length).toBeLessThan(200);
  }, 240_000);
});
