/**
 * The demand phase (phase 6): the world's drift (adoption, tokens per task, monetization, abandonment,
 * enterprise tasks), AI-lab contracts (awards, price, defaults, payment, expiry), the cloud market
 * (enterprise demand, its price, customers shared by incumbency, capacity, quality, pricing and
 * latency, half the unmet demand spilling to spare capacity), billing and write-offs, the core
 * business, self-use, legacy cloud following AI customers, incumbency, the energy business and the
 * cash it all brings. Each test plays a quarter against the same quarter without its cause (or the
 * quarter's figures against the rule applied to the quarter's start); expected values come from the
 * scenario's constants and the engine's own helpers. Mutation testing found these rules unchecked
 * (docs/testing.md).
 */
import { describe, expect, it } from 'vitest';
import {
  allocateProRata, applyBps, BPS, clamp, getScenario, model, mulDiv, placeChips, ratioBps, resolveQuarter, streamFor,
  type ChipType, type CompanyState, type GameState, type OrdersDraft, type RegionId, type Ticker,
} from '../../shared/index.js';
import { coreLuckBps, enterpriseDemandUnits, fateOf, START_ADOPTION_BPS } from '../../shared/engine/phases/demand.js';
import type { Ctx } from '../../shared/engine/context.js';
import { copy, newGame, ordersFor } from '../helpers/game.js';

const sc = getScenario('capex-race-2026');
const K = model.constantsOf(sc);
const SEED = 'demand';

/** Plays a quarter of `seats` from a start changed by `change`, with orders `drafts`. */
const playSeats = (seats: Ticker[], change: (s: GameState) => void, drafts: Partial<Record<Ticker, OrdersDraft>> = {}) => {
  const s = newGame(SEED, { seats });
  change(s);
  const after = resolveQuarter(copy(s), ordersFor(s, drafts)).state;
  return { s, after, events: after.events };
};
/** MSFT and META: MSFT's start changed by `change`, orders `msft` and `meta`. */
const play = (change: (c: CompanyState, s: GameState) => void = () => {}, msft: OrdersDraft = {}, meta: OrdersDraft = {}) => {
  const p = playSeats(['MSFT', 'META'], (s) => change(s.companies.MSFT!, s), { MSFT: msft, META: meta });
  const c = p.after.companies.MSFT!;
  return { ...p, before: p.s.companies.MSFT!, c, r: c.report, mine: p.events.filter((e) => e.seat === 'MSFT') };
};
/** A company's whole fleet: `mw` of one chip type, powered and liquid-cooled in one region; nothing on order. */
const fleet = (c: CompanyState, region: RegionId, mw: number, type: ChipType = 'merchant') => {
  c.chips = [{ type, gen: 0, mw, bookUsdM: mw * 30, deprUsdM: 0, boughtQ: -1 }];
  c.sites = { [region]: { poweredMw: { grid: mw, gas: 0, renewables: 0, nuclear: 0 }, liquidMw: mw } };
  c.projects = [];
  c.shipments = [];
  c.researchers = 20_000;
};
const cloudOnly: OrdersDraft = { ops: { trainingBps: 0, selfUseBps: 0, cloudBps: 10_000 } };
const selfOnly: OrdersDraft = { ops: { trainingBps: 0, selfUseBps: 10_000, cloudBps: 0 } };
/**
 * The compute a company's researchers can run this quarter (the fleet's compute after the staffing
 * factor: what the capacity phase splits between training, self-use and cloud), and its merchant part
 * (what bills at the full price).
 */
const placedOf = (p: { s: GameState; after: GameState }, t: Ticker) => {
  const c0 = p.s.companies[t]!;
  const placed = placeChips(sc, K, p.s.regions, c0.sites, c0.chips, p.after.companies[t]!.researchers);
  const staffed = model.staffingBps(K, model.researchersPerGw(p.after.companies[t]!.researchers, p.after.companies[t]!.report.chipMw));
  return { units: applyBps(placed.computeUnits, staffed), merchant: applyBps(placed.merchantUnits, staffed) };
};

const withQuality = (c: CompanyState, q: number) => {
  c.trainingStock = model.stockForQuality(K, q);
  c.qualityBps = q;
};
const latencyOf = (r: RegionId) => sc.regions.find((x) => x.id === r)!.latencyMs;
/** The enterprise demand of the quarter just played (the engine's helper reads only the world). */
const demandOf = (after: GameState) => enterpriseDemandUnits({ K, state: after } as unknown as Ctx);
const cardsIn = (after: GameState) => after.events.filter((e) => e.seat === null && !['era', 'dataWall', 'foundryAllocated', 'newGeneration'].includes(e.kind));

