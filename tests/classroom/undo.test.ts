/**
 * Undo of the host's last action (issue 15): what can be undone before a quarter resolves (the
 * join lock, a team move, pause/resume, extra time, a bot change, a hidden shock) is put back
 * exactly; what cannot (the start, a resolution, a message, a removal, a roster import, a
 * restart, the end) is refused by name; and an undoable action is refused once a quarter has
 * resolved since. A refused undo changes nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { classContext } from '../../server/classroom/registry.js';
import type { ClassSnapshot } from '../../shared/protocol/classroom.js';
import { bootServer } from '../server/helpers.js';
import { createClass, joinClass, type ClassClient } from './helpers.js';

let server: Awaited<ReturnType<typeof bootServer>>;
const open: ClassClient[] = [];
beforeAll(async () => { server = await bootServer({}); });
afterAll(async () => {
  for (const c of open) await c.leave().catch(() => undefined);
  await server.stop();
});

const teamOf = (s: ClassSnapshot, name: string): string | undefined => s.games[0]!.teams.find((tm) => tm.members.some((m) => m.name === name))?.company;

describe('undo of the last host action', () => {
  it('puts back what is safe to undo, refuses the rest by name, and nothing once a quarter resolved', async () => {
    const host = await createClass(server.url, { quarterCount: 4, teamsPerGame: 2, studentsPerTeam: 2, deadlineSec: 300, pacing: 'auto' });
    const code = host.welcome.code;
    open.push(host);
    const session = classContext().live.get(code)!;
    const undo = async (code2: string): Promise<string> => {
      const e = await host.expectError('host:undo', {});
      expect(e.code).toBe(code2);
      return e.message;
    };
    expect(await undo('class.error.undoNothing')).toBe('There is no host action to undo.');

    // The join lock, any time.
    host.send('host:lock', { locked: true });
    expect((await host.state((s) => s.locked)).lastAction).toBe('lock');
    host.send('host:undo', {});
    expect((await host.state((s) => !s.locked)).lastAction).toBeNull();
    await undo('class.error.undoNothing');

    const ada = await joinClass(server.url, code, { name: 'Ada' });
    const bo = await joinClass(server.url, code, { name: 'Bo' });
    open.push(ada, bo);
    const snap = await host.state((s) => teamOf(s, 'Ada') !== undefined && teamOf(s, 'Bo') !== undefined);
    const [adaTeam, boTeam] = [teamOf(snap, 'Ada')!, teamOf(snap, 'Bo')!];
    expect(adaTeam).not.toBe(boTeam);

    // A team move, back to where the student was.
    host.send('host:move', { student: ada.welcome.studentId!, game: 0, company: boTeam as never });
    await host.state((s) => teamOf(s, 'Ada') === boTeam);
    host.send('host:undo', {});
    await host.state((s) => teamOf(s, 'Ada') === adaTeam);
    expect(session.student(ada.welcome.studentId!)?.company).toBe(adaTeam);

    // The start cannot be undone.
    host.send('host:start', {});
    await host.state((s) => s.status === 'running');
    expect(await undo('class.error.undo.start')).toMatch(/Starting the games cannot be undone/);
    const ctl = session.controllers[0]!;
    const d0 = ctl.deadlineAt!;

    // Extra time, taken back exactly.
    host.send('host:extend', { game: null, seconds: 120 });
    await host.state((s) => s.games[0]!.deadlineAt === d0 + 120_000);
    host.send('host:undo', {});
    await host.state((s) => s.games[0]!.deadlineAt === d0 && s.lastAction === null);
    expect(ctl.deadlineAt).toBe(d0);

    // Pause, then undo: running again with a deadline.
    host.send('host:pause', { paused: true });
    await host.state((s) => s.paused && s.games[0]!.deadlineAt === null);
    host.send('host:undo', {});
    await host.state((s) => !s.paused && s.games[0]!.deadlineAt !== null);
    expect(ctl.deadlineAt).not.toBeNull();

    // A bot change, back to the students.
    host.send('host:bot', { game: 0, company: adaTeam as never, bot: true });
    await host.state((s) => s.games[0]!.teams.find((tm) => tm.company === adaTeam)!.kind === 'bot');
    host.send('host:undo', {});
    await host.state((s) => s.games[0]!.teams.find((tm) => tm.company === adaTeam)!.kind === 'human');
    expect(ctl.seats.get(adaTeam as never)?.kind).toBe('human');

    // A message cannot be taken back.
    host.send('host:broadcast', { text: 'Read your headlines' });
    await host.state((s) => s.broadcast?.text === 'Read your headlines');
    expect(await undo('class.error.undo.broadcast')).toMatch(/everyone has seen it/);

    // Extra time, then the quarter resolves (every team ready): too late to undo, and nothing changes.
    host.send('host:extend', { game: null, seconds: 60 });
    await host.state((s) => s.lastAction === 'extend');
    ada.send('team:submit', { quarter: 0, orders: { guidanceCapexUsdM: 1000 } });
    bo.send('team:submit', { quarter: 0, orders: { guidanceCapexUsdM: 1000 } });
    await host.state((s) => s.games[0]!.quarter === 1);
    const d1 = ctl.deadlineAt;
    expect(await undo('class.error.undoTooLate')).toMatch(/a quarter has resolved since/);
    expect(ctl.deadlineAt).toBe(d1);
    expect(ctl.state.quarter).toBe(1);
  });
});
