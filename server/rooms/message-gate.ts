/**
 * The WebSocket front door of a room (issue 17): every data frame a client sends passes here
 * before anything else reads it. In order: the flood cap and the rate limit (per connection), the
 * byte limit on the frame as sent (before decoding), msgpack decoding (a malformed frame is a
 * refusal, not a stack trace in the log and a closed connection), then the structure limits
 * (depth, values, list and text lengths; only plain JSON-like values). What passes is handed to
 * the room with its type; what does not gets one refusal, at most a few hundred bytes.
 *
 * Colyseus 0.18 decodes frames in `Room#_onMessage` (private: a frame is dispatched to the
 * handlers after `unpack` + an optional validator, and a decode error logs its stack and closes
 * the connection). The gate replaces that method on the room instance for the three data frame
 * kinds and hands every other frame (join handshake, ping, leave) to the original.
 */
import { CloseCode, Protocol, type Client, type Room } from '@colyseus/core';
import { decode } from '@colyseus/schema';
import { unpack } from 'msgpackr';
import { MAX_MESSAGE_BYTES, MESSAGE_LIMITS, checkStructure, clip, type StructureProblem } from '../../shared/protocol/index.js';
import type { TokenBucket } from './rate-limit.js';

/** Colyseus' protocol code is the low 5 bits of a frame's first byte (PROTOCOL_CODE_MASK). */
const CODE_MASK = 31;
/** Colyseus' ClientState.LEAVING. */
const LEAVING = 4;

/** Why a frame was refused. */
export type GateRefusal =
  | { kind: 'rateLimited' }
  | { kind: 'tooLarge'; bytes: number; max: number }
  | { kind: 'malformed'; detail: string }
  | { kind: 'tooComplex'; problem: StructureProblem };

/** What a gated room provides. */
export interface GatedRoom {
  /** The connection's rate limiter; undefined: not (or no longer) a session of this room: the frame is ignored. */
  bucketOf(client: Client): TokenBucket | undefined;
  /** Answers a refused frame (`type` is already cut to a few characters). */
  refuse(client: Client, type: string, r: GateRefusal): void;
  /** A frame that passed: its message type and decoded payload. */
  deliver(client: Client, type: string, payload: unknown): void;
}

type OnMessage = (client: Client, buffer: Uint8Array) => void;

/** Installs the gate on a room (call in onCreate, before anyone joins). */
export function installMessageGate(room: Room, target: GatedRoom): void {
  const r = room as unknown as { _onMessage: OnMessage };
  const original = r._onMessage;
  if (typeof original !== 'function') throw new Error('Colyseus changed: Room#_onMessage is gone (server/rooms/message-gate.ts)');
  r._onMessage = function gatedOnMessage(this: Room, client: Client, buffer: Uint8Array): void {
    const code = buffer && buffer.length > 0 ? buffer[0]! & CODE_MASK : -1;
    if (code !== Protocol.ROOM_DATA && code !== Protocol.ROOM_REQUEST && code !== Protocol.ROOM_DATA_BYTES) return original.call(this, client, buffer);
    if ((client.state as number) === LEAVING) return;
    gateFrame(target, client, buffer, code);
  };
}

function gateFrame(target: GatedRoom, client: Client, buffer: Uint8Array, code: number): void {
  const bucket = target.bucketOf(client);
  if (!bucket) return;
  const admission = bucket.admit();
  if (admission === 'flood') {
    client.leave(CloseCode.WITH_ERROR);
    return;
  }
  const it = { offset: 1 };
  if (code === Protocol.ROOM_REQUEST) readNumber(buffer, it);
  const type = clip(readType(buffer, it));
  if (admission === 'limited') {
    if (bucket.shouldWarn()) target.refuse(client, type, { kind: 'rateLimited' });
    return;
  }
  if (code !== Protocol.ROOM_DATA) return target.refuse(client, type, { kind: 'malformed', detail: 'request and byte frames are not part of this protocol' });
  const bytes = buffer.length - it.offset;
  if (it.offset > buffer.length) return target.refuse(client, type, { kind: 'malformed', detail: 'truncated frame' });
  if (bytes > MAX_MESSAGE_BYTES) return target.refuse(client, type, { kind: 'tooLarge', bytes, max: MAX_MESSAGE_BYTES });
  let payload: unknown;
  try {
    payload = bytes > 0 ? unpack(buffer.subarray(it.offset)) : undefined;
  } catch {
    return target.refuse(client, type, { kind: 'malformed', detail: 'not valid msgpack' });
  }
  const problem = checkStructure(payload, MESSAGE_LIMITS);
  if (problem) return target.refuse(client, type, { kind: 'tooComplex', problem });
  target.deliver(client, type, payload);
}

/** The message type of a frame (a string, or a number some SDKs send), '' when unreadable. */
function readType(buffer: Uint8Array, it: { offset: number }): string {
  try {
    return decode.stringCheck(buffer, it) ? decode.string(buffer, it) : String(decode.number(buffer, it));
  } catch {
    it.offset = buffer.length + 1;
    return '';
  }
}

function readNumber(buffer: Uint8Array, it: { offset: number }): void {
  try {
    decode.number(buffer, it);
  } catch {
    it.offset = buffer.length + 1;
  }
}
