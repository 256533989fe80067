/**
 * Calibration suite: GAME.md facts F2–F9 and F11–F16, checked by running the engine
 * (direction and rough size). Each test is named after its fact id.
 */
import { describe, expect, it } from 'vitest';
import { botOrders, createGame, getScenario, historicalOrders, model, orderContextOfState, playerViews, resolveQuarter, validateOrders, type BotStrategyId, type GameState, type OrdersBySeat, type RegionId } from '../../shared/index.js';
import { copy, historicalQ1, newGame, ordersFor, run } from '../helpers/game.js';

const SEEDS = ['article', 'week', 'feb-5', 'capex', 'q1'];
const sc = getScenario('capex-race-2026');
const K = model.constantsOf(sc);

function moveOf(after: GameState, t: 'MSFT' | 'META' | 'GOOGL'): number {
  return after.companies[t]!.report.priceMoveBps;
}

describe('calibration (GAME.md facts)', () => {
  it('F2: Microsoft falls on a beat when capacity-constrained and its customers are not monetizing', () => {
    // Seeds differ in what else happens that quarter (a lab may default, the market's mood): each falls,
    // and the typical (median) fall is of the article's size (−10% on the day).
    const moves: number[] = [];
    for (const seed of SEEDS) {
      const { after } = historicalQ1(seed);
      const msft = after.companies.MSFT!;
      expect(msft.report.revenueUsdM).toBeGreaterThan(80_000);
      expect(msft.report.unmetCloudBps).toBeGreaterThan(500);
      // The programme is mostly for cloud customers who do not yet monetize: worth less than it costs.
      expect(msft.report.moveReasons['guidance']).toBeLessThan(0);
      moves.push(moveOf(after, 'MSFT'));
    }
    for (const m of moves) expect(m).toBeLessThan(0);
    const median = [...moves].sort((a, b) => a - b)[Math.floor(moves.length / 2)]!;
    expect(median).toBeLessThanOrEqual(-500);
    expect(median).toBeGreaterThanOrEqual(-2_000);
    // Control: the same quarter in a world where most customers make AI pay — the programme is welcome.
    const paying = copy(newGame('article'));
    paying.world.monetizationBps = 5_000;
    const control = resolveQuarter(paying, historicalOrders()).state.companies.MSFT!;
    expect(control.report.moveReasons['guidance']).toBeGreaterThan(0);
    expect(control.report.priceMoveBps).toBeGreaterThan(median + 500);
  });

  it('F3: Meta rises: its AI spending goes to its own ads', () => {
    for (const seed of SEEDS) {
      const { after } = historicalQ1(seed);
      const meta = after.companies.META!;
      expect(meta.report.cloudRevenueUsdM).toBe(0);
      expect(meta.report.moveReasons['guidance']).toBeGreaterThan(0);
      const move = moveOf(after, 'META');
      expect(move).toBeGreaterThanOrEqual(200);
      expect(move).toBeLessThanOrEqual(2_000);
    }
    // Control: the same spending sold to cloud customers instead of used on its own ads is doubted.
    const s0 = newGame('article');
    const orders = historicalOrders();
    orders.META = { ...orders.META!, ops: { ...orders.META!.ops, selfUseBps: 0, cloudBps: 10_000 - orders.META!.ops.trainingBps } };
    const cloudy = resolveQuarter(s0, orders).state.companies.META!;
    expect(cloudy.report.moveReasons['guidance']).toBeLessThan(0);
  });

  it('F4: Alphabet falls on a capex guide far above consensus; efficient custom silicon already exists', () => {
    for (const seed of SEEDS) {
      const { before, after } = historicalQ1(seed);
      expect(before.companies.GOOGL!.consensusCapexUsdM).toBe(119_000);
      expect(after.companies.GOOGL!.guidanceCapexUsdM).toBe(185_000);
      expect(after.companies.GOOGL!.report.moveReasons['guidance']).toBeLessThan(0);
      const move = moveOf(after, 'GOOGL');
      expect(move).toBeLessThanOrEqual(-200);
      expect(move).toBeGreaterThanOrEqual(-2_000);
      expect(before.companies.GOOGL!.customProgram.readyQ).not.toBeNull();
    }
    // Control: guiding and spending at the pace the market expected (119B a year) moves the price far less.
    const s0 = newGame('article');
    const orders = historicalOrders();
    const g = orders.GOOGL!;
    const scale = (usd: number): number => Math.floor((usd * 119) / 185);
    orders.GOOGL = { ...g, guidanceCapexUsdM: 119_000, chips: { merchantUsdM: scale(g.chips.merchantUsdM), secondSourceUsdM: scale(g.chips.secondSourceUsdM), customUsdM: scale(g.chips.customUsdM) } };
    const calm = resolveQuarter(s0, orders).state.companies.GOOGL!;
    expect(calm.report.moveReasons['guidance']).toBeGreaterThan(historicalQ1('article').after.companies.GOOGL!.report.moveReasons['guidance']! + 100);
  });

  it('F5: a flat subscription with agentic usage loses money while usage pricing does not', () => {
    const base = newGame('f5', { seats: ['MSFT', 'AMZN'] });
    const agentic = copy(base);
    agentic.world.agentAdoptionBps = 10_000;
    const ops = { trainingBps: 0, selfUseBps: 0, cloudBps: 10_000 } as const;
    const flat = resolveQuarter(agentic, ordersFor(agentic, { MSFT: { ops: { ...ops, pricing: 'flat' } }, AMZN: { ops: { ...ops, pricing: 'usage' } } })).state;
    expect(flat.companies.MSFT!.report.cloudMarginBps).toBeLessThan(0);
    expect(flat.companies.AMZN!.report.cloudMarginBps).toBeGreaterThan(0);
    // With chat-like usage, the same flat plan is profitable: it is the agents that break it.
    const chat = copy(base);
    chat.world.agentAdoptionBps = 0;
    const chatty = resolveQuarter(chat, ordersFor(chat, { MSFT: { ops: { ...ops, pricing: 'flat' } }, AMZN: { ops: { ...ops, pricing: 'usage' } } })).state;
    expect(chatty.companies.MSFT!.report.cloudMarginBps).toBeGreaterThan(0);
  });

  it('F6: agents multiply tokens per task (10–25×) while the price per unit of compute falls with each chip generation', () => {
    // The same quarter with every enterprise task run by agents, and with none (the control).
    const s0 = newGame('f6', { seats: ['MSFT', 'AMZN'], quarters: 12 });
    const tokensAt = (adoptionBps: number): number => {
      const s = copy(s0);
      s.world.agentAdoptionBps = adoptionBps;
      return resolveQuarter(s, ordersFor(s)).state.world.tokensPerTaskX100;
    };
    // (The world drifts toward agents each quarter: starting below zero ends the quarter at none.)
    const chat = tokensAt(-10_000);
    const agents = tokensAt(10_000);
    expect(agents / chat).toBeGreaterThanOrEqual(10);
    expect(agents / chat).toBeLessThanOrEqual(25);
    // The quarter the next chip generation arrives, against the same quarter with its arrival put off
    // by one quarter (the control): the cloud price per unit of compute falls with the new generation.
    const next = sc.roadmap.find((g) => g.gen === 1)!;
    let s = s0;
    while (s.quarter < next.quarter) s = resolveQuarter(s, ordersFor(s)).state;
    const arrived = resolveQuarter(s, ordersFor(s)).state;
    expect(arrived.world.currentGen).toBe(1);
    const at = next.quarter;
    let delayed: GameState;
    try {
      (next as { quarter: number }).quarter = at + 1;
      delayed = resolveQuarter(s, ordersFor(s)).state;
    } finally {
      (next as { quarter: number }).quarter = at;
    }
    expect(delayed.world.currentGen).toBe(0);
    expect(arrived.world.cloudPriceUsd).toBeLessThan(delayed.world.cloudPriceUsd);
  });

  it('F7: synthetic data above its safe share lowers model quality (model collapse)', () => {
    const s0 = newGame('f7', { seats: ['META', 'GOOGL'] });
    const safe = run(s0, 4, { META: { data: { syntheticBps: 2_000 } } });
    const heavy = run(s0, 4, { META: { data: { syntheticBps: 8_500 } } });
    expect(heavy.companies.META!.qualityBps).toBeLessThan(safe.companies.META!.qualityBps);
    expect(heavy.events.some((e) => e.kind === 'modelDegraded' && e.seat === 'META')).toBe(true);
  });

  it('F8: training compute has diminishing returns (the scaling plateau)', () => {
    // The same quarter for a company whose past training is 1×, 2×, 4× and 8× as large: each doubling
    // of training compute buys less model quality than the one before, and none reaches the ceiling.
    const s0 = newGame('f8', { seats: ['META', 'AAPL'] });
    const qualityWith = (times: number): number => {
      const s = copy(s0);
      s.companies.META!.trainingStock *= times;
      return resolveQuarter(s, ordersFor(s)).state.companies.META!.qualityBps;
    };
    const [q1, q2, q4, q8] = [1, 2, 4, 8].map(qualityWith) as [number, number, number, number];
    expect(q2 - q1).toBeGreaterThan(0);
    expect(q4 - q2).toBeLessThan(q2 - q1);
    expect(q8 - q4).toBeLessThan(q4 - q2);
    expect(q8 - q4).toBeGreaterThan(0);
    expect(q8).toBeLessThan(K.qualityMaxBps);
  });

  it('F9: most enterprise customers fail to monetize and churn, shrinking paid cloud demand', () => {
    const s0 = newGame('f9', { seats: ['MSFT', 'AMZN', 'GOOGL'] });
    expect(s0.world.monetizationBps).toBe(500);
    expect(s0.world.abandonmentBps).toBe(4_200);
    const failing = copy(s0);
    failing.world.abandonmentBps = 6_000;
    failing.world.monetizationBps = 0;
    const paying = copy(s0);
    paying.world.monetizationBps = 5_000;
    paying.world.abandonmentBps = 1_000;
    const a = run(failing, 3);
    const b = run(paying, 3);
    expect(a.world.enterpriseTasks).toBeLessThan(b.world.enterpriseTasks);
    const cloud = (s: GameState): number => s.seats.reduce((x, t) => x + s.companies[t]!.report.cloudRevenueUsdM, 0);
    const demand = (s: GameState): number => s.seats.reduce((x, t) => x + s.companies[t]!.report.cloudDemandUnits, 0);
    expect(demand(a)).toBeLessThan(demand(b));
    expect(cloud(a)).toBeLessThan(cloud(b));
  });

  it('F11: vendor financing raises circular exposure, and an unwinding hits every participant', () => {
    let s = newGame('f11', { seats: ['ORCL', 'MSFT', 'META'] });
    const vendor = { chips: { merchantUsdM: 8_000 }, finance: { vendorFinancingUsdM: 4_000 } };
    s = run(s, 2, { ORCL: vendor, MSFT: vendor });
    expect(s.world.labFinancingUsdM).toBeGreaterThan(0);
    expect(s.companies.ORCL!.vendorDebtUsdM).toBeGreaterThan(0);
    expect(s.companies.META!.vendorDebtUsdM).toBe(0);
    const shaky = copy(s);
    shaky.world.sentimentBps = 7_000;
    const r = resolveQuarter(shaky, ordersFor(shaky));
    const after = r.state;
    // Control: the same quarter with the market's confidence intact: no unwind.
    expect(resolveQuarter(s, ordersFor(s)).state.events.some((e) => e.kind === 'circularUnwind')).toBe(false);
    expect(after.events.some((e) => e.kind === 'circularUnwind')).toBe(true);
    const hit = new Set(after.events.filter((e) => e.kind === 'unwindHit').map((e) => e.seat));
    expect(hit.has('ORCL')).toBe(true);
    expect(hit.has('MSFT')).toBe(true);
    expect(hit.has('META')).toBe(false);
    for (const t of ['ORCL', 'MSFT'] as const) expect(after.companies[t]!.vendorDebtUsdM).toBeLessThan(shaky.companies[t]!.vendorDebtUsdM);
    expect(after.market.LABS.priceCents).toBeLessThan(shaky.market.LABS.priceCents);
    expect(after.market.NVDA.priceCents).toBeLessThan(shaky.market.NVDA.priceCents);
  });

  it('F12: the SaaS index falls as aggregate model quality rises', () => {
    const s0 = newGame('f12', { seats: ['GOOGL', 'META', 'MSFT'] });
    const better = copy(s0);
    for (const t of better.seats) better.companies[t]!.trainingStock *= 3;
    const a = resolveQuarter(s0, ordersFor(s0)).state;
    const b = resolveQuarter(better, ordersFor(better)).state;
    expect(b.world.avgQualityBps).toBeGreaterThan(a.world.avgQualityBps);
    expect(b.market.SAAS.priceCents).toBeLessThan(a.market.SAAS.priceCents);
    expect(b.market.SAAS.priceCents).toBeLessThan(s0.market.SAAS.priceCents);
  });

  it('F13: US-East grid power arrives in ~11 quarters (no sooner, not much later); faster regions sooner', () => {
    const east = gridArrival('us-east');
    expect(east).toBeGreaterThanOrEqual(11);
    expect(east).toBeLessThanOrEqual(14);
    expect(gridArrival('us-texas')).toBeLessThan(east);
    expect(gridArrival('nordics')).toBeLessThan(east);
    expect(gridArrival('middle-east')).toBeLessThan(gridArrival('us-texas'));
  });

  it('F14: China connects fastest and adds the most capacity per quarter, but export controls bar leading chips', () => {
    // The same grid order in China and in each US region: China's arrives first and connects the most in a quarter.
    const china = gridArrival('china');
    for (const r of ['us-east', 'us-texas', 'us-west'] as const) {
      expect(china).toBeLessThan(gridArrival(r));
      expect(mostConnectedInAQuarter('china')).toBeGreaterThan(mostConnectedInAQuarter(r));
    }
    // Chips in a China-only footprint: leading (merchant) chips sit idle; second-source chips run (control),
    // and the same merchant chips run in a US footprint (control).
    const idleShare = (type: 'merchant' | 'secondSource', region: 'china' | 'us-texas'): { idle: number; chips: number } => {
      const s = newGame('f14', { seats: ['AAPL'] });
      const c = s.companies.AAPL!;
      c.chips = [{ type, gen: 0, mw: 400, bookUsdM: 1_000, deprUsdM: 50, boughtQ: -1 }];
      c.sites = { [region]: { poweredMw: { grid: 500, gas: 0, renewables: 0, nuclear: 0 }, liquidMw: 500 } };
      const r = resolveQuarter(s, ordersFor(s)).state.companies.AAPL!.report;
      return { idle: r.idleChipMw, chips: r.chipMw };
    };
    const barred = idleShare('merchant', 'china');
    expect(barred.chips).toBeGreaterThan(0);
    expect(barred.idle).toBe(barred.chips);
    expect(idleShare('secondSource', 'china').idle).toBe(0);
    expect(idleShare('merchant', 'us-texas').idle).toBe(0);
  });

  it('F15: high-density chips need liquid cooling; water restrictions cut liquid-cooled capacity in stressed regions', () => {
    // One company, its chips of one type, all in one region's hall: cooled by liquid or by air.
    const computeWith = (type: 'merchant' | 'secondSource', liquid: boolean, shocks: { quarter: number; card: string; region: 'us-west' }[] = []): number => {
      const s = createGame({ scenarioId: 'capex-race-2026', seed: 'f15', seats: ['AAPL'], shocks });
      const c = s.companies.AAPL!;
      c.chips = [{ type, gen: 0, mw: 400, bookUsdM: 1_000, deprUsdM: 50, boughtQ: -1 }];
      c.researchers = 5_000;
      c.sites = { 'us-west': { poweredMw: { grid: 400, gas: 0, renewables: 0, nuclear: 0 }, liquidMw: liquid ? 400 : 0 } };
      // Events strike at the end of a quarter (phase 9): the second quarter is the one measured.
      const s1 = resolveQuarter(s, ordersFor(s)).state;
      return resolveQuarter(s1, ordersFor(s1)).state.companies.AAPL!.report.computeUnits;
    };
    // Leading chips in an air-cooled hall run throttled; less dense second-source chips do not care.
    const leadLiquid = computeWith('merchant', true);
    expect(Math.abs(computeWith('merchant', false) - (leadLiquid * K.airEfficiencyBps) / 10_000)).toBeLessThanOrEqual(1);
    expect(computeWith('merchant', false)).toBeLessThan(leadLiquid);
    expect(computeWith('secondSource', false)).toBe(computeWith('secondSource', true));
    // A water restriction cuts liquid-cooled halls, not air-cooled ones.
    const dry = [{ quarter: 0, card: 'waterRestriction', region: 'us-west' as const }];
    expect(computeWith('merchant', true, dry)).toBeLessThan(leadLiquid);
    expect(computeWith('merchant', false, dry)).toBe(computeWith('merchant', false));
    // When the deck deals water restrictions in played games, they strike water-stressed regions
    // (Texas is on the list by name), never the wet ones.
    const stressed = new Set<string>([...sc.regions.filter((r) => r.waterStressBps >= 6_000).map((r) => r.id), 'us-texas']);
    const struck: string[] = [];
    for (const seed of ['w1', 'w2', 'w3', 'w4']) {
      let g = newGame(seed, { seats: ['AAPL'], quarters: 40 });
      while (!g.finished) {
        g = resolveQuarter(g, ordersFor(g)).state;
        for (const e of g.events) if (e.kind === 'waterRestriction' && e.region) struck.push(e.region);
      }
    }
    expect(struck.length).toBeGreaterThan(3);
    for (const r of struck) expect(stressed.has(r), r).toBe(true);
  });

  it('F16: custom silicon cuts cost per unit of compute by about two thirds, after its design lead time', () => {
    // The same $3B order of merchant chips and of custom chips (the control differs only in the chip),
    // delivered into ample powered, liquid-cooled space: compute gained per dollar.
    const computeGained = (type: 'merchant' | 'custom'): number => {
      let s = newGame('f16-cost', { seats: ['GOOGL'], quarters: 12 });
      const c = s.companies.GOOGL!;
      expect(c.customProgram.readyQ).not.toBeNull();
      c.sites = { nordics: { poweredMw: { grid: 20_000, gas: 0, renewables: 0, nuclear: 0 }, liquidMw: 20_000 } };
      c.researchers = 50_000;
      s = resolveQuarter(s, ordersFor(s)).state;
      const before = s.companies.GOOGL!.report.computeUnits;
      s = resolveQuarter(s, ordersFor(s, { GOOGL: { chips: { merchantUsdM: type === 'merchant' ? 3_000 : 0, secondSourceUsdM: 0, customUsdM: type === 'custom' ? 3_000 : 0 } } })).state;
      while (s.companies.GOOGL!.shipments.length > 0) s = resolveQuarter(s, ordersFor(s)).state;
      s = resolveQuarter(s, ordersFor(s)).state;
      return s.companies.GOOGL!.report.computeUnits - before;
    };
    const merchant = computeGained('merchant');
    const custom = computeGained('custom');
    expect(merchant).toBeGreaterThan(0);
    const cut = 1 - merchant / custom; // cost per unit of compute: $3B / units
    expect(cut).toBeGreaterThan(0.55);
    expect(cut).toBeLessThan(0.75);
    // Without a finished program, custom chips cannot be ordered; with one funded for its lead time they can.
    let s = newGame('f16', { seats: ['AAPL', 'ORCL'] });
    expect(s.companies.ORCL!.customProgram.readyQ).toBeNull();
    s.companies.ORCL!.researchers = K.customProgramMinResearchers * 2;
    s.companies.ORCL!.cashUsdM = 200_000;
    // The design takes its lead time: not ready a quarter early, ready on time.
    for (let q = 0; q < K.customLeadQ - 1; q += 1) s = resolveQuarter(s, ordersFor(s, { ORCL: { customProgramUsdM: K.customProgramMinUsdM } })).state;
    expect(s.companies.ORCL!.customProgram.readyQ).toBeNull();
    const unfunded = resolveQuarter(s, ordersFor(s)).state;
    s = resolveQuarter(s, ordersFor(s, { ORCL: { customProgramUsdM: K.customProgramMinUsdM } })).state;
    expect(s.companies.ORCL!.customProgram.readyQ).not.toBeNull();
    // Control: the same last quarter without the program's funding: not ready, custom chips refused.
    expect(unfunded.companies.ORCL!.customProgram.readyQ).toBeNull();
    const orderCustom = (st: GameState) => validateOrders(orderContextOfState(st, 'ORCL'), { chips: { customUsdM: 3_000 } });
    expect(orderCustom(unfunded).ok).toBe(false);
    expect(orderCustom(s).ok).toBe(true);
    const bought = resolveQuarter(s, ordersFor(s, { ORCL: { chips: { customUsdM: 3_000 } } })).state;
    const shipment = bought.companies.ORCL!.shipments.find((x) => x.type === 'custom')!;
    expect(shipment.costUsdM / shipment.mw).toBeLessThan(model.chipListUsdMPerMw(sc, K, 'merchant', 0) * 0.5);
    // One foundry: when everyone orders at once, output is shared out and dearer.
    const rush = newGame('f16-rush');
    const big = { chips: { merchantUsdM: 60_000 }, finance: { equityUsdM: 60_000 } };
    const drafts = Object.fromEntries(rush.seats.map((t) => [t, big]));
    const r = resolveQuarter(rush, ordersFor(rush, drafts)).state;
    expect(r.events.some((e) => e.kind === 'foundryAllocated')).toBe(true);
    expect(r.world.foundryPriceBps).toBeGreaterThan(10_000);
    // Control: one company placing the same order alone is served in full at list price.
    const alone = resolveQuarter(rush, ordersFor(rush, { AAPL: big })).state;
    expect(alone.events.some((e) => e.kind === 'foundryAllocated')).toBe(false);
    expect(alone.world.foundryPriceBps).toBeLessThan(r.world.foundryPriceBps);
  });
});

