/**
 * The tokens this browser holds (seat, host, import-author), per game, in localStorage: the
 * library lists "my games" with them and they prove ownership for delete/annotate. They are sent
 * only in POST bodies, never in URLs.
 */
const KEY = 'capex.replay.tokens';
const MAX_GAMES = 200;

/** Tokens of one game. */
export interface GameTokens {
  gameId: string;
  seatToken?: string | undefined;
  hostToken?: string | undefined;
  authorToken?: string | undefined;
}

function load(): GameTokens[] {
  try {
    const raw = localStorage.getItem(KEY);
    const v: unknown = raw ? JSON.parse(raw) : [];
    return Array.isArray(v) ? (v as GameTokens[]).filter((g) => g && typeof g.gameId === 'string') : [];
  } catch {
    return [];
  }
}

function save(all: GameTokens[]): void {
  try {
    localStorage.setItem(KEY, JSON.stringify(all.slice(-MAX_GAMES)));
  } catch {
    /* private mode */
  }
}

/** Remembers (merges) a game's tokens. */
export function rememberGame(t: GameTokens | null | undefined): void {
  if (!t || !t.gameId || !(t.seatToken || t.hostToken || t.authorToken)) return;
  const all = load();
  const prev = all.find((g) => g.gameId === t.gameId);
  const merged: GameTokens = {
    gameId: t.gameId,
    seatToken: t.seatToken ?? prev?.seatToken,
    hostToken: t.hostToken ?? prev?.hostToken,
    authorToken: t.authorToken ?? prev?.authorToken,
  };
  save([...all.filter((g) => g.gameId !== t.gameId), merged]);
}

/** Every token held (for "my games"). */
export function allTokens(): string[] {
  const out = new Set<string>();
  for (const g of load()) for (const tk of [g.seatToken, g.hostToken, g.authorToken]) if (tk) out.add(tk);
  return [...out];
}

/** Tokens held for one game. */
export function tokensFor(gameId: string): GameTokens | null {
  return load().find((g) => g.gameId === gameId) ?? null;
}

/** The token that may annotate a game (host or author), if this browser holds one. */
export function noteTokenFor(gameId: string): string | null {
  const g = tokensFor(gameId);
  return g?.hostToken ?? g?.authorToken ?? null;
}

/** Forgets a game (after deleting it). */
export function forgetGame(gameId: string): void {
  save(load().filter((g) => g.gameId !== gameId));
}
