/**
 * SeatBook: who holds each company of a game, who is connected, who is away and since when,
 * and who is on autopilot. Plain data, no I/O.
 */
import type { SeatInfo, Ticker } from '../../shared/index.js';
import { BOT_STRATEGIES, type BotStrategyId } from '../../shared/index.js';
import type { StoredSeat } from '../store/game-store.js';
import { hashToken } from './tokens.js';

/** A seat at runtime. */
export interface Seat {
  company: Ticker;
  name: string;
  kind: 'human' | 'bot';
  strategy: BotStrategyId;
  tokenHash: string | null;
  connections: number;
  /** When the player left (epoch ms), null while connected or for bots. */
  awaySince: number | null;
  /** The quarter being played when the player left. */
  awayFromQuarter: number;
  autopilot: boolean;
  /** Quarters autopilot played for this seat since the player left. */
  autopilotQuarters: Set<number>;
}

/** What a returning player missed. */
export interface Return {
  awayFromQuarter: number;
  wasAutopilot: boolean;
  autopilotQuarters: ReadonlySet<number>;
}

const BOT_NAME = 'Bot';

function strategyOf(s: string): BotStrategyId {
  return (BOT_STRATEGIES as readonly string[]).includes(s) ? (s as BotStrategyId) : BOT_STRATEGIES[0];
}

/** The seats of one game, in sorted company order. */
export class SeatBook {
  private constructor(private readonly seats: Map<Ticker, Seat>) {}

  /** Every company held by a bot (a new game). */
  static ofBots(companies: readonly Ticker[], strategyFor: (t: Ticker) => BotStrategyId): SeatBook {
    const m = new Map<Ticker, Seat>();
    for (const company of companies) m.set(company, blank(company, BOT_NAME, 'bot', strategyFor(company), null));
    return new SeatBook(m);
  }

  /** Stored seats after a restart: humans count as away since `nowMs`. */
  static ofStored(stored: readonly StoredSeat[], nowMs: number, quarter: number): SeatBook {
    const m = new Map<Ticker, Seat>();
    for (const s of stored) {
      const seat = blank(s.company, s.name, s.kind, strategyOf(s.strategy), s.tokenHash);
      if (s.kind === 'human') {
        seat.awaySince = nowMs;
        seat.awayFromQuarter = quarter;
      }
      m.set(s.company, seat);
    }
    return new SeatBook(m);
  }

  /** A seat, or undefined when the company is not in the game. */
  get(company: Ticker): Seat | undefined {
    return this.seats.get(company);
  }

  /** All seats, sorted by company. */
  list(): Seat[] {
    return [...this.seats.values()].sort((a, b) => (a.company < b.company ? -1 : a.company > b.company ? 1 : 0));
  }

  /** The seat a token was issued for, or null. */
  byToken(token: string): Ticker | null {
    const h = hashToken(token);
    for (const s of this.seats.values()) if (s.tokenHash === h) return s.company;
    return null;
  }

  /** Hands a seat to a human. */
  makeHuman(company: Ticker, name: string, tokenHash: string): void {
    const s = this.seats.get(company);
    if (!s) return;
    Object.assign(s, { kind: 'human', name, tokenHash, autopilot: false, awaySince: null, autopilotQuarters: new Set<number>() });
  }

  /** Hands a seat back to a bot (classroom: the host adds a bot, or a team is emptied). */
  makeBot(company: Ticker): void {
    const s = this.seats.get(company);
    if (!s) return;
    Object.assign(s, { kind: 'bot', name: BOT_NAME, tokenHash: null, autopilot: false, awaySince: null, autopilotQuarters: new Set<number>() });
  }

  /** A connection to a seat opened; returns what the player missed if they were away. */
  connect(company: Ticker): Return | null {
    const s = this.seats.get(company);
    if (!s) return null;
    s.connections += 1;
    if (s.awaySince === null && !s.autopilot) return null;
    const back: Return = { awayFromQuarter: s.awayFromQuarter, wasAutopilot: s.autopilot, autopilotQuarters: new Set(s.autopilotQuarters) };
    s.awaySince = null;
    s.autopilot = false;
    s.autopilotQuarters = new Set();
    return back;
  }

  /** A connection to a seat closed. */
  disconnect(company: Ticker, nowMs: number, quarter: number): void {
    const s = this.seats.get(company);
    if (!s) return;
    s.connections = Math.max(0, s.connections - 1);
    if (s.connections === 0 && s.kind === 'human' && s.awaySince === null) {
      s.awaySince = nowMs;
      s.awayFromQuarter = quarter;
    }
  }

  /** Puts humans gone for at least `graceMs` on autopilot; returns the seats just switched. */
  startAutopilot(nowMs: number, graceMs: number): Ticker[] {
    const out: Ticker[] = [];
    for (const s of this.seats.values()) {
      if (s.kind === 'human' && !s.autopilot && s.connections === 0 && s.awaySince !== null && nowMs - s.awaySince >= graceMs) {
        s.autopilot = true;
        out.push(s.company);
      }
    }
    return out;
  }

  /** Whether a human seat is away and not yet on autopilot (startAutopilot may have work to do). */
  someoneAway(): boolean {
    for (const s of this.seats.values()) if (s.kind === 'human' && !s.autopilot && s.connections === 0 && s.awaySince !== null) return true;
    return false;
  }

  /** Records that autopilot seats played this quarter. */
  noteAutopilotQuarter(quarter: number): void {
    for (const s of this.seats.values()) if (s.autopilot) s.autopilotQuarters.add(quarter);
  }

  /** The replay header's seat list. */
  infos(): SeatInfo[] {
    return this.list().map((s) => ({ company: s.company, name: s.name, kind: s.kind, strategy: s.strategy }));
  }

  /** Rows to store (all seats, or one). */
  stored(): StoredSeat[];
  stored(company: Ticker): StoredSeat;
  stored(company?: Ticker): StoredSeat[] | StoredSeat {
    const row = (s: Seat): StoredSeat => ({ company: s.company, name: s.name, kind: s.kind, strategy: s.strategy, tokenHash: s.tokenHash });
    if (company === undefined) return this.list().map(row);
    return row(this.seats.get(company)!);
  }
}

function blank(company: Ticker, name: string, kind: 'human' | 'bot', strategy: BotStrategyId, tokenHash: string | null): Seat {
  return { company, name, kind, strategy, tokenHash, connections: 0, awaySince: null, awayFromQuarter: 0, autopilot: false, autopilotQuarters: new Set() };
}
