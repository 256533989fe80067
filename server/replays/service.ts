/**
 * The replay library's logic, framework-free (routes.ts maps HTTP onto it; the classroom helper
 * can call `listClassGames` directly). Tokens arrive in request bodies/headers only and are
 * compared by hash; the seed and pending orders of a running game never leave the server.
 */
import { matchMaker } from '@colyseus/core';
import {
  compactReplayFile, defaultStrategyFor, finalStandings, getScenario, importReplay, MAX_REPLAY_BYTES, playerView, publicHeader, publicQuarters, replayGame,
  type ClassGameLabel, type PlayerView, type ReplayResultRow, type ReplayDoc, type ReplayFile, type ReplayHeader, type ReplayListItem, type ReplayProblem, type Ticker,
} from '../../shared/index.js';
import { GameOptionsSchema, ROOM_NAME } from '../../shared/protocol/index.js';
import { MAX_ANNOTATION_CHARS } from '../../shared/engine/replay-file.js';
import type { ServerContext } from '../game/registry.js';
import { hashToken, newJoinCode, newToken } from '../game/tokens.js';
import type { StoredSeat } from '../store/game-store.js';
import { ReplayStore, type LibraryQuery, type LibraryRow } from './replay-store.js';

/** Most rows a library list returns. */
export const LIBRARY_LIMIT = 100;
/** Most tokens a browser may present at once. */
export const MAX_TOKENS = 200;
/** Longest annotation author name. */
export const MAX_AUTHOR_CHARS = 40;

/** A refusal: HTTP status, message key, params (and the first bad quarter for imports). */
export interface ReplayRefusal {
  ok: false;
  status: number;
  key: string;
  params: Record<string, string | number>;
  quarter?: number | null;
}
export type ReplayResult<T> = { ok: true; value: T } | ReplayRefusal;
const refuse = (status: number, key: string, params: Record<string, string | number> = {}, quarter?: number | null): ReplayRefusal =>
  quarter === undefined ? { ok: false, status, key, params } : { ok: false, status, key, params, quarter };

const stores = new WeakMap<ServerContext, ReplayStore>();
/** The library store of a server. */
export function replayStoreOf(ctx: ServerContext): ReplayStore {
  let s = stores.get(ctx);
  if (!s || s.games !== ctx.store) {
    s = new ReplayStore(ctx.store);
    stores.set(ctx, s);
  }
  return s;
}

/** Filters of a library list. */
export interface LibraryFilter {
  scenarioId?: string | undefined;
  company?: Ticker | undefined;
  /** Inclusive start, 'YYYY-MM-DD' (UTC) or epoch ms. */
  from?: string | number | undefined;
  /** Inclusive end day, 'YYYY-MM-DD' (UTC) or epoch ms (exclusive). */
  to?: string | number | undefined;
}

const DAY_MS = 86_400_000;
function dayMs(v: string | number | undefined, endOfDay: boolean): number | undefined {
  if (v === undefined || v === '') return undefined;
  if (typeof v === 'number') return Number.isFinite(v) ? v : undefined;
  if (/^\d+$/.test(v)) return Number(v);
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(v);
  if (!m) return undefined;
  const ms = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  return Number.isFinite(ms) ? ms + (endOfDay ? DAY_MS : 0) : undefined;
}

function itemOf(r: LibraryRow, hashes: ReadonlySet<string>, results: ReplayResultRow[] | null, classGame: ClassGameLabel | null): ReplayListItem {
  const mine = hashes.has(r.hostTokenHash) || r.seats.some((s) => s.tokenHash !== null && hashes.has(s.tokenHash));
  return {
    id: r.id, scenarioId: r.header.scenarioId, status: r.status, source: r.source, quarter: r.quarter, quarterCount: r.header.quarterCount,
    createdAt: r.createdAt, isPublic: r.isPublic, seats: r.seats.map((s) => ({ company: s.company, name: s.name, kind: s.kind })),
    parent: r.parent, title: r.title, mine, finishedAt: r.status === 'finished' ? r.updatedAt : null, results, classGame,
  };
}

