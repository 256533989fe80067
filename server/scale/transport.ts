/**
 * The WebSocket transport, with permessage-deflate. A quarter's `quarter:resolved` (a full player
 * view + the revealed orders, ~22 kB of msgpack) shrinks to ~5 kB deflated, ~2.5 kB with context
 * takeover, since consecutive views are alike (`npm run loadtest` measures bytes on the wire).
 *
 * Trap (found here): Colyseus, server and Node SDK alike, hands `ws.send` a view into an encode
 * buffer it reuses for the next message. With deflate negotiated `ws` may queue a frame and read
 * it later, so the next message overwrites it: corrupted frames, clients closed with 4002. The
 * patch below copies every outgoing Uint8Array first, for every `ws` socket in the process (the
 * server's and Node SDK clients'); browsers copy on send by specification. Frames built for one
 * send (server/rooms/message-frames.ts: ~24 kB per client per quarter) are marked `sentAsIs` and
 * go without the copy. COMPRESSION=off turns deflate off.
 */
import { WebSocketTransport } from '@colyseus/ws-transport';
import { WebSocket } from 'ws';

let patched = false;

/** Frames whose bytes never change once sent (built for this send, or recorded): sent without the copy. */
const unchanging = new WeakSet<Uint8Array>();

/** Marks a frame as never changed after it is sent (so `ws` may read it later without a copy); returns it. */
export function sentAsIs<T extends Uint8Array>(frame: T): T {
  unchanging.add(frame);
  return frame;
}

/**
 * Frames shorter than this go uncompressed: acknowledgements, ready flags and state patches (a few
 * hundred bytes) gain little from deflate, and each compressed frame waits its turn in zlib's queue
 * (`concurrencyLimit`, shared by every socket) behind the quarter's views being compressed for other
 * players. RFC 7692 lets a message go uncompressed at any time, with or without context takeover.
 */
export const COMPRESS_FROM_BYTES = 1024;

/** The `ws` send options of a frame: uncompressed when shorter than COMPRESS_FROM_BYTES. */
function sendOptions(data: unknown, options: unknown): unknown {
  if (!(data instanceof Uint8Array) || data.byteLength >= COMPRESS_FROM_BYTES) return options;
  return typeof options === 'object' && options !== null ? { ...options, compress: false } : { compress: false };
}

/**
 * Makes `ws` sends copy their data (safe with asynchronous compression) and send short frames
 * uncompressed. Idempotent.
 */
export function copyOnSend(): void {
  if (patched) return;
  patched = true;
  const send = WebSocket.prototype.send;
  WebSocket.prototype.send = function sendCopy(this: WebSocket, data: unknown, options?: unknown, ...rest: unknown[]) {
    const own = data instanceof Uint8Array && !unchanging.has(data) ? Buffer.from(data) : data;
    // send(data, cb) is a valid call too: a function in the options' place is the callback.
    if (typeof options === 'function') return (send as (...a: unknown[]) => void).call(this, own, sendOptions(data, undefined), options, ...rest);
    return (send as (...a: unknown[]) => void).call(this, own, sendOptions(data, options), ...rest);
  } as typeof send;
}

/** The transport: frames up to `maxPayload`; deflate unless COMPRESSION=off. */
export function gameTransport(maxPayload: number, deflate = process.env['COMPRESSION'] !== 'off'): WebSocketTransport {
  if (!deflate) return new WebSocketTransport({ maxPayload });
  copyOnSend();
  return new WebSocketTransport({
    maxPayload,
    perMessageDeflate: {
      threshold: COMPRESS_FROM_BYTES,
      concurrencyLimit: 10,
      // Client messages are small: no inflate context kept per connection on the server.
      clientNoContextTakeover: true,
      serverNoContextTakeover: process.env['COMPRESSION'] === 'nocontext',
      zlibDeflateOptions: { level: 1, memLevel: 7 },
    },
  });
}
