/**
 * Public room state (Colyseus schema 5): seats, ready flags, connection status, quarter and
 * deadline. Nothing secret lives here (orders and views go out as per-client messages).
 * See PUBLIC_STATE_FIELDS in shared/protocol.
 */
import { schema, t, type SchemaType } from '@colyseus/schema';
import type { GameSummary } from '../game/controller.js';

/** One seat, as everyone sees it. */
export const SeatState = schema({
  company: t.string().default(''),
  name: t.string().default(''),
  kind: t.string().default('bot'),
  connected: t.boolean().default(false),
  ready: t.boolean().default(false),
  autopilot: t.boolean().default(false),
}, 'SeatState');
export type SeatState = SchemaType<typeof SeatState>;

/** The room's public state. */
export const GameRoomState = schema({
  gameId: t.string().default(''),
  status: t.string().default('lobby'),
  quarter: t.uint8().default(0),
  quarterCount: t.uint8().default(0),
  deadlineAt: t.float64().default(0),
  spectators: t.uint16().default(0),
  botDifficulty: t.string().default('normal'),
  seats: t.map(SeatState),
}, 'GameRoomState');
export type GameRoomState = SchemaType<typeof GameRoomState>;

/** Copies a game summary into the room state (only changed fields go out in the next patch). */
export function applySummary(state: GameRoomState, s: GameSummary, spectators: number): void {
  state.gameId = s.gameId;
  state.status = s.status;
  state.quarter = s.quarter;
  state.quarterCount = s.quarterCount;
  state.deadlineAt = s.deadlineAt ?? 0;
  state.spectators = spectators;
  state.botDifficulty = s.botDifficulty;
  for (const seat of s.seats) {
    let st = state.seats.get(seat.company);
    if (!st) {
      st = new SeatState();
      state.seats.set(seat.company, st);
    }
    st.company = seat.company;
    st.name = seat.name;
    st.kind = seat.kind;
    st.connected = seat.connected;
    st.ready = seat.ready;
    st.autopilot = seat.autopilot;
  }
}
