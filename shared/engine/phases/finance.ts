/**
 * Phase 1 (after validation): financing actions and guidance (GAME.md "Financing", "Guidance").
 */
import { emit, LINE, moveCash, type Ctx } from '../context.js';
import { mulDiv } from '../math.js';

/** Borrowing, repayment, equity issuance, buybacks; the new guidance is announced. */
export function financePhase(ctx: Ctx): void {
  for (const { seat, c, o } of ctx.seated) {
    const f = o.finance;
    if (f.borrowUsdM > 0) {
      c.debtUsdM += f.borrowUsdM;
      moveCash(ctx, seat, LINE.borrow, f.borrowUsdM);
    }
    if (f.repayUsdM > 0) {
      const repay = Math.min(f.repayUsdM, c.debtUsdM);
      c.debtUsdM -= repay;
      moveCash(ctx, seat, LINE.repay, -repay);
    }
    if (f.equityUsdM > 0) {
      // New shares at a 3% discount to the last price.
      const issuePrice = Math.max(1, mulDiv(c.priceCents, 97, 100));
      const newShares = Math.max(1, mulDiv(f.equityUsdM, 100, issuePrice));
      c.sharesM += newShares;
      moveCash(ctx, seat, LINE.equity, f.equityUsdM);
      emit(ctx, { kind: 'equityIssued', key: 'event.equityIssued', seat, region: null, headline: true, params: { seat, amount: f.equityUsdM } });
    }
    if (f.buybackUsdM > 0) {
      const retired = Math.min(c.sharesM - 1, mulDiv(f.buybackUsdM, 100, Math.max(1, c.priceCents)));
      c.sharesM -= retired;
      moveCash(ctx, seat, LINE.buyback, -f.buybackUsdM);
    }
    if (o.guidanceCapexUsdM !== c.guidanceCapexUsdM) {
      emit(ctx, { kind: 'guidanceChanged', key: 'event.guidanceChanged', seat, region: null, headline: true, params: { seat, from: c.guidanceCapexUsdM, to: o.guidanceCapexUsdM, consensus: c.consensusCapexUsdM } });
    }
  }
}
