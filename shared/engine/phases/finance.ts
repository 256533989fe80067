/**
 * Phase 1 (after validation): financing actions and guidance (GAME.md "Financing", "Guidance").
 */
import { emit, LINE, moveCash, payCash, type Ctx } from '../context.js';

/** Borrowing, repayment, equity issuance, cash returned to shareholders; the new guidance is announced. */
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
      payCash(ctx, seat, LINE.repay, repay);
    }
    if (f.equityUsdM > 0) {
      // The cash comes in now; the new shares are priced when the quarter closes (market.ts), at a
      // discount to the lower of the price and the fundamental value per share then.
      ctx.work[seat]!.equityRaisedUsdM += f.equityUsdM;
      moveCash(ctx, seat, LINE.equity, f.equityUsdM);
      emit(ctx, { kind: 'equityIssued', key: 'event.equityIssued', seat, region: null, headline: true, params: { seat, amount: f.equityUsdM } });
    }
    if (f.buybackUsdM > 0) {
      // Buybacks: the cash leaves now; the shares it buys are retired at the quarter's close, at the
      // market's price (market.ts) — below the fundamental value per share those who stay gain.
      ctx.work[seat]!.buybackUsdM += f.buybackUsdM;
      payCash(ctx, seat, LINE.buyback, f.buybackUsdM);
    }
    if (o.guidanceCapexUsdM !== c.guidanceCapexUsdM) {
      emit(ctx, { kind: 'guidanceChanged', key: 'event.guidanceChanged', seat, region: null, headline: true, params: { seat, from: c.guidanceCapexUsdM, to: o.guidanceCapexUsdM, consensus: c.consensusCapexUsdM } });
    }
  }
}
