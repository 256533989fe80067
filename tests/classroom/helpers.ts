/**
 * Classroom test helpers: SDK clients of the class room that record every message, and shortcuts
 * to create a class, join students and wait for snapshots.
 */
import { Client, type Room } from '@colyseus/sdk';
import { CLASS_ROOM_NAME, type ClassClientMessage, type ClassClientMessageName, type ClassSnapshot, type ClassWelcome } from '../../shared/protocol/classroom.js';

type Received = { type: string; payload: unknown };

/** One class-room connection and everything it received. */
export class ClassClient {
  readonly inbox: Received[] = [];
  private waiters: (() => void)[] = [];

  constructor(readonly room: Room) {
    room.onMessage('*', (type, payload) => {
      this.inbox.push({ type: String(type), payload });
      for (const w of this.waiters.splice(0)) w();
    });
  }

  send<K extends ClassClientMessageName>(type: K, payload: ClassClientMessage<K>): void {
    this.room.send(type, payload);
  }

  sendRaw(type: string, payload: unknown): void {
    this.room.send(type as never, payload as never);
  }

  /** Index of the latest message of a type (0 when none). */
  lastIndex(type: string): number {
    for (let i = this.inbox.length - 1; i >= 0; i -= 1) if (this.inbox[i]!.type === type) return i;
    return 0;
  }

  mark(): number {
    return this.inbox.length;
  }

  all<T = Record<string, unknown>>(type: string, after = 0): T[] {
    return this.inbox.slice(after).filter((m) => m.type === type).map((m) => m.payload as T);
  }

  async waitFor<T = Record<string, unknown>>(type: string, pred: (m: T) => boolean = () => true, after = 0, timeoutMs = 8000): Promise<T> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const hit = this.all<T>(type, after).find(pred);
      if (hit) return hit;
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`timed out waiting for ${type}; got ${this.inbox.map((m) => m.type).slice(-30).join(', ')}`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }

  /** The next snapshot (after `after`) that satisfies `pred`. */
  state(pred: (s: ClassSnapshot) => boolean = () => true, after?: number): Promise<ClassSnapshot> {
    return this.waitFor<ClassSnapshot>('class:state', pred, after ?? this.lastIndex('class:state'));
  }

  get welcome(): ClassWelcome {
    const w = this.all<ClassWelcome>('class:welcome').at(-1);
    if (!w) throw new Error('no welcome');
    return w;
  }

  /** Sends a message and waits for the class error it provokes. */
  async expectError(type: ClassClientMessageName | string, payload: unknown): Promise<{ code: string; message: string }> {
    const at = this.mark();
    this.sendRaw(type, payload);
    return this.waitFor<{ code: string; message: string; type: string }>('class:error', (e) => e.type === type, at);
  }

  async leave(): Promise<void> {
    await this.room.leave(true).catch(() => undefined);
  }
}

async function ready(room: Room): Promise<ClassClient> {
  const c = new ClassClient(room);
  await c.waitFor('class:state');
  return c;
}

/** Creates a class; the creator is its host. */
export async function createClass(url: string, options: Record<string, unknown>): Promise<ClassClient> {
  return ready(await new Client(url).create(CLASS_ROOM_NAME, { options }));
}

/** Joins a class (a student by name or token, or the host by its secret). */
export async function joinClass(url: string, code: string, join: Record<string, unknown>): Promise<ClassClient> {
  return ready(await new Client(url).joinById(code, join));
}
