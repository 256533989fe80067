import { describe, expect, it } from 'vitest';
import { headerFor, replayGame, resolveQuarter, type ReplayFile } from '../../shared/index.js';
import { copy, newGame, ordersFor } from '../helpers/game.js';

function recorded(quarters: number): ReplayFile {
  let s = newGame('replay', { quarters: 6 });
  const file: ReplayFile = { header: headerFor(s, s.seats.map((t) => ({ company: t, name: t, kind: 'bot' }))), quarters: [] };
  for (let q = 0; q < quarters; q += 1) {
    const orders = ordersFor(s, { MSFT: { chips: { merchantUsdM: 2_000 + q } } });
    const r = resolveQuarter(s, orders);
    file.quarters.push({ quarter: q, orders: r.orders, hash: r.hash });
    s = r.state;
  }
  return file;
}

describe('replay fold', () => {
  it('re-runs a saved game and hits every hash', () => {
    const file = recorded(4);
    const out = replayGame(JSON.parse(JSON.stringify(file)) as ReplayFile, true);
    expect(out.ok).toBe(true);
    if (out.ok) {
      expect(out.hashes).toEqual(file.quarters.map((q) => q.hash));
      expect(out.states).toHaveLength(5);
    }
  });

  it('names the first quarter where a changed order diverges', () => {
    const file = copy(recorded(4));
    file.quarters[2]!.orders.MSFT!.chips.merchantUsdM += 1_000;
    const out = replayGame(file);
    expect(out.ok).toBe(false);
    if (!out.ok) {
      expect(out.quarter).toBe(2);
      expect(out.reason).toContain('hash');
    }
  });

  it('detects a changed hash, a changed seed and a wrong engine version', () => {
    const a = copy(recorded(3));
    a.quarters[1]!.hash = '0000000000000000';
    const ra = replayGame(a);
    expect(!ra.ok && ra.quarter).toBe(1);
    const b = copy(recorded(3));
    b.header.seed = 'other';
    const rb = replayGame(b);
    expect(!rb.ok && rb.quarter).toBe(0);
    const c = copy(recorded(1));
    c.header.engineVersion = 999;
    const rc = replayGame(c);
    expect(!rc.ok && rc.reason).toContain('engine version');
  });

  it('rejects quarters out of order and unknown scenarios without throwing', () => {
    const a = copy(recorded(2));
    a.quarters[1]!.quarter = 5;
    expect(replayGame(a).ok).toBe(false);
    const b = copy(recorded(1));
    b.header.scenarioId = 'nope';
    const rb = replayGame(b);
    expect(!rb.ok && rb.reason).toContain('unknown scenario');
  });
});
