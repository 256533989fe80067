/**
 * Classroom HTTP routes: a public look-up of a class by join code (for the join page) and the
 * host's downloads (CSV, JSON) and debrief data. The host secret travels in the Authorization
 * header (`Bearer <secret>`), never in a URL, so it stays out of access logs and history.
 */
import { networkInterfaces } from 'node:os';
import type express from 'express';
import { normalizeJoinCode } from '../game/tokens.js';
import { localeOf, writeRefusal } from '../http-guard.js';
import { joinReach } from './reach.js';
import { classContext } from './registry.js';
import { classCsv, classJson, debriefOf, gradebookCsv, studentDebrief } from './export.js';
import type { ClassSession } from './session.js';

function bearer(req: express.Request): string | undefined {
  const h = req.get('authorization');
  const m = h ? /^Bearer\s+(\S{16,128})$/.exec(h) : null;
  return m?.[1];
}

function live(code: unknown): ClassSession | null {
  const c = normalizeJoinCode(String(code ?? ''));
  return c ? classContext().live.get(c) ?? null : null;
}

/** Mounts /api/classes/… (before the generic /api 404). */
export function mountClassRoutes(app: express.Application, reach: { publicAddress?: string | undefined; port: number } = { port: 2567 }): void {
  // Where students reach this server (the console's join link and QR code).
  app.get('/api/class-reach', (req, res) => {
    const proto = String(req.get('x-forwarded-proto') ?? req.protocol).split(',')[0]!.trim();
    res.set('Cache-Control', 'no-store');
    res.json(joinReach({ publicAddress: reach.publicAddress, hostHeader: req.get('host') ?? '', proto, port: reach.port, interfaces: networkInterfaces() }));
  });
  app.get('/api/classes/:code', (req, res) => {
    const s = live(req.params['code']);
    if (!s) return writeRefusal(req, res, { status: 404, key: 'class.error.notFound', params: {} });
    res.json({ code: s.id, status: s.status, title: s.options.title, games: s.options.games, students: s.roster().length });
  });
  // A handler's error goes to the error boundary (server/http-guard.ts): JSON, logged, no stack.
  const hostOnly = (handler: (s: ClassSession, res: express.Response) => void) => (req: express.Request, res: express.Response): void => {
    const s = live(req.params['code']);
    if (!s) return writeRefusal(req, res, { status: 404, key: 'class.error.notFound', params: {} });
    if (!s.isHost(bearer(req))) return writeRefusal(req, res, { status: 403, key: 'class.error.notHost', params: {} });
    res.set('Cache-Control', 'no-store');
    handler(s, res);
  };
  app.get('/api/classes/:code/export.csv', hostOnly((s, res) => {
    res.type('text/csv; charset=utf-8').attachment(`class-${s.id}.csv`).send(`\uFEFF${classCsv(s)}`);
  }));
  app.get('/api/classes/:code/gradebook.csv', hostOnly((s, res) => {
    res.type('text/csv; charset=utf-8').attachment(`gradebook-${s.id}.csv`).send(`\uFEFF${gradebookCsv(s, localeOf(res.req))}`);
  }));
  // A student's own debrief (their student token as the bearer): their team's decisions next to the outcome.
  app.get('/api/classes/:code/debrief/me', (req, res) => {
    const s = live(req.params['code']);
    if (!s) return writeRefusal(req, res, { status: 404, key: 'class.error.notFound', params: {} });
    const st = s.studentByToken(bearer(req));
    if (!st) return writeRefusal(req, res, { status: 403, key: 'class.error.badToken', params: {} });
    const data = studentDebrief(s, st.id, localeOf(req));
    if (!data) return writeRefusal(req, res, { status: 409, key: 'class.error.notOnTeam', params: {} });
    res.set('Cache-Control', 'no-store');
    res.json(data);
  });
  app.get('/api/classes/:code/export.json', hostOnly((s, res) => {
    res.attachment(`class-${s.id}.json`).json(classJson(s));
  }));
  app.get('/api/classes/:code/debrief', hostOnly((s, res) => {
    res.json({ code: s.id, scenarioId: s.options.scenarioId, showNames: s.options.showNames, games: debriefOf(s, true) });
  }));
}