describe('calibration (GAME.md F17 and the market ticker)', () => {
  it('F17: when everyone overbuilds, the road-builders’ tickers win while the players’ stocks suffer', () => {
    const overbuild = playBots('f17', 'recklessAllIn', 8);
    const players = overbuild.seats.reduce((a, t) => a + tsrOf(overbuild, t), 0) / overbuild.seats.length;
    const suppliers = (['NVDA', 'TSM', 'UTIL'] as const).map((m) => model.tsrBps(overbuild.market[m].priceCents, overbuild.market[m].startPriceCents));
    for (const s of suppliers) expect(s).toBeGreaterThan(players);
    expect(players).toBeLessThan(0);
    // Disciplined players spend less, and the road-builders earn less from them.
    const disciplined = playBots('f17', 'cautiousLicensee', 8);
    expect(disciplined.market.NVDA.priceCents).toBeLessThan(overbuild.market.NVDA.priceCents);
  });
});

function tsrOf(s: GameState, t: (typeof s.seats)[number]): number {
  const c = s.companies[t]!;
  return model.tsrBps(c.priceCents, c.startPriceCents);
}

function playBots(seed: string, strategy: BotStrategyId, quarters: number): GameState {
  let s = newGame(seed, { quarters });
  while (!s.finished) {
    const views = playerViews(s);
    const orders: OrdersBySeat = {};
    for (const t of s.seats) orders[t] = botOrders(views[t], strategy, 'normal');
    s = resolveQuarter(s, orders).state;
  }
  return s;
}

