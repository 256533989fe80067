/**
 * The class room connection: create/join with the SDK, typed sends, message handlers, and the
 * tokens kept in localStorage (a student's token per class, the host's secret per class) so a
 * reload lands back in the same team or console.
 */
import { Client, type Room } from '@colyseus/sdk';
import type { PlayerView } from '../../shared/index.js';
import {
  CLASS_ROOM_NAME, type ClassClientMessage, type ClassClientMessageName, type ClassOptions, type ClassSnapshot, type ClassWelcome, type TeamDraft,
} from '../../shared/protocol/classroom.js';
import type { ServerMessage } from '../../shared/protocol/index.js';
import { locale } from '../model/i18n.js';
import { serverBase } from '../net/http.js';

const studentKey = (code: string): string => `capex.class.${code}.student`;
const hostKey = (code: string): string => `capex.class.${code}.host`;

function read(key: string): string | null {
  try {
    return localStorage.getItem(key);
  } catch {
    return null;
  }
}

function write(key: string, value: string | null): void {
  try {
    if (value === null) localStorage.removeItem(key);
    else localStorage.setItem(key, value);
  } catch {
    /* private mode: the session lasts as long as the tab */
  }
}

export const tokens = {
  student: (code: string): string | null => read(studentKey(code)),
  setStudent: (code: string, t: string | null): void => write(studentKey(code), t),
  host: (code: string): string | null => read(hostKey(code)),
  setHost: (code: string, t: string | null): void => write(hostKey(code), t),
  /** Codes of the classes this browser hosts (their secrets are kept here). */
  hostedCodes: (): string[] => {
    const out: string[] = [];
    try {
      for (let i = 0; i < localStorage.length; i += 1) {
        const m = /^capex\.class\.([A-Z0-9]{4,12})\.host$/.exec(localStorage.key(i) ?? '');
        if (m) out.push(m[1]!);
      }
    } catch {
      /* no storage: no list */
    }
    return out.sort();
  },
};

/** What the class room sends, by message name. */
export interface ClassInbox {
  'class:welcome': ClassWelcome;
  'class:state': ClassSnapshot;
  'class:view': { game: number; view: PlayerView; pending: ServerMessage<'orders:state'> | null };
  'team:draft': TeamDraft;
  'orders:state': ServerMessage<'orders:state'>;
  'class:broadcast': { text: string; at: number };
  'class:chat': { from: string; text: string; at: number };
  'class:resolved': { game: number; quarter: number; hash: string; finished: boolean };
  'class:error': { code: string; message: string; type?: string; problems?: { message: string }[] };
  'class:removed': Record<string, never>;
  'class:shocked': { shocks: unknown[] };
  'class:roster': { added: number; moved: number };
  'class:cohost': { token: string };
}

/** One connection to a class. */
export class ClassConnection {
  private constructor(readonly room: Room) {}

  static client(): Client {
    return new Client(serverBase() || undefined);
  }

  /** Creates a class (the caller becomes its host). */
  static async create(options: Partial<ClassOptions>): Promise<ClassConnection> {
    return new ClassConnection(await ClassConnection.client().create(CLASS_ROOM_NAME, { options, locale: locale() }));
  }

  /** Joins a class. */
  static async join(code: string, opts: { name?: string; studentToken?: string; hostToken?: string; view?: 'console' | 'projector' }): Promise<ClassConnection> {
    return new ClassConnection(await ClassConnection.client().joinById(code, { ...opts, locale: locale() }));
  }

  on<K extends keyof ClassInbox>(type: K, fn: (m: ClassInbox[K]) => void): void {
    this.room.onMessage(type, fn as (m: unknown) => void);
  }

  send<K extends ClassClientMessageName>(type: K, payload: ClassClientMessage<K>): void {
    this.room.send(type, payload);
  }

  onLeave(fn: (code: number) => void): void {
    this.room.onLeave(fn);
  }

  leave(): void {
    void this.room.leave(true).catch(() => undefined);
  }
}

/** Downloads a host-only export (the secret goes in a header, never in the URL). */
export async function download(code: string, hostToken: string, kind: 'csv' | 'json' | 'gradebook'): Promise<string> {
  const path = kind === 'gradebook' ? 'gradebook.csv' : `export.${kind}`;
  const res = await fetch(`${serverBase()}/api/classes/${code}/${path}`, { headers: { authorization: `Bearer ${hostToken}`, 'accept-language': locale() } });
  if (!res.ok) throw new Error(`${res.status}`);
  const text = await res.text();
  const blob = new Blob([text], { type: kind === 'json' ? 'application/json' : 'text/csv' });
  const a = document.createElement('a');
  a.href = URL.createObjectURL(blob);
  a.download = kind === 'gradebook' ? `gradebook-${code}.csv` : `class-${code}.${kind}`;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(a.href), 10_000);
  return text;
}

/** A class's public summary (GET /api/classes/:code). */
export interface ClassSummary {
  code: string;
  status: 'lobby' | 'running' | 'finished';
  title: string;
  games: number;
  students: number;
}

/** A class's public summary by code; 'none': no open class has it; 'unknown': network trouble. */
export async function classSummary(code: string): Promise<ClassSummary | 'none' | 'unknown'> {
  try {
    const res = await fetch(`${serverBase()}/api/classes/${encodeURIComponent(code)}`);
    if (res.status === 404) return 'none';
    if (!res.ok) return 'unknown';
    return (await res.json()) as ClassSummary;
  } catch {
    return 'unknown';
  }
}

/** A class's status by code ('none': no open class has it; 'unknown': the join then tries). */
export async function classStatus(code: string): Promise<'none' | 'lobby' | 'running' | 'finished' | 'unknown'> {
  const s = await classSummary(code);
  return typeof s === 'string' ? s : s.status;
}

/** Where students reach this server (join link, QR): PUBLIC_ADDRESS, the page's address, the LAN address, or loopback with a warning. */
export async function fetchReach(): Promise<{ base: string; source: string; warning: boolean }> {
  try {
    const res = await fetch(`${serverBase()}/api/class-reach`);
    if (res.ok) return (await res.json()) as { base: string; source: string; warning: boolean };
  } catch {
    // the page's own address below
  }
  return { base: location.origin, source: 'page', warning: /^(localhost|127\.|\[::1\])/.test(location.hostname) };
}

/** A student's own debrief (their token as the bearer). */
export async function fetchMyDebrief<T>(code: string, studentToken: string): Promise<T> {
  const res = await fetch(`${serverBase()}/api/classes/${code}/debrief/me`, { headers: { authorization: `Bearer ${studentToken}`, 'accept-language': locale() } });
  if (!res.ok) throw new Error(`${res.status}`);
  return (await res.json()) as T;
}

/** The host's debrief data. */
export async function fetchDebrief<T>(code: string, hostToken: string): Promise<T> {
  const res = await fetch(`${serverBase()}/api/classes/${code}/debrief`, { headers: { authorization: `Bearer ${hostToken}` } });
  if (!res.ok) throw new Error(`${res.status}`);
  return (await res.json()) as T;
}
