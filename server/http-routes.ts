/**
 * HTTP on the game's port: a small JSON API (health, scenarios, open public games, one game's
 * public summary), the built client from dist/ with an SPA fallback, and a minimal page when
 * the client is not built.
 */
import fs from 'node:fs';
import path from 'node:path';
import type express from 'express';
import { matchMaker } from '@colyseus/core';
import { ENGINE_VERSION, getScenario, replayGame, scenarioIds, t, type HistoryPoint } from '../shared/index.js';
import { PROTOCOL_VERSION, ROOM_NAME } from '../shared/protocol/index.js';
import { pointOfState, type GameSummary } from './game/controller.js';
import type { ServerContext } from './game/registry.js';
import { normalizeJoinCode } from './game/tokens.js';
import { httpErrorBoundary, writeRefusal } from './http-guard.js';
import type { LoadedGame } from './store/game-store.js';
import { mountReplayRoutes } from './replays/routes.js';
import { staticClient } from './static.js';

/** Most games listed by /api/games. */
export const GAME_LIST_LIMIT = 50;

const FALLBACK_PAGE = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Capex Race</title></head>
<body><h1>Capex Race server</h1><p>The browser client is not built: run <code>npm run build</code>, then reload.</p>
<p>API: <a href="/api/health">/api/health</a>, <a href="/api/scenarios">/api/scenarios</a>, <a href="/api/games">/api/games</a>.</p></body></html>`;

/** The scenarios with their companies and regions (names in English; clients translate by id). */
export function scenarioList(): unknown[] {
  return scenarioIds().map((id) => {
    const sc = getScenario(id);
    return {
      id, title: t('en', sc.titleKey), titleKey: sc.titleKey, defaultQuarters: sc.defaultQuarters, minQuarters: sc.minQuarters, maxQuarters: sc.maxQuarters,
      companies: sc.companies.map((c) => ({ ticker: c.ticker, name: c.name })),
      regions: sc.regions.map((r) => ({ id: r.id, name: t('en', `region.${r.id}`), lonX100: r.lonX100, latX100: r.latX100 })),
    };
  });
}

/** The public summary of a stored game that is not live (finished, or not restorable). */
export function summaryOfStored(l: LoadedGame): GameSummary {
  const g = l.game;
  return {
    gameId: g.id, joinCode: g.id, scenarioId: g.header.scenarioId, status: g.status, quarter: g.quarter, quarterCount: g.header.quarterCount,
    deadlineSec: g.options.deadlineSec, deadlineAt: g.deadlineAt, timeoutPolicy: g.options.timeoutPolicy, botDifficulty: g.options.botDifficulty ?? 'normal',
    public: g.isPublic, createdAt: g.createdAt,
    hash: l.quarters.at(-1)?.hash ?? null,
    seats: l.seats.map((s) => ({ company: s.company, name: s.name, kind: s.kind, connected: false, autopilot: false, ready: false })),
  };
}

async function summaryOf(ctx: ServerContext, id: string): Promise<GameSummary | null> {
  const live = ctx.live.get(id);
  if (live) return live.summary();
  const stored = await ctx.store.load(id);
  return stored ? summaryOfStored(stored) : null;
}

/**
 * Whether a process serves the game now (a rejoin can succeed): live here, or listed in the room
 * listing by a process still connected to the presence (its process channel). A killed process's
 * listing stays behind until a process adopts the game (the listing then names the adopter); a
 * stopped one removes its listings. False while the game waits to be adopted — the client keeps its
 * seat token and asks again (client/net/rejoin.ts).
 */
async function isServed(ctx: ServerContext, id: string): Promise<boolean> {
  if (ctx.live.has(id)) return true;
  const listed = await matchMaker.driver.findOne({ roomId: id });
  if (!listed?.processId) return false;
  return (await matchMaker.presence.channels(`p:${listed.processId}`)).length > 0;
}

/** Finished games' chart histories, replayed once (they never change). */
const storedHistories = new Map<string, HistoryPoint[]>();
const STORED_HISTORIES_KEPT = 64;

/** A game's chart history: the live game's, or replayed from the store (null: no such game, or it does not replay). */
export async function historyOf(ctx: ServerContext, id: string): Promise<readonly HistoryPoint[] | null> {
  const live = ctx.live.get(id);
  if (live) return live.historyPoints();
  const cached = storedHistories.get(id);
  if (cached) return cached;
  const stored = await ctx.store.load(id);
  if (!stored) return null;
  const replay = replayGame({ header: stored.game.header, quarters: stored.quarters }, true);
  if (!replay.ok) return null;
  const points = replay.states.map(pointOfState);
  if (stored.game.status === 'finished') {
    if (storedHistories.size >= STORED_HISTORIES_KEPT) storedHistories.delete(storedHistories.keys().next().value as string);
    storedHistories.set(id, points);
  }
  return points;
}

/** Mounts the API, the static client and the SPA fallback. */
export function mountRoutes(app: express.Application, ctx: ServerContext, distDir: string): void {
  app.get('/api/health', (_req, res) => {
    res.json({ ok: true, protocolVersion: PROTOCOL_VERSION, engineVersion: ENGINE_VERSION, roomName: ROOM_NAME, liveGames: ctx.live.size });
  });
  app.get('/api/scenarios', (_req, res) => {
    res.json({ scenarios: scenarioList() });
  });
  app.get('/api/games', async (_req, res, next) => {
    try {
      const ids = await ctx.store.publicOpenIds(GAME_LIST_LIMIT);
      const games = [];
      for (const id of ids) {
        const s = await summaryOf(ctx, id);
        if (s) games.push({ ...s, openSeats: s.seats.filter((x) => x.kind === 'bot').length });
      }
      res.json({ games });
    } catch (e) {
      next(e);
    }
  });
  app.get('/api/games/:code', async (req, res, next) => {
    try {
      const code = normalizeJoinCode(String(req.params['code']));
      const s = code ? await summaryOf(ctx, code) : null;
      if (!s) writeRefusal(req, res, { status: 404, key: 'game.notFound', params: {} });
      else res.json({ ...s, served: await isServed(ctx, s.gameId) });
    } catch (e) {
      next(e);
    }
  });
  app.get('/api/games/:code/history', async (req, res, next) => {
    try {
      const code = normalizeJoinCode(String(req.params['code']));
      const points = code ? await historyOf(ctx, code) : null;
      if (!points) res.status(404).json({ error: 'game.notFound', message: 'no game with this code' });
      else res.json({ gameId: code, points });
    } catch (e) {
      next(e);
    }
  });
  mountReplayRoutes(app, ctx);
  app.use('/api', (req, res) => {
    writeRefusal(req, res, { status: 404, key: 'http.notFound', params: { method: req.method, path: `/api${req.path}`.slice(0, 60) } });
  });
  const client = staticClient(distDir);
  app.use(client);
  // Client routes (/g/CODE, /replay/…, /class/…): the app's page, revalidated on every visit.
  app.get('/{*splat}', (req, res, next) => {
    if (!fs.existsSync(path.join(distDir, 'index.html'))) {
      res.type('html').send(FALLBACK_PAGE);
      return;
    }
    req.url = '/index.html';
    client(req, res, next);
  });
  app.use(httpErrorBoundary());
}
