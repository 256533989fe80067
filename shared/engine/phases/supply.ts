/**
 * Phase 3: supply (GAME.md "Resolution" 3). Chip orders share one foundry (allocation and a price
 * ladder when oversubscribed); shipments arrive by lead time; custom-silicon programs progress;
 * energy projects are bought and advance in their regional queues; licensed data is bought.
 */
import { emit, LINE, moveCashOf, payCashOf, nextId, type Ctx, type Seated } from '../context.js';
import { allocateProRata, applyBps, mulDiv, ratioBps, shareRequest, small, type ShareRequest } from '../math.js';
import { chipGenFor, chipListUsdMPerMw, energyLeadQ, energyUsdMPerMw, foundryPriceBps, genAt, guidedChipUsdM, regionDef, reservedChipUsdM, turbinePriceBps } from '../model.js';
import { CHIP_TYPES, REGION_IDS } from '../types.js';
import type { ChipType, EnergyProject, RegionId, Site, Ticker } from '../types.js';

const ORDER_FIELD: Record<ChipType, 'merchantUsdM' | 'secondSourceUsdM' | 'customUsdM'> = {
  merchant: 'merchantUsdM',
  secondSource: 'secondSourceUsdM',
  custom: 'customUsdM',
};

function emptySite(): Site {
  return { poweredMw: { grid: 0, gas: 0, renewables: 0, nuclear: 0 }, liquidMw: 0 };
}

/** One chip order at the foundry: its reserved part (served first) and its spot part (shared pro rata). */
interface ChipRequest {
  k: number;
  type: ChipType;
  reservedMw: number;
  spotMw: number;
}

/** Order in which a company's reservation covers its chip types (the dearest per MW first). */
const RESERVATION_ORDER: readonly ChipType[] = ['merchant', 'custom', 'secondSource'];

/**
 * Chips (F16; GAME.md "Price ladders", "Guidance"). One foundry makes every chip; its slots a quarter
 * are shared by the players and by buyers outside the game.
 * 1. The price climbs the ladder as bookings (players' and outside buyers' MW at list) pass the
 *    ladder's start: every chip bought on the spot market this quarter pays it.
 * 2. Guidance reserves slots: a quarter of the capex guided (in force when ordering) × the chip share ×
 *    the management's credibility (the foundry books a plan as far as the record makes it believable).
 *    Reserved orders are served first and at list price (long-term agreements: the price was fixed
 *    when the slots were reserved); the rest is spot, and spot orders and outside buyers share the
 *    slots left pro rata. Guidance is a purchase commitment: guide too low and the boom's chips cost
 *    the ladder's premium; guide too high and —
 * 3. Take-or-pay: a company that orders less than the floor of the chips it guided (believed or not)
 *    pays a fee on the shortfall.
 */
