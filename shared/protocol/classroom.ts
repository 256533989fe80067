/**
 * Classroom protocol (issue 6): class options, the class room's messages in both directions, and
 * the pure helpers both sides share (display-name sanitizing, CSV quoting). zod only; no Node/DOM.
 */
import { z } from 'zod';
import { REGION_IDS, TICKERS } from '../engine/types.js';
import { CARD_IDS } from '../engine/phases/events.js';
import { LOCALES } from '../i18n/index.js';

/** The Colyseus room name of a class (one room per class, id = the class join code). */
export const CLASS_ROOM_NAME = 'class';
/** Longest display name (characters, after sanitizing). */
export const CLASS_NAME_MAX = 20;
/** Longest broadcast / chat text. */
export const CLASS_TEXT_MAX = 280;
/** Most students a class accepts (observers included). */
export const CLASS_MAX_STUDENTS = 240;
/** A member counts as "editing" this long after their last draft change (ms). */
export const EDITING_WINDOW_MS = 8_000;

const ticker = z.enum(TICKERS);
const token = z.string().min(16).max(128);
const quarter = z.number().int().min(0).max(40);
const gameIndex = z.number().int().min(0).max(31);

/** The options a host picks for a class. */
export const ClassOptionsSchema = z.strictObject({
  scenarioId: z.string().min(1).max(64).default('capex-race-2026'),
  quarterCount: z.number().int().min(1).max(40).default(8),
  /** Parallel games (big classes split into several markets). */
  games: z.number().int().min(1).max(32).default(1),
  /** Companies (teams) per game. */
  teamsPerGame: z.number().int().min(2).max(TICKERS.length).default(4),
  studentsPerTeam: z.number().int().min(1).max(8).default(3),
  /** Seconds per quarter; null: no deadline. */
  deadlineSec: z.number().int().min(10).max(86_400).nullable().default(300),
  /** host: only the host advances; auto: a quarter resolves when every team is ready or at the deadline. */
  pacing: z.enum(['host', 'auto']).default('auto'),
  /** Bots play companies that have no students. */
  bots: z.boolean().default(true),
  chat: z.boolean().default(true),
  /** Names on the projector and the student leaderboard (false: team names only). */
  showNames: z.boolean().default(true),
  title: z.string().trim().max(60).default(''),
});
export type ClassOptions = z.output<typeof ClassOptionsSchema>;

/** Options of `client.create('class', …)` / `client.joinById(code, …)`. */
export const ClassJoinSchema = z.object({
  locale: z.enum(LOCALES).default('en'),
  /** Create only. */
  options: ClassOptionsSchema.optional(),
  /** A student's display name (first join). */
  name: z.string().max(200).optional(),
  /** A student back (reload, another tab): the token from `class:welcome`. */
  studentToken: token.optional(),
  /** The host (console or projector). */
  hostToken: token.optional(),
  /** The host's screen: console (default) or projector. */
  view: z.enum(['console', 'projector']).default('console'),
});
export type ClassJoin = z.output<typeof ClassJoinSchema>;

const target = z.number().int().min(0).max(31).nullable().default(null).describe('game index, or null for every game');
const text = z.string().trim().min(1).max(CLASS_TEXT_MAX);
const draft = z.record(z.string(), z.unknown());

/** Client → server messages of the class room. */
export const CLASS_CLIENT_MESSAGES = {
  'class:sync': z.strictObject({}),
  'team:draft': z.strictObject({ quarter, draft }),
  'team:submit': z.strictObject({ quarter, orders: draft }),
  'team:unready': z.strictObject({ quarter }),
  'chat:send': z.strictObject({ text }),
  'host:start': z.strictObject({}),
  'host:pause': z.strictObject({ paused: z.boolean() }),
  'host:extend': z.strictObject({ game: target, seconds: z.number().int().min(10).max(3_600) }),
  'host:resolve': z.strictObject({ game: target, quarter: quarter.describe('the quarter (0-based) the host saw and confirmed: a game already past it is not resolved again') }),
  'host:bot': z.strictObject({ game: gameIndex, company: ticker, bot: z.boolean() }),
  'host:move': z.strictObject({ student: z.string().min(1).max(32), game: gameIndex, company: ticker.nullable() }),
  'host:remove': z.strictObject({ student: z.string().min(1).max(32) }),
  'host:broadcast': z.strictObject({ text }),
  'host:shock': z.strictObject({ game: target, card: z.enum(CARD_IDS), region: z.enum(REGION_IDS).nullable().default(null) }),
  'host:end': z.strictObject({}),
} as const;
export type ClassClientMessageName = keyof typeof CLASS_CLIENT_MESSAGES;
export type ClassClientMessage<K extends ClassClientMessageName> = z.input<(typeof CLASS_CLIENT_MESSAGES)[K]>;

/** Host-only messages (students and strangers get `class.error.notHost`). */
export const HOST_MESSAGES: readonly ClassClientMessageName[] = Object.keys(CLASS_CLIENT_MESSAGES).filter((k) => k.startsWith('host:')) as ClassClientMessageName[];

