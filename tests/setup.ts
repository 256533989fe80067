// Node 20: Colyseus reads the global WebSocket (STACK.md trap 1).
import { WebSocket } from 'ws';

const g = globalThis as unknown as { WebSocket?: unknown };
g.WebSocket ??= WebSocket;
