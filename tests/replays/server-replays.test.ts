/**
 * Replay library over the real server (issue 7): round-trip of a finished game, a running game's
 * document (no seed, no pending orders), import safety (changed order, changed hash, truncated
 * file: rejected with the first bad quarter, nothing stored), library lists and filters,
 * delete/annotate permissions, and forks (live + solo) that continue the parent's seed stream.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { finalStandings, importReplay, parseReplayFile, type ReplayDoc, type ReplayFile, type ReplayListItem } from '../../shared/index.js';
import { listClassGames, registerHostGrant, replayStoreOf } from '../../server/replays/service.js';
import { bootServer, createGame, joinGame, until, type Player } from '../server/helpers.js';

let server: Awaited<ReturnType<typeof bootServer>>;
let finishedId = '';
let hostToken = '';
let seatToken = '';
let runningId = '';
let runningHost: Player;

async function api<T>(path: string, init: RequestInit = {}): Promise<{ status: number; body: T }> {
  const res = await fetch(`${server.url}${path}`, init);
  return { status: res.status, body: (await res.json()) as T };
}
const post = <T>(path: string, body: unknown): Promise<{ status: number; body: T }> =>
  api<T>(path, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
const importText = <T>(text: string, headers: Record<string, string> = {}): Promise<{ status: number; body: T }> =>
  api<T>('/api/replays/import', { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: text });

async function playToEnd(quarters: number, opts: Record<string, unknown> = {}): Promise<{ host: Player; id: string }> {
  const host = await createGame(server.url, { name: 'Ann', company: 'AMZN', game: { quarterCount: quarters, ...opts } });
  const id = host.welcome.gameId;
  host.send('game:start', {});
  await until(() => host.room.state.status === 'running', 5000, 'running');
  for (let q = 0; q < quarters; q += 1) {
    const at = host.mark();
    host.send('orders:ready', { quarter: q, ready: true });
    await host.waitFor('quarter:resolved', (m) => m.quarter === q, at);
  }
  await until(() => host.room.state.status === 'finished', 5000, 'finished');
  return { host, id };
}

beforeAll(async () => {
  server = await bootServer();
  const { host, id } = await playToEnd(4, { companies: ['AMZN', 'META', 'MSFT'] });
  finishedId = id;
  hostToken = host.welcome.hostToken!;
  seatToken = host.welcome.seatToken!;
  await host.leave();
});
afterAll(async () => {
  await runningHost?.leave();
  await server.stop();
});

describe('replays over the server', () => {
  it('round-trips a finished game: fetch, verify every hash, download', async () => {
    const { status, body } = await api<ReplayDoc>(`/api/replays/${finishedId}`);
    expect(status).toBe(200);
    expect(body.verifiable).toBe(true);
    expect(body.status).toBe('finished');
    expect(body.file.quarters.length).toBe(4);
    const out = importReplay(body.file);
    expect(out.ok).toBe(true);
    const stored = await server.context.store.load(finishedId);
    if (out.ok) expect(out.outcome.hashes).toEqual(stored!.quarters.map((q) => q.hash));
    const dl = await fetch(`${server.url}/api/replays/${finishedId}/download`);
    expect(dl.headers.get('content-disposition')).toContain(`capex-race-${finishedId}.json`);
    expect(importReplay(await dl.text()).ok).toBe(true);
  });

  it('serves a running game without its seed, shocks or pending orders', async () => {
    runningHost = await createGame(server.url, { name: 'Run', company: 'META', game: { quarterCount: 6, companies: ['META', 'AAPL'], seed: 'secret-seed-xyz' } });
    runningId = runningHost.welcome.gameId;
    runningHost.send('game:start', {});
    await until(() => runningHost.room.state.status === 'running', 5000, 'running');
    let at = runningHost.mark();
    runningHost.send('orders:ready', { quarter: 0, ready: true });
    await runningHost.waitFor('quarter:resolved', (m) => m.quarter === 0, at);
    at = runningHost.mark();
    runningHost.send('orders:submit', { quarter: 1, orders: { guidanceCapexUsdM: 424_242 } });
    await runningHost.waitFor('orders:state', (m) => m.orders !== null, at);
    const res = await fetch(`${server.url}/api/replays/${runningId}`);
    const text = await res.text();
    expect(text).not.toContain('secret-seed-xyz');
    expect(text).not.toContain('424242');
    const doc = JSON.parse(text) as ReplayDoc;
    expect(doc.verifiable).toBe(false);
    expect(doc.file.header.seed).toBe('');
    expect(doc.file.quarters.length).toBe(1);
    expect(doc.publicViews?.length).toBe(2);
    expect(doc.publicViews?.every((v) => v.me === null && v.seat === null)).toBe(true);
    expect(res.headers.get('content-encoding')).toBe('gzip');
    expect((await fetch(`${server.url}/api/replays/${runningId}/download`)).status).toBe(409);
    // A running game cannot be forked (the fork's file would reveal the seed).
    expect((await post(`/api/replays/${runningId}/fork`, { quarter: 1, mode: 'live' })).status).toBe(409);
  });

  it('refuses the format-1 fixture (played under engine 1) by name, as the engine does, and stores nothing', async () => {
    const fixture = readFileSync(join(import.meta.dirname, '../fixtures/replay-format1.json'), 'utf8');
    // The fixture still reads as a format-1 file (so the refusal below is about its engine, not a broken file) …
    const parsed = parseReplayFile(fixture);
    expect(parsed.ok && parsed.migratedFrom).toBe(1);
    expect(parsed.ok && parsed.file.quarters).toHaveLength(4);
    const local = importReplay(fixture);
    expect(!local.ok && local.problem.key).toBe('replay.otherEngine');
    const before = (await api<{ games: ReplayListItem[] }>('/api/replays')).body.games.length;
    const r = await importText<{ error: string; message: string }>(fixture);
    expect(r.status).toBe(422);
    expect(r.body.error).toBe('replay.otherEngine');
    expect(r.body.message).toMatch(/engine version 1/);
    expect((await api<{ games: ReplayListItem[] }>('/api/replays')).body.games.length).toBe(before);
  });

  it('imports a format-1 file played under the current engine (migrated), with the same hash chain', async () => {
    // Format 1 predates table levels: its games were all hard tables.
    const { host, id: hardId } = await playToEnd(4, { companies: ['AMZN', 'META', 'MSFT'], botDifficulty: 'hard' });
    await host.leave();
    const formatOne = async (gameId: string) => {
      const doc = (await api<ReplayDoc>(`/api/replays/${gameId}`)).body;
      const parsed = parseReplayFile(doc.file);
      if (!parsed.ok) throw new Error(parsed.problem.key);
      const h = parsed.file.header;
      // Format 1: no format field, `scenario`, `quarters` as the count, seats as tickers.
      const v1 = { header: { engineVersion: h.engineVersion, scenario: h.scenarioId, seed: h.seed, quarters: h.quarterCount, seats: h.seats.map((s) => s.company) }, quarters: parsed.file.quarters };
      return { parsed, r: await importText<{ id: string; migratedFrom: number; authorToken: string; error?: string; quarter?: number }>(JSON.stringify(v1)) };
    };
    // Control: a normal table written as format 1 is read as a hard one and does not replay.
    const normal = await formatOne(finishedId);
    expect(normal.r.status).toBe(422);
    expect(normal.r.body.quarter).toBe(0);
    const { parsed, r } = await formatOne(hardId);
    expect(r.status).toBe(201);
    expect(r.body.migratedFrom).toBe(1);
    const back = (await api<ReplayDoc>(`/api/replays/${r.body.id}`, { headers: { 'x-capex-tokens': r.body.authorToken } })).body;
    const again = importReplay(back.file);
    expect(again.ok && again.outcome.hashes).toEqual(parsed.file.quarters.map((q) => q.hash));
  });

  describe('import safety', () => {
    let good: ReplayFile;
    beforeAll(async () => {
      good = (await api<ReplayDoc>(`/api/replays/${finishedId}`)).body.file;
    });
    const rejects = async (text: string, quarter: number | null, key: string): Promise<void> => {
      const before = await replayStoreOf(server.context).count();
      const r = await importText<{ error: string; quarter?: number; message: string }>(text);
      expect(r.status).toBeGreaterThanOrEqual(400);
      expect(r.body.error).toBe(key);
      if (quarter !== null) expect(r.body.quarter).toBe(quarter);
      expect(r.body.message.length).toBeGreaterThan(5);
      expect(await replayStoreOf(server.context).count()).toBe(before);
    };
    it('accepts the untouched file', async () => {
      const r = await importText<{ id: string }>(JSON.stringify(good));
      expect(r.status).toBe(201);
    });
    it('rejects a changed order at its quarter', async () => {
      const bad = structuredClone(good);
      const o = bad.quarters[2]!.orders['META'] as unknown as Record<string, unknown>;
      o['guidanceCapexUsdM'] = 123_456;
      await rejects(JSON.stringify(bad), 2, 'replay.diverged');
    });
    it('rejects a changed hash at its quarter', async () => {
      const bad = structuredClone(good);
      bad.quarters[1]!.hash = '0123456789abcdef';
      await rejects(JSON.stringify(bad), 1, 'replay.diverged');
    });
    it('rejects a truncated file', async () => {
      const text = JSON.stringify(good);
      await rejects(text.slice(0, Math.floor(text.length * 0.6)), null, 'replay.notJson');
    });
    it('rejects a newer format and an oversize file', async () => {
      const newer = structuredClone(good);
      newer.header.format = 99;
      await rejects(JSON.stringify(newer), null, 'replay.newerFormat');
      const before = await replayStoreOf(server.context).count();
      const r = await importText<{ error: string }>(`{"x":"${'a'.repeat(2_100_000)}"}`);
      expect(r.status).toBe(413);
      expect(r.body.error).toBe('replay.tooLarge');
      expect(await replayStoreOf(server.context).count()).toBe(before);
    });
  });

  it('lists my games by token (POST body), public finished games, filters, and a class for its host', async () => {
    const mine = await post<{ games: ReplayListItem[] }>('/api/replays/mine', { tokens: [seatToken] });
    expect(mine.body.games.map((g) => g.id)).toContain(finishedId);
    expect(mine.body.games.find((g) => g.id === finishedId)?.mine).toBe(true);
    const none = await post<{ games: ReplayListItem[] }>('/api/replays/mine', { tokens: ['x'.repeat(40)] });
    expect(none.body.games).toEqual([]);
    const pub = await api<{ games: ReplayListItem[] }>('/api/replays');
    expect(pub.body.games.map((g) => g.id)).toContain(finishedId);
    expect(pub.body.games.map((g) => g.id)).not.toContain(runningId);
    expect(pub.body.games.every((g) => !g.mine)).toBe(true);
    // Results: the finished game's final standings (winner first; after the board's years when it was short); none while a game runs.
    const done = pub.body.games.find((g) => g.id === finishedId)!;
    const imported = importReplay((await api<ReplayDoc>(`/api/replays/${finishedId}`)).body.file);
    if (!imported.ok) throw new Error('the finished game does not replay');
    expect(done.results).toEqual(finalStandings(imported.outcome.state).rows.map((r) => ({ company: r.ticker, scoreBps: r.scoreBps, returnBps: r.returnBps })));
    expect(done.classGame).toBeNull();
    const running = await post<{ games: ReplayListItem[] }>('/api/replays/mine', { tokens: [runningHost.welcome.hostToken!] });
    expect(running.body.games.find((g) => g.id === runningId)).toMatchObject({ status: 'running', results: null, finishedAt: null });
    const byCompany = await api<{ games: ReplayListItem[] }>('/api/replays?company=ORCL');
    expect(byCompany.body.games.map((g) => g.id)).not.toContain(finishedId);
    const byScenario = await api<{ games: ReplayListItem[] }>('/api/replays?scenario=capex-race-2026&company=META');
    expect(byScenario.body.games.map((g) => g.id)).toContain(finishedId);
    const future = await api<{ games: ReplayListItem[] }>('/api/replays?from=2999-01-01');
    expect(future.body.games).toEqual([]);
    const cls = await post<{ games: ReplayListItem[] }>('/api/replays/class', { hostToken, ids: [finishedId, runningId] });
    expect(cls.body.games.map((g) => g.id)).toEqual([finishedId]);
    expect((await listClassGames(server.context, [finishedId], seatToken)).length).toBe(0);
  });

  it('annotations: the host pins notes that travel in the file; others cannot', async () => {
    const denied = await post<{ error: string }>(`/api/replays/${finishedId}/annotations`, { token: seatToken, quarter: 1, text: 'nope' });
    expect(denied.status).toBe(403);
    const ok = await post<{ annotations: unknown[] }>(`/api/replays/${finishedId}/annotations`, { token: hostToken, quarter: 2, text: '<b>Overbuilt here</b>', author: 'Teacher' });
    expect(ok.status).toBe(201);
    const doc = (await api<ReplayDoc>(`/api/replays/${finishedId}`)).body;
    expect(doc.file.annotations).toEqual([{ quarter: 2, author: 'Teacher', text: '<b>Overbuilt here</b>' }]);
    const parsed = parseReplayFile(JSON.stringify(doc.file));
    expect(parsed.ok && parsed.file.annotations?.length).toBe(1);
    // The importer is the file's author: it may annotate its copy.
    const imp = await importText<{ id: string; authorToken: string }>(JSON.stringify(doc.file));
    expect(imp.status).toBe(201);
    const copy = (await api<ReplayDoc>(`/api/replays/${imp.body.id}`, { headers: { 'x-capex-tokens': imp.body.authorToken } })).body;
    expect(copy.file.annotations?.[0]?.text).toBe('<b>Overbuilt here</b>');
    expect((await post(`/api/replays/${imp.body.id}/annotations`, { token: imp.body.authorToken, quarter: 0, text: 'mine' })).status).toBe(201);
    expect((await post(`/api/replays/${imp.body.id}/annotations`, { token: hostToken, quarter: 0, text: 'not mine' })).status).toBe(403);
  });

  it('forks a finished game (live and solo) that continues the same seed stream', async () => {
    const live = await post<{ id: string; hostToken: string }>(`/api/replays/${finishedId}/fork`, { quarter: 2, mode: 'live' });
    expect(live.status).toBe(201);
    const doc = (await api<ReplayDoc>(`/api/replays/${live.body.id}`)).body;
    expect(doc.status).toBe('lobby');
    expect(doc.file.header.parent).toEqual({ id: finishedId, quarter: 2 });
    expect(doc.file.header.seed).toBe('');
    expect(doc.file.quarters.length).toBe(2);
    // The host starts it; a human claims a seat; quarters resolve from quarter 2.
    const host = await joinGame(server.url, live.body.id, { hostToken: live.body.hostToken, company: 'META', name: 'Forker' });
    expect(host.welcome.host).toBe(true);
    host.send('game:start', {});
    await until(() => host.room.state.status === 'running', 5000, 'fork running');
    for (const q of [2, 3]) {
      const at = host.mark();
      host.send('orders:ready', { quarter: q, ready: true });
      await host.waitFor('quarter:resolved', (m) => m.quarter === q, at);
    }
    await until(() => host.room.state.status === 'finished', 5000, 'fork finished');
    const forked = (await api<ReplayDoc>(`/api/replays/${live.body.id}`)).body;
    const parent = (await api<ReplayDoc>(`/api/replays/${finishedId}`)).body;
    expect(forked.verifiable).toBe(true);
    expect(forked.file.header.seed).toBe(parent.file.header.seed);
    expect(forked.file.quarters.slice(0, 2).map((q) => q.hash)).toEqual(parent.file.quarters.slice(0, 2).map((q) => q.hash));
    const rep = importReplay(forked.file);
    expect(rep.ok).toBe(true);
    await host.leave();

    const solo = await post<{ id: string; seat: string; seatToken: string; hostToken: string }>(`/api/replays/${finishedId}/fork`, { quarter: 1, mode: 'solo', company: 'MSFT', name: 'Solo' });
    expect(solo.status).toBe(201);
    expect(solo.body.seat).toBe('MSFT');
    const me = await joinGame(server.url, solo.body.id, { seatToken: solo.body.seatToken, hostToken: solo.body.hostToken });
    expect(me.welcome.seat).toBe('MSFT');
    expect(me.room.state.status).toBe('running');
    const v = me.all('view').at(-1)!.view;
    expect(v.quarter).toBe(1);
    const pub = await api<{ games: ReplayListItem[] }>('/api/replays');
    expect(pub.body.games.map((g) => g.id)).not.toContain(solo.body.id);
    await me.leave();
    expect((await post(`/api/replays/${finishedId}/fork`, { quarter: 9, mode: 'live' })).status).toBe(400);
    expect((await post(`/api/replays/${finishedId}/fork`, { quarter: 1, mode: 'solo', company: 'ORCL' })).status).toBe(400);
  });

  it('a private game opens only with one of its tokens (header), and is never listed publicly', async () => {
    const { host, id } = await playToEnd(4, { companies: ['AMZN', 'ORCL'], public: false });
    const token = host.welcome.seatToken!;
    await host.leave();
    expect((await api(`/api/replays/${id}`)).status).toBe(404);
    expect((await api(`/api/replays/${id}/download`)).status).toBe(404);
    expect((await api(`/api/replays/${id}`, { headers: { 'x-capex-tokens': seatToken } })).status).toBe(404);
    const ok = await api<ReplayDoc>(`/api/replays/${id}`, { headers: { 'x-capex-tokens': `${seatToken},${token}` } });
    expect(ok.status).toBe(200);
    expect(ok.body.verifiable).toBe(true);
    expect((await api(`/api/replays/${id}/download`, { headers: { 'x-capex-tokens': token } })).status).toBe(200);
    const pub = await api<{ games: ReplayListItem[] }>('/api/replays');
    expect(pub.body.games.map((g) => g.id)).not.toContain(id);
    const mine = await post<{ games: ReplayListItem[] }>('/api/replays/mine', { tokens: [token] });
    expect(mine.body.games.map((g) => g.id)).toEqual([id]);
    expect((await post(`/api/replays/${id}/fork`, { quarter: 1, mode: 'live' })).status).toBe(404);
    expect((await post(`/api/replays/${id}/fork`, { quarter: 1, mode: 'live', tokens: [token] })).status).toBe(201);
  });

  it('a host grant (the classroom hook) lets a class host list, open and annotate its private games, not delete them', async () => {
    const { host, id } = await playToEnd(4, { companies: ['AMZN', 'TSLA'], public: false });
    await host.leave();
    const classToken = 'class-host-token-0123456789';
    const off = registerHostGrant((gameId, tokens) => gameId === id && tokens.includes(classToken));
    try {
      expect((await api(`/api/replays/${id}`)).status).toBe(404);
      expect((await api(`/api/replays/${id}`, { headers: { 'x-capex-tokens': classToken } })).status).toBe(200);
      const cls = await post<{ games: ReplayListItem[] }>('/api/replays/class', { hostToken: classToken, ids: [id, finishedId] });
      expect(cls.body.games.map((g) => g.id)).toEqual([id]);
      expect((await post(`/api/replays/${id}/annotations`, { token: classToken, quarter: 1, text: 'debrief here' })).status).toBe(201);
      expect((await post(`/api/replays/${id}/delete`, { tokens: [classToken] })).status).toBe(403);
    } finally {
      off();
    }
    expect((await api(`/api/replays/${id}`, { headers: { 'x-capex-tokens': classToken } })).status).toBe(404);
  });

  it('deletes own games only', async () => {
    const { host, id } = await playToEnd(4, { companies: ['AMZN', 'GOOGL'] });
    const token = host.welcome.seatToken!;
    expect((await post(`/api/replays/${id}/annotations`, { token: host.welcome.hostToken, quarter: 1, text: 'to be deleted' })).status).toBe(201);
    await host.leave();
    const stranger = await post<{ error: string }>(`/api/replays/${id}/delete`, { tokens: [seatToken, 'y'.repeat(43)] });
    expect(stranger.status).toBe(403);
    const noTokens = await post<{ error: string }>(`/api/replays/${id}/delete`, {});
    expect(noTokens.status).toBe(403);
    expect((await api(`/api/replays/${id}`)).status).toBe(200);
    expect((await post(`/api/replays/${runningId}/delete`, { tokens: [runningHost.welcome.hostToken] })).status).toBe(409);
    const ok = await post<{ ok: boolean }>(`/api/replays/${id}/delete`, { tokens: [token] });
    expect(ok.status).toBe(200);
    expect((await api(`/api/replays/${id}`)).status).toBe(404);
    // Gone from the store (every row of it), from the lists, and a stranger's failed attempts deleted nothing else.
    expect(await server.context.store.load(id)).toBeNull();
    expect(await replayStoreOf(server.context).annotations(id)).toEqual([]);
    expect((await api<{ games: ReplayListItem[] }>('/api/replays')).body.games.map((g) => g.id)).not.toContain(id);
    expect((await api(`/api/replays/${finishedId}`)).status).toBe(200);
  });
});
