/**
 * The baseline server of `npm run loadtest -- --baseline`: a bare Colyseus 0.18 room named `game`
 * on the same transport (same permessage-deflate settings) that plays no game at all. It answers
 * the load generator's messages with the frames the real server sent in the game round just before,
 * byte for byte (LOAD_RECORDING, written by scripts/loadtest.ts), and keeps the same public room
 * state (status, quarter, seats with ready flags), so the state patches match too. What the real
 * server costs beyond this is the game: its store writes, engine, views, room code.
 */
import '../server/ws-global.js';
import fs from 'node:fs';
import { Room, Server, type Client } from '@colyseus/core';
import { TICKERS } from '../shared/index.js';
import { MAX_FRAME_BYTES, ROOM_NAME } from '../shared/protocol/index.js';
import { GameRoomState, SeatState } from '../server/rooms/room-state.js';
import { gameTransport, sentAsIs } from '../server/scale/transport.js';
import { readRecording, type FrameKind, type Recording } from './load-recording.js';

const recording: Recording = readRecording(fs.readFileSync(process.env['LOAD_RECORDING']!));

/** One seat's recorded frames, by kind, replayed in order. */
class Tape {
  private readonly at = new Map<FrameKind, number>();
  constructor(private readonly frames: Map<FrameKind, Uint8Array[]>) {}

  next(kind: FrameKind): Uint8Array | undefined {
    const list = this.frames.get(kind) ?? [];
    const i = this.at.get(kind) ?? 0;
    this.at.set(kind, i + 1);
    return list[Math.min(i, list.length - 1)];
  }

  /** The intro (welcome + the first view): what join and game:sync answer. */
  intro(): Uint8Array[] {
    if (!this.at.has('view')) this.at.set('view', 1);
    return (['welcome', 'view'] as const).map((k) => this.frames.get(k)?.[0]).filter((f): f is Uint8Array => f !== undefined);
  }

  /** The frames of a kind not replayed yet (the views a short game's end sends after its last quarter: the board's years). */
  rest(kind: FrameKind): Uint8Array[] {
    const list = this.frames.get(kind) ?? [];
    const i = this.at.get(kind) ?? 0;
    this.at.set(kind, list.length);
    return list.slice(i);
  }
}

class BareReplayRoom extends Room<{ state: GameRoomState }> {
  override state = new GameRoomState();
  private game = 0;
  private readonly tapes = new Map<string, Tape>();
  private readonly seats = new Map<string, string>();
  private ready = new Set<string>();

  override onCreate(options: { name?: string; game?: { companies?: string[] } }): void {
    this.game = Number(/^H(\d+)$/.exec(options.name ?? '')?.[1] ?? 0);
    this.state.gameId = this.roomId;
    this.state.status = 'lobby';
    this.state.quarterCount = (options.game as { quarterCount?: number } | undefined)?.quarterCount ?? 4;
    for (const t of TICKERS.slice(0, 7)) {
      const seat = new SeatState();
      seat.company = t;
      seat.kind = 'human';
      this.state.seats.set(t, seat);
    }
    this.onMessage('game:sync', (client) => this.intro(client));
    this.onMessage('game:start', () => {
      this.state.status = 'running';
    });
    this.onMessage('orders:submit', (client, m: { ready?: boolean } | undefined) => {
      this.replay(client, 'orders:state');
      if (m?.ready === true) this.markReady(client);
    });
    this.onMessage('orders:ready', (client) => {
      this.replay(client, 'orders:state');
      this.markReady(client);
    });
  }

  /** A seat said it is ready: once every seat has, every client gets its next recorded resolved quarter. */
  private markReady(client: Client): void {
    const seat = this.seats.get(client.sessionId)!;
    this.ready.add(seat);
    this.state.seats.get(seat)!.ready = true;
    if (this.ready.size < this.seats.size) return;
    for (const c of this.clients) this.replay(c, 'quarter:resolved');
    this.ready = new Set();
    for (const s of this.state.seats.values()) s.ready = false;
    this.state.quarter += 1;
    // After the last quarter the game server sends every client its view again, with the board's years.
    if (this.state.quarter >= this.state.quarterCount) {
      for (const c of this.clients) for (const f of this.tapes.get(c.sessionId)?.rest('view') ?? []) c.enqueueRaw(sentAsIs(f));
    }
  }

  override onJoin(client: Client, options: { company?: string }): void {
    const seat = options.company ?? '';
    this.seats.set(client.sessionId, seat);
    this.tapes.set(client.sessionId, new Tape(recording.get(`${this.game}:${seat}`) ?? new Map()));
    const st = this.state.seats.get(seat);
    if (st) [st.connected, st.name] = [true, seat];
    this.intro(client);
  }

  private intro(client: Client): void {
    for (const f of this.tapes.get(client.sessionId)?.intro() ?? []) client.enqueueRaw(sentAsIs(f));
  }

  private replay(client: Client, kind: FrameKind): void {
    const f = this.tapes.get(client.sessionId)?.next(kind);
    // Recorded frames never change: sent without the copy, as the game server sends its own frames.
    if (f) client.enqueueRaw(sentAsIs(f));
  }
}

const server = new Server({ transport: gameTransport(MAX_FRAME_BYTES), greet: false });
server.define(ROOM_NAME, BareReplayRoom);
await server.listen(Number(process.env['PORT']));
console.log(`bare replay room listening on ${process.env['PORT']} (${recording.size} recorded seats)`);