describe('the world drifts each quarter (rule 1)', () => {
  /** The drift applied to the quarter's start (`frontier`: the frontier the models phase set this quarter). */
  const drift = (w: GameState['world'], frontier: number, seed: string, q: number) => {
    const fate = fateOf(K, seed);
    const luck = streamFor(seed, q, 'world').range(-K.monetizationNoiseBps, K.monetizationNoiseBps);
    const adoption = clamp(w.agentAdoptionBps + 250 + mulDiv(Math.max(0, frontier - 8_000), 1, 4), 0, BPS);
    const learning = fate.monetizationTrendBps + mulDiv(Math.max(0, frontier - 8_500), 1, 10);
    const disillusion = mulDiv(Math.max(0, w.abandonmentBps - 4_000), 1, 20);
    const monetization = clamp(w.monetizationBps + learning - disillusion + luck, 0, 6_000);
    const abandonment = clamp(w.abandonmentBps + mulDiv(2_000 - monetization, 1, 40), 1_000, 5_500);
    const pace = applyBps(K.agentGrowthBps, fate.demandPaceBps);
    const growth = mulDiv(pace, BPS - mulDiv(adoption, 1, 2), BPS) + (w.era === 'inferenceScaleOut' ? 200 : 0) + mulDiv(monetization, 1, 6);
    const churn = mulDiv(mulDiv(abandonment, 1, 4), BPS - monetization, BPS) + (w.era === 'monetizationReckoning' ? 200 : 0);
    const tasks = Math.max(1_000, mulDiv(w.enterpriseTasks, BPS + growth - churn, BPS));
    return { adoption, tokens: model.tokensPerTaskX100(K, adoption), monetization, abandonment, tasks, tasksGrowth: ratioBps(tasks - w.enterpriseTasks, w.enterpriseTasks) };
  };
  const worlds: [string, (c: CompanyState, s: GameState) => void][] = [
    ['the start', () => {}],
    ['a frontier model far ahead (adoption and learning faster)', (c) => {
      withQuality(c, 9_800);
    }],
    ['customers abandoning (disillusion)', (c, s) => {
      s.world.abandonmentBps = 5_400;
    }],
    ['abandonment low, monetization high (abandonment falls, no disillusion)', (c, s) => {
      s.world.abandonmentBps = 1_020;
      s.world.monetizationBps = 3_000;
    }],
    ['monetization near its ceiling', (c, s) => {
      s.world.monetizationBps = 5_990;
    }],
    ['monetization at nothing', (c, s) => {
      s.world.monetizationBps = 0;
      s.world.abandonmentBps = 5_500;
    }],
    ['adoption near all', (c, s) => {
      s.world.agentAdoptionBps = 9_950;
    }],
    ['the inference scale-out (faster growth)', (c, s) => {
      s.world.era = 'inferenceScaleOut';
    }],
    ['the monetization reckoning (more churn)', (c, s) => {
      s.world.era = 'monetizationReckoning';
    }],
    ['few tasks left, heavy churn (the floor)', (c, s) => {
      s.world.enterpriseTasks = 1_000;
      s.world.abandonmentBps = 5_500;
      s.world.monetizationBps = 0;
      s.world.era = 'monetizationReckoning';
    }],
  ];

  it.each(worlds)('from %s', (_name, change) => {
    const p = play(change);
    expect(cardsIn(p.after)).toStrictEqual([]);
    const want = drift(p.s.world, p.after.world.frontierQualityBps, SEED, 0);
    const w = p.after.world;
    expect({ adoption: w.agentAdoptionBps, tokens: w.tokensPerTaskX100, monetization: w.monetizationBps, abandonment: w.abandonmentBps, tasks: w.enterpriseTasks, tasksGrowth: w.tasksGrowthBps }).toStrictEqual(want);
  });

  it('each term moves the drift the way it says, against the start', () => {
    const base = play();
    const ahead = play((c) => {
      withQuality(c, 9_800);
    });
    expect(ahead.after.world.frontierQualityBps).toBeGreaterThan(base.after.world.frontierQualityBps);
    expect(ahead.after.world.agentAdoptionBps).toBeGreaterThan(base.after.world.agentAdoptionBps);
    expect(ahead.after.world.monetizationBps).toBeGreaterThan(base.after.world.monetizationBps);
    const scaleOut = play((c, s) => {
      s.world.era = 'inferenceScaleOut';
    });
    expect(scaleOut.after.world.enterpriseTasks).toBeGreaterThan(base.after.world.enterpriseTasks);
    const reckoning = play((c, s) => {
      s.world.era = 'monetizationReckoning';
    });
    expect(reckoning.after.world.enterpriseTasks).toBeLessThan(base.after.world.enterpriseTasks);
    // The fate is the seed's: another seed deals another pace or trend.
    expect(fateOf(K, SEED)).not.toStrictEqual(fateOf(K, 'another'));
  });
});

