/** Node 20: Colyseus reads the global WebSocket on reconnection (STACK.md trap 1). Import first. */
import { WebSocket } from 'ws';
import { copyOnSend } from './scale/transport.js';

const g = globalThis as unknown as { WebSocket?: unknown };
g.WebSocket ??= WebSocket;
// Node SDK clients and the server: copy outgoing frames (permessage-deflate; server/scale/transport.ts).
copyOnSend();
