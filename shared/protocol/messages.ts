/**
 * The multiplayer protocol (issue 4): room name, message names and their zod schemas, in both
 * directions. docs/protocol.md is generated from this file (a test fails when they disagree).
 * Pure: no Node or DOM APIs; zod only.
 */
import { z } from 'zod';
import { TICKERS, type GameEvent, type Orders } from '../engine/types.js';
import type { PlayerView } from '../engine/view.js';
import { LOCALES } from '../i18n/index.js';
import { DIFFICULTIES } from '../bots/index.js';

/** Bump when a message or its payload changes incompatibly. */
export const PROTOCOL_VERSION = 1;
/** The Colyseus room name every game uses. */
export const ROOM_NAME = 'game';
/** Join codes: this many characters from JOIN_CODE_ALPHABET (no 0/O/1/I/L). */
export const JOIN_CODE_LENGTH = 6;
export const JOIN_CODE_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';

const ticker = z.enum(TICKERS);
const quarter = z.number().int().min(0).max(40);
const token = z.string().min(16).max(128);
/** Orders as the engine takes them (complete or partial); the engine validates them semantically. */
const ordersInput = z.record(z.string(), z.unknown()).describe('Orders or a partial OrdersDraft (shared/engine/types.ts)');
const isObject = (v: unknown): boolean => typeof v === 'object' && v !== null;
const orders = z.custom<Orders>(isObject).describe('Orders (shared/engine/types.ts), complete');
const playerView = z.custom<PlayerView>(isObject).describe('PlayerView (shared/engine/view.ts): only what this seat may know');
const gameEvent = z.custom<GameEvent>(isObject).describe('GameEvent (shared/engine/types.ts)');

/** Options of a new game (`game` in the create options). */
export const GameOptionsSchema = z.strictObject({
  scenarioId: z.string().min(1).max(64).default('capex-race-2026'),
  /** Number of quarters (the scenario's default when absent). */
  quarterCount: z.number().int().min(4).max(40).optional(),
  /** Companies in play (all the scenario's companies when absent). */
  companies: z.array(ticker).min(1).max(TICKERS.length).optional(),
  /** Seconds per quarter; null: no deadline (quarters resolve when everyone is ready). */
  deadlineSec: z.number().int().min(10).max(604_800).nullable().default(null),
  /** What a seat that is not ready at the deadline plays: bot orders, or its last orders repeated. */
  timeoutPolicy: z.enum(['bot', 'repeat']).default('bot'),
  public: z.boolean().default(true),
  botDifficulty: z.enum(DIFFICULTIES).default('normal'),
  /** Optional fixed seed (a classroom replaying a known game); random otherwise. Never sent to clients. */
  seed: z.string().min(1).max(64).optional(),
});
export type GameOptions = z.output<typeof GameOptionsSchema>;

/** Options of `client.create(ROOM_NAME, …)` and `client.joinById(gameId, …)`. */
export const JoinOptionsSchema = z.object({
  name: z.string().trim().min(1).max(24).default('Player'),
  locale: z.enum(LOCALES).default('en'),
  /** Claim this company (an open or bot-held seat). */
  company: ticker.optional(),
  /** Rejoin the seat this token was issued for (after a reload, a network change or a restart). */
  seatToken: token.optional(),
  /** Rejoin as the host of the game. */
  hostToken: token.optional(),
  /** Create only: the new game's options. */
  game: GameOptionsSchema.optional(),
});
export type JoinOptions = z.output<typeof JoinOptionsSchema>;

/** An optional `seat` in a payload must be the sender's own seat (`error.notYourSeat`). */
const seatClaim = ticker.optional();

/** Client → server messages (`room.send(name, payload)`). */
export const CLIENT_MESSAGES = {
  'orders:submit': z.strictObject({ quarter, orders: ordersInput, ready: z.boolean().optional(), seat: seatClaim }),
  'orders:withdraw': z.strictObject({ quarter, seat: seatClaim }),
  'orders:ready': z.strictObject({ quarter, ready: z.boolean(), seat: seatClaim }),
  'seat:claim': z.strictObject({ company: ticker, name: z.string().trim().min(1).max(24).optional() }),
  'game:start': z.strictObject({}),
  'game:sync': z.strictObject({}),
} as const;
export type ClientMessageName = keyof typeof CLIENT_MESSAGES;
export type ClientMessage<K extends ClientMessageName> = z.input<(typeof CLIENT_MESSAGES)[K]>;