describe('the cloud market (rules 3–5, 8)', () => {
  // MSFT: much capacity, no incumbency; META: little capacity, half the customers. Fewer tasks than
  // at the start: MSFT has capacity to spare, META's customers queue at twice what it offers.
  const setup = (metaRegion: RegionId, metaType: ChipType = 'merchant', metaMw = 100) => (c: CompanyState, s: GameState) => {
    fleet(c, 'us-east', 2_000);
    fleet(s.companies.META!, metaRegion, metaMw, metaType);
    c.labContracts = [];
    c.cloudShareBps = 0;
    s.companies.META!.cloudShareBps = 5_000;
    s.companies.META!.cloudBaseUsdM = 20_000;
    s.world.enterpriseTasks = 3_000;
  };

  const check = (p: ReturnType<typeof play>, pricing: Partial<Record<Ticker, 'usage' | 'flat'>> = {}) => {
    const { s, after } = p;
    const seats = after.seats;
    const r = (t: Ticker) => after.companies[t]!.report;
    const world = after.world;
    const demand = demandOf(after);
    expect(demand).toBe(mulDiv(mulDiv(K.enterpriseDemandUnits, world.enterpriseTasks, BPS), world.tokensPerTaskX100, model.tokensPerTaskX100(K, START_ADOPTION_BPS)));
    // Everything they run is offered to enterprise customers (no lab contracts).
    const offered = seats.map((t) => placedOf(p, t).units);
    const offeredTotal = offered.reduce((a, b) => a + b, 0);
    expect(world.cloudTightnessBps).toBe(ratioBps(demand, offeredTotal));
    expect(world.cloudPriceUsd).toBe(mulDiv(mulDiv(K.cloudPriceStartUsd, model.genCostIndexBps(sc, world.currentGen), BPS), model.cloudScarcityBps(K, demand, offeredTotal), BPS));
    // Weights: incumbency and capacity × quality, flat plans ×, latency beyond 20 ms ÷.
    const weights = seats.map((t, k) => {
      const c0 = s.companies[t]!;
      const c = after.companies[t]!;
      let w = c0.cloudShareBps * 5_000 + mulDiv(ratioBps(offered[k]!, offeredTotal) * 5_000, 5_000 + mulDiv(c.qualityBps, 1, 2), BPS);
      if (pricing[t] === 'flat') w = applyBps(w, K.flatDemandBps);
      const region = Object.keys(c0.sites)[0] as RegionId;
      return applyBps(w, clamp(BPS - Math.max(0, latencyOf(region) - 20) * K.latencyPenaltyBpsPerMs, 5_000, BPS));
    });
    const total = weights.reduce((a, b) => a + b, 0);
    const wants = seats.map((_t, k) => Math.min(mulDiv(demand, weights[k]!, total), 2 * offered[k]!));
    const first = wants.map((x, k) => Math.min(x, offered[k]!));
    const unmet = wants.reduce((a, x, k) => a + x - first[k]!, 0);
    const spill = allocateProRata(seats.map((t, k) => ({ id: t, amount: offered[k]! - first[k]! })), mulDiv(unmet, 1, 2));
    const served = first.map((x, k) => x + spill[k]!);
    const servedTotal = served.reduce((a, b) => a + b, 0);
    const legacyTotal = seats.reduce((a, t) => a + s.companies[t]!.cloudBaseUsdM, 0);
    seats.forEach((t, k) => {
      expect(r(t).cloudDemandUnits, t).toBe(wants[k]);
      expect(r(t).cloudServedUnits, t).toBe(served[k]);
      // Incumbency follows who served: a tenth of the way to the share served.
      const c0 = s.companies[t]!;
      const c = after.companies[t]!;
      expect(c.cloudShareBps, t).toBe(c0.cloudShareBps + mulDiv(ratioBps(served[k]!, servedTotal) - c0.cloudShareBps, 1, 10));
      // Legacy cloud grows, faster with more than its share of AI customers.
      const base = c0.cloudBaseUsdM > 0 ? applyBps(c0.cloudBaseUsdM, BPS + K.legacyCloudGrowthBps + clamp(mulDiv(ratioBps(served[k]!, servedTotal) - ratioBps(c0.cloudBaseUsdM, legacyTotal), K.legacyCloudFollowBps, BPS), -500, 500)) : 0;
      expect(c.cloudBaseUsdM, t).toBe(base);
      // Bills: merchant GPUs at the price per unit, other chips at a discount; bad debt on usage bills only.
      const pr = pricing[t] ?? 'usage';
      const perUnit = model.revenuePerUnitUsd(K, world.cloudPriceUsd, pr, world.tokensPerTaskX100);
      const onMerchant = Math.min(served[k]!, placedOf(p, t).merchant);
      const billed = mulDiv(onMerchant, perUnit, 1_000_000) + mulDiv(applyBps(served[k]! - onMerchant, K.nonMerchantCloudBps), perUnit, 1_000_000);
      expect(r(t).cloudRevenueUsdM, t).toBe(base + billed);
      const writeOff = applyBps(applyBps(billed, model.writeOffShareBps(K, pr, world.monetizationBps)), streamFor(SEED, 0, `defaults:${t}`).range(0, 2 * BPS));
      expect(r(t).writeOffsUsdM, t).toBe(writeOff);
      expect(r(t).ledger['writeOffs'], t).toBe(writeOff > 0 ? -writeOff : undefined);
      const ev = after.events.find((e) => e.kind === 'customerDefaults' && e.seat === t);
      if (writeOff > 0 && writeOff * 20 >= billed) expect(ev, t).toMatchObject({ key: 'event.customerDefaults', region: null, headline: writeOff * 10 >= billed, params: { seat: t, amount: writeOff, shareBps: ratioBps(writeOff, billed) } });
      else expect(ev, t).toBeUndefined();
      // Revenue is cash (less what licensees paid in the models phase); bad debt is not.
      expect(r(t).ledger['revenue'], t).toBe(r(t).revenueUsdM - r(t).licenseRevenueUsdM);
    });
    return { wants, first, spill, served, offered, billed: seats.map((t) => r(t).cloudRevenueUsdM - after.companies[t]!.cloudBaseUsdM) };
  };

  it('demand meets the compute offered: its price, the customers\' shares, the queue, the spill, incumbency, legacy cloud, the bills', () => {
    const p = play(setup('us-west'), cloudOnly, cloudOnly);
    const x = check(p);
    const [meta, msft] = [p.after.seats.indexOf('META'), p.after.seats.indexOf('MSFT')];
    // The case exercises the queue at twice the offer, the unmet half that spills, and spare capacity.
    expect(x.wants[meta]).toBe(2 * x.offered[meta]!);
    expect(x.spill[msft]).toBeGreaterThan(0);
    expect(x.served[msft]).toBeLessThan(x.offered[msft]!);
    expect(p.after.world.cloudTightnessBps).toBeLessThan(BPS);
  });

  it('latency beyond 20 ms costs customers; flat plans attract more and leave no bad debt; chips other than merchant GPUs bill less', () => {
    // META's fleet far away (India), priced flat, on second-source chips; with capacity enough that
    // its customers are not capped at twice its offer.
    const far = play(setup('india', 'merchant', 1_500), cloudOnly, cloudOnly);
    check(far);
    const near = play(setup('us-west', 'merchant', 1_500), cloudOnly, cloudOnly);
    check(near);
    expect(far.after.companies.META!.report.cloudDemandUnits).toBeLessThan(near.after.companies.META!.report.cloudDemandUnits);
    const flat = play(setup('india', 'merchant', 1_500), cloudOnly, { ...cloudOnly, ops: { ...cloudOnly.ops, pricing: 'flat' } });
    check(flat, { META: 'flat' });
    check(play(setup('india'), cloudOnly, { ...cloudOnly, ops: { ...cloudOnly.ops, pricing: 'flat' } }), { META: 'flat' });
    expect(flat.after.companies.META!.report.cloudDemandUnits).toBeGreaterThan(far.after.companies.META!.report.cloudDemandUnits);
    expect(flat.after.companies.META!.report.writeOffsUsdM).toBe(0);
    const second = play(setup('us-west', 'secondSource'), cloudOnly, cloudOnly);
    check(second);
    // Bad debt of 5% of the bills or more is announced, as a headline from 10%: somewhere between
    // worlds where every customer fails and worlds where most pay.
    const headlines = new Set<boolean>();
    for (let m = 0; m <= 6_000; m += 250) {
      const x = play((c, s) => {
        setup('us-west')(c, s);
        s.world.monetizationBps = m;
      }, cloudOnly, cloudOnly);
      check(x);
      for (const e of x.after.events) if (e.kind === 'customerDefaults') headlines.add(e.headline);
    }
    expect([...headlines].sort()).toStrictEqual([false, true]);
    // Customers with bad debt: a usage seller's write-offs are announced.
    const failing = play((c, s) => {
      setup('us-west')(c, s);
      s.world.monetizationBps = 0;
    }, cloudOnly, cloudOnly);
    check(failing);
    expect(failing.after.events.some((e) => e.kind === 'customerDefaults')).toBe(true);
    // Another generation, cheaper compute: a lower price for the same tightness.
    const gen1 = sc.roadmap.find((g) => g.gen === 1)!.quarter;
    const later = play((c, s) => {
      setup('us-west')(c, s);
      s.quarter = gen1;
    }, cloudOnly, cloudOnly);
    expect(later.after.world.currentGen).toBe(1);
    expect(later.after.world.cloudPriceUsd).toBe(mulDiv(mulDiv(K.cloudPriceStartUsd, model.genCostIndexBps(sc, 1), BPS), model.cloudScarcityBps(K, demandOf(later.after), placedOf(later, 'MSFT').units + placedOf(later, 'META').units), BPS));
  });

  it('a seller with nothing to offer and no customers is not in the market', () => {
    const p = play((c, s) => {
      setup('us-west')(c, s);
      s.companies.META!.cloudShareBps = 0;
    }, cloudOnly, selfOnly);
    expect(p.after.companies.META!.report.cloudDemandUnits).toBe(0);
    expect(p.after.companies.META!.report.cloudServedUnits).toBe(0);
    // MSFT has every customer there is (up to twice its offer).
    expect(p.r.cloudDemandUnits).toBe(Math.min(demandOf(p.after), 2 * placedOf(p, 'MSFT').units));
    expect(p.c.cloudShareBps).toBe(mulDiv(BPS, 1, 10));
  });
});

