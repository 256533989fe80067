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

/** Makes `ws` sends copy their data (safe with asynchronous compression). Idempotent. */
export function copyOnSend(): void {
  if (patched) return;
  patched = true;
  const send = WebSocket.prototype.send;
  WebSocket.prototype.send = function sendCopy(this: WebSocket, data: unknown, ...rest: unknown[]) {
    const own = data instanceof Uint8Array && !unchanging.has(data) ? Buffer.from(data) : data;
    return (send as (...a: unknown[]) => void).call(this, own, ...rest);
  } as typeof send;
}

/** The transport: frames up to `maxPayload`; deflate unless COMPRESSION=off. */
export function gameTransport(maxPayload: number, deflate = process.env['COMPRESSION'] !== 'off'): WebSocketTransport {
  if (!deflate) return new WebSocketTransport({ maxPayload });
  copyOnSend();
  return new WebSocketTransport({
    maxPayload,
    perMessageDeflate: {
      threshold: 1024,
      concurrencyLimit: 10,
      // Client messages are small: no inflate context kept per connection on the server.
      clientNoContextTakeover: true,
      serverNoContextTakeover: process.env['COMPRESSION'] === 'nocontext',
      zlibDeflateOptions: { level: 1, memLevel: 7 },
    },
  });
}
