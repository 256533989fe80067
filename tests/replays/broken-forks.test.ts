/**
 * Broken forks (issue 15, defect 2's leftovers): a fork that fails leaves nothing stored; a stored
 * fork whose log no longer replays (here: a class-game fork stored without the parent's hidden
 * shock, as older servers did) is found at boot, moved to `replay_quarantine` with its log and one
 * log line, and the next boot neither retries nor mentions it.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Kysely } from 'kysely';
import { replayStoreOf } from '../../server/replays/service.js';
import { createClass, joinClass } from '../classroom/helpers.js';
import { bootServer, tempDataDir } from '../server/helpers.js';

type Db = Kysely<Record<string, Record<string, unknown>>>;
const dbOf = (s: Awaited<ReturnType<typeof bootServer>>): Db => s.context.store.database as unknown as Db;
const countWhere = async (db: Db, table: string, col: string, id: string): Promise<number> =>
  (await db.selectFrom(table).select(col).where(col, '=', id).execute()).length;

/** A finished class game of 3 quarters with a hidden shock in quarter 0 (the class host's token). */
async function classGameWithShock(url: string): Promise<{ gameId: string; hostToken: string }> {
  const host = await createClass(url, { quarterCount: 4, teamsPerGame: 2, studentsPerTeam: 1, deadlineSec: null, pacing: 'host' });
  const a = await joinClass(url, host.welcome.code, { name: 'Ada' });
  host.send('host:start', {});
  const s = await host.state((x) => x.status === 'running');
  host.send('host:shock', { game: 0, card: 'heatWave', region: 'us-texas' });
  await host.state((x) => (x.games[0]!.shocks ?? []).length === 1);
  for (const q of [0, 1, 2]) {
    host.send('host:resolve', { game: null, quarter: q });
    await host.state((x) => x.games[0]!.quarter === q + 1);
  }
  host.send('host:end', {});
  await host.state((x) => x.status === 'finished');
  const out = { gameId: s.games[0]!.gameId!, hostToken: host.welcome.hostToken! };
  for (const c of [host, a]) await c.leave();
  return out;
}

const fork = (url: string, id: string, token: string, quarter: number): Promise<Response> =>
  fetch(`${url}/api/replays/${id}/fork`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ quarter, mode: 'live', tokens: [token] }) });

afterEach(() => { vi.restoreAllMocks(); });

describe('broken forks', () => {
  it('a fork whose stored copy does not replay leaves nothing stored', async () => {
    const server = await bootServer();
    try {
      const { gameId, hostToken } = await classGameWithShock(server.url);
      const rs = replayStoreOf(server.context);
      const before = await rs.count();
      const errors = vi.spyOn(console, 'error').mockImplementation(() => undefined);
      // The fork is written as older servers wrote it (without the parent's hidden shock), so the
      // stored copy does not replay: refused and removed again.
      const insert = rs.insertWhole.bind(rs);
      vi.spyOn(rs, 'insertWhole').mockImplementationOnce((g, parent, now) => insert({ ...g, quarters: g.quarters.map(({ shocks: _s, ...q }) => q) }, parent, now));
      const res = await fork(server.url, gameId, hostToken, 2);
      expect(res.status).toBe(500);
      expect(((await res.json()) as { error: string }).error).toBe('replay.corrupt');
      expect(await rs.count()).toBe(before);
      const db = dbOf(server);
      expect((await db.selectFrom('replay_meta').select('game_id').where('source', '=', 'fork').execute())).toEqual([]);
      expect((await db.selectFrom('class_shocks').select('game_id').where('game_id', '!=', gameId).execute())).toEqual([]);
      expect(errors.mock.calls.some((c) => String(c[0]).includes(`fork of ${gameId} at quarter 2 refused`))).toBe(true);
      // The same fork written whole: stored, with the parent's shock.
      const ok = await fork(server.url, gameId, hostToken, 2);
      expect(ok.status).toBe(201);
      expect(await rs.count()).toBe(before + 1);
    } finally {
      await server.stop();
    }
  });

  it('a stored fork that does not replay is quarantined once at boot, with one log line, and forgotten after', async () => {
    const dataDir = tempDataDir();
    let server = await bootServer({ dataDir });
    let forkId = '';
    let goodId: string;
    try {
      const { gameId, hostToken } = await classGameWithShock(server.url);
      const bad = await fork(server.url, gameId, hostToken, 2);
      const good = await fork(server.url, gameId, hostToken, 1);
      expect([bad.status, good.status]).toEqual([201, 201]);
      forkId = ((await bad.json()) as { id: string }).id;
      goodId = ((await good.json()) as { id: string }).id;
      // As an older server stored it: the parent's hidden shock missing from the fork's log.
      expect(await countWhere(dbOf(server), 'class_shocks', 'game_id', forkId)).toBe(1);
      await dbOf(server).deleteFrom('class_shocks').where('game_id', '=', forkId).execute();
    } finally {
      await server.stop();
    }

    const errors = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    server = await bootServer({ dataDir });
    try {
      expect(server.recovered.quarantined.map((q) => q.id)).toEqual([forkId]);
      expect(server.recovered.quarantined[0]!.reason).toMatch(/does not replay at quarter 1/);
      expect(server.recovered.failed).toEqual([]);
      expect(server.recovered.restored).toContain(goodId);
      const lines = errors.mock.calls.map((c) => c.map(String).join(' ')).filter((l) => l.includes(forkId));
      expect(lines).toHaveLength(1);
      expect(lines[0]).toMatch(/^quarantined 1 stored fork\(s\) that do not replay \(moved to table replay_quarantine/);
      // Gone from the store and the library, its log kept in the quarantine.
      expect(await server.context.store.load(forkId)).toBeNull();
      expect((await fetch(`${server.url}/api/replays/${forkId}`)).status).toBe(404);
      expect(await countWhere(dbOf(server), 'replay_meta', 'game_id', forkId)).toBe(0);
      const q = await replayStoreOf(server.context).quarantined();
      expect(q).toEqual([expect.objectContaining({ id: forkId })]);
      const kept = await dbOf(server).selectFrom('replay_quarantine').select('file_json').where('game_id', '=', forkId).executeTakeFirstOrThrow();
      expect((JSON.parse(String(kept['file_json'])) as { quarters: unknown[] }).quarters).toHaveLength(2);
    } finally {
      await server.stop();
    }

    errors.mockClear();
    server = await bootServer({ dataDir });
    try {
      // Handled once: the next boot has nothing to say about it.
      expect(server.recovered.quarantined).toEqual([]);
      expect(server.recovered.failed).toEqual([]);
      expect(errors.mock.calls.map((c) => c.map(String).join(' ')).filter((l) => l.includes(forkId))).toEqual([]);
    } finally {
      await server.stop();
    }
  });
});
