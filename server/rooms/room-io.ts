/**
 * What a game room sends: errors in the client's locale, the welcome/view bundle, and parsing of
 * join options. Kept apart so GameRoom stays a thin mapping of sessions to the controller.
 */
import { ServerError, type Client } from '@colyseus/core';
import { checkNewGame, t, type Locale, type Problem, type Ticker } from '../../shared/index.js';
import {
  JoinOptionsSchema, MAX_MESSAGE_BYTES, PROTOCOL_VERSION, errorText,
  type ErrorCode, type JoinOptions, type ServerMessage, type ServerMessageName,
} from '../../shared/protocol/index.js';
import type { GameController, Refusal } from '../game/controller.js';
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

/** Sends a typed server message. */
export function sendTo<K extends ServerMessageName>(client: Client, type: K, payload: ServerMessage<K>): void {
  client.send(type, payload);
}

/** Sends a readable error; the connection stays open. */
export function sendError(client: Client, locale: Locale, code: ErrorCode, params: Record<string, string | number>, type?: string, problems?: Problem[]): void {
  const translated = problems?.map((p) => ({ ...p, message: t(locale, p.key, p.params) }));
  const first = translated?.[0]?.message;
  const allParams = first !== undefined ? { ...params, first } : params;
  sendTo(client, 'error', {
    code, params: allParams, message: errorText(locale, code, allParams),
    ...(type !== undefined ? { type } : {}), ...(translated ? { problems: translated } : {}),
  });
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

/** Size of a decoded payload in bytes of JSON (what MAX_MESSAGE_BYTES limits). */
export function payloadBytes(payload: unknown): number {
  try {
    return new TextEncoder().encode(JSON.stringify(payload) ?? '').length;
  } catch {
    return MAX_MESSAGE_BYTES + 1;
  }
}

/** Parses join/create options, or throws a ServerError the joining client reads. */
export function parseJoinOptions(raw: unknown, creating: boolean): JoinOptions {
  const parsed = JoinOptionsSchema.safeParse(raw ?? {});
  const locale: Locale = parsed.success ? parsed.data.locale : 'en';
  const fail = (detail: string): never => {
    throw new ServerError(400, errorText(locale, 'error.badOptions', { detail }));
  };
  if (!parsed.success) return fail(parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '));
  const o = parsed.data;
  if (creating) {
    if (!o.game) return fail('game options are required to create a game');
    const problems = checkNewGame({ scenarioId: o.game.scenarioId, seed: o.game.seed ?? 'x', quarterCount: o.game.quarterCount, seats: o.game.companies });
    if (problems.length > 0) return fail(problems.join('; '));
    if (o.company && o.game.companies && !o.game.companies.includes(o.company)) fail(`${o.company} is not in play`);
  }
  return o;
}

/** A ServerError for a refused join, in the client's locale. */
export function joinError(locale: Locale, code: ErrorCode, params: Record<string, string | number> = {}): ServerError {
  return new ServerError(403, errorText(locale, code, params));
}