describe('AI-lab contracts (rule 2)', () => {
  /** MSFT with a fleet selling to the cloud, no contracts, bidding `bid` MW. */
  const labs = (mw: number, change: (c: CompanyState, s: GameState) => void = () => {}) => (c: CompanyState, s: GameState) => {
    fleet(c, 'us-east', mw);
    c.labContracts = [];
    // Funding and customers both sound: no lab defaults unless a test changes that.
    s.world.sentimentBps = 20_000;
    s.world.monetizationBps = 6_000;
    change(c, s);
  };
  const bidding = (bid: number): OrdersDraft => ({ ops: { trainingBps: 0, selfUseBps: 0, cloudBps: 10_000, labBidMw: bid } });
  const perf = model.perfPerMw(sc, K, 'merchant', 0);
  const labRevenue = (r: CompanyState['report']) => r.revenueUsdM - r.coreRevenueUsdM - r.selfUseRevenueUsdM - r.cloudRevenueUsdM - r.licenseRevenueUsdM - r.energyRevenueUsdM;

  it('labs sign for the capacity bid, at the list-linked price, for their term; the first quarter is paid', () => {
    const control = play(labs(2_000), bidding(0));
    const q = play(labs(2_000), bidding(300));
    const perQuarter = applyBps(300 * model.labPriceUsdMPerMw(sc, K, 0), BPS);
    expect(q.c.labContracts).toStrictEqual([{ id: expect.any(String), mw: 300, units: 300 * perf, usdMPerQuarter: perQuarter, quartersLeft: K.labTermQ - 1, vendorLinked: false, startsQ: 0 }]);
    expect(q.after.world.labPriceBps).toBe(BPS);
    expect(q.mine.find((e) => e.kind === 'labContractWon')).toMatchObject({ key: 'event.labContractWon', headline: true, region: null, params: { seat: 'MSFT', mw: 300, total: perQuarter * K.labTermQ } });
    expect(labRevenue(q.r)).toBe(perQuarter);
    expect(labRevenue(control.r)).toBe(0);
    expect(control.c.labContracts).toStrictEqual([]);
    expect(control.mine.some((e) => e.kind === 'labContractWon')).toBe(false);
    // The reserved units are not offered to enterprise customers.
    expect(q.r.cloudServedUnits).toBeLessThanOrEqual(placedOf(q, 'MSFT').units - 300 * perf);
    // Lab financing in the world links the new contract to the vendors.
    const linked = play(labs(2_000, (c, s) => {
      s.world.labFinancingUsdM = 1_000;
    }), bidding(300));
    expect(linked.c.labContracts[0]!.vendorLinked).toBe(true);
  });

  it('offered more than they want, labs share their demand pro rata and pay less, down to half', () => {
    const both = play(labs(2_000, (c, s) => {
      fleet(s.companies.META!, 'us-west', 2_000);
      s.companies.META!.labContracts = [];
    }), bidding(300), bidding(900));
    const bids = both.after.seats.map((t) => ({ id: t, amount: t === 'MSFT' ? 300 : 900 }));
    const shares = allocateProRata(bids, K.labDemandMw);
    const msftMw = shares[both.after.seats.indexOf('MSFT')]!;
    const priceBps = clamp(ratioBps(K.labDemandMw, 1_200), 5_000, BPS);
    expect(priceBps).toBeLessThan(BPS);
    expect(both.after.world.labPriceBps).toBe(priceBps);
    expect(both.c.labContracts).toMatchObject([{ mw: msftMw, usdMPerQuarter: applyBps(msftMw * model.labPriceUsdMPerMw(sc, K, 0), priceBps) }]);
    // Twice what they want and more: half price — and one provider signs at most its share of the demand.
    const glut = play(labs(5_000), bidding(5_000));
    expect(glut.after.world.labPriceBps).toBe(5_000);
    expect(K.labProviderShareBps).toBeLessThan(BPS);
    expect(glut.c.labContracts[0]!.mw).toBe(applyBps(K.labDemandMw, K.labProviderShareBps));
    // The labs' demand follows the LABS index.
    const poor = play(labs(2_000, (c, s) => {
      s.market.LABS.priceCents = mulDiv(s.market.LABS.startPriceCents, 1, 2);
    }), bidding(600));
    expect(poor.c.labContracts[0]!.mw).toBe(applyBps(mulDiv(K.labDemandMw, 1, 2), K.labProviderShareBps));
    expect(poor.after.world.labPriceBps).toBe(ratioBps(mulDiv(K.labDemandMw, 1, 2), 600));
  });

  it('labs sign only for capacity a provider can show: free cloud capacity plus half of what is being built', () => {
    const building = 120;
    const q = play(labs(200, (c) => {
      c.projects = [{ id: 'p', region: 'us-east', source: 'grid', mw: building, cooling: 'liquid', orderedQ: -1, earliestQ: 30 }];
    }), bidding(700));
    const free = mulDiv(placedOf(q, 'MSFT').units, 1, perf) + mulDiv(q.r.waitingMw, 1, 2);
    expect(q.r.waitingMw).toBe(building);
    expect(free).toBeLessThan(700);
    expect(q.c.labContracts[0]!.mw).toBe(free);
    // Capacity already under contract is not free.
    const held = play(labs(200, (c) => {
      c.labContracts = [{ id: 'old', mw: 100, units: 100 * perf, usdMPerQuarter: 10, quartersLeft: 5, vendorLinked: false, startsQ: 0 }];
    }), bidding(700));
    expect(held.c.labContracts.find((x) => x.id !== 'old')!.mw).toBe(mulDiv(placedOf(held, 'MSFT').units - 100 * perf, 1, perf));
    // Nothing free, nothing signed.
    const full = play(labs(100, (c) => {
      c.labContracts = [{ id: 'old', mw: 100, units: 100 * perf, usdMPerQuarter: 10, quartersLeft: 5, vendorLinked: false, startsQ: 0 }];
    }), bidding(700));
    expect(full.c.labContracts.map((x) => x.id)).toStrictEqual(['old']);
  });

  it('contracts pay for what the seller provides, count down their term and end; labs default more when sentiment is low', () => {
    const contract = (id: string, quartersLeft: number, units = 10 * perf) => ({ id, mw: 10, units, usdMPerQuarter: 100, quartersLeft, vendorLinked: false, startsQ: 0 });
    const q = play(labs(2_000, (c) => {
      c.labContracts = [contract('a', 1), contract('b', 3)];
    }), bidding(0));
    expect(q.c.labContracts).toStrictEqual([contract('b', 2)]);
    expect(labRevenue(q.r)).toBe(200);
    // A seller that cannot provide the reserved units is paid for the part it provides.
    const short = play(labs(10, (c) => {
      c.labContracts = [contract('a', 5, 4_000)];
    }), bidding(0));
    const units = placedOf(short, 'MSFT').units;
    expect(units).toBeLessThan(4_000);
    expect(labRevenue(short.r)).toBe(mulDiv(100, units, 4_000));
    // Defaults: each contract's own dice at the chance low sentiment gives (none at 200% sentiment).
    const chance = mulDiv(K.labDefaultBps, 20_000, BPS);
    const ids = Array.from({ length: 400 }, (_x, i) => `x${i}`);
    const defaults = ids.filter((id) => streamFor(SEED, 0, `lab:${id}`).chanceBps(chance));
    expect(defaults.length).toBeGreaterThan(0);
    const gloomy = play(labs(2_000, (c, s) => {
      c.labContracts = ids.map((id) => contract(id, 4));
      s.world.sentimentBps = 0;
    }), bidding(0));
    expect(gloomy.c.labContracts.map((x) => x.id)).toStrictEqual(ids.filter((id) => !defaults.includes(id)));
    const lost = gloomy.mine.filter((e) => e.kind === 'labDefaulted');
    expect(lost).toHaveLength(defaults.length);
    expect(lost[0]).toMatchObject({ key: 'event.labDefaulted', headline: true, region: null, params: { seat: 'MSFT', lost: 100 * 4 } });
    const sunny = play(labs(2_000, (c) => {
      c.labContracts = ids.map((id) => contract(id, 4));
    }), bidding(0));
    expect(sunny.c.labContracts).toHaveLength(ids.length);
    expect(sunny.mine.some((e) => e.kind === 'labDefaulted')).toBe(false);
    // Labs whose customers do not pay default even when funding is easy (F9, F11): the same contracts,
    // sentiment at 200%, but no enterprise AI paying its way.
    const unpaid = play(labs(2_000, (c, s) => {
      c.labContracts = ids.map((id) => contract(id, 4));
      s.world.monetizationBps = 0;
      s.world.abandonmentBps = 5_500;
    }), bidding(0));
    const lostUnpaid = unpaid.mine.filter((e) => e.kind === 'labDefaulted');
    expect(lostUnpaid.length).toBeGreaterThan(0);
    expect(unpaid.c.labContracts).toHaveLength(ids.length - lostUnpaid.length);
    // At most the customer risk with nothing paying (the funding risk is 0 at 200% sentiment): 3% of 400 is 12, ±.
    expect(lostUnpaid.length).toBeLessThan(mulDiv(ids.length, K.labUnpaidBps, BPS) * 3);
  });

  describe('a backlog signed before the game (Oracle\'s) starts later', () => {
    const Q = 5;
    /** A contract of `mw` MW of generation-0 compute starting in quarter `startsQ`, paying 100 a quarter for 8 quarters. */
    const backlog = (id: string, mw: number, startsQ: number) => ({ id, mw, units: mw * perf, usdMPerQuarter: 100, quartersLeft: 8, vendorLinked: false, startsQ });
    /** Plays quarter Q with `mw` MW of chips, the contracts given, and `change`. */
    const at = (mw: number, contracts: CompanyState['labContracts'], msft: OrdersDraft = bidding(0), change: (c: CompanyState, s: GameState) => void = () => {}) =>
      play(labs(mw, (c, s) => {
        s.quarter = Q;
        c.labContracts = contracts.map((lc) => ({ ...lc }));
        change(c, s);
      }), msft);

    it('before it starts it pays nothing, does not run down and cannot default, but its capacity is promised', () => {
      const pending = at(2_000, [backlog('b', 500, Q + 1)]);
      expect(pending.c.labContracts).toStrictEqual([backlog('b', 500, Q + 1)]);
      expect(labRevenue(pending.r)).toBe(0);
      expect(pending.r.cloudServedUnits).toBeGreaterThan(0);
      // Beside a contract in force, only that one is paid and runs down.
      const mixed = at(2_000, [backlog('old', 100, 0), backlog('b', 500, Q + 1)]);
      expect(labRevenue(mixed.r)).toBe(100);
      expect(mixed.c.labContracts).toStrictEqual([{ ...backlog('old', 100, 0), quartersLeft: 7 }, backlog('b', 500, Q + 1)]);
      // Labs whose customers never pay, funding at its worst: 400 contracts in force lose some; 400 pending, none.
      const ids = Array.from({ length: 400 }, (_x, i) => `p${i}`);
      const gloom = (c: CompanyState, s: GameState) => {
        s.world.sentimentBps = 0;
        s.world.monetizationBps = 0;
        s.world.abandonmentBps = 5_500;
      };
      const started = at(2_000, ids.map((id) => backlog(id, 1, Q)), bidding(0), gloom);
      expect(started.mine.some((e) => e.kind === 'labDefaulted')).toBe(true);
      const waiting = at(2_000, ids.map((id) => backlog(id, 1, Q + 1)), bidding(0), gloom);
      expect(waiting.mine.some((e) => e.kind === 'labDefaulted')).toBe(false);
      expect(waiting.c.labContracts).toHaveLength(ids.length);
      // Promised capacity is not offered to other labs: of 2,000 MW, 1,500 are promised; new contracts are for
      // MW of the newest generation.
      const offered = at(2_000, [backlog('b', 1_500, Q + 1)], bidding(900));
      const perfNow = model.perfPerMw(sc, K, 'merchant', offered.after.world.currentGen);
      expect(offered.c.labContracts.find((x) => x.id !== 'b')!.mw).toBe(mulDiv(placedOf(offered, 'MSFT').units - 1_500 * perf, 1, perfNow));
      const promisedAll = at(1_000, [backlog('b', 1_500, Q + 1)], bidding(900));
      expect(promisedAll.c.labContracts.map((x) => x.id)).toStrictEqual(['b']);
    });

    it('when it starts the lab takes the capacity free for it: all, part (the rest bought elsewhere) or none', () => {
      const full = at(2_000, [backlog('b', 500, Q)]);
      expect(full.c.labContracts).toStrictEqual([{ ...backlog('b', 500, Q), quartersLeft: 7 }]);
      expect(labRevenue(full.r)).toBe(100);
      expect(full.mine.find((e) => e.kind === 'labContractStarted')).toMatchObject({ key: 'event.labContractStarted', headline: true, params: { seat: 'MSFT', mw: 500, lost: 0 } });
      // A contract in force holds its capacity first; the backlog gets what is left of the cloud's compute.
      const part = at(2_000, [backlog('old', 1_200, 0), backlog('b', 1_500, Q)]);
      const cloud = placedOf(part, 'MSFT').units;
      const kept = cloud - 1_200 * perf;
      expect(kept).toBeGreaterThan(0);
      expect(kept).toBeLessThan(1_500 * perf);
      const b = part.c.labContracts.find((x) => x.id === 'b')!;
      expect(b).toStrictEqual({ ...backlog('b', 1_500, Q), units: kept, mw: mulDiv(1_500, kept, 1_500 * perf), usdMPerQuarter: mulDiv(100, kept, 1_500 * perf), quartersLeft: 7 });
      expect(part.mine.find((e) => e.kind === 'labContractStarted')).toMatchObject({ key: 'event.labContractCut', params: { seat: 'MSFT', mw: b.mw, lost: 1_500 - b.mw } });
      // Nothing free: the contract lapses.
      const none = at(1_000, [backlog('old', 1_200, 0), backlog('b', 500, Q)]);
      expect(none.c.labContracts.map((x) => x.id)).toStrictEqual(['old']);
      expect(none.mine.find((e) => e.kind === 'labContractStarted')).toMatchObject({ key: 'event.labContractLapsed', params: { mw: 0, lost: 500 } });
    });
  });

  it('a lab contract\'s default chance: funding risk by sentiment, plus customer risk below the labs\' break-even monetization', () => {
    expect(model.labDefaultChanceBps(K, 10_000, K.labBreakEvenBps)).toBe(K.labDefaultBps);
    expect(model.labDefaultChanceBps(K, 0, 6_000)).toBe(2 * K.labDefaultBps);
    expect(model.labDefaultChanceBps(K, 20_000, 0)).toBe(K.labUnpaidBps);
    expect(model.labDefaultChanceBps(K, 20_000, K.labBreakEvenBps / 2)).toBe(K.labUnpaidBps / 2);
    expect(model.labDefaultChanceBps(K, 10_000, 0)).toBe(K.labDefaultBps + K.labUnpaidBps);
  });
});

