/**
 * The classroom context shared by the class room and its HTTP routes: the class store and the
 * live classes. One server per process (like server/game/registry.ts).
 */
import { hashToken } from '../game/tokens.js';
import type { ClassGameLabel } from '../../shared/index.js';
import { registerGameLabels, registerHostGames, registerHostGrant, registerViewGrant } from '../replays/service.js';
import type { GameStore } from '../store/game-store.js';
import { ClassStore } from './class-store.js';
import type { ClassSession } from './session.js';

export interface ClassContext {
  store: ClassStore;
  live: Map<string, ClassSession>;
}

let current: ClassContext | null = null;
let ungrant: (() => void) | null = null;

/**
 * Installs the classroom context of the server starting in this process: the class tables, and
 * the class host as the host of its (private) games in the replay library (opened, annotated,
 * forked, and listed among the host's own games).
 */
export function installClassContext(store: GameStore): ClassContext {
  const ctx: ClassContext = { store: new ClassStore(store), live: new Map() };
  current = ctx;
  ungrant?.();
  const unlist = registerHostGames(async (tokens) => {
    const out: string[] = [];
    for (const s of ctx.live.values()) if (tokens.some((tk) => s.isMainHost(tk))) out.push(...s.gameIds, ...s.practiceGameIds);
    return out;
  });
  const ungrantGames = registerHostGrant(async (gameId, tokens) => {
    for (const s of ctx.live.values()) if (s.gameIds.includes(gameId) || s.practiceGameIds.includes(gameId)) return tokens.some((tk) => s.isHost(tk));
    const hash = await ctx.store.hostHashOfGame(gameId);
    return hash !== null && tokens.some((tk) => hashToken(tk) === hash);
  });
  // Class games are titled after their class and number in the library (live classes first: a
  // restart moves games to practice; the store answers for classes no longer open).
  const unlabel = registerGameLabels(async (ids) => {
    const out = new Map<string, ClassGameLabel>();
    const wanted = new Set(ids);
    for (const s of ctx.live.values()) {
      const title = s.options.title;
      s.gameIds.forEach((id, i) => { if (wanted.has(id)) out.set(id, { code: s.id, title, game: i + 1, practice: false }); });
      s.practiceGameIds.forEach((id, i) => { if (wanted.has(id)) out.set(id, { code: s.id, title, game: i + 1, practice: true }); });
    }
    const rest = ids.filter((id) => !out.has(id));
    if (rest.length > 0) for (const [id, l] of await ctx.store.gameLabels(rest)) out.set(id, l);
    return out;
  });
  // A finished class game the host showed the class (host-driven replay): its students may open it.
  const unview = registerViewGrant((gameId, tokens) => {
    for (const s of ctx.live.values()) if (s.presented(gameId) && tokens.some((tk) => s.studentByToken(tk) !== null)) return true;
    return false;
  });
  ungrant = () => { unlist(); ungrantGames(); unlabel(); unview(); };
  return current;
}

/** The classroom context (throws before startServer). */
export function classContext(): ClassContext {
  if (!current) throw new Error('the classroom context is not installed');
  return current;
}
