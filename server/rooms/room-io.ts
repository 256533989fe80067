/**
 * What a game room sends: errors in the client's locale, the welcome/view bundle, and parsing of
 * join options. Kept apart so GameRoom stays a thin mapping of sessions to the controller.
 */
import { ServerError, type Client } from '@colyseus/core';
import type { z } from 'zod';
import { checkNewGame, t, type Locale, type Problem, type Ticker } from '../../shared/index.js';
import {
  JoinOptionsSchema, MAX_LISTED_PROBLEMS, MESSAGE_LIMITS, PROTOCOL_VERSION, RATE_LIMIT, checkStructure, clip, describeStructureProblem, errorText, joinFew,
  type ErrorCode, type JoinOptions, type ServerMessage, type ServerMessageName,
} from '../../shared/protocol/index.js';
import type { GameController, Refusal } from '../game/controller.js';
import type { GateRefusal } from './message-gate.js';
import { sendFrame } from './message-frames.js';
import type { TokenBucket } from './rate-limit.js';

/** One connection's session: never trust a seat from a payload, only this. */
export interface Session {
  seat: Ticker | null;
  seatToken?: string | undefined;
  host: boolean;
  hostToken?: string | undefined;
  locale: Locale;
  bucket: TokenBucket;
  /** Counted by the controller as connected (false while a dropped connection may come back). */
  attached: boolean;
}

/** Sends a typed server message (views' shared parts packed once: server/rooms/message-frames.ts). */
export function sendTo<K extends ServerMessageName>(client: Client, type: K, payload: ServerMessage<K>): void {
  sendFrame(client, type, payload);
}

/** Params with every text cut short (a refusal never echoes a long value back). */
export function clipped(params: Readonly<Record<string, string | number>>, max?: number): Record<string, string | number> {
  const out: Record<string, string | number> = {};
  for (const [k, v] of Object.entries(params)) out[k] = typeof v === 'string' ? clip(v, max) : v;
  return out;
}

/**
 * Sends a readable error; the connection stays open. At most MAX_LISTED_PROBLEMS problems are
 * listed (`params.count` keeps the total) and echoed texts are cut, so a refusal stays small.
 */
export function sendError(client: Client, locale: Locale, code: ErrorCode, params: Record<string, string | number>, type?: string, problems?: Problem[]): void {
  const listed = problems?.slice(0, MAX_LISTED_PROBLEMS).map((p) => {
    const pp = clipped(p.params);
    return { key: p.key, params: pp, path: clip(p.path), message: t(locale, p.key, pp) };
  });
  const first = listed?.[0]?.message;
  const allParams = clipped(first !== undefined ? { ...params, first } : params, 400);
  sendTo(client, 'error', {
    code, params: allParams, message: errorText(locale, code, allParams),
    ...(type !== undefined ? { type: clip(type) } : {}), ...(listed ? { problems: listed } : {}),
  });
}

/** The error answering a frame the message gate refused (game and class rooms alike). */
export function gateRefusal(locale: Locale, type: string, r: GateRefusal): { code: ErrorCode; params: Record<string, string | number> } {
  if (r.kind === 'rateLimited') return { code: 'error.rateLimited', params: { perSecond: RATE_LIMIT.perSecond } };
  if (r.kind === 'tooLarge') return { code: 'error.payloadTooLarge', params: { bytes: r.bytes, max: r.max } };
  if (r.kind === 'tooComplex') return { code: 'error.payloadTooComplex', params: { detail: describeStructureProblem(locale, r.problem) } };
  return { code: 'error.badPayload', params: { type, detail: r.detail } };
}

/** Zod issues in a few words: at most three, then "(and N more)". */
export function zodDetail(locale: Locale, issues: readonly z.core.$ZodIssue[]): string {
  return joinFew(locale, issues.map((i) => `${clip(i.path.join('.'), 40) || '(payload)'}: ${i.message}`));
}

/** Sends a controller refusal as an error. */
export function sendRefusal(client: Client, locale: Locale, r: Refusal, type: string): void {
  sendError(client, locale, r.code, r.params, type, r.problems);
}

/** welcome + view (+ digest): after a join, a reconnect, a seat claim or game:sync. */
export function sendIntro(client: Client, s: Session, ctl: GameController, digest: ServerMessage<'digest'> | null = null): void {
  sendTo(client, 'welcome', {
    protocolVersion: PROTOCOL_VERSION, gameId: ctl.id, joinCode: ctl.id, seat: s.seat, host: s.host, locale: s.locale,
    ...(s.seatToken ? { seatToken: s.seatToken } : {}), ...(s.hostToken ? { hostToken: s.hostToken } : {}),
  });
  sendTo(client, 'view', { view: ctl.viewFor(s.seat), pending: ctl.pendingOf(s.seat) });
  if (digest) sendTo(client, 'digest', digest);
}

/** Parses join/create options (structure limits, then the schema), or throws a ServerError the joining client reads. */
export function parseJoinOptions(raw: unknown, creating: boolean): JoinOptions {
  const problem = checkStructure(raw, MESSAGE_LIMITS);
  if (problem) throw badOptions('en', describeStructureProblem('en', problem));
  const parsed = JoinOptionsSchema.safeParse(raw ?? {});
  if (!parsed.success) throw badOptions('en', zodDetail('en', parsed.error.issues));
  const o = parsed.data;
  if (creating) {
    if (!o.game) throw badOptions(o.locale, 'game options are required to create a game');
    const problems = checkNewGame({ scenarioId: o.game.scenarioId, seed: o.game.seed ?? 'x', quarterCount: o.game.quarterCount, seats: o.game.companies });
    if (problems.length > 0) throw badOptions(o.locale, joinFew(o.locale, problems));
    if (o.company && o.game.companies && !o.game.companies.includes(o.company)) throw badOptions(o.locale, `${o.company} is not in play`);
  }
  return o;
}

function badOptions(locale: Locale, detail: string): ServerError {
  return new ServerError(400, errorText(locale, 'error.badOptions', { detail: clip(detail, 400) }));
}

/** A ServerError for a refused join, in the client's locale. */
export function joinError(locale: Locale, code: ErrorCode, params: Record<string, string | number> = {}): ServerError {
  return new ServerError(403, errorText(locale, code, params));
}
