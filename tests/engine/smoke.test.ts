import { describe, expect, it } from 'vitest';
import { createGame, historicalOrders, resolveQuarter } from '../../shared/index.js';

describe('engine smoke', () => {
  it('resolves the first quarter of the default scenario', () => {
    const s0 = createGame({ scenarioId: 'capex-race-2026', seed: 'smoke' });
    const r = resolveQuarter(s0, historicalOrders());
    expect(r.state.quarter).toBe(1);
    expect(r.hash).toMatch(/^[0-9a-f]{16}$/);
    expect(s0.quarter).toBe(0);
  });
});
