/**
 * The HTTP front door and error boundary (issue 17). `guardRequests` sits in front of every
 * request listener of the server (Colyseus' matchmaking routes and the Express app alike) and
 * enforces shared/protocol/limits.ts before anything is parsed: the address's length and
 * %-encoding, the body's size by route (from Content-Length, so nothing is read before the
 * refusal), and for JSON routes the decoded structure. It also makes join codes case-insensitive
 * on the matchmaking routes. `httpErrorBoundary` turns whatever an Express handler throws into a
 * JSON refusal `{ error, message, params }` in the request's locale, never a stack.
 */
import type http from 'node:http';
import type express from 'express';
import { t, type Locale } from '../shared/index.js';
import {
  MAX_URL_CHARS, bodyPolicyOf, checkStructure, clip, describeStructureProblem, type HttpBodyPolicy,
} from '../shared/protocol/index.js';
import { normalizeJoinCode } from './game/tokens.js';
import { serverLog } from './log.js';

/** A refusal: HTTP status, message key and its params. */
export interface HttpRefusal {
  status: number;
  key: string;
  params: Record<string, string | number>;
}

/** The locale of a request (Accept-Language: zh… → zh-CN). */
export function localeOf(req: http.IncomingMessage): Locale {
  return /^\s*zh/i.test(String(req.headers['accept-language'] ?? '')) ? 'zh-CN' : 'en';
}

/** Writes `{ error, message, params }`; `close`: the body was not read, so the connection closes. */
export function writeRefusal(req: http.IncomingMessage, res: http.ServerResponse, r: HttpRefusal, close = false): void {
  if (res.headersSent) {
    res.destroy();
    return;
  }
  const body = JSON.stringify({ error: r.key, message: t(localeOf(req), r.key, r.params), params: r.params });
  res.writeHead(r.status, {
    'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(body), 'access-control-allow-origin': '*',
    ...(close ? { connection: 'close' } : {}),
  });
  res.end(body);
}

type Listener = (req: http.IncomingMessage, res: http.ServerResponse) => void;

/** Puts the policy in front of every `request` listener the server has now. Call after `listen`. */
export function guardRequests(server: http.Server): void {
  const listeners = server.listeners('request') as Listener[];
  server.removeAllListeners('request');
  server.on('request', (req: http.IncomingMessage, res: http.ServerResponse) => {
    admit(req, res, () => {
      for (const l of listeners) l.call(server, req, res);
    });
  });
}

const JOIN_ROUTE = /^\/matchmake\/(joinById|reconnect)\/([^/]+)$/;

/** Checks one request; calls `pass` when it may go on (with its JSON body parsed into `req.body`). */
function admit(req: http.IncomingMessage, res: http.ServerResponse, pass: () => void): void {
  const url = req.url ?? '/';
  if (url.length > MAX_URL_CHARS) return writeRefusal(req, res, { status: 414, key: 'http.urlTooLong', params: { chars: url.length, max: MAX_URL_CHARS } }, true);
  const q = url.indexOf('?');
  const query = q >= 0 ? url.slice(q) : '';
  let path: string;
  try {
    path = decodeURIComponent(q >= 0 ? url.slice(0, q) : url);
  } catch {
    return writeRefusal(req, res, { status: 400, key: 'http.badPath', params: {} }, true);
  }
  const join = JOIN_ROUTE.exec(path);
  const code = join ? normalizeJoinCode(join[2]!) : null;
  if (join && code && code !== join[2]) req.url = `/matchmake/${join[1]}/${code}${query}`;

  // Colyseus' own refusals (after the checks below) become the API's refusals.
  const go = path.startsWith('/matchmake/') ? () => {
    translateMatchmakeRefusals(req, res);
    pass();
  } : pass;

  const method = req.method ?? 'GET';
  const policy = bodyPolicyOf(method, path);
  const declared = req.headers['content-length'] !== undefined ? Number(req.headers['content-length']) : null;
  const chunked = req.headers['transfer-encoding'] !== undefined;
  const route = policy ? `${policy.method} ${policy.route}` : `${method} ${clip(path, 40)}`;
  const max = policy?.maxBytes ?? 0;
  if (chunked && declared === null && policy) return writeRefusal(req, res, { status: 411, key: 'http.lengthRequired', params: { route, max } }, true);
  if ((declared ?? 0) > max || (chunked && !policy)) {
    const shownMax = policy?.tooLargeKey ? policy.maxBytes : max;
    return writeRefusal(req, res, { status: 413, key: policy?.tooLargeKey ?? 'http.tooLarge', params: { bytes: declared ?? 0, max: shownMax, route } }, true);
  }
  if (policy?.body === 'json' && (declared ?? 0) > 0) return readJson(req, res, policy, go);
  go();
}

