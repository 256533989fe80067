/**
 * Classroom protocol (issue 6): class options, the class room's messages in both directions, and
 * the pure helpers both sides share (display-name sanitizing, CSV quoting). zod only; no Node/DOM.
 */
import { z } from 'zod';
import { REGION_IDS, TICKERS, type Level } from '../engine/types.js';
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
/** Longest roster text a host may paste (characters). */
export const ROSTER_TEXT_MAX = 20_000;
/** Longest reflection answer (characters). */
export const REFLECTION_MAX = 2_000;
/** A member counts as "editing" this long after their last draft change (ms). */
/** The level of a class's bots, and so of its tables' par (the console's seat notes are measured at it). */
export const CLASS_BOT_LEVEL = 'normal' satisfies Level;
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
  /** Reflection questions students answer after the debrief (none: the three default questions). */
  reflections: z.array(z.string().trim().min(1).max(200)).max(5).default([]),
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
  'host:unshock': z.strictObject({ game: target }),
  'host:lock': z.strictObject({ locked: z.boolean() }),
  'host:roster': z.strictObject({ text: z.string().max(ROSTER_TEXT_MAX), random: z.boolean().default(false) }),
  'host:restart': z.strictObject({}),
  'host:cohost': z.strictObject({}),
  'host:undo': z.strictObject({}).describe('undo the last host action where that is safe (server/classroom/session.ts undo)'),
  'host:replay': z.strictObject({
    game: gameIndex,
    quarter: quarter.nullable().describe('the replay frame the class follows: 0 = the start, n = after n quarters; null stops showing the replay'),
  }),
  'student:reflect': z.strictObject({ answers: z.array(z.string().max(REFLECTION_MAX)).max(5) }),
} as const;
export type ClassClientMessageName = keyof typeof CLASS_CLIENT_MESSAGES;
export type ClassClientMessage<K extends ClassClientMessageName> = z.input<(typeof CLASS_CLIENT_MESSAGES)[K]>;

/** Host-only messages (students and strangers get `class.error.notHost`). */
export const HOST_MESSAGES: readonly ClassClientMessageName[] = Object.keys(CLASS_CLIENT_MESSAGES).filter((k) => k.startsWith('host:')) as ClassClientMessageName[];
/** Host messages a co-host (TA link) may not send: removing students, making further co-host links, ending the class. */
export const HOST_ONLY_MESSAGES: readonly ClassClientMessageName[] = ['host:remove', 'host:cohost', 'host:end'];

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
  /** Return to the closing value per share (bps). */
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
  /** Join lock: only roster names may join. */
  locked: boolean;
  /** Games played as practice before a restart. */
  practiceGames: number;
  /**
   * The finished game's replay the host is showing the class, at the frame they are on (0 = the
   * start, n = after n quarters; `last` = quarters played): the projector and students follow it.
   */
  replay: ClassReplayPosition | null;
  /** Host and co-host: the kind of the host's last action (`host:undo` undoes it if it is safe), null: none. */
  lastAction?: string | null;
  /** Host and co-host: whether this connection is the co-host (no remove, no end). */
  coHost?: boolean;
  /** Student only: their reflection answers so far (null: none yet). */
  reflection?: string[] | null;
  /** Student only: who they are. */
  me?: { id: string; name: string; game: number | null; company: string | null };
  now: number;
}

/** Where the host's replay of a class game stands (`ClassSnapshot.replay`). */
export interface ClassReplayPosition {
  game: number;
  gameId: string;
  quarter: number;
  last: number;
}

