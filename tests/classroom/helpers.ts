/**
 * Classroom test helpers: SDK clients of the class room that record every message, and shortcuts
 * to create a class, join students and wait for snapshots.
 */
import { Client, type Room } from '@colyseus/sdk';
import { RecordingRoom } from '../helpers/recording-room.js';
import { CLASS_ROOM_NAME, type ClassClientMessage, type ClassClientMessageName, type ClassSnapshot, type ClassWelcome } from '../../shared/protocol/classroom.js';


/** One class-room connection and everything it received. */
export class ClassClient extends RecordingRoom {
  send<K extends ClassClientMessageName>(type: K, payload: ClassClientMessage<K>): void {
    this.room.send(type, payload);
  }

  all<T = Record<string, unknown>>(type: string, after = 0): T[] {
    return this.payloads(type, after) as T[];
  }

  async waitFor<T = Record<string, unknown>>(type: string, pred: (m: T) => boolean = () => true, after = 0, timeoutMs = 8000): Promise<T> {
    return (await this.waitForPayload(type, (m) => pred(m as T), after, timeoutMs)) as T;
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

/**
 * A practice quarter played by every game, then a restart: the class is back in its lobby with its
 * practice games kept apart, and starts again; returns the running snapshot of the real games.
 */
export async function practiceThenStart(host: ClassClient, games: number): Promise<ClassSnapshot> {
  host.send('host:start', {});
  await host.state((s) => s.status === 'running');
  host.send('host:resolve', { game: null, quarter: 0 });
  await host.state((s) => s.games.every((g) => g.quarter === 1));
  host.send('host:restart', {});
  await host.state((s) => s.status === 'lobby' && s.practiceGames === games);
  host.send('host:start', {});
  return host.state((s) => s.status === 'running');
}
