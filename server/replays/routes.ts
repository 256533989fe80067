/**
 * HTTP routes of the replay library (issue 7). Tokens travel only in POST bodies (never in URLs,
 * so never in access logs); ids are join codes.
 *   GET  /api/replays?scenario=&company=&from=&to=   public finished games
 *   POST /api/replays/mine    { tokens, filter }       games my seat/host tokens belong to
 *   POST /api/replays/class   { hostToken, ids, filter } a class's games for its host
 *   POST /api/replays/import  (the file as the body; x-replay-public: 1, x-replay-title)
 *   GET  /api/replays/:id                              the replay document
 *   GET  /api/replays/:id/download                     the file (finished games)
 *   (private games: only with one of the game's tokens in the x-capex-tokens header, comma-separated)
 *   POST /api/replays/:id/delete       { tokens }
 *   POST /api/replays/:id/annotations  { token, quarter, text, author }
 *   POST /api/replays/:id/fork         { quarter, mode: live|solo, company?, name?, tokens? }
 */
import { gzipSync } from 'node:zlib';
import express from 'express';
import { TICKERS, t, type Ticker } from '../../shared/index.js';
import { bodyPolicyOf, checkStructure, describeStructureProblem } from '../../shared/protocol/index.js';
import type { ServerContext } from '../game/registry.js';
import { localeOf, writeRefusal } from '../http-guard.js';
import { normalizeJoinCode } from '../game/tokens.js';
import {
  annotate, deleteReplay, forkReplay, getReplay, importFile, listClassGames, listMine, listPublic, tokensOf, type LibraryFilter, type ReplayRefusal,
} from './service.js';

function sendRefusal(req: express.Request, res: express.Response, r: ReplayRefusal): void {
  res.status(r.status).json({
    error: r.key, params: r.params, message: t(localeOf(req), r.key, r.params),
    ...(r.quarter !== undefined ? { quarter: r.quarter } : {}),
  });
}

function filterOf(src: Record<string, unknown> | undefined): LibraryFilter {
  const s = src ?? {};
  const str = (v: unknown): string | undefined => (typeof v === 'string' && v.length > 0 && v.length <= 64 ? v : undefined);
  const company = str(s['company'])?.toUpperCase();
  return {
    scenarioId: str(s['scenario']) ?? str(s['scenarioId']),
    company: company && (TICKERS as readonly string[]).includes(company) ? (company as Ticker) : undefined,
    from: str(s['from']) ?? (typeof s['from'] === 'number' ? s['from'] : undefined),
    to: str(s['to']) ?? (typeof s['to'] === 'number' ? s['to'] : undefined),
  };
}

type Handler = (req: express.Request, res: express.Response) => Promise<void>;
const wrap = (fn: Handler): express.RequestHandler => (req, res, next) => {
  fn(req, res).catch(next);
};

/** Sends JSON, gzipped when the client accepts it (a running game's public views repeat a lot). */
function sendJson(req: express.Request, res: express.Response, value: unknown, status = 200): void {
  const text = JSON.stringify(value);
  res.status(status).type('application/json').setHeader('vary', 'accept-encoding');
  if (text.length > 8192 && /\bgzip\b/.test(String(req.headers['accept-encoding'] ?? ''))) {
    res.setHeader('content-encoding', 'gzip');
    res.send(gzipSync(text, { level: 6 }));
  } else res.send(text);
}

/** Tokens sent in the x-capex-tokens header (GET requests of private games). */
const headerTokens = (req: express.Request): string[] => tokensOf(String(req.headers['x-capex-tokens'] ?? '').split(',').map((x) => x.trim()));

/** The id in the path, or a 404. */
function idOf(req: express.Request, res: express.Response): string | null {
  const id = normalizeJoinCode(String(req.params['id'] ?? ''));
  if (!id) res.status(404).json({ error: 'replay.notFound', message: t(localeOf(req), 'replay.notFound', {}) });
  return id;
}

/** A header's %-decoded text (null: absent; undefined: not valid %-encoding). */
function decodedHeader(req: express.Request, name: string): string | null | undefined {
  const raw = req.headers[name];
  if (typeof raw !== 'string') return null;
  try {
    return decodeURIComponent(raw);
  } catch {
    return undefined;
  }
}

/**
 * Mounts the library routes (before the /api 404 fallback). JSON bodies arrive parsed and
 * checked by the front door (server/http-guard.ts); the import route reads its file as text.
 */
