/**
 * Encoding of the big server messages (`view`, `quarter:resolved`) with shared parts packed once.
 * Every seat's view holds the same public parts (the companies' public figures, regions, market:
 * ~14 of ~20 kB of msgpack) as the same objects (`playerViews` builds them once per state), and a
 * quarter's revealed orders are one object for every client. Colyseus packs each message whole,
 * per client; here a message is packed field by field (its own fields and, one level down, the
 * view's) and every object met before is spliced in from a cache keyed by that object, so a game's
 * public parts are packed once per quarter instead of once per client. The bytes are the msgpack
 * of the same message (Colyseus' own settings: msgpackr, no records), in Colyseus' ROOM_DATA frame.
 * The view's events are packed item by item: public events are the same objects in every list.
 */
import { Protocol, type Client } from '@colyseus/core';
import { encode } from '@colyseus/schema';
import { Packr } from 'msgpackr';
import type { ServerMessage, ServerMessageName } from '../../shared/protocol/index.js';
import { sentAsIs } from '../scale/transport.js';

const packr = new Packr({ useRecords: false });

/** msgpack bytes of objects packed already, by object (dropped with the objects: a quarter's views). */
const packed = new WeakMap<object, Uint8Array>();

/** msgpack of one value; an object packed before comes from the cache (copied out of msgpackr's buffer once). */
function packValue(v: unknown): Uint8Array {
  if (typeof v !== 'object' || v === null) return packr.pack(v);
  let bytes = packed.get(v);
  if (!bytes) {
    bytes = Uint8Array.prototype.slice.call(packr.pack(v));
    packed.set(v, bytes);
  }
  return bytes;
}

/** A msgpack map header for n entries, as msgpackr writes a plain object's (map16 at any size). */
function mapHeader(n: number): Uint8Array {
  return Uint8Array.of(0xde, n >> 8, n & 0xff);
}

/** A msgpack array header for n items, as msgpackr writes it. */
function arrayHeader(n: number): Uint8Array {
  if (n < 0x10) return Uint8Array.of(0x90 | n);
  if (n < 0x10000) return Uint8Array.of(0xdc, n >> 8, n & 0xff);
  return Uint8Array.of(0xdd, n >>> 24, (n >> 16) & 0xff, (n >> 8) & 0xff, n & 0xff);
}

/**
 * How deep to go: for each field, `true` packs a plain object field by field (its values through
 * the cache), `'items'` packs a list item by item (each item through the cache), a nested spec
 * goes one level further. Other fields are packed whole (through the cache when an object).
 */
type Spec = { readonly [field: string]: true | 'items' | Spec };

/** msgpack of a plain object, field by field, as `spec` says. */
function packFields(obj: Record<string, unknown>, spec: Spec, parts: Uint8Array[]): void {
  const keys = Object.keys(obj);
  parts.push(mapHeader(keys.length));
  for (const k of keys) {
    parts.push(packr.pack(k));
    const v = obj[k];
    const how = Object.hasOwn(spec, k) ? spec[k] : undefined;
    if (how === 'items' && Array.isArray(v)) {
      parts.push(arrayHeader(v.length));
      for (const item of v) parts.push(packValue(item));
    } else if (how !== undefined && how !== 'items' && typeof v === 'object' && v !== null && !Array.isArray(v)) {
      packFields(v as Record<string, unknown>, how === true ? NONE : how, parts);
    } else parts.push(packValue(v));
  }
}

const NONE: Spec = {};
/**
 * The view's fields one by one (the public parts are the same objects in every seat's view), and
 * its events one by one: each seat's list is its own, but the public events in it are the same
 * objects in every list, so they are packed once per quarter rather than once per client.
 */
const VIEW_FIELDS: Spec = { view: { events: 'items' } };

/** The Colyseus frame of a message (ROOM_DATA, type, msgpack payload), its big parts packed once. */
export function messageFrame<K extends ServerMessageName>(type: K, payload: ServerMessage<K>): Buffer {
  const head = Buffer.allocUnsafe(2 + type.length * 3);
  head[0] = Protocol.ROOM_DATA;
  const it = { offset: 1 };
  encode.string(head, type, it);
  const parts: Uint8Array[] = [head.subarray(0, it.offset)];
  packFields(payload as unknown as Record<string, unknown>, VIEW_FIELDS, parts);
  return Buffer.concat(parts);
}

/** Sends a message packed by messageFrame (the same bytes a client would get from client.send). */
export function sendFrame<K extends ServerMessageName>(client: Client, type: K, payload: ServerMessage<K>): void {
  client.enqueueRaw(sentAsIs(messageFrame(type, payload)));
}

/** Sends one frame built by messageFrame to several clients (the same message for each: e.g. spectators' views). */
export function sendFrameToAll(clients: Iterable<Client>, frame: Buffer): void {
  sentAsIs(frame);
  for (const c of clients) c.enqueueRaw(frame);
}
