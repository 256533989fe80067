/**
 * Test helpers for the server suite: boot a real server on a free port with a temporary data
 * directory, and SDK clients that record every protocol message they receive.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Client, type Room } from '@colyseus/sdk';
import { RecordingRoom } from '../helpers/recording-room.js';
import { matchMaker } from '@colyseus/core';
import { ROOM_NAME, type ClientMessage, type ClientMessageName, type JoinOptions, type ServerMessage, type ServerMessageName } from '../../shared/protocol/index.js';
import { startServer, type RunningServer, type StartOptions } from '../../server/app.js';

/** A fresh temporary data directory. */
export function tempDataDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'capex-server-'));
}

/** Boots a server on a free port over a temporary data directory. */
export async function bootServer(opts: StartOptions = {}): Promise<RunningServer & { dataDir: string }> {
  const dataDir = opts.dataDir ?? tempDataDir();
  const server = await startServer({ port: 0, distDir: path.join(dataDir, 'no-dist'), ...opts, dataDir });
  return { ...server, dataDir };
}

type JoinInput = Partial<Omit<JoinOptions, 'game'>> & { game?: Record<string, unknown> };

/** One connected client and everything it received. */
export class Player extends RecordingRoom {
  /** Sends a protocol message. */
  send<K extends ClientMessageName>(type: K, payload: ClientMessage<K>): void {
    this.room.send(type, payload);
  }

  /** Messages of a type received so far (after an index). */
  all<K extends ServerMessageName>(type: K, after = 0): ServerMessage<K>[] {
    return this.payloads(type, after) as ServerMessage<K>[];
  }

  /** The first message of a type (after an index) that matches, waiting for it if needed. */
  async waitFor<K extends ServerMessageName>(type: K, pred: (m: ServerMessage<K>) => boolean = () => true, after = 0, timeoutMs = 8000): Promise<ServerMessage<K>> {
    return (await this.waitForPayload(type, (m) => pred(m as ServerMessage<K>), after, timeoutMs)) as ServerMessage<K>;
  }

  /** The latest welcome. */
  get welcome(): ServerMessage<'welcome'> {
    const w = this.all('welcome').at(-1);
    if (!w) throw new Error('no welcome yet');
    return w;
  }
}

/**
 * A joined player once nothing of its join is in flight: the join's own `welcome` + `view` (the
 * server sends them after the SDK acknowledges the join, so the Player records them) and then the
 * `view` answering a game:sync. Both views: returning on the first left the second on its way, to
 * land in whatever the test did next (tests/fuzz/hostile.test.ts, under load: "ws too large:
 * answered with view" — the late view of the last spectator to join, whose first case that was).
 */
async function ready(room: Room): Promise<Player> {
  const p = new Player(room);
  p.send('game:sync', {});
  await p.waitFor('view', () => true, 0);
  const intro = p.inbox.findIndex((m) => m.type === 'view');
  await p.waitFor('view', () => true, intro + 1);
  return p;
}

/**
 * A round trip: sends game:sync and waits for its view. The room handles messages and clock ticks one
 * at a time, in order, so once the view is back everything queued before it (a tick's resolution
 * included) has been done and broadcast: "nothing happened" can then be checked.
 */
export async function roundTrip(p: Player): Promise<void> {
  const at = p.mark();
  p.send('game:sync', {});
  await p.waitFor('view', () => true, at);
}

/** Creates a game (the creator is its host). */
export async function createGame(url: string, join: JoinInput): Promise<Player> {
  return ready(await new Client(url).create(ROOM_NAME, join));
}

/** Joins a game by id (= join code). */
export async function joinGame(url: string, gameId: string, join: JoinInput = {}): Promise<Player> {
  return ready(await new Client(url).joinById(gameId, join));
}

/**
 * A running game of AMZN, MSFT and META: Ann (the host, AMZN) and Bob (MSFT) seated, META a bot,
 * quarter 0 started.
 */
export async function startedGame(url: string, quarterCount = 4): Promise<{ host: Player; bob: Player; gameId: string }> {
  const host = await createGame(url, { name: 'Ann', company: 'AMZN', game: { quarterCount, companies: ['AMZN', 'MSFT', 'META'] } });
  const gameId = host.welcome.gameId;
  const bob = await joinGame(url, gameId, { name: 'Bob', company: 'MSFT' });
  host.send('game:start', {});
  await until(() => host.room.state.status === 'running', 5000, 'running');
  return { host, bob, gameId };
}

/** Waits until a condition on server-side or client-side state holds (polling; short timeouts only). */
export async function until(cond: () => boolean, timeoutMs = 5000, what = 'condition'): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!cond()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

/** Fake time for a room: replaces its clock's time source and ticks it (no real sleeps). */
export function fakeClock(roomId: string): { set(epochMs: number): void } {
  const room = matchMaker.getLocalRoomById(roomId);
  if (!room) throw new Error(`room ${roomId} is not in this process`);
  const clock = room.clock as unknown as { now: () => number; tick(): void };
  let fake = Date.now();
  clock.now = () => fake;
  return {
    set(epochMs: number) {
      fake = epochMs;
      clock.tick();
    },
  };
}