/** Quarters until a 100 MW grid project ordered in quarter 0 in a region gets its first power (the project itself, by id). */
function gridArrival(region: RegionId): number {
  let s = newGame('f13', { seats: ['AAPL'], quarters: 24 });
  const before = new Set(s.companies.AAPL!.projects.map((p) => p.id));
  s = resolveQuarter(s, ordersFor(s, { AAPL: { energy: [{ region, source: 'grid', mw: 100, cooling: 'liquid' }] } })).state;
  const mine = s.companies.AAPL!.projects.find((p) => !before.has(p.id));
  if (!mine) throw new Error(`no project ordered in ${region}`);
  for (let q = 1; q < 24; q += 1) {
    const p = s.companies.AAPL!.projects.find((x) => x.id === mine.id);
    if (!p || p.mw < 100) return q - 1;
    s = resolveQuarter(s, ordersFor(s)).state;
  }
  throw new Error(`grid power ordered in ${region} never arrived in 23 quarters`);
}

/** The most grid power (MW) one company's large order in a region gets connected in a single quarter. */
function mostConnectedInAQuarter(region: RegionId): number {
  let s = newGame('f14', { seats: ['AAPL'], quarters: 24 });
  s.companies.AAPL!.cashUsdM = 2_000_000;
  s = resolveQuarter(s, ordersFor(s, { AAPL: { energy: [{ region, source: 'grid', mw: 5_000, cooling: 'liquid' }] } })).state;
  let most = 0;
  for (let q = 1; q < 20; q += 1) {
    const mw = s.events.filter((e) => e.kind === 'powerOnline' && e.region === region && e.params['source'] === 'grid').reduce((a, e) => a + Number(e.params['mw']), 0);
    most = Math.max(most, mw);
    s = resolveQuarter(s, ordersFor(s)).state;
  }
  return most;
}