/**
 * A finished game's final results: the final standings of its final state (`finalStandings`: after the board's years for a short game) (re-folded from the
 * stored log once, then kept: a finished game's log never changes). Null if the log does not replay.
 */
async function resultsOf(ctx: ServerContext, rows: LibraryRow[]): Promise<Map<string, ReplayResultRow[]>> {
  const rs = replayStoreOf(ctx);
  const finished = rows.filter((r) => r.status === 'finished').map((r) => r.id);
  const out = await rs.results(finished);
  for (const id of finished) {
    if (out.has(id)) continue;
    const loaded = await ctx.store.load(id);
    if (!loaded || loaded.game.status !== 'finished') continue;
    const played = replayGame({ header: loaded.game.header, quarters: loaded.quarters });
    if (!played.ok) continue;
    const ranked = finalStandings(played.state).rows.map((x) => ({ company: x.ticker, scoreBps: x.scoreBps, returnBps: x.returnBps }));
    await rs.saveResults(id, ranked, Date.now());
    out.set(id, ranked);
  }
  return out;
}

/** Another module's names for games it owns (the classroom: "class title — game 2"), by id. */
export type GameLabels = (ids: string[]) => Promise<Map<string, ClassGameLabel>>;
const labellers: GameLabels[] = [];

/** Registers a game labeller (returns its removal). */
export function registerGameLabels(fn: GameLabels): () => void {
  return register(labellers, fn);
}

async function labelsOf(ids: string[]): Promise<Map<string, ClassGameLabel>> {
  const out = new Map<string, ClassGameLabel>();
  for (const fn of labellers) for (const [id, l] of await fn(ids)) if (!out.has(id)) out.set(id, l);
  return out;
}

async function listWith(ctx: ServerContext, q: Omit<LibraryQuery, 'limit' | 'fromMs' | 'toMs'>, f: LibraryFilter, tokens: string[]): Promise<ReplayListItem[]> {
  const fromMs = dayMs(f.from, false);
  const toMs = dayMs(f.to, true);
  const rows = (await replayStoreOf(ctx).list({ ...q, ...(fromMs !== undefined ? { fromMs } : {}), ...(toMs !== undefined ? { toMs } : {}), limit: LIBRARY_LIMIT * 4 }))
    .filter((r) => !f.scenarioId || r.header.scenarioId === f.scenarioId)
    .filter((r) => !f.company || r.seats.some((s) => s.company === f.company))
    .slice(0, LIBRARY_LIMIT);
  const hashes = new Set(tokens.map(hashToken));
  const results = await resultsOf(ctx, rows);
  const labels = await labelsOf(rows.map((r) => r.id));
  return rows.map((r) => itemOf(r, hashes, results.get(r.id) ?? null, labels.get(r.id) ?? null));
}

/** Clean token list from untrusted input. */
export function tokensOf(input: unknown): string[] {
  if (!Array.isArray(input)) return [];
  return input.filter((t): t is string => typeof t === 'string' && t.length >= 16 && t.length <= 128).slice(0, MAX_TOKENS);
}

/** Public finished games. */
export function listPublic(ctx: ServerContext, f: LibraryFilter, tokens: string[] = []): Promise<ReplayListItem[]> {
  return listWith(ctx, { finished: true, publicOnly: true }, f, tokens);
}

/**
 * Games one of these tokens hosts or holds a seat in (running ones too: their resolved part), and
 * the games other modules say these tokens host (a class host's class games, see registerHostGames).
 */
export async function listMine(ctx: ServerContext, tokens: string[], f: LibraryFilter = {}): Promise<ReplayListItem[]> {
  const own = await listWith(ctx, { tokenHashes: [...new Set(tokens.map(hashToken))] }, f, tokens);
  const extra: string[] = [];
  for (const fn of hostGames) extra.push(...(await fn(tokens)));
  const ids = [...new Set(extra)].filter((id) => !own.some((g) => g.id === id)).slice(0, 500);
  if (ids.length === 0) return own;
  const more = (await listWith(ctx, { ids }, f, tokens)).map((g) => ({ ...g, mine: true }));
  return [...own, ...more].sort((a, b) => b.createdAt - a.createdAt || (a.id < b.id ? -1 : 1)).slice(0, LIBRARY_LIMIT);
}