function buyChips(ctx: Ctx): void {
  const { K, scenario, state, q } = ctx;
  const world = state.world;
  const gen = world.currentGen;
  const capacity = Math.max(0, world.foundryCapacityMw - applyBps(world.foundryCapacityMw, world.foundryDisruptedBps));
  // List prices per MW this quarter, by seat and chip type (custom chips at the seat's design generation).
  const seatedList = ctx.seated;
  const lists: number[][] = seatedList.map(({ c }) => CHIP_TYPES.map((type) => chipListUsdMPerMw(scenario, K, type, chipGenFor(type, gen, c.customProgram))));
  let bookedMw = world.foundryExternalMw;
  for (let k = 0; k < seatedList.length; k += 1) {
    const { o } = seatedList[k] as Seated;
    for (let t = 0; t < CHIP_TYPES.length; t += 1) bookedMw += mulDiv(o.chips[ORDER_FIELD[CHIP_TYPES[t] as ChipType]], 1, (lists[k] as number[])[t] as number);
  }
  const ladderBps = foundryPriceBps(K, ratioBps(bookedMw, Math.max(1, capacity)));
  world.foundryPriceBps = ladderBps;
  const requests: ChipRequest[] = [];
  const seated = ctx.seated;
  for (let k = 0; k < seated.length; k += 1) {
    const { c, w, o } = seated[k] as Seated;
    let reservedUsd = reservedChipUsdM(K, c.guidanceCapexUsdM, c.credibilityBps);
    let ordered = 0;
    for (const type of RESERVATION_ORDER) {
      const usd = o.chips[ORDER_FIELD[type]];
      if (usd <= 0) continue;
      ordered += usd;
      const unit = (lists[k] as number[])[CHIP_TYPES.indexOf(type)] as number;
      const reservedPart = Math.min(usd, reservedUsd);
      reservedUsd -= reservedPart;
      const reservedMw = Math.floor(reservedPart / unit);
      const spotMw = Math.floor(((usd - reservedPart) * 10_000) / (unit * ladderBps));
      requests.push({ k, type, reservedMw, spotMw });
    }
    // Take-or-pay on the floor of what the guidance committed to (believed or not).
    const shortfall = applyBps(guidedChipUsdM(K, c.guidanceCapexUsdM), K.reservationFloorBps) - ordered;
    if (shortfall > 0) {
      const fee = applyBps(shortfall, K.reservationFeeBps);
      if (fee > 0) {
        payCashOf(c, w, LINE.reservationFee, fee);
        w.reservationFeeUsdM = fee;
      }
    }
  }
  // Reserved orders first (pro rata if even they exceed the slots), then spot and outside buyers.
  const reservedAlloc = allocateProRata(requests.map((r, i) => shareRequest(`r${i}`, r.reservedMw)), capacity);
  let left = capacity;
  for (const a of reservedAlloc) left -= a;
  const spotReq: ShareRequest[] = [];
  for (let i = 0; i < requests.length; i += 1) spotReq.push(shareRequest(`s${i}`, (requests[i] as ChipRequest).spotMw));
  spotReq.push(shareRequest('z-outside', world.foundryExternalMw));
  const spotAlloc = allocateProRata(spotReq, Math.max(0, left));
  let wantedMw = world.foundryExternalMw;
  let gotMw = spotAlloc[requests.length] ?? 0;
  for (let i = 0; i < requests.length; i += 1) {
    const r = requests[i] as ChipRequest;
    const { seat, c, w, o } = seated[r.k] as Seated;
    const unit = (lists[r.k] as number[])[CHIP_TYPES.indexOf(r.type)] as number;
    const reservedMw = reservedAlloc[i] ?? 0;
    const spotMw = spotAlloc[i] ?? 0;
    const mw = reservedMw + spotMw;
    wantedMw += r.reservedMw + r.spotMw;
    gotMw += mw;
    w.chipsOrderedMw += r.reservedMw + r.spotMw;
    w.chipsAllocatedMw += mw;
    if (mw <= 0) continue;
    // `small`: the same number held as a small integer (worked out in doubles by V8's optimized code, a cost here
    // turned cash, the ledger and the chips' book values into doubles from then on; docs/performance.md).
    const cost = small(reservedMw * unit + mulDiv(spotMw * unit, ladderBps, 10_000));
    const lead = r.type === 'custom' ? K.customChipLeadQ : K.merchantLeadQ;
    c.shipments.push({ type: r.type, gen: chipGenFor(r.type, gen, c.customProgram), mw, costUsdM: cost, arrivesQ: q + lead });
    payCashOf(c, w, LINE.chips, cost);
    w.capex.chips += cost;
    if (r.type === 'merchant') {
      ctx.market.merchantUsdM += cost;
      const financed = Math.min(o.finance.vendorFinancingUsdM, cost);
      if (financed > 0) {
        c.vendorDebtUsdM += financed;
        moveCashOf(c, w, LINE.vendorFinancing, financed);
        emit(ctx, { kind: 'vendorFinanced', key: 'event.vendorFinanced', seat, region: null, headline: true, params: { seat, amount: financed } });
      }
    } else if (r.type === 'secondSource') ctx.market.secondSourceUsdM += cost;
    else ctx.market.customUsdM += cost;
    if (mw < r.reservedMw + r.spotMw) {
      emit(ctx, { kind: 'chipsRationed', key: 'event.chipsRationed', seat, region: null, headline: false, params: { seat, type: r.type, mw, wanted: r.reservedMw + r.spotMw } });
    }
  }
  if (wantedMw > capacity) {
    emit(ctx, { kind: 'foundryAllocated', key: 'event.foundryAllocated', seat: null, region: null, headline: true, params: { fillBps: ratioBps(gotMw, Math.max(1, wantedMw)), priceBps: ladderBps } });
  }
}

/** Shipments that arrive this quarter become installed cohorts (depreciation fixed at delivery). */
function deliverChips(ctx: Ctx): void {
  const { K, q } = ctx;
  for (const { seat, c } of ctx.seated) {
    const keep = [];
    for (const s of c.shipments) {
      if (s.arrivesQ > q) {
        keep.push(s);
        continue;
      }
      c.chips.push({ type: s.type, gen: s.gen, mw: s.mw, bookUsdM: s.costUsdM, deprUsdM: Math.max(1, mulDiv(s.costUsdM, 1, K.chipDeprQuarters)), boughtQ: q });
      emit(ctx, { kind: 'chipsDelivered', key: 'event.chipsDelivered', seat, region: null, headline: false, params: { seat, type: s.type, mw: s.mw, gen: s.gen } });
    }
    c.shipments = keep;
  }
}

