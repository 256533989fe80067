/** The replay library's HTTP calls (server/replays/routes.ts). Tokens go in POST bodies only. */
import type { ReplayDoc, ReplayListItem } from '../../shared/index.js';
import { locale } from '../model/i18n.js';
import { serverBase } from '../net/http.js';
import { tokensFor } from './wallet.js';

/** This browser's tokens for one game (private games open only with one of them). */
function gameTokens(id: string): string[] {
  const g = tokensFor(id);
  return [g?.seatToken, g?.hostToken, g?.authorToken].filter((x): x is string => typeof x === 'string');
}
const tokenHeader = (id: string): Record<string, string> => {
  const tk = gameTokens(id);
  return tk.length ? { 'x-capex-tokens': tk.join(',') } : {};
};

/** An API refusal with the server's readable (translated) message. */
export class ReplayApiError extends Error {
  constructor(message: string, readonly status: number, readonly key: string, readonly quarter: number | null) {
    super(message);
  }
}

async function call<T>(path: string, init: RequestInit = {}): Promise<T> {
  const res = await fetch(`${serverBase()}${path}`, { ...init, headers: { accept: 'application/json', 'accept-language': locale(), ...(init.headers ?? {}) } });
  const text = await res.text();
  let body: unknown;
  try {
    body = text ? JSON.parse(text) : null;
  } catch {
    body = null;
  }
  if (!res.ok) {
    const b = (body ?? {}) as { message?: string; error?: string; quarter?: number | null };
    throw new ReplayApiError(b.message ?? `${res.status}`, res.status, b.error ?? 'error', typeof b.quarter === 'number' ? b.quarter : null);
  }
  return body as T;
}

const post = <T>(path: string, body: unknown): Promise<T> => call<T>(path, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

/** Library filters. */
export interface Filter {
  scenario?: string;
  company?: string;
  from?: string;
  to?: string;
}

const query = (f: Filter): string => {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(f)) if (v) p.set(k, String(v));
  const s = p.toString();
  return s ? `?${s}` : '';
};

export const replayApi = {
  publicGames: (f: Filter) => call<{ games: ReplayListItem[] }>(`/api/replays${query(f)}`).then((r) => r.games),
  myGames: (tokens: string[], f: Filter) => (tokens.length ? post<{ games: ReplayListItem[] }>('/api/replays/mine', { tokens, filter: f }).then((r) => r.games) : Promise.resolve([])),
  get: (id: string, tokens: string[] = []) =>
    call<ReplayDoc>(`/api/replays/${encodeURIComponent(id)}`, { headers: tokens.length ? { 'x-capex-tokens': [...new Set([...tokens, ...gameTokens(id)])].join(',') } : tokenHeader(id) }),
  remove: (id: string, tokens: string[]) => post<{ ok: boolean }>(`/api/replays/${encodeURIComponent(id)}/delete`, { tokens }),
  annotate: (id: string, token: string, quarter: number, text: string, author: string) =>
    post<{ annotations: { quarter: number; author: string; text: string }[] }>(`/api/replays/${encodeURIComponent(id)}/annotations`, { token, quarter, text, author }),
  fork: (id: string, quarter: number, mode: 'live' | 'solo', company: string | null, name: string) =>
    post<{ id: string; hostToken: string; seat: string | null; seatToken: string | null }>(`/api/replays/${encodeURIComponent(id)}/fork`, { quarter, mode, company, name, tokens: gameTokens(id) }),
  importFile: (text: string, isPublic: boolean) =>
    call<{ id: string; authorToken: string }>('/api/replays/import', { method: 'POST', headers: { 'content-type': 'application/json', 'x-replay-public': isPublic ? '1' : '0' }, body: text }),
  /** Downloads the file (a fetch with the game's tokens, then a blob link: tokens never go in the URL). */
  download: async (id: string): Promise<void> => {
    const res = await fetch(`${serverBase()}/api/replays/${encodeURIComponent(id)}/download`, { headers: { 'accept-language': locale(), ...tokenHeader(id) } });
    if (!res.ok) {
      const b = (await res.json().catch(() => ({}))) as { message?: string; error?: string };
      throw new ReplayApiError(b.message ?? `${res.status}`, res.status, b.error ?? 'error', null);
    }
    const url = URL.createObjectURL(await res.blob());
    const a = document.createElement('a');
    a.href = url;
    a.download = `capex-race-${id}.json`;
    document.body.append(a);
    a.click();
    a.remove();
    window.setTimeout(() => URL.revokeObjectURL(url), 10_000);
  },
};
