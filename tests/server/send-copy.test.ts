/**
 * The `ws` send patch (server/scale/transport.ts): with permessage-deflate a frame is compressed
 * later, so a buffer its sender reuses (Colyseus' encode buffer) must be copied on send; frames
 * marked `sentAsIs` (built for one send, never changed) go as they are: that mark must not let an
 * unmarked buffer through uncopied. Frames shorter than COMPRESS_FROM_BYTES go uncompressed (they
 * would wait in zlib's shared queue for little gain), in order with the compressed ones.
 * tests/setup.ts applies the patch in this process.
 */
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket, WebSocketServer } from 'ws';
import { COMPRESS_FROM_BYTES } from '../../server/scale/transport.js';

const deflate = { threshold: 0 };
let server: WebSocketServer;
let client: WebSocket;
const received: Buffer[] = [];
/** The server's end of the connection: bytes read off the wire. */
let wire: { bytesRead: number } | null = null;

beforeAll(async () => {
  server = new WebSocketServer({ port: 0, host: '127.0.0.1', perMessageDeflate: deflate });
  await new Promise<void>((r) => server.once('listening', () => r()));
  server.on('connection', (ws) => {
    wire = (ws as unknown as { _socket: { bytesRead: number } })._socket;
    ws.on('message', (data: Buffer) => received.push(data));
  });
  client = new WebSocket(`ws://127.0.0.1:${(server.address() as AddressInfo).port}`, { perMessageDeflate: deflate });
  await new Promise<void>((r) => client.once('open', () => r()));
});
afterAll(async () => {
  client.close();
  await new Promise<void>((r) => server.close(() => r()));
});

async function waitFor(n: number): Promise<void> {
  const deadline = Date.now() + 5_000;
  while (received.length < n && Date.now() < deadline) await new Promise((r) => setTimeout(r, 5));
}

describe('ws send with deflate', () => {
  it('a buffer its sender overwrites right after sending arrives as it was sent (copied on send)', async () => {
    const reused = new Uint8Array(4_096);
    const sent: Buffer[] = [];
    for (let i = 0; i < 20; i += 1) {
      reused.fill(i + 1);
      sent.push(Buffer.from(reused));
      client.send(reused);
    }
    reused.fill(0);
    await waitFor(20);
    expect(received.map((b, i) => b.equals(sent[i]!))).toEqual(sent.map(() => true));
  });

  it('sends a short frame uncompressed and a long one compressed, in the order sent', async () => {
    received.length = 0;
    const short = new Uint8Array(COMPRESS_FROM_BYTES - 24).fill(7);
    const long = new Uint8Array(COMPRESS_FROM_BYTES * 8).fill(7);
    const before = wire!.bytesRead;
    client.send(short);
    await waitFor(1);
    const shortBytes = wire!.bytesRead - before;
    client.send(long);
    await waitFor(2);
    const longBytes = wire!.bytesRead - before - shortBytes;
    // Uncompressed: the payload and a frame header (≤ 14 bytes); deflated, 8 kB of one byte is a few dozen.
    expect(shortBytes).toBeGreaterThanOrEqual(short.byteLength);
    expect(longBytes).toBeLessThan(100);
    // Interleaved, each arrives whole and in order (an uncompressed frame does not overtake a compressed one).
    received.length = 0;
    const sent: Buffer[] = [];
    for (let i = 0; i < 30; i += 1) {
      const frame = new Uint8Array(i % 2 === 0 ? 200 : 5_000).fill(i + 1);
      sent.push(Buffer.from(frame));
      client.send(frame);
    }
    await waitFor(30);
    expect(received.map((b, i) => b.equals(sent[i]!))).toEqual(sent.map(() => true));
  });
});