/**
 * Custom-silicon design programs (F16; CALIBRATION chips): a funded quarter (at least the minimum
 * spend, with enough researchers) advances the program. After customLeadQ funded quarters its first
 * design is ready, matching the newest generation. Designs age: custom chips are made at the program's
 * design generation, and catching up with a newer one takes customRefreshQ more funded quarters
 * (a program funded without a break has its next design waiting when a generation ships).
 */
function advancePrograms(ctx: Ctx): void {
  const { K, q } = ctx;
  const gen = ctx.state.world.currentGen;
  for (const { seat, c, w, o } of ctx.seated) {
    const p = c.customProgram;
    if (o.customProgramUsdM > 0) {
      payCashOf(c, w, LINE.program, o.customProgramUsdM);
      w.capex.program += o.customProgramUsdM;
      ctx.market.programUsdM += o.customProgramUsdM;
      p.spentUsdM += o.customProgramUsdM;
    }
    const funded = o.customProgramUsdM >= K.customProgramMinUsdM;
    if (funded && c.researchers < K.customProgramMinResearchers) {
      emit(ctx, { kind: 'programStalled', key: 'event.programStalled', seat, region: null, headline: false, params: { seat, needed: K.customProgramMinResearchers } });
      continue;
    }
    if (p.readyQ === null) {
      if (!funded) continue;
      p.quartersFunded += 1;
      if (p.quartersFunded >= K.customLeadQ) {
        p.readyQ = q + 1;
        p.designGen = gen;
        emit(ctx, { kind: 'programReady', key: 'event.programReady', seat, region: null, headline: true, params: { seat, gen } });
      }
      continue;
    }
    if (funded) p.refreshQuarters = Math.min(K.customRefreshQ, p.refreshQuarters + 1);
    if (p.designGen < gen && p.refreshQuarters >= K.customRefreshQ) {
      p.designGen = gen;
      p.refreshQuarters = 0;
      emit(ctx, { kind: 'programRefreshed', key: 'event.programRefreshed', seat, region: null, headline: false, params: { seat, gen } });
    }
  }
}

/** A grid project ready to connect, with its owner. */
interface Ready {
  seat: Ticker;
  p: EnergyProject;
}

/** Grid queue order: ordered first, then by owner, then by project id (code-unit order). */
function queueOrder(a: Ready, b: Ready): number {
  return a.p.orderedQ - b.p.orderedQ || (a.seat < b.seat ? -1 : a.seat > b.seat ? 1 : 0) || (a.p.id < b.p.id ? -1 : 1);
}

