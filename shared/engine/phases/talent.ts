/**
 * Phase 2: the global talent auction and poaching (GAME.md "Talent"; F10).
 * Uniform-price sealed bids: the clearing price rises with total bids against a scarce supply;
 * teams paid well under the market are poached by the top bidder.
 */
import { emit, LINE, moveCash, type Ctx } from '../context.js';
import { applyBps, clamp, mulDiv } from '../math.js';
import type { Ticker } from '../types.js';

/** Runs the auction and poaching. */
export function talentPhase(ctx: Ctx): void {
  const { K, state } = ctx;
  const seats = state.seats;
  let totalBid = 0;
  let top: Ticker | null = null;
  let topBid = 0;
  for (const seat of seats) {
    const bid = ctx.orders[seat]?.talentBidUsdM ?? 0;
    totalBid += bid;
    if (bid > topBid) {
      topBid = bid;
      top = seat;
    }
  }
  // Signing price per hire ($K) and the market's ongoing comp level ($K a quarter).
  const signingK = Math.max(K.talentFloorUsdK, mulDiv(totalBid, 1_000, Math.max(1, K.talentSupply)));
  const marketCompK = clamp(K.talentFloorUsdK + mulDiv(signingK, 1, 10), K.talentFloorUsdK, 3_000);
  ctx.market.clearingCompUsdK = marketCompK;
  for (const seat of seats) {
    const c = state.companies[seat];
    const bid = ctx.orders[seat]?.talentBidUsdM ?? 0;
    if (!c || bid <= 0) continue;
    const hires = mulDiv(bid, 1_000, signingK);
    moveCash(ctx, seat, LINE.talent, -bid);
    ctx.work[seat]!.capex.talent += bid;
    if (hires > 0) {
      c.compUsdK = mulDiv(c.compUsdK * c.researchers + marketCompK * hires, 1, c.researchers + hires);
      c.researchers += hires;
      emit(ctx, { kind: 'talentHired', key: 'event.talentHired', seat, region: null, headline: false, params: { seat, hires, priceK: signingK } });
    }
  }
  for (const seat of seats) {
    const c = state.companies[seat];
    if (!c) continue;
    const attrition = applyBps(c.researchers, K.attritionBps);
    c.researchers -= attrition;
    if (top && seat !== top && c.compUsdK < applyBps(marketCompK, K.poachThresholdBps)) {
      const lost = applyBps(c.researchers, K.poachBps);
      const winner = state.companies[top];
      if (lost > 0 && winner) {
        c.researchers -= lost;
        winner.researchers += lost;
        emit(ctx, { kind: 'talentPoached', key: 'event.talentPoached', seat, region: null, headline: true, params: { seat, by: top, researchers: lost } });
      }
    }
  }
}
