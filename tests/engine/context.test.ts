/**
 * The quarter's scratch helpers (shared/engine/context.ts): the sums every report reads (revenue,
 * capex, free cash flow), the ledger, ids and the refusal of a company that is not in the game.
 */
import { describe, expect, it } from 'vitest';
import { capexUsdM, emptyWork, freeCashFlowUsdM, LINE, moveCash, moveCashOf, nextId, payCash, payCashOf, reportLedger, totalRevenueUsdM, type Ctx } from '../../shared/engine/context.js';
import type { CompanyState } from '../../shared/engine/types.js';

describe('a quarter\'s scratch figures', () => {
  it('total revenue is the sum of its six parts, capex of its five', () => {
    const w = emptyWork(0, 0);
    // Powers of two: any part left out, doubled or subtracted gives another total.
    [w.coreRevenueUsdM, w.selfUseRevenueUsdM, w.cloudRevenueUsdM, w.labRevenueUsdM, w.licenseRevenueUsdM, w.energyRevenueUsdM] = [1, 2, 4, 8, 16, 32];
    expect(totalRevenueUsdM(w)).toBe(63);
    w.capex = { chips: 1, energy: 2, talent: 4, data: 8, program: 16 };
    expect(capexUsdM(w)).toBe(31);
  });

  it('cash moves land on their ledger line and in cash; free cash flow leaves financing out', () => {
    const c = { cashUsdM: 100 } as CompanyState;
    const w = emptyWork(100, 0);
    moveCashOf(c, w, LINE.revenue, 50);
    moveCashOf(c, w, LINE.chips, -30);
    moveCashOf(c, w, LINE.chips, -5);
    moveCashOf(c, w, LINE.borrow, 200);
    moveCashOf(c, w, LINE.tax, 0);
    expect(c.cashUsdM).toBe(315);
    expect(reportLedger(w)).toEqual({ borrow: 200, chips: -35, revenue: 50 });
    expect(freeCashFlowUsdM(w)).toBe(15);
  });

  it('a payment takes its amount out of cash and off its line; paying nothing moves nothing', () => {
    const c = { cashUsdM: 100 } as CompanyState;
    const w = emptyWork(100, 0);
    payCashOf(c, w, LINE.interest, 30);
    payCashOf(c, w, LINE.tax, 0);
    payCashOf(c, w, LINE.interest, -5);
    const ctx = { state: { companies: { AMZN: c } }, work: { AMZN: w } } as unknown as Ctx;
    payCash(ctx, 'AMZN', LINE.chips, 7);
    expect(c.cashUsdM).toBe(68);
    expect(reportLedger(w)).toEqual({ chips: -7, interest: -25 });
    expect(() => payCash(ctx, 'MSFT', LINE.chips, 1)).toThrow('moveCash: no company MSFT');
  });

  it('ids count up from the state\'s counter; a company not in the game is refused', () => {
    const ctx = { state: { nextId: 7, companies: {} }, work: {} } as unknown as Ctx;
    expect(nextId(ctx, 'p')).toBe('p8');
    expect(nextId(ctx, 'lab')).toBe('lab9');
    expect(ctx.state.nextId).toBe(9);
    expect(() => moveCash(ctx, 'AMZN', LINE.revenue, 1)).toThrow('moveCash: no company AMZN');
  });
});
