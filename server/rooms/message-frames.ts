/**
 * Encoding of the big server messages (`view`, `quarter:resolved`) with shared parts packed once.
 * Every seat's view holds the same public parts (the companies' public figures, regions, market:
 * ~14 of ~20 kB of msgpack) as the same objects (`playerViews` builds them once per state), and a
 * quarter's revealed orders are one object for every client. Colyseus packs each message whole,
 * per client; here a message is packed field by field (its own fields and, one level down, the
 * view's) and every object met before in the same broadcast is spliced in from the broadcast's
 * cache (FrameCache), so a game's public parts are packed once per quarter instead of once per
 * client. The bytes are the msgpack of the same message (Colyseus' own settings: msgpackr, no
 * records), in Colyseus' ROOM_DATA frame. The view's events are packed item by item: public
 * events are the same objects in every list.
 *
 * Going deeper does not pay: packed field by field, a seat's own company could take its report and
 * last orders (~1.4 of ~3 kB) from the public parts' bytes, but every msgpackr call has a fixed
 * cost and the frames of a quarter took ~40% longer (scratch benchmark, 40 games × 4 quarters).
 */
import { Protocol, type Client } from '@colyseus/core';
import { encode } from '@colyseus/schema';
import { Packr } from 'msgpackr';
import type { ServerMessage, ServerMessageName } from '../../shared/protocol/index.js';
import { sentAsIs } from '../scale/transport.js';

const packr = new Packr({ useRecords: false });

/**
 * msgpack bytes of the objects packed already for one broadcast (the frames of one resolved quarter
 * for every client of a game), by object. Made per broadcast and dropped after it: a Map rather than
 * a module-wide WeakMap, whose entries the collector had to trace as ephemerons (the profile showed
 * WeakMap sets and ephemeron write barriers at ~15% of the packing) and which kept the bytes of
 * the state's regions and market alive until the next quarter. A quarter's frames for a game
 * (7 seats): 560–990 µs before, 400–470 µs with the broadcast's Map, field names packed once and
 * no copies (scratch benchmark, 40 games × 4 quarters, fresh resolutions).
 *
 * The cached bytes are msgpackr's own output, not copied: msgpackr never writes over bytes it has
 * returned (it starts a new buffer when one is full), and the cache lives only while its frames
 * are built.
 */
export type FrameCache = Map<object, Uint8Array>;

/** msgpack of one value; an object packed before in this broadcast comes from the cache. */
function packValue(v: unknown, cache: FrameCache): Uint8Array {
  if (typeof v !== 'object' || v === null) return packr.pack(v);
  let bytes = cache.get(v);
  if (!bytes) {
    bytes = packr.pack(v);
    cache.set(v, bytes);
  }
  return bytes;
}

/** msgpack of message field names (a fixed set: the protocol's and the engine's): packed once. */
const keyBytes = new Map<string, Uint8Array>();
const MAX_KEYS = 2_000;

function packKey(k: string): Uint8Array {
  let bytes = keyBytes.get(k);
  if (!bytes) {
    bytes = Uint8Array.prototype.slice.call(packr.pack(k));
    if (keyBytes.size < MAX_KEYS) keyBytes.set(k, bytes);
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
function packFields(obj: Record<string, unknown>, spec: Spec, parts: Uint8Array[], cache: FrameCache): void {
  const keys = Object.keys(obj);
  parts.push(mapHeader(keys.length));
  for (const k of keys) {
    parts.push(packKey(k));
    const v = obj[k];
    const how = Object.hasOwn(spec, k) ? spec[k] : undefined;
    if (how === 'items' && Array.isArray(v)) {
      parts.push(arrayHeader(v.length));
      for (const item of v) parts.push(packValue(item, cache));
    } else if (how !== undefined && how !== 'items' && typeof v === 'object' && v !== null && !Array.isArray(v)) {
      packFields(v as Record<string, unknown>, how === true ? NONE : how, parts, cache);
    } else parts.push(packValue(v, cache));
  }
}

const NONE: Spec = {};
/** The view's fields one by one (its public parts are the same objects in every seat's view), and its events one by one. */
const FIELDS: Spec = { view: { events: 'items' } };

/**
 * The Colyseus frame of a message (ROOM_DATA, type, msgpack payload), its big parts packed once
 * per broadcast: frames built for one broadcast share one cache (`cache`; by default the message's own).
 */
export function messageFrame<K extends ServerMessageName>(type: K, payload: ServerMessage<K>, cache: FrameCache = new Map()): Buffer {
  const head = Buffer.allocUnsafe(2 + type.length * 3);
  head[0] = Protocol.ROOM_DATA;
  const it = { offset: 1 };
  encode.string(head, type, it);
  const parts: Uint8Array[] = [head.subarray(0, it.offset)];
  packFields(payload as unknown as Record<string, unknown>, FIELDS, parts, cache);
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