/** Another module's list of the games some tokens host (the classroom: a class host's class games). */
export type HostGames = (tokens: string[]) => Promise<string[]>;
const hostGames: HostGames[] = [];

/** Adds `fn` to a list of hooks other modules register; returns its removal. */
function register<F>(list: F[], fn: F): () => void {
  list.push(fn);
  return () => {
    const i = list.indexOf(fn);
    if (i >= 0) list.splice(i, 1);
  };
}

/** Registers a host-games lister (returns its removal). */
export function registerHostGames(fn: HostGames): () => void {
  return register(hostGames, fn);
}

/**
 * A class's games for its host: those of `ids` this token hosts — as the games' host token or
 * through a host grant (the classroom helper registers one for its class host token).
 */
export async function listClassGames(ctx: ServerContext, ids: string[], hostToken: string, f: LibraryFilter = {}): Promise<ReplayListItem[]> {
  const all = await listWith(ctx, { ids: ids.slice(0, 500) }, f, [hostToken]);
  const hash = hashToken(hostToken);
  const rows = new Map((await replayStoreOf(ctx).list({ ids: all.map((g) => g.id), limit: 500 })).map((r) => [r.id, r]));
  const out: ReplayListItem[] = [];
  for (const g of all) {
    const r = rows.get(g.id);
    if (r && (r.hostTokenHash === hash || (await granted(g.id, [hostToken])))) out.push({ ...g, mine: true });
  }
  return out;
}

/** The public views of a running game (server-side re-fold; cached per id and length). */
const viewCache = new Map<string, { n: number; views: PlayerView[] }>();
function publicViewsOf(id: string, file: ReplayFile): PlayerView[] | null {
  const hit = viewCache.get(id);
  if (hit && hit.n === file.quarters.length) return hit.views;
  const out = replayGame(file, true);
  if (!out.ok) return null;
  const views = out.states.map((s) => playerView(s, null));
  viewCache.set(id, { n: file.quarters.length, views });
  if (viewCache.size > 64) viewCache.delete(viewCache.keys().next().value as string);
  return views;
}

/**
 * One replay document. Finished (and imported) games: the whole compact file, verifiable.
 * Lobby/running games: no seed, no shocks, only resolved quarters + the spectator's views.
 */
export async function getReplay(ctx: ServerContext, id: string, tokens: string[] = []): Promise<ReplayResult<ReplayDoc>> {
  const rs = replayStoreOf(ctx);
  const loaded = await ctx.store.load(id);
  const row = loaded ? await rs.row(id) : null;
  // A private game is shown only to its host, its players or its importer (as if it did not exist).
  if (!loaded || !row || !(await maySee(row, tokens))) return refuse(404, 'replay.notFound', { id });
  const annotations = await rs.annotations(id);
  const header: ReplayHeader = { ...loaded.game.header, ...(row.parent ? { parent: row.parent } : {}) };
  const file: ReplayFile = { header, quarters: loaded.quarters, annotations };
  if (loaded.game.status === 'finished') {
    return { ok: true, value: { id, status: 'finished', source: row.source, verifiable: true, file: compactReplayFile(file) } };
  }
  const views = publicViewsOf(id, file);
  if (!views) return refuse(500, 'replay.corrupt', { id });
  const pub: ReplayFile = { header: publicHeader(header), quarters: publicQuarters(loaded.quarters), annotations };
  return { ok: true, value: { id, status: loaded.game.status, source: row.source, verifiable: false, file: compactReplayFile(pub), publicViews: views } };
}

/**
 * Another module's say on who acts as a game's host (the classroom: the class host for its games,
 * whose own host tokens are never handed out). Called with the game id and the presented tokens.
 */
export type HostGrant = (gameId: string, tokens: string[]) => boolean | Promise<boolean>;
const grants: HostGrant[] = [];

