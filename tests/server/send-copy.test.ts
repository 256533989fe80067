/**
 * The `ws` send patch (server/scale/transport.ts): with permessage-deflate a frame is compressed
 * later, so a buffer its sender reuses (Colyseus' encode buffer) must be copied on send; frames
 * marked `sentAsIs` (built for one send, never changed) go as they are: that mark must not let an
 * unmarked buffer through uncopied. tests/setup.ts applies the patch in this process.
 */
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket, WebSocketServer } from 'ws';

const deflate = { threshold: 0 };
let server: WebSocketServer;
let client: WebSocket;
const received: Buffer[] = [];

beforeAll(async () => {
  server = new WebSocketServer({ port: 0, host: '127.0.0.1', perMessageDeflate: deflate });
  await new Promise<void>((r) => server.once('listening', () => r()));
  server.on('connection', (ws) => ws.on('message', (data: Buffer) => received.push(data)));
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
});
