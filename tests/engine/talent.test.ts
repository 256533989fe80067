/**
 * The talent auction (phase 2), each effect against the same quarter without its cause. Mutation
 * testing found that no rule test checked hiring, the price, pay or poaching.
 */
import { describe, expect, it } from 'vitest';
import { applyBps, getScenario, model, mulDiv, resolveQuarter, type GameState, type OrdersDraft, type Ticker } from '../../shared/index.js';
import { copy, newGame, ordersFor } from '../helpers/game.js';

const K = model.constantsOf(getScenario('capex-race-2026'));
const s0 = newGame('talent', { seats: ['MSFT', 'META'] });
const play = (drafts: Partial<Record<Ticker, OrdersDraft>>, edit: (s: GameState) => void = () => undefined): { before: GameState; after: GameState } => {
  const before = copy(s0);
  edit(before);
  return { before, after: resolveQuarter(before, ordersFor(before, drafts)).state };
};
const keep = (n: number): number => n - applyBps(n, K.attritionBps);

describe('talent auction', () => {
  it('a bid hires its amount over the clearing price; without one, only attrition moves the team', () => {
    const none = play({});
    const r0 = s0.companies.MSFT!.researchers;
    expect(none.after.companies.MSFT!.researchers).toBe(keep(r0));
    const bid = play({ MSFT: { talentBidUsdM: 2_000 } });
    const hires = mulDiv(2_000, 1_000, bid.after.world.talentPriceUsdK);
    expect(hires).toBeGreaterThan(0);
    expect(bid.after.companies.MSFT!.researchers).toBe(keep(r0 + hires));
    expect(bid.after.companies.MSFT!.report.ledger['talent']).toBe(-2_000);
    const hired = bid.after.events.find((e) => e.kind === 'talentHired' && e.seat === 'MSFT');
    expect(hired).toMatchObject({ key: 'event.talentHired', headline: false, region: null, params: { seat: 'MSFT', hires, priceK: bid.after.world.talentPriceUsdK } });
    expect(none.after.events.some((e) => e.kind === 'talentHired')).toBe(false);
    // A bid too small for one hire at the price is paid but hires nobody, and no hiring is announced.
    // (META's large bid lifts the price; MSFT is paid well enough not to be poached.)
    const crumb = play({ MSFT: { talentBidUsdM: 1 }, META: { talentBidUsdM: 40_000 } }, (s) => void (s.companies.MSFT!.compUsdK = 1_000_000));
    expect(mulDiv(1, 1_000, crumb.after.world.talentPriceUsdK)).toBe(0);
    expect(crumb.after.companies.MSFT!.researchers).toBe(keep(r0));
    expect(crumb.after.companies.MSFT!.report.ledger['talent']).toBe(-1);
    expect(crumb.after.events.some((e) => e.kind === 'talentHired' && e.seat === 'MSFT')).toBe(false);
  });

  it('more money chasing the same people raises the price per hire', () => {
    const small = play({ MSFT: { talentBidUsdM: 500 } }).after.world.talentPriceUsdK;
    const big = play({ MSFT: { talentBidUsdM: 500 }, META: { talentBidUsdM: 40_000 } }).after.world.talentPriceUsdK;
    expect(small).toBeGreaterThanOrEqual(K.talentFloorUsdK);
    expect(big).toBeGreaterThan(small);
  });

  it('new hires come at the market’s pay: a team paid below it is paid more on average', () => {
    const low = (s: GameState): void => void (s.companies.MSFT!.compUsdK = K.compFloorUsdK);
    const { after } = play({ MSFT: { talentBidUsdM: 5_000 } }, low);
    expect(after.companies.MSFT!.compUsdK).toBeGreaterThan(K.compFloorUsdK);
    expect(play({}, low).after.companies.MSFT!.compUsdK).toBe(K.compFloorUsdK);
    // A team paid far above the market is paid less on average after hiring at the market's pay.
    const high = 1_000_000;
    const dear = play({ MSFT: { talentBidUsdM: 5_000 } }, (s) => void (s.companies.MSFT!.compUsdK = high)).after.companies.MSFT!.compUsdK;
    expect(dear).toBeLessThan(high);
    expect(dear).toBeGreaterThan(K.compFloorUsdK);
  });

  it('the top bidder poaches from a team paid under the market, not from one paid above it', () => {
    const paid = (comp: number) => (s: GameState): void => void (s.companies.MSFT!.compUsdK = comp);
    const poached = play({ META: { talentBidUsdM: 5_000 } }, paid(1));
    const safe = play({ META: { talentBidUsdM: 5_000 } }, paid(1_000_000));
    const r0 = s0.companies.MSFT!.researchers;
    const lost = applyBps(keep(r0), K.poachBps);
    expect(lost).toBeGreaterThan(0);
    expect(poached.after.companies.MSFT!.researchers).toBe(keep(r0) - lost);
    expect(safe.after.companies.MSFT!.researchers).toBe(keep(r0));
    expect(poached.after.companies.META!.researchers - safe.after.companies.META!.researchers).toBe(lost);
    const event = poached.after.events.find((e) => e.kind === 'talentPoached' && e.seat === 'MSFT');
    expect(event).toMatchObject({ key: 'event.talentPoached', headline: true, region: null, params: { seat: 'MSFT', by: 'META', researchers: lost } });
    expect(safe.after.events.some((e) => e.kind === 'talentPoached')).toBe(false);
    // Without a top bidder nobody poaches, however badly a team is paid.
    expect(play({}, paid(1)).after.companies.MSFT!.researchers).toBe(keep(r0));
  });

  it('the price per hire is every bid, the labs’ included, over the people available; high last prices draw half as many more per multiple of the floor', () => {
    const atStart = (price: number) => (s: GameState): void => {
      s.world.talentPriceUsdK = price;
      s.market.LABS.priceCents = s.market.LABS.startPriceCents;
    };
    const bid = 20_000;
    const base = play({ MSFT: { talentBidUsdM: bid } }, atStart(K.talentFloorUsdK)).after.world.talentPriceUsdK;
    expect(base).toBe(Math.max(K.talentFloorUsdK, mulDiv(bid + K.labTalentBidUsdM, 1_000, K.talentSupply)));
    expect(base).toBeGreaterThan(K.talentFloorUsdK);
    // Last quarter at three times the floor: twice the people.
    const drawn = play({ MSFT: { talentBidUsdM: bid } }, atStart(K.talentFloorUsdK * 3)).after.world.talentPriceUsdK;
    expect(drawn).toBe(Math.max(K.talentFloorUsdK, mulDiv(bid + K.labTalentBidUsdM, 1_000, K.talentSupply * 2)));
  });

  it('nobody is poached by itself or when too few to lose anyone; on equal top bids the first seat in order poaches', () => {
    const underpaid = (...seats: Ticker[]) => (s: GameState): void => {
      for (const seat of seats) s.companies[seat]!.compUsdK = 1;
    };
    const poachings = (s: GameState) => s.events.filter((e) => e.kind === 'talentPoached');
    // The top bidder, however badly paid, does not poach from itself.
    const self = play({ META: { talentBidUsdM: 5_000 } }, (s) => { underpaid('META')(s); s.companies.MSFT!.compUsdK = 1_000_000; });
    expect(poachings(self.after)).toEqual([]);
    expect(self.after.companies.META!.researchers).toBeGreaterThan(s0.companies.META!.researchers);
    // A team of one loses nobody (a share of one rounds to none), and no poaching is announced.
    const tiny = play({ META: { talentBidUsdM: 5_000 } }, (s) => { underpaid('MSFT')(s); s.companies.MSFT!.researchers = 1; });
    expect(poachings(tiny.after)).toEqual([]);
    // Equal top bids: the first seat in the game's seat order is the top bidder.
    const [first, second] = s0.seats as [Ticker, Ticker];
    const tie = play({ [first]: { talentBidUsdM: 5_000 }, [second]: { talentBidUsdM: 5_000 } }, underpaid(first, second));
    expect(poachings(tie.after).map((e) => [e.seat, e.params['by']])).toEqual([[second, first]]);
  });

  it('the AI labs bid for the same people, more as time goes on; high pay draws more people in', () => {
    // The same player bid clears at a higher price later in the game: the labs' bids have grown.
    const bid = { MSFT: { talentBidUsdM: 20_000 } };
    const early = play(bid).after.world.talentPriceUsdK;
    expect(early).toBeGreaterThan(K.talentFloorUsdK);
    const later = play(bid, (s) => void (s.quarter = 8)).after.world.talentPriceUsdK;
    expect(later).toBeGreaterThan(early);
    // Last quarter's high price brought more people: the same bids clear at a lower price.
    const drafts = { MSFT: { talentBidUsdM: 8_000 } };
    const usual = play(drafts).after.world.talentPriceUsdK;
    const drawn = play(drafts, (s) => void (s.world.talentPriceUsdK = K.talentFloorUsdK * 4)).after.world.talentPriceUsdK;
    expect(drawn).toBeLessThan(usual);
  });
});