export function mountReplayRoutes(app: express.Application, ctx: ServerContext): void {
  const importPolicy = bodyPolicyOf('POST', '/api/replays/import')!;
  const text = express.text({ type: () => true, limit: importPolicy.maxBytes });

  app.get('/api/replays', wrap(async (req, res) => {
    res.json({ games: await listPublic(ctx, filterOf(req.query as Record<string, unknown>)) });
  }));
  app.post('/api/replays/mine', wrap(async (req, res) => {
    const body = (req.body ?? {}) as Record<string, unknown>;
    res.json({ games: await listMine(ctx, tokensOf(body['tokens']), filterOf(body['filter'] as Record<string, unknown> | undefined)) });
  }));
  app.post('/api/replays/class', wrap(async (req, res) => {
    const body = (req.body ?? {}) as Record<string, unknown>;
    const [hostToken] = tokensOf([body['hostToken']]);
    const ids = Array.isArray(body['ids']) ? body['ids'].map((x) => normalizeJoinCode(String(x))).filter((x): x is string => x !== null) : [];
    if (!hostToken) return void res.status(400).json({ error: 'replay.notAuthor', message: t(localeOf(req), 'replay.notAuthor', {}) });
    res.json({ games: await listClassGames(ctx, ids, hostToken, filterOf(body['filter'] as Record<string, unknown> | undefined)) });
  }));
  app.post('/api/replays/import', text, wrap(async (req, res) => {
    const body = typeof req.body === 'string' ? req.body : '';
    const title = decodedHeader(req, 'x-replay-title');
    if (title === undefined) return writeRefusal(req, res, { status: 400, key: 'http.badHeader', params: { header: 'x-replay-title' } });
    // Structure first (depth, sizes): the engine then reads a value no walk of it can overflow.
    let doc: unknown = body;
    try {
      doc = JSON.parse(body);
    } catch {
      // not JSON: importFile answers replay.notJson
    }
    const problem = doc === body ? null : checkStructure(doc, importPolicy.limits);
    if (problem) return writeRefusal(req, res, { status: 400, key: 'http.tooComplex', params: { detail: describeStructureProblem(localeOf(req), problem) } });
    const r = await importFile(ctx, doc, { isPublic: req.headers['x-replay-public'] === '1', title: title?.slice(0, 120) ?? null }, Date.now());
    if (!r.ok) return sendRefusal(req, res, r);
    res.status(201).json(r.value);
  }));
  app.get('/api/replays/:id', wrap(async (req, res) => {
    const id = idOf(req, res);
    if (!id) return;
    const r = await getReplay(ctx, id, headerTokens(req));
    if (!r.ok) return sendRefusal(req, res, r);
    sendJson(req, res, r.value);
  }));
  app.get('/api/replays/:id/download', wrap(async (req, res) => {
    const id = idOf(req, res);
    if (!id) return;
    const r = await getReplay(ctx, id, headerTokens(req));
    if (!r.ok) return sendRefusal(req, res, r);
    if (!r.value.verifiable) return sendRefusal(req, res, { ok: false, status: 409, key: 'replay.stillPlaying', params: {} });
    res.setHeader('content-disposition', `attachment; filename="capex-race-${id}.json"`);
    res.type('application/json').send(JSON.stringify(r.value.file));
  }));
  app.post('/api/replays/:id/delete', wrap(async (req, res) => {
    const id = idOf(req, res);
    if (!id) return;
    const r = await deleteReplay(ctx, id, tokensOf(((req.body ?? {}) as Record<string, unknown>)['tokens']));
    if (!r.ok) return sendRefusal(req, res, r);
    res.json({ ok: true });
  }));
  app.post('/api/replays/:id/annotations', wrap(async (req, res) => {
    const id = idOf(req, res);
    if (!id) return;
    const body = (req.body ?? {}) as Record<string, unknown>;
    const [token] = tokensOf([body['token']]);
    const r = await annotate(ctx, id, token ?? '', body, Date.now());
    if (!r.ok) return sendRefusal(req, res, r);
    res.status(201).json({ annotations: r.value });
  }));
  app.post('/api/replays/:id/fork', wrap(async (req, res) => {
    const id = idOf(req, res);
    if (!id) return;
    const r = await forkReplay(ctx, id, (req.body ?? {}) as Record<string, unknown>, Date.now());
    if (!r.ok) return sendRefusal(req, res, r);
    res.status(201).json(r.value);
  }));
}