/** New energy projects (paid now) and the regional interconnection queues (F13, F14). */
function advanceEnergy(ctx: Ctx): void {
  const { K, scenario, state, q } = ctx;
  // Gas turbines: a global slot supply; orders beyond it wait longer (turbine backlog).
  let gasMw = 0;
  for (const { o } of ctx.seated) for (const e of o.energy) if (e.source === 'gas') gasMw += e.mw;
  const backlogQ = mulDiv(state.world.turbineBacklogMw + Math.max(0, gasMw - K.turbineSlotsMw), 1, K.turbineSlotsMw);
  // Turbines are priced off the backlog ahead of this quarter's orders (public when ordering).
  const turbineBps = turbinePriceBps(K, state.world.turbineBacklogMw);
  state.world.turbinePriceBps = turbineBps;
  for (const { c, o, w } of ctx.seated) {
    for (const e of o.energy) {
      const cost = e.mw * energyUsdMPerMw(K, e.source, e.cooling, turbineBps);
      payCashOf(c, w, LINE.energy, cost);
      w.capex.energy += cost;
      if (e.source === 'renewables') {
        w.renewablesCapexUsdM += cost;
        ctx.market.renewablesCapexUsdM += cost;
      }
      c.facilitiesBookUsdM += cost;
      const region = state.regions[e.region];
      const lead = energyLeadQ(K, regionDef(scenario, e.region), region.queueQuarters, e.source) + (e.source === 'gas' ? backlogQ : 0);
      const earliestQ = q + Math.max(1, lead);
      // Projects alike in every way (same quarter, region, source, cooling) are one project.
      // Projects are listed in the order they were placed, so this quarter's are at the end.
      let same: EnergyProject | undefined;
      for (let i = c.projects.length - 1; i >= 0; i -= 1) {
        const p = c.projects[i] as EnergyProject;
        if (p.orderedQ !== q) break;
        if (p.region === e.region && p.source === e.source && p.cooling === e.cooling && p.earliestQ === earliestQ) {
          same = p;
          break;
        }
      }
      if (same) same.mw += e.mw;
      else c.projects.push({ id: nextId(ctx, 'p'), region: e.region, source: e.source, mw: e.mw, cooling: e.cooling, orderedQ: q, earliestQ });
      if (e.source === 'grid') region.queueMw += e.mw;
    }
  }
  // One pass over each company's projects: non-grid ones come online at their lead time (in
  // listing order); grid ones ready to connect are gathered by region for the queues below.
  const byRegion: Partial<Record<RegionId, Ready[]>> = {};
  let anyReady = false;
  for (const { seat, c } of ctx.seated) {
    const list = c.projects;
    let waiting: EnergyProject[] | null = null;
    for (let i = 0; i < list.length; i += 1) {
      const p = list[i] as EnergyProject;
      if (p.earliestQ > q) {
        if (waiting) waiting.push(p);
      } else if (p.source === 'grid') {
        (byRegion[p.region] ??= []).push({ seat, p });
        anyReady = true;
        if (waiting) waiting.push(p);
      } else {
        // The first project to come online: the list is rebuilt from here without it.
        waiting ??= list.slice(0, i);
        powerUp(ctx, seat, p, p.mw);
      }
    }
    if (waiting) c.projects = waiting;
  }
  // Turbine makers deliver their slots each quarter; orders beyond them join the backlog.
  state.world.turbineBacklogMw = Math.max(0, state.world.turbineBacklogMw + gasMw - K.turbineSlotsMw);
  if (!anyReady) return;
  // Grid projects ready to connect, region by region, in FIFO order up to the region's cap.
  let emptied = false;
  for (const region of REGION_IDS) {
    const eligible = byRegion[region];
    if (!eligible) continue;
    eligible.sort(queueOrder);
    const rs = state.regions[region];
    let cap = rs.capMw;
    let i = 0;
    while (i < eligible.length && cap > 0) {
      // Projects ordered in the same quarter share the cap pro rata (contiguous after the sort).
      const orderedQ = (eligible[i] as Ready).p.orderedQ;
      let end = i;
      while (end < eligible.length && (eligible[end] as Ready).p.orderedQ === orderedQ) end += 1;
      const requests: ShareRequest[] = new Array(end - i);
      for (let k = i; k < end; k += 1) {
        const x = eligible[k] as Ready;
        requests[k - i] = shareRequest(x.p.id, x.p.mw);
      }
      const alloc = allocateProRata(requests, cap);
      for (let k = i; k < end; k += 1) {
        const x = eligible[k] as Ready;
        const mw = alloc[k - i] ?? 0;
        if (mw <= 0) continue;
        powerUp(ctx, x.seat, x.p, mw);
        x.p.mw -= mw;
        if (x.p.mw <= 0) emptied = true;
        cap -= mw;
        rs.queueMw -= mw;
      }
      i = end;
    }
  }
  if (!emptied) return;
  for (const { c } of ctx.seated) if (!c.projects.every(hasMwLeft)) c.projects = c.projects.filter(hasMwLeft);
}

/** Whether a project still has MW waiting to be powered. */
function hasMwLeft(p: EnergyProject): boolean {
  return p.mw > 0;
}

/** Powers up `mw` of a project at the company's site in its region (the project's MW are left to the caller). */
function powerUp(ctx: Ctx, seat: Ticker, p: EnergyProject, mw: number): void {
  const c = ctx.state.companies[seat]!;
  const site = (c.sites[p.region] ??= emptySite());
  site.poweredMw[p.source] += mw;
  if (p.cooling === 'liquid') site.liquidMw += mw;
  // Equipment makers and utilities book the sale when the power is delivered.
  ctx.market.energyDeliveredUsdM += mw * energyUsdMPerMw(ctx.K, p.source, p.cooling);
  emit(ctx, { kind: 'powerOnline', key: 'event.powerOnline', seat, region: p.region, headline: false, params: { seat, mw, region: p.region, source: p.source } });
}

/** Licensed human data: price rises toward the data wall (F7). */
function buyData(ctx: Ctx): void {
  const { K, state } = ctx;
  for (const { c, w, o } of ctx.seated) {
    if (o.data.licensedUsdM <= 0) continue;
    const units = mulDiv(o.data.licensedUsdM, 1_000, state.world.dataPriceUsdK);
    c.humanData += units;
    state.world.humanDataUsed += units;
    payCashOf(c, w, LINE.data, o.data.licensedUsdM);
    w.capex.data += o.data.licensedUsdM;
  }
  const wall = K.dataWall;
  const left = Math.max(mulDiv(wall, 1, 10), wall - state.world.humanDataUsed);
  state.world.dataPriceUsdK = mulDiv(K.dataPriceUsdK, wall, left);
}

/** Runs the supply phase. */
export function supplyPhase(ctx: Ctx): void {
  const gen = genAt(ctx.scenario, ctx.q);
  if (gen !== ctx.state.world.currentGen) {
    ctx.state.world.currentGen = gen;
    emit(ctx, { kind: 'newGeneration', key: 'event.newGeneration', seat: null, region: null, headline: true, params: { gen } });
  }
  deliverChips(ctx);
  buyChips(ctx);
  advancePrograms(ctx);
  advanceEnergy(ctx);
  buyData(ctx);
}