/** Server → client messages of the class room. */
export const CLASS_SERVER_MESSAGES = [
  'class:welcome', 'class:state', 'class:view', 'team:draft', 'class:broadcast', 'class:chat', 'class:resolved', 'class:error', 'class:removed', 'class:shocked', 'orders:state',
  'class:cohost', 'class:roster',
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
  'class.error.rateLimited', 'class.error.refused', 'class.error.notFound', 'class.error.alreadyResolved', 'class.error.ended', 'class.error.locked', 'class.error.roster', 'class.error.notYet', 'class.error.coHost', 'class.error.nothingToUndo',
  'class.error.replayNotOver', 'class.error.replayQuarter',
  'class.error.undoNothing', 'class.error.undoTooLate', 'class.error.undo.start', 'class.error.undo.resolve', 'class.error.undo.broadcast',
  'class.error.undo.remove', 'class.error.undo.roster', 'class.error.undo.restart', 'class.error.undo.end',
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

/** CSV text → rows (RFC 4180; roster imports, and checking downloads in tests and previews). */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  const s = text.replace(/^\uFEFF/, '');
  for (let i = 0; i < s.length; i += 1) {
    const ch = s[i]!;
    if (quoted) {
      if (ch === '"' && s[i + 1] === '"') { field += '"'; i += 1; } else if (ch === '"') quoted = false; else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') { row.push(field); field = ''; } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && s[i + 1] === '\n') i += 1;
      row.push(field); rows.push(row); row = []; field = '';
    } else field += ch;
  }
  if (field !== '' || row.length > 0) { row.push(field); rows.push(row); }
  return rows;
}

/** Most roster lines a host may paste at once. */
export const ROSTER_MAX = CLASS_MAX_STUDENTS;

/** One roster line: a name and, optionally, a team (1-based team number across games, or a company ticker of game 1). */
export interface RosterEntry {
  name: string;
  team: { game: number; company: string } | null;
}

/**
 * A pasted roster or a CSV file: one student a line, `name` or `name, team` (comma, tab or
 * semicolon). A team is a number (1 = game 1's first company, counting on through every game) or
 * a ticker (game 1), optionally `2/AMZN` for game 2. A first line `name,team` is a header and
 * skipped. Returns the entries or the first bad line (1-based) and why.
 */
export function parseRoster(text: string, companies: readonly string[], games: number): { ok: true; entries: RosterEntry[] } | { ok: false; line: number; reason: 'name' | 'team' | 'tooMany' } {
  const lines = text.replace(/^\uFEFF/, '').split(/\r\n|\n|\r/);
  const entries: RosterEntry[] = [];
  for (let i = 0; i < lines.length; i += 1) {
    const raw = lines[i]!.trim();
    if (!raw) continue;
    const cells = (raw.includes('\t') ? raw.split('\t') : raw.includes(';') && !raw.includes(',') ? raw.split(';') : parseCsv(raw)[0] ?? [raw]).map((c) => c.trim());
    if (i === 0 && /^(name|student|姓名|学生)$/i.test(cells[0] ?? '')) continue;
    const name = sanitizeName(cells[0] ?? '');
    if (!name) return { ok: false, line: i + 1, reason: 'name' };
    const teamCell = (cells[1] ?? '').trim().toUpperCase();
    let team: RosterEntry['team'] = null;
    if (teamCell) {
      const m = /^(?:(\d+)\s*\/\s*)?([A-Z]+)$/.exec(teamCell);
      if (/^\d+$/.test(teamCell)) {
        const k = Number(teamCell) - 1;
        if (k < 0 || k >= companies.length * games) return { ok: false, line: i + 1, reason: 'team' };
        team = { game: Math.floor(k / companies.length), company: companies[k % companies.length]! };
      } else if (m && companies.includes(m[2]!)) {
        const g = m[1] ? Number(m[1]) - 1 : 0;
        if (g < 0 || g >= games) return { ok: false, line: i + 1, reason: 'team' };
        team = { game: g, company: m[2]! };
      } else return { ok: false, line: i + 1, reason: 'team' };
    }
    entries.push({ name, team });
    if (entries.length > ROSTER_MAX) return { ok: false, line: i + 1, reason: 'tooMany' };
  }
  return { ok: true, entries };
}

/** The reflection questions students answer after the debrief (i18n keys) when the host wrote none. */
export const DEFAULT_REFLECTIONS = ['ui.class.reflect.q1', 'ui.class.reflect.q2', 'ui.class.reflect.q3'] as const;