/** One team member as the class sees them. */
export interface ClassMember {
  id: string;
  name: string;
  connected: boolean;
  /** Epoch ms of the member's last draft change (0: never). */
  editedAt: number;
}

/** One team (a company of one game). */
export interface ClassTeam {
  game: number;
  company: string;
  kind: 'human' | 'bot';
  members: ClassMember[];
  hasDraft: boolean;
  submitted: boolean;
  ready: boolean;
  autopilot: boolean;
}

/** One game of the class. */
export interface ClassGame {
  index: number;
  gameId: string | null;
  status: 'lobby' | 'running' | 'finished';
  quarter: number;
  quarterCount: number;
  deadlineAt: number | null;
  /** While paused: the time that was left (ms). */
  pausedLeftMs: number | null;
  teams: ClassTeam[];
  /** Host only: shocks injected for the quarter being played (hidden from students). */
  shocks?: { card: string; region: string | null }[];
}

/** A leaderboard row (names hidden when the class hides names). */
export interface ClassRank {
  game: number;
  company: string;
  /** Return to the closing value, with cash returned (bps). */
  tsrBps: number;
  /** Final score: the return against the company's par, in swings (10,000 = one swing above par). */
  scoreBps: number;
  members: string[];
}

/** The class as one recipient may see it (`class:state`). */
export interface ClassSnapshot {
  code: string;
  role: 'host' | 'projector' | 'student' | 'observer';
  status: 'lobby' | 'running' | 'finished';
  paused: boolean;
  options: ClassOptions;
  games: ClassGame[];
  /** Students not on a team. */
  observers: ClassMember[];
  leaderboard: ClassRank[];
  broadcast: { text: string; at: number } | null;
  /** Student only: who they are. */
  me?: { id: string; name: string; game: number | null; company: string | null };
  now: number;
}

/** Server → client messages of the class room. */
export const CLASS_SERVER_MESSAGES = [
  'class:welcome', 'class:state', 'class:view', 'team:draft', 'class:broadcast', 'class:chat', 'class:resolved', 'class:error', 'class:removed', 'class:shocked', 'orders:state',
] as const;

/** `class:welcome`: who you are (keep the token). */
export interface ClassWelcome {
  code: string;
  role: ClassSnapshot['role'];
  studentId?: string;
  studentToken?: string;
  hostToken?: string;
  name?: string;
}

/** `team:draft`: the team's shared draft after a member changed it. */
export interface TeamDraft {
  quarter: number;
  draft: Record<string, unknown> | null;
  by: string | null;
  version: number;
}

/** Error codes of the class room (message keys in shared/i18n). */
export const CLASS_ERROR_CODES = [
  'class.error.notHost', 'class.error.badToken', 'class.error.badPayload', 'class.error.notOnTeam', 'class.error.notRunning',
  'class.error.full', 'class.error.badName', 'class.error.unknownStudent', 'class.error.badTarget', 'class.error.chatOff',
  'class.error.rateLimited', 'class.error.refused', 'class.error.notFound', 'class.error.alreadyResolved', 'class.error.ended',
] as const;
export type ClassErrorCode = (typeof CLASS_ERROR_CODES)[number];

/**
 * A display name made safe: control and formatting characters removed, whitespace collapsed,
 * trimmed, at most CLASS_NAME_MAX characters (code points). Empty when nothing printable is left.
 */
export function sanitizeName(raw: string): string {
  let out = '';
  let n = 0;
  for (const ch of raw.normalize('NFC').replace(/[\p{Cc}\p{Cf}\p{Zl}\p{Zp}<>]/gu, '').replace(/\s+/gu, ' ').trim()) {
    if (n >= CLASS_NAME_MAX) break;
    out += ch;
    n += 1;
  }
  return out.trim();
}

/** A name unique within `taken` (case-insensitive): "Ann", "Ann 2", "Ann 3"… */
export function uniqueName(name: string, taken: Iterable<string>): string {
  const lower = new Set([...taken].map((x) => x.toLowerCase()));
  if (!lower.has(name.toLowerCase())) return name;
  for (let i = 2; ; i += 1) {
    const suffix = ` ${i}`;
    const base = [...name].slice(0, CLASS_NAME_MAX - suffix.length).join('').trimEnd();
    const c = `${base}${suffix}`;
    if (!lower.has(c.toLowerCase())) return c;
  }
}

/** One CSV field (RFC 4180 quoting; a leading = + - @ is prefixed with ' against formula injection). */
export function csvField(v: string | number | boolean | null | undefined): string {
  if (v === null || v === undefined) return '';
  let s = String(v);
  if (typeof v === 'string' && /^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** A CSV document from rows (CRLF line ends). */
export function toCsv(rows: readonly (readonly (string | number | boolean | null | undefined)[])[]): string {
  return rows.map((r) => r.map(csvField).join(',')).join('\r\n') + '\r\n';
}
