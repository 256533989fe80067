/**
 * Rooms created but never joined (issue 17; server/rooms/unjoined.ts): a game or class created by
 * matchmaking that nobody joins within the grace period is closed and its record removed; a room
 * someone joined (then left) stays however long nobody comes, and its host gets back in. Whether
 * anyone ever joined is stored: after a restart a game or class nobody had joined gets the same
 * grace period from boot, while one someone joined, a fork, and a game stored by an older server
 * (no marker) stay. On SQLite and on PostgreSQL. Short grace (300 ms) and seat reservation (1 s)
 * here; 60 s and 15 s by default.
 */
import Database from 'better-sqlite3';
import { matchMaker } from '@colyseus/core';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StartOptions } from '../../server/app.js';
import { classContext } from '../../server/classroom/registry.js';
import { sqliteFileOf } from '../../server/store/db.js';
import { CLASS_ROOM_NAME } from '../../shared/protocol/classroom.js';
import { ROOM_NAME } from '../../shared/protocol/index.js';
import { createClass, joinClass } from '../classroom/helpers.js';
import { TEST_DATABASE_URL, dropSchema, freshSchema, requirePostgres } from '../store/backends.js';
import { bootServer, createGame, joinGame, until } from './helpers.js';

const GRACE = { unjoinedGraceMs: 300, seatReservationSec: 1 };
/** A server on which nothing created is closed during a test: rooms are created on it, then it restarts with GRACE. */
const LONG = { unjoinedGraceMs: 60_000, seatReservationSec: 1 };
let server: Awaited<ReturnType<typeof bootServer>>;
/** The PostgreSQL schema of the last describe (dropped once its server has stopped). */
let pgSchema: string | null = null;
beforeAll(async () => {
  server = await bootServer(GRACE);
});
afterAll(async () => {
  await server.stop();
  if (pgSchema) await dropSchema(pgSchema);
});

/** Stops the server and boots it again on the same store (SQLite directory, or the PostgreSQL schema in `opts`). */
async function restart(opts: StartOptions): Promise<void> {
  const { dataDir } = server;
  await server.stop();
  server = await bootServer({ ...opts, dataDir: opts.dataDir ?? dataDir });
}