/** Registers a host grant (returns its removal). The classroom helper: `registerHostGrant((id, tks) => …)`. */
export function registerHostGrant(fn: HostGrant): () => void {
  return register(grants, fn);
}

async function granted(id: string, tokens: string[]): Promise<boolean> {
  if (tokens.length === 0) return false;
  for (const g of grants) if (await g(id, tokens)) return true;
  return false;
}

/**
 * Another module's say on who may see (open, download) a private game — nothing more: the
 * classroom lets its students open a finished class game whose replay the host showed the class.
 */
export type ViewGrant = (gameId: string, tokens: string[]) => boolean | Promise<boolean>;
const viewGrants: ViewGrant[] = [];

/** Registers a view grant (returns its removal). */
export function registerViewGrant(fn: ViewGrant): () => void {
  return register(viewGrants, fn);
}

async function viewGranted(id: string, tokens: string[]): Promise<boolean> {
  if (tokens.length === 0) return false;
  for (const g of viewGrants) if (await g(id, tokens)) return true;
  return false;
}

/** Whether any token is the game's host (or an import's author) token, or a grant says so. */
async function isHost(row: LibraryRow, tokens: string[]): Promise<boolean> {
  return tokens.some((t) => hashToken(t) === row.hostTokenHash) || granted(row.id, tokens);
}

/** Whether the tokens may see a private game: host, a player, the importer, or granted. */
async function maySee(row: LibraryRow, tokens: string[]): Promise<boolean> {
  return row.isPublic || isOwner(row, tokens) || (await granted(row.id, tokens)) || (row.status === 'finished' && viewGranted(row.id, tokens));
}
/** Whether any token is the host's or a seat's. */
function isOwner(row: LibraryRow, tokens: string[]): boolean {
  const hashes = new Set(tokens.map(hashToken));
  return hashes.has(row.hostTokenHash) || row.seats.some((s) => s.tokenHash !== null && hashes.has(s.tokenHash));
}

/** Deletes a stored game: its host or a seat-token holder only; never a game still being played. */
export async function deleteReplay(ctx: ServerContext, id: string, tokens: string[]): Promise<ReplayResult<null>> {
  const rs = replayStoreOf(ctx);
  const row = await rs.row(id);
  if (!row) return refuse(404, 'replay.notFound', { id });
  if (!isOwner(row, tokens)) return refuse(403, 'replay.notYours');
  if (row.status !== 'finished') return refuse(409, 'replay.stillPlaying');
  await rs.remove(id);
  viewCache.delete(id);
  return { ok: true, value: null };
}

/** Pins a note to a quarter: the game's host or the file's author (import token) only. */
export async function annotate(ctx: ServerContext, id: string, token: string, input: { quarter?: unknown; text?: unknown; author?: unknown }, nowMs: number): Promise<ReplayResult<{ quarter: number; author: string; text: string }[]>> {
  const rs = replayStoreOf(ctx);
  const row = await rs.row(id);
  if (!row) return refuse(404, 'replay.notFound', { id });
  if (!(await isHost(row, [token]))) return refuse(403, 'replay.notAuthor');
  const quarter = input.quarter;
  const text = typeof input.text === 'string' ? input.text.trim() : '';
  const author = typeof input.author === 'string' && input.author.trim() ? input.author.trim().slice(0, MAX_AUTHOR_CHARS) : 'host';
  if (typeof quarter !== 'number' || !Number.isInteger(quarter) || quarter < 0 || quarter > row.header.quarterCount) return refuse(400, 'replay.badNote', { field: 'quarter' });
  if (!text || text.length > MAX_ANNOTATION_CHARS) return refuse(400, 'replay.badNote', { field: 'text' });
  if ((await rs.annotations(id)).length >= 500) return refuse(400, 'replay.badNote', { field: 'count' });
  return { ok: true, value: await rs.annotate(id, { quarter, author, text }, nowMs) };
}

async function freeId(ctx: ServerContext): Promise<string> {
  let id = newJoinCode();
  while (ctx.live.has(id) || (await ctx.store.exists(id))) id = newJoinCode();
  return id;
}

