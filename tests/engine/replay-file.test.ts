import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { botSeats, ENGINE_VERSION, headerFor, importReplay, parseReplayFile, REPLAY_FORMAT, resolveQuarter, t, type ReplayFile } from '../../shared/index.js';
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
