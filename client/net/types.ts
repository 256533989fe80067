/**
 * What the screens may ask of the network layer (implemented in net/connection.ts, the only module
 * that imports @colyseus/sdk).
 */
import type { Difficulty, Orders, Ticker } from '../../shared/index.js';

/** Options of a new game (those the server offers). */
export interface CreateOptions {
  scenarioId: string;
  quarterCount: number;
  seats: Ticker[];
  /** Seconds per quarter (null: no deadline). */
  deadlineSec: number | null;
  onTimeout: 'bot' | 'repeat';
  isPublic: boolean;
  name: string;
  botDifficulty: Difficulty;
  /** A fixed seed (a class replaying a known game); null: random. Never sent back to clients. */
  seed: string | null;
  /** Quick play: take this company with the game … */
  company?: Ticker;
  /** … and start it at once (the creator hosts it). */
  start?: boolean;
}

/** A game in the open list. */
export interface OpenGame {
  gameId: string;
  code: string;
  scenarioId: string;
  quarter: number;
  quarterCount: number;
  openSeats: Ticker[];
  humans: number;
}

/** The network operations the UI uses. */
export interface Net {
  listGames(): Promise<OpenGame[]>;
  createGame(o: CreateOptions): Promise<void>;
  joinGame(code: string, opts: { name: string; spectate: boolean }): Promise<void>;
  claimSeat(ticker: Ticker): Promise<void>;
  /** Host only: leave the lobby and start quarter 0. */
  startGame(): Promise<void>;
  /** Submits the orders; `ready`: and marks the seat ready with them, in the same message. */
  submitOrders(o: Orders, ready?: boolean): Promise<void>;
  withdrawOrders(): Promise<void>;
  setReady(ready: boolean): Promise<void>;
  leave(): Promise<void>;
  /** Rejoins the game of this browser tab after a reload (seat token); false if there is none. */
  resume(): Promise<boolean>;
  /** Opens a join link's game (with this browser's tokens for it, else at its seat choice), or resumes without a code. */
  open(code: string | null): Promise<boolean>;
  /** Changes (and remembers) the name used to claim seats. */
  setName(name: string): void;
  /** The name used to claim seats. */
  playerName(): string;
  /** Watch the game without a seat. */
  watch(): void;
}
