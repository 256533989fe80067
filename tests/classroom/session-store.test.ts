/**
 * The framework-free ClassSession over both databases (SQLite and this machine's PostgreSQL):
 * no Colyseus, a fake clock. Create, join, start, shock, submit, resolve, restore.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { replayGame } from '../../shared/index.js';
import { ClassOptionsSchema } from '../../shared/protocol/classroom.js';
import { ClassStore } from '../../server/classroom/class-store.js';
import { ClassSession, type SessionDeps } from '../../server/classroom/session.js';
import type { GameController } from '../../server/game/controller.js';
import { newJoinCode } from '../../server/game/tokens.js';
import { BACKENDS, type Backend } from '../store/backends.js';

const cleanups: Backend[] = [];
afterAll(async () => {
  for (const b of cleanups) await b.cleanup().catch(() => undefined);
});

describe.each(BACKENDS.map((mk) => [mk().name, mk] as const))('ClassSession on %s', (_name, make) => {
  it('stores the class, its students, teams and shocks, and restores all of it', async () => {
    const backend = make();
    cleanups.push(backend);
    const store = await backend.open();
    const classes = new ClassStore(store);
    let now = 1_800_000_000_000;
    const deps = (): SessionDeps => ({
      store, classes, now: () => now, autopilotGraceMs: 60_000, live: new Map<string, GameController>(), newGameId: async () => newJoinCode(),
    });
    const options = ClassOptionsSchema.parse({ quarterCount: 4, games: 2, teamsPerGame: 2, studentsPerTeam: 2, deadlineSec: 120, pacing: 'auto' });
    const { session, hostToken } = await ClassSession.create(deps(), newJoinCode(), options);
    expect(session.isHost(hostToken)).toBe(true);
    expect(session.isHost('x'.repeat(43))).toBe(false);
    const joined = [];
    for (const n of ['Ann', 'Ben', 'Cy', 'Dee', 'ann']) {
      const r = await session.join(n);
      if (!r.ok) throw new Error(r.code);
      joined.push(r.value);
    }
    expect(joined.map((j) => j.student.name)).toEqual(['Ann', 'Ben', 'Cy', 'Dee', 'ann 2']);
    expect(new Set(joined.map((j) => `${j.student.game}:${j.student.company}`)).size).toBe(4);
    session.connect('host', null);
    for (const j of joined) session.connect(j.student.id, j.student.id);
    expect((await session.start()).ok).toBe(true);
    expect(session.gameIds).toHaveLength(2);
    expect((await session.shock(1, 'rateHike', null)).ok).toBe(true);
    const ann = joined[0]!;
    expect((await session.submit(ann.student.id, 0, { guidanceCapexUsdM: 777 })).ok).toBe(true);
    now += 1_000;
    await session.pause(true);
    now += 500_000;
    expect(await session.tick()).toEqual([]);

    // Restore from the database alone.
    const again = await ClassSession.restore(deps(), session.id);
    expect(again.studentByToken(ann.token)?.name).toBe('Ann');
    expect(again.roster().map((s) => s.name)).toEqual(['Ann', 'Ben', 'Cy', 'Dee', 'ann 2']);
    expect(again.paused).toBe(true);
    expect(again.controllers[1]!.pendingShocks).toEqual([{ quarter: 0, card: 'rateHike', region: null }]);
    const annGame = ann.student.game!;
    expect(again.controllers[annGame]!.pendingOf(ann.student.company as 'AAPL')!.orders!.guidanceCapexUsdM).toBe(777);
    await again.pause(false);
    expect(again.controllers[0]!.deadlineAt).toBe(now + 119_000);
    const out = await again.resolveNow(null, 0);
    expect(out.ok && out.value.map((g) => g.game)).toEqual([0, 1]);
    const ctl = again.controllers[1]!;
    expect(ctl.log[0]!.shocks).toHaveLength(1);
    expect(replayGame({ header: ctl.header, quarters: [...ctl.log] }).ok).toBe(true);
    expect((await store.load(ctl.id))!.quarters[0]!.shocks).toEqual([{ quarter: 0, card: 'rateHike', region: null }]);
    expect(await classes.classGameIds()).toEqual(new Set(again.gameIds));
    expect(await classes.hostHashOfGame(ctl.id)).not.toBeNull();
    expect(await classes.hostHashOfGame('NOPE22')).toBeNull();
    await again.end();
    expect(await classes.openIds(now + 1)).not.toContain(session.id);
    expect(await classes.openIds(0)).toContain(session.id);
    await store.close();
  });
});
