// Node 20: Colyseus reads the global WebSocket (STACK.md trap 1).
import { WebSocket } from 'ws';
import { copyOnSend } from '../server/scale/transport.js';

const g = globalThis as unknown as { WebSocket?: unknown };
g.WebSocket ??= WebSocket;
// Node SDK clients copy outgoing frames: the server negotiates permessage-deflate (server/scale/transport.ts).
copyOnSend();