/** POST /matchmake/create/<room>: the room is created and a seat reserved, and nobody connects. */
async function createOverHttp(room: string, body: unknown): Promise<string> {
  const res = await fetch(`${server.url}/matchmake/create/${room}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  expect(res.status).toBe(200);
  const r = (await res.json()) as { roomId?: string; room?: { roomId: string } };
  const id = r.room?.roomId ?? r.roomId;
  expect(typeof id).toBe('string');
  return id!;
}

const live = (id: string): boolean => matchMaker.getLocalRoomById(id) !== undefined;
/** Longer than the grace, the reservation and a recheck together. */
const pastGrace = (): Promise<void> => new Promise((r) => setTimeout(r, 2_800));

describe('a room created and never joined', () => {
  it('a game: closed after the grace period, its stored game removed (no longer listed or looked up)', async () => {
    const id = await createOverHttp(ROOM_NAME, { name: 'Nobody', game: { quarterCount: 4, public: true } });
    expect(live(id)).toBe(true);
    expect(await server.context.store.exists(id)).toBe(true);
    expect(((await (await fetch(`${server.url}/api/games`)).json()) as { games: { gameId: string }[] }).games.map((g) => g.gameId)).toContain(id);
    await until(() => !live(id), 8_000, 'the unjoined game closed');
    await until(() => !server.context.live.has(id), 2_000, 'dropped from the live games');
    expect(await server.context.store.exists(id)).toBe(false);
    expect((await fetch(`${server.url}/api/games/${id}`)).status).toBe(404);
    expect(((await (await fetch(`${server.url}/api/games`)).json()) as { games: { gameId: string }[] }).games.map((g) => g.gameId)).not.toContain(id);
  });

  it('a class: closed after the grace period, its stored class removed', async () => {
    const id = await createOverHttp(CLASS_ROOM_NAME, { options: { quarterCount: 4, games: 1, teamsPerGame: 2, studentsPerTeam: 1, deadlineSec: 300, pacing: 'auto', bots: true, chat: true, showNames: true } });
    expect(live(id)).toBe(true);
    expect(await classContext().store.exists(id)).toBe(true);
    await until(() => !live(id), 8_000, 'the unjoined class closed');
    expect(await classContext().store.exists(id)).toBe(false);
    expect(classContext().live.has(id)).toBe(false);
  });
});

describe('rooms someone joined stay', () => {
  it('a game whose players all left stays past the grace period; the host comes back with its token', async () => {
    const host = await createGame(server.url, { name: 'Ann', company: 'AMZN', game: { quarterCount: 4, companies: ['AMZN', 'MSFT', 'META'] } });
    const { gameId, hostToken, seatToken } = host.welcome;
    await host.leave();
    await pastGrace();
    expect(live(gameId)).toBe(true);
    expect(await server.context.store.exists(gameId)).toBe(true);
    const back = await joinGame(server.url, gameId, { hostToken, seatToken });
    expect(back.welcome).toMatchObject({ host: true, seat: 'AMZN' });
    await back.leave();
  });

  it('a class whose host left stays past the grace period; the host comes back with its secret', async () => {
    const host = await createClass(server.url, { quarterCount: 4, games: 1, teamsPerGame: 2, studentsPerTeam: 1, deadlineSec: 300, pacing: 'auto', bots: true, chat: true, showNames: true });
    const { code, hostToken } = host.welcome;
    await host.leave();
    await pastGrace();
    expect(live(code)).toBe(true);
    const back = await joinClass(server.url, code, { hostToken });
    expect(back.welcome.role).toBe('host');
    await back.leave();
  });

  it('a game joined once, restored at boot, stays however long its players take', async () => {
    const host = await createGame(server.url, { name: 'Ann', company: 'AMZN', game: { quarterCount: 4, companies: ['AMZN', 'MSFT', 'META'] } });
    const { gameId, hostToken, seatToken } = host.welcome;
    await host.leave();
    // The same store booted again: the game is restored, and nobody joins it for a while.
    await restart(GRACE);
    expect(server.recovered.restored).toContain(gameId);
    await pastGrace();
    expect(live(gameId)).toBe(true);
    expect(await server.context.store.exists(gameId)).toBe(true);
    const back = await joinGame(server.url, gameId, { hostToken, seatToken });
    expect(back.welcome).toMatchObject({ host: true, seat: 'AMZN' });
    await back.leave();
  });
});

describe('after a restart', () => {
  it('a game created and never joined before the restart: closed after the grace period from boot, its stored game removed', async () => {
    await restart(LONG);
    const id = await createOverHttp(ROOM_NAME, { name: 'Nobody', game: { quarterCount: 4, public: true } });
    await restart(GRACE);
    expect(server.recovered.restored).toContain(id);
    expect(live(id)).toBe(true);
    await until(() => !live(id), 8_000, 'the restored unjoined game closed');
    await until(() => !server.context.live.has(id), 2_000, 'dropped from the live games');
    expect(await server.context.store.exists(id)).toBe(false);
    expect((await fetch(`${server.url}/api/games/${id}`)).status).toBe(404);
  });

  it('a game and a class stored by an older server (no joined marker) count as joined: restored, they stay', async () => {
    await restart(LONG);
    const id = await createOverHttp(ROOM_NAME, { name: 'Nobody', game: { quarterCount: 4 } });
    const classId = await createOverHttp(CLASS_ROOM_NAME, { options: { quarterCount: 4, games: 1, teamsPerGame: 2, studentsPerTeam: 1, deadlineSec: 300, pacing: 'auto', bots: true, chat: true, showNames: true } });
    const { dataDir } = server;
    await server.stop();
    // The store as a server from before the marker left it: the columns are gone (the boot adds them back).
    const file = new Database(sqliteFileOf(dataDir));
    file.exec('alter table games drop column joined; alter table classes drop column joined');
    file.close();
    server = await bootServer({ ...GRACE, dataDir });
    expect(server.recovered.restored).toContain(id);
    expect(live(classId)).toBe(true);
    await pastGrace();
    expect(live(id)).toBe(true);
    expect(await server.context.store.exists(id)).toBe(true);
    expect(live(classId)).toBe(true);
    expect(await classContext().store.exists(classId)).toBe(true);
  });

  it('a fork nobody has joined yet stays after a restart (the forker holds its host token from the reply)', async () => {
    const host = await createGame(server.url, { name: 'Ann', company: 'AMZN', game: { quarterCount: 4, companies: ['AMZN', 'MSFT'] } });
    const { gameId, hostToken } = host.welcome;
    host.send('game:start', {});
    await until(() => host.room.state.status === 'running', 5_000, 'running');
    for (let q = 0; q < 4; q += 1) {
      const at = host.mark();
      host.send('orders:ready', { quarter: q, ready: true });
      await host.waitFor('quarter:resolved', (m) => m.quarter === q, at);
    }
    await host.leave();
    const res = await fetch(`${server.url}/api/replays/${gameId}/fork`, {
      method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ quarter: 1, mode: 'live', tokens: [hostToken] }),
    });
    expect(res.status).toBe(201);
    const fork = (await res.json()) as { id: string; hostToken: string };
    await restart(GRACE);
    expect(server.recovered.restored).toContain(fork.id);
    await pastGrace();
    expect(live(fork.id)).toBe(true);
    const back = await joinGame(server.url, fork.id, { hostToken: fork.hostToken });
    expect(back.welcome.host).toBe(true);
    await back.leave();
  });

  it('a class created and never joined before the restart: closed after the grace period from boot, its stored class removed', async () => {
    await restart(LONG);
    const id = await createOverHttp(CLASS_ROOM_NAME, { options: { quarterCount: 4, games: 1, teamsPerGame: 2, studentsPerTeam: 1, deadlineSec: 300, pacing: 'auto', bots: true, chat: true, showNames: true } });
    await restart(GRACE);
    expect(live(id)).toBe(true);
    await until(() => !live(id), 8_000, 'the restored unjoined class closed');
    expect(await classContext().store.exists(id)).toBe(false);
    expect(classContext().live.has(id)).toBe(false);
  });

  it('a class joined once stays after a restart past the grace period; the host comes back', async () => {
    const host = await createClass(server.url, { quarterCount: 4, games: 1, teamsPerGame: 2, studentsPerTeam: 1, deadlineSec: 300, pacing: 'auto', bots: true, chat: true, showNames: true });
    const { code, hostToken } = host.welcome;
    await host.leave();
    await restart(GRACE);
    expect(live(code)).toBe(true);
    await pastGrace();
    expect(live(code)).toBe(true);
    expect(await classContext().store.exists(code)).toBe(true);
    const back = await joinClass(server.url, code, { hostToken });
    expect(back.welcome.role).toBe('host');
    await back.leave();
  });
});

describe('after a restart on PostgreSQL', () => {
  it('a game never joined is removed after the grace period; one joined once and one stored by an older server stay', async () => {
    await requirePostgres();
    pgSchema = freshSchema('unjoined');
    const on = { databaseUrl: TEST_DATABASE_URL, pgSchema };
    await restart({ ...LONG, ...on });
    // Stored by an older server: created, then the column dropped as if it had never been there.
    const old = await createOverHttp(ROOM_NAME, { name: 'Old', game: { quarterCount: 4 } });
    await server.stop();
    const c = new pg.Client({ connectionString: TEST_DATABASE_URL });
    await c.connect();
    try {
      await c.query(`alter table "${pgSchema}".games drop column joined`);
    } finally {
      await c.end();
    }
    server = await bootServer({ ...LONG, ...on });
    const nobody = await createOverHttp(ROOM_NAME, { name: 'Nobody', game: { quarterCount: 4 } });
    const host = await createGame(server.url, { name: 'Ann', company: 'AMZN', game: { quarterCount: 4, companies: ['AMZN', 'MSFT'] } });
    const joined = host.welcome.gameId;
    await host.leave();
    await restart({ ...GRACE, ...on });
    expect(server.recovered.restored).toEqual(expect.arrayContaining([old, nobody, joined]));
    await until(() => !live(nobody), 8_000, 'the restored unjoined game closed');
    await until(() => !server.context.live.has(nobody), 2_000, 'dropped from the live games');
    expect(await server.context.store.exists(nobody)).toBe(false);
    await pastGrace();
    for (const id of [old, joined]) {
      expect(live(id)).toBe(true);
      expect(await server.context.store.exists(id)).toBe(true);
    }
  });
});
