/**
 * The financing phase (borrowing, repayment, equity, buybacks, guidance), each against the same
 * quarter without the action. Mutation testing found nothing else checked what these orders do.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { mulDiv, resolveQuarter, type GameState, type OrdersDraft } from '../../shared/index.js';
import { copy, newGame, ordersFor } from '../helpers/game.js';

const start = (): GameState => {
  const s = newGame('finance', { seats: ['MSFT', 'META'] });
  s.companies.MSFT!.debtUsdM = 20_000;
  return s;
};
const quarter = (draft: OrdersDraft) => {
  const s = start();
  return { before: s.companies.MSFT!, after: resolveQuarter(copy(s), ordersFor(s, { MSFT: draft })).state };
};

describe('financing', () => {
  // Played inside each test: code run while tests are collected would not see a mutant (test:mutation).
  let control: ReturnType<typeof quarter>;
  beforeEach(() => {
    control = quarter({});
  });

  it('borrowing adds the amount to cash and to debt', () => {
    const { after } = quarter({ finance: { borrowUsdM: 5_000 } });
    expect(after.companies.MSFT!.report.ledger['borrow']).toBe(5_000);
    expect(control.after.companies.MSFT!.report.ledger['borrow'] ?? 0).toBe(0);
    expect(after.companies.MSFT!.debtUsdM - control.after.companies.MSFT!.debtUsdM).toBe(5_000);
  });

  it('repaying takes the amount from cash and from debt (and no more)', () => {
    const { after } = quarter({ finance: { repayUsdM: 4_000 } });
    expect(after.companies.MSFT!.report.ledger['repay']).toBe(-4_000);
    expect(control.after.companies.MSFT!.debtUsdM - after.companies.MSFT!.debtUsdM).toBe(4_000);
  });

  it('new equity brings its cash in and issues shares', () => {
    const { after } = quarter({ finance: { equityUsdM: 3_000 } });
    expect(after.companies.MSFT!.report.ledger['equity']).toBe(3_000);
    expect(after.companies.MSFT!.sharesM).toBeGreaterThan(control.after.companies.MSFT!.sharesM);
    const issued = after.events.find((e) => e.kind === 'equityIssued' && e.seat === 'MSFT');
    expect(issued).toMatchObject({ key: 'event.equityIssued', headline: true, region: null, params: { seat: 'MSFT', amount: 3_000 } });
    expect(control.after.events.some((e) => e.kind === 'equityIssued')).toBe(false);
  });

  it('a buyback pays cash out and counts, per share, in the returns to shareholders', () => {
    const { before, after } = quarter({ finance: { buybackUsdM: 2_000 } });
    const msft = after.companies.MSFT!;
    expect(msft.report.ledger['buyback']).toBe(-2_000);
    const perShare = mulDiv(2_000, 100, before.sharesM);
    expect(perShare).toBeGreaterThan(0);
    expect(msft.returnedCentsPerShare - control.after.companies.MSFT!.returnedCentsPerShare).toBe(perShare);
  });

  it('a new capex guidance is announced (from, to); the same guidance is not', () => {
    const { before, after } = quarter({ guidanceCapexUsdM: 123_000 });
    const e = after.events.find((x) => x.kind === 'guidanceChanged' && x.seat === 'MSFT');
    expect(e).toMatchObject({ key: 'event.guidanceChanged', headline: true, params: { from: before.guidanceCapexUsdM, to: 123_000 } });
    expect(control.after.events.some((x) => x.kind === 'guidanceChanged' && x.seat === 'MSFT')).toBe(false);
  });
});