function optionsFor(header: ReplayHeader, isPublic: boolean): ReturnType<typeof GameOptionsSchema.parse> {
  const sc = getScenario(header.scenarioId);
  const quarterCount = Math.min(40, Math.max(4, header.quarterCount));
  return GameOptionsSchema.parse({
    scenarioId: header.scenarioId, companies: header.seats.map((s) => s.company), public: isPublic,
    ...(quarterCount === header.quarterCount ? { quarterCount } : { quarterCount: sc.defaultQuarters }),
  });
}

/** The outcome of an import: the new id and the author token (keeps the right to annotate and delete). */
export interface Imported {
  id: string;
  authorToken: string;
  quarters: number;
  migratedFrom: number | null;
}

/**
 * Imports a saved-game file: size limit, schema, version, full verification — all before anything
 * is written; a rejected file stores nothing and says why, with the first bad quarter.
 */
export async function importFile(ctx: ServerContext, input: unknown, opts: { isPublic: boolean; title: string | null }, nowMs: number): Promise<ReplayResult<Imported>> {
  if (typeof input === 'string' && input.length > MAX_REPLAY_BYTES) return refuse(413, 'replay.tooLarge', { bytes: input.length, max: MAX_REPLAY_BYTES }, null);
  const out = importReplay(input);
  if (!out.ok) return rejected(out.problem);
  const file = out.file;
  const id = await freeId(ctx);
  const authorToken = newToken();
  const seats: StoredSeat[] = file.header.seats.map((s) => ({ company: s.company, name: s.name, kind: s.kind, strategy: s.strategy ?? defaultStrategyFor(s.company), tokenHash: null }));
  const parent = file.header.parent ?? null;
  await replayStoreOf(ctx).insertWhole({
    id, options: optionsFor(file.header, opts.isPublic), header: file.header, status: 'finished', isPublic: opts.isPublic,
    hostTokenHash: hashToken(authorToken), quarters: file.quarters, seats, source: 'imported', title: opts.title?.slice(0, 120) ?? null,
    annotations: (file.annotations ?? []).map((a) => ({ quarter: a.quarter, author: a.author.slice(0, MAX_AUTHOR_CHARS), text: a.text })),
  }, parent, nowMs);
  return { ok: true, value: { id, authorToken, quarters: file.quarters.length, migratedFrom: out.migratedFrom } };
}

function rejected(p: ReplayProblem): ReplayRefusal {
  return refuse(422, p.key, p.params, p.quarter);
}

/** A new game forked from a replay. */
export interface Forked {
  id: string;
  hostToken: string;
  /** Solo forks: the player's seat and its token. */
  seat: Ticker | null;
  seatToken: string | null;
}

/**
 * "What if": a new game with the parent's header (scenario, seed, seats as bots) whose log is the
 * parent's first `quarter` quarters, re-folded and verified; the same seed stream then continues.
 * Live: a lobby the forker hosts, humans claim seats. Solo: private, the forker plays `company`
 * against bots at once. Only finished (or imported) games fork: a running game's seed is secret.
 */
