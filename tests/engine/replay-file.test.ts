import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { botSeats, compactOrders, ENGINE_VERSION, headerFor, importReplay, parseReplayFile, REPLAY_FORMAT, resolveQuarter, t, type ReplayFile } from '../../shared/index.js';
import { copy, newGame, ordersFor } from '../helpers/game.js';

// The fixture pins the engine and scenario: regenerate it with scripts/make-replay-fixture.ts after a rule change.
const V1 = readFileSync(join(import.meta.dirname, '../fixtures/replay-format1.json'), 'utf8');

function saved(quarters = 3): ReplayFile {
  let s = newGame('file', { quarters: 8, seats: ['AAPL', 'GOOGL', 'ORCL'] });
  const file: ReplayFile = { header: headerFor(s, botSeats(s.seats)), quarters: [], annotations: [{ quarter: 1, author: 'teacher', text: 'note the idle chips' }] };
  for (let q = 0; q < quarters; q += 1) {
    const r = resolveQuarter(s, ordersFor(s, { GOOGL: { chips: { customUsdM: 1_000 + q } } }));
    file.quarters.push({ quarter: q, orders: r.orders, hash: r.hash });
    s = r.state;
  }
  return file;
}

describe('saved-game files', () => {
  it('round-trips: write, read, verify every hash, annotations kept', () => {
    const file = saved();
    const out = importReplay(JSON.stringify(file));
    expect(out.ok).toBe(true);
    if (!out.ok) return;
    expect(out.migratedFrom).toBeNull();
    expect(out.outcome.hashes).toEqual(file.quarters.map((q) => q.hash));
    expect(out.file.annotations).toEqual(file.annotations);
  });

  it('reads the older format-1 fixture, and refuses to replay it under another engine by name', () => {
    // The layout migrates (format 1 → current) …
    const parsed = parseReplayFile(V1);
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    expect(parsed.migratedFrom).toBe(1);
    expect(parsed.file.header.format).toBe(REPLAY_FORMAT);
    expect(parsed.file.header.seats.map((s) => s.company)).toEqual(['AMZN', 'META', 'MSFT']);
    expect(parsed.file.quarters).toHaveLength(4);
    // … but it was played under engine 1's rules: import says so instead of failing at a hash.
    expect(parsed.file.header.engineVersion).toBe(1);
    const out = importReplay(V1);
    expect(out.ok).toBe(false);
    if (out.ok) return;
    expect(out.problem.key).toBe('replay.otherEngine');
    expect(out.problem.params).toEqual({ version: 1, current: ENGINE_VERSION });
    expect(t('en', out.problem.key, out.problem.params)).toMatch(new RegExp(`engine version 1; .* engine ${ENGINE_VERSION}`));
    // A current file with its engine version changed is refused the same way.
    const other = copy(saved());
    other.header.engineVersion = ENGINE_VERSION + 1;
    const o = importReplay(other);
    expect(!o.ok && o.problem.key).toBe('replay.otherEngine');
  });

  it('detects a changed order at its quarter, with a readable reason', () => {
    const file = copy(saved());
    file.quarters[1]!.orders.GOOGL!.chips.customUsdM += 500;
    const out = importReplay(file);
    expect(out.ok).toBe(false);
    if (out.ok) return;
    expect(out.problem.quarter).toBe(1);
    expect(t('en', out.problem.key, out.problem.params)).toMatch(/^verification failed at quarter 2: state hash differs/);
  });

  it('detects a changed hash and a truncated file', () => {
    const file = copy(saved());
    file.quarters[2]!.hash = 'ffffffffffffffff';
    const a = importReplay(file);
    expect(!a.ok && a.problem.quarter).toBe(2);
    const text = JSON.stringify(saved());
    const b = importReplay(text.slice(0, Math.floor(text.length * 0.7)));
    expect(!b.ok && b.problem.key).toBe('replay.notJson');
  });

  it.each<[string, (f: ReplayFile & Record<string, unknown>) => void, string]>([
    ['a newer format', (f) => void (f.header.format = 99), 'replay.newerFormat'],
    ['an unknown scenario', (f) => void (f.header.scenarioId = 'x'), 'replay.unknownScenario'],
    ['a duplicated seat', (f) => void (f.header.seats = [f.header.seats[0]!, f.header.seats[0]!]), 'replay.field'],
    ['quarters out of order', (f) => void (f.quarters[1]!.quarter = 7), 'replay.quarterOrder'],
    ['orders for a seat not in the game', (f) => void ((f.quarters[0]!.orders as Record<string, unknown>)['META'] = {}), 'replay.field'],
    ['a bad hash string', (f) => void (f.quarters[0]!.hash = 'nope'), 'replay.field'],
    ['a huge annotation', (f) => void (f.annotations = [{ quarter: 0, author: 'x', text: 'y'.repeat(5_000) }]), 'replay.field'],
  ])('rejects %s', (_name, mutate, key) => {
    const f = copy(saved(2)) as ReplayFile & Record<string, unknown>;
    mutate(f);
    const out = parseReplayFile(JSON.stringify(f));
    expect(!out.ok && out.problem.key).toBe(key);
  });

  it('rejects oversize input before parsing it', () => {
    const out = parseReplayFile(' '.repeat(2_000_001));
    expect(!out.ok && out.problem.key).toBe('replay.tooLarge');
  });

  it('never throws on garbage (fuzz)', () => {
    const good = JSON.stringify(saved(2));
    fc.assert(
      fc.property(fc.oneof(fc.anything(), fc.json(), fc.integer({ min: 0, max: good.length }).map((n) => good.slice(0, n)), fc.string()), (input) => {
        const out = importReplay(input);
        if (!out.ok) expect(out.problem.key).toMatch(/^replay\./);
      }),
      { numRuns: 300 },
    );
  });
});

