/**
 * The frames a load test's clients received from the real server, kept to be replayed byte for
 * byte by the bare baseline room (scripts/load-bare-server.ts). Binary file: per frame
 * u16 game, u8 seat (TICKERS index), u8 kind, u32 length, then the frame (decompressed).
 */
import { TICKERS } from '../shared/index.js';

export const FRAME_KINDS = ['welcome', 'view', 'orders:state', 'quarter:resolved'] as const;
export type FrameKind = (typeof FRAME_KINDS)[number];
/** Frames per "game:seat", by kind, in the order received. */
export type Recording = Map<string, Map<FrameKind, Uint8Array[]>>;

interface Entry {
  game: number;
  seat: number;
  kind: number;
  bytes: Uint8Array;
}

/** Collects frames (cheaply: the type is read from the frame's first bytes, nothing is decoded). */
export class Recorder {
  private readonly entries: Entry[] = [];

  /** A frame received by a client of `game` playing `seat`; kept when it is one the baseline replays. */
  add(game: number, seat: string, frame: Uint8Array): void {
    // A ROOM_DATA frame (13) whose type is a short string: 0xa0 | length, then the characters.
    if (frame[0] !== 13 || (frame[1]! & 0xe0) !== 0xa0) return;
    const n = frame[1]! & 0x1f;
    const type = String.fromCharCode(...frame.subarray(2, 2 + n));
    const kind = FRAME_KINDS.indexOf(type as FrameKind);
    if (kind >= 0) this.entries.push({ game, seat: TICKERS.indexOf(seat as (typeof TICKERS)[number]), kind, bytes: frame.slice() });
  }

  get frames(): number {
    return this.entries.length;
  }

  toBuffer(): Buffer {
    const size = this.entries.reduce((a, e) => a + 8 + e.bytes.length, 0);
    const out = Buffer.alloc(size);
    let at = 0;
    for (const e of this.entries) {
      out.writeUInt16LE(e.game, at);
      out.writeUInt8(e.seat, at + 2);
      out.writeUInt8(e.kind, at + 3);
      out.writeUInt32LE(e.bytes.length, at + 4);
      out.set(e.bytes, at + 8);
      at += 8 + e.bytes.length;
    }
    return out;
  }
}

/** Reads a recording file. */
export function readRecording(buf: Buffer): Recording {
  const out: Recording = new Map();
  let at = 0;
  while (at < buf.length) {
    const key = `${buf.readUInt16LE(at)}:${TICKERS[buf.readUInt8(at + 2)]}`;
    const kind = FRAME_KINDS[buf.readUInt8(at + 3)]!;
    const len = buf.readUInt32LE(at + 4);
    const frame = buf.subarray(at + 8, at + 8 + len);
    at += 8 + len;
    let byKind = out.get(key);
    if (!byKind) out.set(key, (byKind = new Map()));
    let list = byKind.get(kind);
    if (!list) byKind.set(kind, (list = []));
    list.push(frame);
  }
  return out;
}
