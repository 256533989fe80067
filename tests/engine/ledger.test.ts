/**
 * The cash ledger of one quarter: a list indexed by line (LINE) with a moved-lines mask, turned
 * into the report's record of the lines money moved on.
 */
import { describe, expect, it } from 'vitest';
import { emptyWork, freeCashFlowUsdM, LEDGER_LINES, LINE, moveCashOf, reportLedger } from '../../shared/engine/context.js';
import type { CompanyState } from '../../shared/index.js';

describe('cash ledger', () => {
  it('LINE gives each line its own place, in LEDGER_LINES order', () => {
    expect(LEDGER_LINES.length).toBe(Object.keys(LINE).length);
    expect(new Set(LEDGER_LINES).size).toBe(LEDGER_LINES.length);
    LEDGER_LINES.forEach((line, i) => expect(LINE[line]).toBe(i));
    // The mask has one bit per line.
    expect(LEDGER_LINES.length).toBeLessThanOrEqual(31);
  });

  it('the report lists the lines money moved on, a line that nets to zero included, and nothing else', () => {
    const c = { cashUsdM: 100 } as CompanyState;
    const w = emptyWork(100, 1_000);
    moveCashOf(c, w, LINE.revenue, 50);
    moveCashOf(c, w, LINE.chips, -30);
    moveCashOf(c, w, LINE.borrow, 20);
    moveCashOf(c, w, LINE.tax, 5);
    moveCashOf(c, w, LINE.tax, -5);
    moveCashOf(c, w, LINE.equity, 0);
    expect(c.cashUsdM).toBe(140);
    const report = reportLedger(w);
    expect(report).toEqual({ borrow: 20, chips: -30, revenue: 50, tax: 0 });
    expect(Object.keys(report)).toEqual(['borrow', 'chips', 'revenue', 'tax']);
    // Free cash flow leaves financing (the borrowing) out.
    expect(freeCashFlowUsdM(w)).toBe(20);
    expect(reportLedger(emptyWork(0, 0))).toEqual({});
  });
});