export async function forkReplay(ctx: ServerContext, id: string, input: { quarter?: unknown; mode?: unknown; company?: unknown; name?: unknown; tokens?: unknown }, nowMs: number): Promise<ReplayResult<Forked>> {
  const loaded = await ctx.store.load(id);
  const row = loaded ? await replayStoreOf(ctx).row(id) : null;
  if (!loaded || !row || !(await maySee(row, tokensOf(input.tokens)))) return refuse(404, 'replay.notFound', { id });
  if (loaded.game.status !== 'finished') return refuse(409, 'replay.forkRunning');
  const q = input.quarter;
  const mode = input.mode === 'solo' ? 'solo' : 'live';
  if (typeof q !== 'number' || !Number.isInteger(q) || q < 0 || q > loaded.quarters.length || q >= loaded.game.header.quarterCount) {
    return refuse(400, 'replay.badForkQuarter', { max: Math.min(loaded.quarters.length, loaded.game.header.quarterCount - 1) });
  }
  const company = input.company as Ticker;
  if (mode === 'solo' && !loaded.game.header.seats.some((s) => s.company === company)) return refuse(400, 'replay.badForkSeat');
  const name = typeof input.name === 'string' && input.name.trim() ? input.name.trim().slice(0, 24) : 'Player';
  const header: ReplayHeader = {
    ...loaded.game.header, parent: { id, quarter: q },
    seats: loaded.game.header.seats.map((s) => ({ company: s.company, name: s.kind === 'bot' ? s.name : s.company, kind: 'bot', strategy: s.strategy ?? defaultStrategyFor(s.company) })),
  };
  const quarters = loaded.quarters.slice(0, q);
  const check = replayGame({ header, quarters });
  if (!check.ok) return refuse(500, 'replay.corrupt', { id });
  const newId = await freeId(ctx);
  const hostToken = newToken();
  const seatToken = mode === 'solo' ? newToken() : null;
  const seats: StoredSeat[] = header.seats.map((s) => (mode === 'solo' && s.company === company
    ? { company: s.company, name, kind: 'human', strategy: s.strategy ?? defaultStrategyFor(s.company), tokenHash: hashToken(seatToken!) }
    : { company: s.company, name: s.name, kind: 'bot', strategy: s.strategy ?? defaultStrategyFor(s.company), tokenHash: null }));
  await replayStoreOf(ctx).insertWhole({
    id: newId, options: optionsFor(header, mode === 'live' && row.isPublic), header, status: mode === 'solo' ? 'running' : 'lobby',
    isPublic: mode === 'live' && row.isPublic, hostTokenHash: hashToken(hostToken), quarters, seats, source: 'fork', title: null, annotations: [],
  }, { id, quarter: q }, nowMs);
  // The stored copy must replay as the parent did (injected shocks included); a fork that cannot
  // start is removed again rather than left to fail at every restart.
  try {
    const stored = await ctx.store.load(newId);
    const again = stored ? replayGame({ header: stored.game.header, quarters: stored.quarters }) : null;
    if (!again?.ok) throw new Error(`fork ${newId} of ${id} does not replay as stored`);
    // Multi-process servers hold a lease on every room they run (server/scale); absent on one process.
    await (ctx as { leases?: { hold(id: string): Promise<unknown> } }).leases?.hold(newId);
    await matchMaker.createRoom(ROOM_NAME, { restore: { gameId: newId, key: ctx.restoreKey } });
  } catch (e) {
    await replayStoreOf(ctx).remove(newId).catch(() => undefined);
    console.error(`fork of ${id} at quarter ${q} refused:`, (e as Error).message);
    return refuse(500, 'replay.corrupt', { id });
  }
  return { ok: true, value: { id: newId, hostToken, seat: mode === 'solo' ? company : null, seatToken } };
}

/**
 * A stored fork that failed to restore: if its own log does not replay (a fork stored by an
 * older server without its parent's shocks, or a damaged log), it is moved to `replay_quarantine`
 * (the log kept as a file, with the reason) so it is neither served nor retried at every boot.
 * Returns why, or null when `id` is not a fork or its log replays (then the failure was elsewhere).
 */
export async function quarantineIfBrokenFork(ctx: ServerContext, id: string, nowMs: number): Promise<string | null> {
  const rs = replayStoreOf(ctx);
  const row = await rs.row(id);
  if (!row || row.source !== 'fork') return null;
  const loaded = await ctx.store.load(id);
  if (!loaded) return null;
  const file: ReplayFile = { header: { ...loaded.game.header, ...(row.parent ? { parent: row.parent } : {}) }, quarters: loaded.quarters, annotations: await rs.annotations(id) };
  const out = replayGame(file);
  if (out.ok) return null;
  const reason = `does not replay at quarter ${out.quarter + 1}: ${out.reason}`;
  await rs.quarantine(id, row.parent?.id ?? null, reason, file, nowMs);
  viewCache.delete(id);
  return reason;
}