/** What the client helpers should know about each client message (for docs/protocol.md). */
export const CLIENT_MESSAGE_NOTES: Record<ClientMessageName, string> = {
  'orders:submit': 'Submit or replace your orders for `quarter` (the current one); with `ready: true` you are also ready, in the same step (stored together: the client\'s "I\'m ready" with a draft the server does not hold yet). Validated by the engine; answered with `orders:state` or `error`.',
  'orders:withdraw': 'Withdraw your submitted orders (not allowed once ready). Answered with `orders:state`.',
  'orders:ready': 'Mark yourself ready (or not ready) for `quarter`. Ready with no orders plays the default orders. Answered with `orders:state`.',
  'seat:claim': 'Take an open or bot-held seat (a spectator joining the game, or a human taking over a bot). Answered with `welcome` + `view`.',
  'game:start': 'Host only: leave the lobby and start quarter 0 (and its deadline).',
  'game:sync': 'Ask for `welcome` + `view` (your view and pending orders) again, e.g. after missing messages.',
};

const problem = z.object({ key: z.string(), params: z.record(z.string(), z.union([z.string(), z.number()])), path: z.string(), message: z.string() });
const pending = z.object({ quarter, orders: orders.nullable(), ready: z.boolean() });

/** Server → client messages (`room.onMessage(name, cb)`). */
export const SERVER_MESSAGES = {
  welcome: z.object({
    protocolVersion: z.number().int(), gameId: z.string(), joinCode: z.string(), seat: ticker.nullable(),
    seatToken: token.optional().describe('only to the seat holder: keep it to rejoin'),
    host: z.boolean(), hostToken: token.optional().describe('only to the host'), locale: z.enum(LOCALES),
  }),
  view: z.object({ view: playerView, pending: pending.nullable() }),
  'orders:state': pending,
  'quarter:resolved': z.object({
    quarter, hash: z.string(), finished: z.boolean(),
    orders: z.record(z.string(), orders).describe('the orders every seat played (revealed now)'),
    view: playerView,
  }),
  digest: z.object({
    fromQuarter: quarter, toQuarter: quarter,
    quarters: z.array(z.object({ quarter, autopilot: z.boolean(), priceMoveBps: z.number().int(), headlines: z.array(gameEvent) })),
  }),
  error: z.object({
    code: z.string(), params: z.record(z.string(), z.union([z.string(), z.number()])), message: z.string(),
    type: z.string().optional().describe('the message type this answers'),
    problems: z.array(problem).optional().describe('order problems (error.ordersInvalid)'),
  }),
} as const;
export type ServerMessageName = keyof typeof SERVER_MESSAGES;
export type ServerMessage<K extends ServerMessageName> = z.output<(typeof SERVER_MESSAGES)[K]>;

/** What each server message means (for docs/protocol.md). */
export const SERVER_MESSAGE_NOTES: Record<ServerMessageName, string> = {
  welcome: 'After joining, reconnecting, claiming a seat or `game:sync`: who you are. Store `seatToken`/`hostToken` (e.g. localStorage).',
  view: 'Your player view (spectators: public view) and your pending orders; after `welcome` and on return.',
  'orders:state': 'Your pending orders and ready flag after each accepted `orders:*` message (stored before it is sent).',
  'quarter:resolved': 'A quarter resolved (stored before it is sent): every client gets its own view, the revealed orders and (in `view.events`) the events/headlines.',
  digest: '"While you were away": quarters resolved since you left, and whether autopilot played for you.',
  error: 'A readable error (message key + params + text in your locale); the connection stays open.',
};

/** Error codes (message keys; texts in shared/protocol/i18n.ts). */
export const ERROR_CODES = [
  'error.unknownMessage', 'error.badPayload', 'error.payloadTooLarge', 'error.payloadTooComplex', 'error.rateLimited', 'error.wrongQuarter',
  'error.notSeated', 'error.notYourSeat', 'error.ordersInvalid', 'error.ordersLocked', 'error.gameNotRunning',
  'error.notHost', 'error.seatTaken', 'error.seatUnknown', 'error.badSeatToken', 'error.badHostToken', 'error.badOptions', 'error.internal',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

/** Public room state (Colyseus schema; everyone, spectators included, sees it). */
export const PUBLIC_STATE_FIELDS = {
  gameId: 'string — the room id, equal to the join code',
  status: "string — 'lobby' | 'running' | 'finished'",
  quarter: 'int — the quarter being played (0-based; = quarterCount when finished)',
  quarterCount: 'int',
  deadlineAt: 'float64 — epoch ms when the quarter resolves anyway; 0 = no deadline',
  spectators: 'int — connected spectators',
  botDifficulty: "string — 'easy' | 'normal' | 'hard': the bots' level (the order desk's advisor plays at it too), and the table's level: every score is measured against the par that level's managements reach",
  seats: 'map company → { company, name, kind: human|bot, connected, ready, autopilot }',
} as const;
