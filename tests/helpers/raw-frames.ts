/**
 * Raw Colyseus frames for hostile-input tests: build a data frame byte by byte (any type, any
 * payload bytes, any frame code), send it on an SDK room's connection, and tap the frames the
 * server sends back (type and size), so a test can measure what a refusal costs the server.
 */
import type { Room } from '@colyseus/sdk';
import { decode, encode } from '@colyseus/schema';
import { Packr } from 'msgpackr';

/** Colyseus protocol codes used here. */
export const FRAME = { ROOM_DATA: 13, ROOM_DATA_BYTES: 17, ROOM_REQUEST: 21 } as const;

/** msgpack as the SDK encodes it; `moreTypes` adds Set/Map/Error/RegExp/typed arrays. */
const packr = new Packr({ useRecords: false });
const exotic = new Packr({ useRecords: false, moreTypes: true, structuredClone: true });

/** msgpack bytes of a value (exotic: also Sets, Maps, Dates, RegExps, Errors, typed arrays). */
export function packed(value: unknown, exotic_ = false): Uint8Array {
  return (exotic_ ? exotic : packr).pack(value);
}

/** A frame: code, the message type (a string, as the SDK writes it; a number when given one), then the payload bytes. */
export function frameOf(type: string | number, payload?: Uint8Array, code: number = FRAME.ROOM_DATA): Uint8Array {
  const head = new Uint8Array(16 + (typeof type === 'string' ? type.length * 3 : 0));
  head[0] = code;
  const it = { offset: 1 };
  if (code === FRAME.ROOM_REQUEST) encode.number(head, 7, it);
  if (typeof type === 'string') encode.string(head, type, it);
  else encode.number(head, type, it);
  const out = new Uint8Array(it.offset + (payload?.length ?? 0));
  out.set(head.subarray(0, it.offset), 0);
  if (payload) out.set(payload, it.offset);
  return out;
}

/** A frame received from the server: its message type (data frames only) and size in bytes (decompressed). */
export interface Tapped {
  code: number;
  type: string | null;
  bytes: number;
}

type WsLike = { addEventListener(t: 'message', f: (ev: { data: ArrayBuffer | Buffer | Uint8Array }) => void): void };

/** Records every frame a room's connection receives, and sends raw frames on it. */
export class FrameTap {
  readonly frames: Tapped[] = [];
  private waiters: (() => void)[] = [];

  constructor(readonly room: Room) {
    const ws = (room.connection as unknown as { transport: { ws: WsLike } }).transport.ws;
    ws.addEventListener('message', (ev) => {
      const data = ev.data instanceof ArrayBuffer ? new Uint8Array(ev.data) : new Uint8Array(ev.data);
      let type: string | null = null;
      if (data[0] === FRAME.ROOM_DATA) {
        const it = { offset: 1 };
        try {
          type = decode.stringCheck(data, it) ? decode.string(data, it) : String(decode.number(data, it));
        } catch {
          type = '?';
        }
      }
      this.frames.push({ code: data[0]!, type, bytes: data.length });
      for (const w of this.waiters.splice(0)) w();
    });
  }

  /** Sends raw bytes as one WebSocket frame. */
  send(bytes: Uint8Array): void {
    this.room.connection.send(bytes);
  }

  mark(): number {
    return this.frames.length;
  }

  /** Data frames (not state patches) received after an index. */
  messagesAfter(at: number): Tapped[] {
    return this.frames.slice(at).filter((f) => f.type !== null);
  }

  /** Waits for a data frame of a type after an index. */
  async waitFor(type: string, at: number, timeoutMs = 5000): Promise<Tapped> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const hit = this.frames.slice(at).find((f) => f.type === type);
      if (hit) return hit;
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`timed out waiting for a "${type}" frame; got ${this.frames.slice(at).map((f) => f.type ?? `#${f.code}`).join(', ')}`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }
}