describe('the companies\' own business (rules 6–7)', () => {
  it('the core business grows at its pace, its luck and its model\'s edge over the field, within bounds', () => {
    // MSFT's quality against META's: far above (capped), a little above, below, far below (floored).
    for (const [quality, rival] of [[9_800, 1_000], [8_300, 8_000], [5_000, 8_000], [1_000, 8_000]] as const) {
      const p = play((c, s) => {
        withQuality(c, quality);
        withQuality(s.companies.META!, rival);
      });
      const raw = mulDiv(p.c.qualityBps - p.after.world.avgQualityBps, K.coreQualityBetaBps, BPS);
      if (rival === 1_000) expect(raw).toBeGreaterThan(200);
      if (quality === 1_000) expect(raw).toBeLessThan(-200);
      const edge = clamp(raw, -200, 150);
      expect(p.r.coreRevenueUsdM, String(quality)).toBe(applyBps(p.before.coreRevenueUsdM, BPS + p.before.coreGrowthBps + edge + coreLuckBps(K, SEED, 'MSFT')));
    }
    expect(coreLuckBps(K, SEED, 'MSFT')).not.toBe(coreLuckBps(K, SEED, 'META'));
  });

  it('self-use lifts the business up to its cap with diminishing returns; on-device AI needs only a good model', () => {
    for (const [t, quality] of [['MSFT', 8_500], ['AAPL', 9_000], ['AAPL', 5_000]] as const) {
      const p = playSeats([t, 'META'], (s) => {
        fleet(s.companies[t]!, 'us-east', 500);
        withQuality(s.companies[t]!, quality);
      }, { [t]: selfOnly });
      const c = p.after.companies[t]!;
      const def = sc.companies.find((x) => x.ticker === t)!;
      const cap = applyBps(c.report.coreRevenueUsdM, c.upliftCapBps);
      const deviceCap = applyBps(cap, c.onDeviceBps);
      const device = mulDiv(deviceCap, clamp(c.qualityBps - 6_000, 0, 4_000), 4_000);
      const need = model.selfNeedUnits(def.selfNeedUnits, p.after.world.tokensPerTaskX100, model.tokensPerTaskX100(K, START_ADOPTION_BPS));
      expect(c.report.selfUseRevenueUsdM, `${t} ${quality}`).toBe(device + model.selfUpliftUsdM(cap - deviceCap, mulDiv(placedOf(p, t).units, c.qualityBps, BPS), need));
      expect(c.upliftUsdM).toBe(c.report.selfUseRevenueUsdM);
      if (t === 'AAPL') expect(deviceCap).toBeGreaterThan(0);
    }
  });

  it('an energy business earns a share of rivals\' renewables projects, not of its own', () => {
    const sun = { energy: [{ region: 'us-texas' as const, source: 'renewables' as const, mw: 300, cooling: 'liquid' as const }] };
    const tsla = sc.companies.find((x) => x.ticker === 'TSLA')!;
    expect(tsla.energyBusinessBps).toBeGreaterThan(0);
    const of = (drafts: Partial<Record<Ticker, OrdersDraft>>) => playSeats(['TSLA', 'MSFT'], () => {}, drafts).after.companies.TSLA!.report.energyRevenueUsdM;
    const cost = 300 * model.energyUsdMPerMw(K, 'renewables', 'liquid');
    expect(of({ MSFT: sun })).toBe(applyBps(cost, tsla.energyBusinessBps));
    expect(of({ MSFT: sun, TSLA: sun })).toBe(applyBps(cost, tsla.energyBusinessBps));
    expect(of({ TSLA: sun })).toBe(0);
    expect(of({})).toBe(0);
  });

  it('revenue comes in as cash, except the licence fees the models phase already paid', () => {
    const p = play(() => {}, {}, { licenseFrom: 'MSFT' });
    expect(p.r.licenseRevenueUsdM).toBeGreaterThan(0);
    expect(p.r.ledger['licenseIncome']).toBe(p.r.licenseRevenueUsdM);
    expect(p.r.ledger['revenue']).toBe(p.r.revenueUsdM - p.r.licenseRevenueUsdM);
    const control = play();
    expect(control.r.ledger['revenue']).toBe(control.r.revenueUsdM);
  });
});