/** Reads a JSON body (at most its declared length, which the route allows), parses and checks it. */
function readJson(req: http.IncomingMessage, res: http.ServerResponse, policy: HttpBodyPolicy, pass: () => void): void {
  const chunks: Buffer[] = [];
  req.on('data', (c: Buffer) => chunks.push(c));
  req.on('error', () => res.destroy());
  req.on('end', () => {
    let value: unknown;
    try {
      value = JSON.parse(Buffer.concat(chunks).toString('utf8'));
    } catch {
      return writeRefusal(req, res, { status: 400, key: 'http.badJson', params: {} });
    }
    const problem = checkStructure(value, policy.limits);
    if (problem) return writeRefusal(req, res, { status: 400, key: 'http.tooComplex', params: { detail: describeStructureProblem(localeOf(req), problem) } });
    (req as http.IncomingMessage & { body?: unknown }).body = value;
    pass();
  });
}

/** Colyseus' matchmaking error codes (HTTP statuses 520–526) as refusals. */
const MATCHMAKE_CODES: Record<number, { status: number; key: string }> = {
  520: { status: 404, key: 'matchmake.unknown' },
  521: { status: 400, key: 'matchmake.badCriteria' },
  522: { status: 404, key: 'matchmake.roomNotFound' },
  523: { status: 409, key: 'matchmake.unavailable' },
  524: { status: 410, key: 'matchmake.expired' },
  525: { status: 403, key: 'matchmake.refused' },
};

/**
 * Colyseus answers a refused matchmaking request with `{ code, error }` and an HTTP status of 520–526.
 * This rewrites such an answer, as it is written, into the API's refusal: a 4xx status, `{ error,
 * message, params: { code } }`, the message in the request's locale (a room's own refusal, e.g.
 * "invalid options: …", is already in the joining client's locale and is kept). A 526 (an
 * unexpected exception in a room) becomes `http.internal` (500); Colyseus has logged it.
 */
function translateMatchmakeRefusals(req: http.IncomingMessage, res: http.ServerResponse): void {
  const writeHead = res.writeHead.bind(res) as (status: number, ...rest: unknown[]) => http.ServerResponse;
  const write = res.write.bind(res) as (chunk: unknown, ...rest: unknown[]) => boolean;
  const end = res.end.bind(res) as (...args: unknown[]) => http.ServerResponse;
  let refused = 0;
  const chunks: Buffer[] = [];
  const keep = (chunk: unknown): void => {
    if (typeof chunk === 'string' || chunk instanceof Uint8Array) chunks.push(Buffer.from(chunk));
  };
  (res as { writeHead: unknown }).writeHead = (status: number, ...rest: unknown[]) => {
    if (status < 400) return writeHead(status, ...rest);
    refused = status;
    return res;
  };
  (res as { write: unknown }).write = (chunk: unknown, ...rest: unknown[]) => {
    if (!refused) return write(chunk, ...rest);
    keep(chunk);
    return true;
  };
  (res as { end: unknown }).end = (...args: unknown[]) => {
    if (!refused) return end(...args);
    if (typeof args[0] !== 'function') keep(args[0]);
    let said = '';
    try {
      said = String((JSON.parse(Buffer.concat(chunks).toString('utf8')) as { error?: unknown }).error ?? '');
    } catch {
      // not JSON: the status decides
    }
    const known = MATCHMAKE_CODES[refused];
    const r: HttpRefusal = known ? { status: known.status, key: known.key, params: { code: refused } }
      : refused >= 500 ? { status: 500, key: 'http.internal', params: {} }
        : { status: refused, key: 'matchmake.refused', params: { code: refused } };
    const message = !known && refused < 500 && said ? clip(said, 400) : t(localeOf(req), r.key, r.params);
    const body = JSON.stringify({ error: r.key, message, params: r.params });
    res.removeHeader('content-length');
    res.removeHeader('transfer-encoding');
    writeHead(r.status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(body) });
    return end(body);
  };
}

/** What an error thrown by a handler (or a body parser) answers. */
export function refusalOfError(err: unknown, req: http.IncomingMessage): HttpRefusal {
  const e = (err ?? {}) as { type?: string; status?: number; statusCode?: number; limit?: number; length?: number };
  const route = `${req.method ?? 'GET'} ${clip((req.url ?? '/').split('?')[0]!, 40)}`;
  if (e.type === 'entity.too.large') return { status: 413, key: 'http.tooLarge', params: { bytes: e.length ?? 0, max: e.limit ?? 0, route } };
  if (e.type === 'entity.parse.failed') return { status: 400, key: 'http.badJson', params: {} };
  if (e.type === 'encoding.unsupported' || e.type === 'charset.unsupported') return { status: 415, key: 'http.badEncoding', params: {} };
  if (err instanceof URIError) return { status: 400, key: 'http.badPath', params: {} };
  const status = e.status ?? e.statusCode ?? 500;
  if (status >= 400 && status < 500) return { status, key: 'http.badRequest', params: {} };
  return { status: 500, key: 'http.internal', params: {} };
}

/** The last Express error handler: a JSON refusal, never a stack; internal errors are logged (rate-limited). */
export function httpErrorBoundary(): express.ErrorRequestHandler {
  return (err: unknown, req, res, _next) => {
    const r = refusalOfError(err, req);
    const who = `http ${req.socket.remoteAddress ?? '?'}`;
    if (r.status >= 500) serverLog.internal(who, `${req.method} ${clip(req.path, 60)} failed`, err);
    else serverLog.badInput(who, `${req.method} ${clip(req.path, 60)}: ${r.key}`);
    writeRefusal(req, res, r);
  };
}