describe('what a saved-game file must hold: each broken part refused, naming it; each limit exact', () => {
  type Raw = { header: Record<string, unknown>; quarters: Record<string, unknown>[]; annotations?: unknown; encoding?: unknown };
  const raw = (): Raw => JSON.parse(JSON.stringify(saved(2))) as Raw;
  const problem = (f: Raw): { key: string; params: Record<string, string | number>; quarter: number | null } | null => {
    const r = parseReplayFile(JSON.stringify(f));
    return r.ok ? null : r.problem;
  };
  const field = (name: string, quarter: number | null = null) => ({ key: 'replay.field', params: { field: name }, quarter });
  const cases: [string, (f: Raw) => void, ReturnType<typeof problem>][] = [
    ['engine version not a number', (f) => { f.header['engineVersion'] = '10'; }, field('header.engineVersion')],
    ['unknown scenario', (f) => { f.header['scenarioId'] = 'nope'; }, { key: 'replay.unknownScenario', params: { scenario: 'nope' }, quarter: null }],
    ['scenario hash missing', (f) => { delete f.header['scenarioHash']; }, field('header.scenarioHash')],
    ['empty seed', (f) => { f.header['seed'] = ''; }, field('header.seed')],
    ['seed of 65 characters', (f) => { f.header['seed'] = 'x'.repeat(65); }, field('header.seed')],
    ['seed not a string', (f) => { f.header['seed'] = 7; }, field('header.seed')],
    ['quarter count not an integer', (f) => { f.header['quarterCount'] = 7.5; }, field('header.quarterCount')],
    ['no seats', (f) => { f.header['seats'] = []; }, field('header.seats')],
    ['a seat twice', (f) => { (f.header['seats'] as unknown[]).push({ company: 'AAPL', name: 'x', kind: 'bot' }); }, field('header.seats')],
    ['a seat that is no company', (f) => { (f.header['seats'] as Record<string, unknown>[])[0]!['company'] = 'XYZ'; }, field('header.seats')],
    ['a seat name of 41 characters', (f) => { (f.header['seats'] as Record<string, unknown>[])[0]!['name'] = 'n'.repeat(41); }, field('header.seats')],
    ['a seat of another kind', (f) => { (f.header['seats'] as Record<string, unknown>[])[0]!['kind'] = 'alien'; }, field('header.seats')],
    ['quarters not a list', (f) => { (f as Record<string, unknown>)['quarters'] = {}; }, field('quarters')],
    ['more quarters than the game has', (f) => { f.header['quarterCount'] = 1; }, { key: 'replay.tooManyQuarters', params: { count: 2, max: 1 }, quarter: null }],
    ['quarters out of order', (f) => { f.quarters[1]!['quarter'] = 5; }, { key: 'replay.quarterOrder', params: { expected: 1 }, quarter: 1 }],
    ['a hash in capitals', (f) => { f.quarters[1]!['hash'] = String(f.quarters[1]!['hash']).toUpperCase().replace(/[0-9]/g, 'A'); }, field('quarters[1].hash', 1)],
    ['a hash one digit short', (f) => { f.quarters[0]!['hash'] = String(f.quarters[0]!['hash']).slice(1); }, field('quarters[0].hash', 0)],
    ['orders not an object', (f) => { f.quarters[0]!['orders'] = []; }, field('quarters[0].orders', 0)],
    ['orders for a company not seated', (f) => { (f.quarters[1]!['orders'] as Record<string, unknown>)['MSFT'] = {}; }, field('quarters[1].orders.MSFT', 1)],
    ['an unknown encoding', (f) => { f.encoding = 'zip'; }, field('encoding')],
    ['annotations not a list', (f) => { f.annotations = 'hi'; }, field('annotations')],
    ['501 annotations', (f) => { f.annotations = Array.from({ length: 501 }, () => ({ quarter: 0, author: 'a', text: 't' })); }, field('annotations')],
    ['an annotation too long', (f) => { f.annotations = [{ quarter: 0, author: 'a', text: 'x'.repeat(2_001) }]; }, field('annotations')],
    ['an annotation without an author', (f) => { f.annotations = [{ quarter: 0, text: 't' }]; }, field('annotations')],
    ['a newer format', (f) => { f.header['format'] = REPLAY_FORMAT + 1; }, { key: 'replay.newerFormat', params: { format: REPLAY_FORMAT + 1, supported: REPLAY_FORMAT }, quarter: null }],
    ['a header that is not an object', (f) => { (f as Record<string, unknown>)['header'] = 'h'; }, { key: 'replay.noHeader', params: {}, quarter: null }],
  ];
  for (const [what, breakIt, expected] of cases) {
    it(`refuses ${what}`, () => {
      const f = raw();
      breakIt(f);
      expect(problem(f)).toEqual(expected);
    });
  }

  it('accepts every limit exactly: a 64-character seed, a 40-character name, as many quarters as the game has, 500 annotations of 2,000 characters', () => {
    const f = raw();
    f.header['seed'] = 's'.repeat(64);
    (f.header['seats'] as Record<string, unknown>[])[0]!['name'] = 'n'.repeat(40);
    f.header['quarterCount'] = 2;
    f.annotations = Array.from({ length: 500 }, () => ({ quarter: 0, author: 'a', text: 'x'.repeat(2_000) }));
    expect(problem(f)).toBeNull();
  });

  it('fills compact orders back in, so the file replays to the same hashes', () => {
    const file = saved(2);
    const compact = { ...file, encoding: 'compact', quarters: file.quarters.map((q) => ({ ...q, orders: Object.fromEntries(Object.entries(q.orders).map(([k, o]) => [k, compactOrders(o!)])) })) };
    const out = importReplay(JSON.stringify(compact));
    expect(out.ok).toBe(true);
    if (out.ok) {
      expect(out.file).not.toHaveProperty('encoding');
      expect(out.outcome.hashes).toEqual(file.quarters.map((q) => q.hash));
      expect(out.file.quarters[1]!.orders).toStrictEqual(file.quarters[1]!.orders);
    }
  });
});
