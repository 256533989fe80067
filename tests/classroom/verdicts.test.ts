/**
 * One file, three verdicts (issue 15, defects 2–4): a class game with hidden shocks, downloaded
 * from the server, verifies with `npm run sim -- --verify` (its verifyFile), in the browser
 * viewer's model and on import, with the same hash chain; the imported copy keeps its shocks; the
 * format-1 fixture gets the same verdict in all three; and a fork from every quarter of the class
 * game replays (the stored fork carries the parent's shocks) and plays on.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGINE_VERSION, importReplay, type ReplayDoc, type ReplayFile } from '../../shared/index.js';
import { ReplayModel } from '../../client/replay/model.js';
import { verifyFile } from '../../server/cli/verify.js';
import { classContext } from '../../server/classroom/registry.js';
import { replayStoreOf } from '../../server/replays/service.js';
import { bootServer } from '../server/helpers.js';
import { createClass, joinClass } from './helpers.js';

let server: Awaited<ReturnType<typeof bootServer>>;
let gameId = '';
let hostToken = '';
let served: string[] = [];
let shocks: unknown[] = [];
const dir = mkdtempSync(join(tmpdir(), 'capex-verdicts-'));
const FIXTURE = join(import.meta.dirname, '../fixtures/replay-format1.json');
const QUARTERS = 4;

beforeAll(async () => {
  server = await bootServer({});
  const host = await createClass(server.url, { quarterCount: QUARTERS, teamsPerGame: 3, studentsPerTeam: 1, deadlineSec: null, pacing: 'host' });
  const code = host.welcome.code;
  hostToken = host.welcome.hostToken!;
  const a = await joinClass(server.url, code, { name: 'Ada' });
  host.send('host:start', {});
  await a.waitFor('class:view');
  for (let q = 0; q < QUARTERS; q += 1) {
    // Shocks at quarters 1 and 2 (two at 2): forks before, at and after them.
    const cards = q === 1 ? [['gridOutage', 'us-east']] : q === 2 ? [['heatWave', 'us-texas'], ['rateHike', null]] : [];
    for (const [card, region] of cards) {
      const at = host.mark();
      host.send('host:shock', { game: 0, card: card as 'heatWave', region: region as 'us-east' | null });
      await host.waitFor('class:shocked', () => true, at);
    }
    if (q === 0) a.send('team:submit', { quarter: 0, orders: { guidanceCapexUsdM: 4321 } });
    const at = a.mark();
    host.send('host:resolve', { game: null, quarter: q });
    await a.waitFor('class:resolved', (m) => m['quarter'] === q, at);
  }
  await host.state((s) => s.status === 'finished');
  const ctl = classContext().live.get(code)!.controllers[0]!;
  gameId = ctl.id;
  served = ctl.log.map((q) => q.hash);
  shocks = ctl.log.map((q) => q.shocks ?? []);
  for (const x of [host, a]) await x.leave();
});
afterAll(async () => {
  await server.stop();
});

const withHost = (init: RequestInit = {}): RequestInit => ({ ...init, headers: { ...(init.headers as Record<string, string>), 'x-capex-tokens': hostToken } });

describe('one file, three verdicts', () => {
  it('the class game has its shocks in the log', () => {
    expect(served).toHaveLength(QUARTERS);
    expect(shocks.map((s) => (s as unknown[]).length)).toEqual([0, 1, 2, 0]);
  });

  it('the downloaded file verifies in sim --verify, the viewer and on import with the same hash chain; the imported copy keeps its shocks', async () => {
    const res = await fetch(`${server.url}/api/replays/${gameId}/download`, withHost());
    expect(res.status).toBe(200);
    const text = await res.text();
    expect((JSON.parse(text) as ReplayFile).encoding).toBe('compact');
    const path = join(dir, 'class-game.json');
    writeFileSync(path, text);
    // 1. npm run sim -- --verify
    const cli = verifyFile(path);
    expect(cli).toMatchObject({ ok: true, quarters: QUARTERS, finalHash: served.at(-1) });
    expect(cli.hashes).toEqual(served);
    // 2. the browser viewer's model
    const viewer = ReplayModel.fromFile(text);
    expect(viewer.ok).toBe(true);
    if (!viewer.ok) return;
    expect(viewer.model.verdict).toEqual({ kind: 'verified', quarters: QUARTERS });
    expect(viewer.model.file.quarters.map((q) => q.hash)).toEqual(served);
    // 3. import on the server: stored with its shocks, downloads the same chain again
    const imp = await fetch(`${server.url}/api/replays/import`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: text });
    expect(imp.status).toBe(201);
    const { id, authorToken } = (await imp.json()) as { id: string; authorToken: string };
    const doc = (await (await fetch(`${server.url}/api/replays/${id}`, { headers: { 'x-capex-tokens': authorToken } })).json()) as ReplayDoc;
    expect(doc.file.quarters.map((q) => q.shocks ?? [])).toEqual(shocks);
    const again = importReplay(doc.file);
    expect(again.ok && again.outcome.hashes).toEqual(served);
    const loaded = await server.context.store.load(id);
    expect(loaded!.quarters.map((q) => q.shocks ?? [])).toEqual(shocks);
  });

  it('the format-1 fixture gets one verdict everywhere: played under engine 1, refused by name', async () => {
    const text = readFileSync(FIXTURE, 'utf8');
    const cli = verifyFile(FIXTURE);
    expect(cli).toMatchObject({ ok: false, problem: 'replay.otherEngine' });
    expect(cli.reason).toMatch(new RegExp(`engine version 1; .* engine ${ENGINE_VERSION}`));
    const viewer = ReplayModel.fromFile(text);
    expect(!viewer.ok && viewer.problem.key).toBe('replay.otherEngine');
    const before = await replayStoreOf(server.context).count();
    const imp = await fetch(`${server.url}/api/replays/import`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: text });
    expect(imp.status).toBe(422);
    expect(((await imp.json()) as { error: string }).error).toBe('replay.otherEngine');
    expect(await replayStoreOf(server.context).count()).toBe(before);
  });

  it('a fork from every quarter of the class game replays as stored and plays on', async () => {
    const before = await replayStoreOf(server.context).count();
    const company = (await server.context.store.load(gameId))!.game.header.seats[0]!.company;
    for (let q = 0; q < QUARTERS; q += 1) {
      const res = await fetch(`${server.url}/api/replays/${gameId}/fork`, {
        method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ quarter: q, mode: 'solo', company, name: 'Ada', tokens: [hostToken] }),
      });
      expect(res.status, `fork at quarter ${q}`).toBe(201);
      const fork = (await res.json()) as { id: string; hostToken: string };
      const loaded = await server.context.store.load(fork.id);
      expect(loaded!.quarters.map((x) => x.hash)).toEqual(served.slice(0, q));
      expect(loaded!.quarters.map((x) => x.shocks ?? [])).toEqual(shocks.slice(0, q));
      // The fork's room restored from the store (a solo fork runs at once) and serves its views.
      const doc = await fetch(`${server.url}/api/replays/${fork.id}`, { headers: { 'x-capex-tokens': fork.hostToken } });
      expect(doc.status, `fork at quarter ${q}`).toBe(200);
      expect(((await doc.json()) as ReplayDoc).publicViews).toHaveLength(q + 1);
    }
    expect(await replayStoreOf(server.context).count()).toBe(before + QUARTERS);
  });
});
