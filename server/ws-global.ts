/** Node 20: Colyseus reads the global WebSocket on reconnection (STACK.md trap 1). Import first. */
import { WebSocket } from 'ws';

const g = globalThis as unknown as { WebSocket?: unknown };
g.WebSocket ??= WebSocket;
