/**
 * The financing phase (borrowing, repayment, equity, buybacks, guidance), each against the same
 * quarter without the action. Mutation testing found nothing else checked what these orders do.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { finalReturns, mulDiv, resolveQuarter, type GameState, type OrdersDraft } from '../../shared/index.js';
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

  it('a buyback pays cash out and retires shares at the market\'s price: the price holds, the reasons add up', () => {
    const { before, after } = quarter({ finance: { buybackUsdM: 50_000 } });
    const msft = after.companies.MSFT!;
    const ctl = control.after.companies.MSFT!;
    expect(msft.report.ledger['buyback']).toBe(-50_000);
    expect(ctl.report.ledger['buyback'] ?? 0).toBe(0);
    // About $50B of shares at the quarter's price are gone (to a million shares: whole millions).
    const retired = ctl.sharesM - msft.sharesM;
    expect(ctl.sharesM).toBe(before.sharesM);
    expect(Math.abs(retired - mulDiv(50_000, 100, ctl.priceCents))).toBeLessThanOrEqual(1);
    // Paid at the market's price, the price itself does not move for it (the cash out and the shares in cancel).
    expect(Math.abs(msft.priceCents - ctl.priceCents)).toBeLessThanOrEqual(Math.ceil(ctl.priceCents / 1_000));
    expect(msft.report.moveReasons['shares']).toBeGreaterThan(0);
    expect(Math.abs(msft.report.moveReasons['shares']! + msft.report.moveReasons['cash']! - ctl.report.moveReasons['cash']!)).toBeLessThanOrEqual(2);
  });

  it('a buyback raises the fundamental value per share (the score\'s return) only when the market priced the shares below it', () => {
    // The market's mood puts the price far above (or below) the fundamental value per share.
    const withMood = (moodUsdM: number, draft: OrdersDraft) => {
      const s = start();
      s.companies.MSFT!.value = { ...s.companies.MSFT!.value, mood: moodUsdM };
      return finalReturns(resolveQuarter(copy(s), ordersFor(s, { MSFT: draft })).state).MSFT!;
    };
    const buy = { finance: { buybackUsdM: 50_000 } };
    expect(withMood(-1_500_000, buy)).toBeGreaterThan(withMood(-1_500_000, {}));
    expect(withMood(1_500_000, buy)).toBeLessThan(withMood(1_500_000, {}));
  });

  it('a new capex guidance is announced (from, to); the same guidance is not', () => {
    const { before, after } = quarter({ guidanceCapexUsdM: 123_000 });
    const e = after.events.find((x) => x.kind === 'guidanceChanged' && x.seat === 'MSFT');
    expect(e).toMatchObject({ key: 'event.guidanceChanged', headline: true, params: { from: before.guidanceCapexUsdM, to: 123_000 } });
    expect(control.after.events.some((x) => x.kind === 'guidanceChanged' && x.seat === 'MSFT')).toBe(false);
  });
});
