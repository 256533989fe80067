/**
 * Rooms created but never joined (issue 17; server/rooms/unjoined.ts): a game or class created by
 * matchmaking that nobody joins within the grace period is closed and its record removed; a room
 * someone joined (then left), and a game restored at boot, stay however long nobody comes, and
 * their hosts get back in. Short grace (300 ms) and seat reservation (1 s) here; 60 s and 15 s by default.
 */
import { matchMaker } from '@colyseus/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { classContext } from '../../server/classroom/registry.js';
import { CLASS_ROOM_NAME } from '../../shared/protocol/classroom.js';
import { ROOM_NAME } from '../../shared/protocol/index.js';
import { createClass, joinClass } from '../classroom/helpers.js';
import { bootServer, createGame, joinGame, until } from './helpers.js';

const GRACE = { unjoinedGraceMs: 300, seatReservationSec: 1 };
let server: Awaited<ReturnType<typeof bootServer>>;
beforeAll(async () => {
  server = await bootServer(GRACE);
});
afterAll(async () => {
  await server.stop();
});

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

  it('a game restored at boot stays however long its players take', async () => {
    const host = await createGame(server.url, { name: 'Ann', company: 'AMZN', game: { quarterCount: 4, companies: ['AMZN', 'MSFT', 'META'] } });
    const { gameId, hostToken, seatToken } = host.welcome;
    await host.leave();
    await server.stop();
    // The same store booted again: the game is restored, and nobody joins it for a while.
    server = await bootServer({ ...GRACE, dataDir: server.dataDir });
    expect(server.recovered.restored).toContain(gameId);
    await pastGrace();
    expect(live(gameId)).toBe(true);
    const back = await joinGame(server.url, gameId, { hostToken, seatToken });
    expect(back.welcome).toMatchObject({ host: true, seat: 'AMZN' });
    await back.leave();
  });
});
