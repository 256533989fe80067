/**
 * Log lines that an attacker cannot multiply: every line has a key (a client, a route, a room)
 * and each key writes at most LINES_PER_KEY lines a minute; the rest are counted and summed up in
 * one line when the key next writes. Bad input is logged without a stack (it is not a bug);
 * internal errors keep theirs. Colyseus' own logger goes through here too (`frameworkLogger`).
 */

/** Lines one key may write per minute. */
export const LINES_PER_KEY = 5;
/** Lines all keys together may write per minute (beyond: counted, summed up once a minute). */
export const LINES_PER_MINUTE = 120;
const WINDOW_MS = 60_000;
/** Keys remembered at most (a flood of distinct keys cannot grow memory). */
const MAX_KEYS = 10_000;

type Sink = (line: string) => void;

interface Window {
  startMs: number;
  lines: number;
  suppressed: number;
}

/** A rate-limited log (one per process: `serverLog`). */
export class RateLimitedLog {
  private readonly keys = new Map<string, Window>();
  private readonly all: Window = { startMs: -Infinity, lines: 0, suppressed: 0 };

  constructor(private readonly sink: Sink = (l) => console.error(l), private readonly nowMs: () => number = () => Date.now()) {}

  /** Writes a line for a key unless the key (or the whole log) is over its rate. True when written. */
  line(key: string, text: string): boolean {
    const now = this.nowMs();
    const w = this.window(key, now);
    const total = this.roll(this.all, now, 'lines from all clients');
    if (w.lines >= LINES_PER_KEY) {
      w.suppressed += 1;
      return false;
    }
    if (total.lines >= LINES_PER_MINUTE) {
      total.suppressed += 1;
      return false;
    }
    w.lines += 1;
    total.lines += 1;
    this.sink(text);
    return true;
  }

  /** Bad input from a client: one line, never a stack. */
  badInput(key: string, what: string): boolean {
    return this.line(key, `${key}: ${firstLine(what)}`);
  }

  /** An internal error (a bug or an outage): the message and its stack, rate-limited per key. */
  internal(key: string, what: string, err: unknown): boolean {
    const detail = err instanceof Error ? (err.stack ?? `${err.name}: ${err.message}`) : String(err);
    return this.line(key, `${key}: ${what}: ${detail}`);
  }

  private window(key: string, now: number): Window {
    let w = this.keys.get(key);
    if (!w) {
      if (this.keys.size >= MAX_KEYS) this.keys.clear();
      w = { startMs: now, lines: 0, suppressed: 0 };
      this.keys.set(key, w);
    }
    return this.roll(w, now, `lines from ${key}`);
  }

  /** Starts a new minute for a window when its minute is over, reporting what it held back. */
  private roll(w: Window, now: number, what: string): Window {
    if (now - w.startMs < WINDOW_MS) return w;
    if (w.suppressed > 0) this.sink(`(${w.suppressed} more ${what} suppressed in the last minute)`);
    w.startMs = now;
    w.lines = 0;
    w.suppressed = 0;
    return w;
  }
}

/** The first line of a text (a stack's message line), at most 300 characters. */
export function firstLine(text: string): string {
  const nl = text.indexOf('\n');
  const line = nl >= 0 ? text.slice(0, nl) : text;
  return line.length > 300 ? `${line.slice(0, 300)}…` : line;
}

/** The process's log. */
export const serverLog = new RateLimitedLog();

/**
 * Colyseus' logger (Server option `logger`): errors and warnings rate-limited by their first line,
 * stacks cut to the message and its first frame (framework errors are mostly a client's doing).
 */
export function frameworkLogger(log: RateLimitedLog = serverLog): Record<'debug' | 'info' | 'warn' | 'error' | 'trace', (...args: unknown[]) => void> {
  const write = (level: string) => (...args: unknown[]): void => {
    const text = args.map((a) => (a instanceof Error ? (a.stack ?? a.message) : typeof a === 'string' ? a : safeString(a))).join(' ');
    const lines = text.split('\n');
    const head = firstLine(text);
    const frame = lines.find((l) => /^\s+at /.test(l))?.trim();
    // Keyed by the line's shape (quoted names and numbers blanked): a client naming many rooms is one key.
    const shape = head.replace(/"[^"]*"|'[^']*'|\d+/g, '…').slice(0, 80);
    log.line(`colyseus ${level} ${shape}`, `colyseus ${level}: ${head}${frame ? ` (${frame})` : ''}`);
  };
  return { debug: () => undefined, trace: () => undefined, info: write('info'), warn: write('warning'), error: write('error') };
}

function safeString(v: unknown): string {
  try {
    return JSON.stringify(v)?.slice(0, 300) ?? String(v);
  } catch {
    return String(v);
  }
}
