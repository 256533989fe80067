/**
 * Phase 2: the global talent auction and poaching (GAME.md "Talent"; F10).
 * Uniform-price sealed bids: the price per hire is everyone's bids — the players' and the AI labs' — over
 * the researchers available this quarter, never below the floor; each bidder hires its bid over that price. High pay draws people in:
 * the pool available grows with last quarter's price (half as many more for every multiple of the floor),
 * but slowly — so when everyone's fleets grow, bids outrun supply and the price climbs for all.
 * Teams paid well under the market are poached by the top bidder.
 */
import { emit, LINE, payCash, type Ctx } from '../context.js';
import { applyBps, clamp, mulDiv, ratioBps } from '../math.js';
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
  // The AI labs bid for the same people, more as they raise money (the LABS index) and as time goes on.
  const labsIndexBps = ratioBps(state.market.LABS.priceCents, state.market.LABS.startPriceCents);
  let labBid = applyBps(K.labTalentBidUsdM, labsIndexBps);
  for (let i = 0; i < ctx.q; i += 1) labBid = applyBps(labBid, 10_000 + K.labTalentGrowthBps);
  // Signing price per hire ($K) and the market's ongoing comp level ($K a quarter).
  const supply = K.talentSupply + mulDiv(K.talentSupply, Math.max(0, state.world.talentPriceUsdK - K.talentFloorUsdK), 2 * K.talentFloorUsdK);
  const signingK = Math.max(K.talentFloorUsdK, mulDiv(totalBid + labBid, 1_000, Math.max(1, supply)));
  // Ongoing pay follows the market: a floor plus a twentieth of the signing price, a quarter.
  const marketCompK = clamp(K.compFloorUsdK + mulDiv(signingK, 1, 20), K.compFloorUsdK, 1_500);
  ctx.market.clearingCompUsdK = marketCompK;
  state.world.talentPriceUsdK = signingK;
  for (const seat of seats) {
    const c = state.companies[seat];
    const bid = ctx.orders[seat]?.talentBidUsdM ?? 0;
    if (!c || bid <= 0) continue;
    const hires = mulDiv(bid, 1_000, signingK);
    payCash(ctx, seat, LINE.talent, bid);
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
