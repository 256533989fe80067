/**
 * Phase 3: supply (GAME.md "Resolution" 3). Chip orders share one foundry (allocation and a price
 * ladder when oversubscribed); shipments arrive by lead time; custom-silicon programs progress;
 * energy projects are bought and advance in their regional queues; licensed data is bought.
 */
import { emit, LINE, moveCashOf, nextId, type Ctx } from '../context.js';
import { allocateProRata, applyBps, clamp, mulDiv, ratioBps } from '../math.js';
import { chipListUsdMPerMw, energyLeadQ, energyUsdMPerMw, genAt, regionDef } from '../model.js';
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

/** Chips: foundry allocation with a price ladder (F16; GAME.md "Price ladders"). */
function buyChips(ctx: Ctx): void {
  const { K, scenario, state, q } = ctx;
  const gen = state.world.currentGen;
  const capacity = Math.max(0, state.world.foundryCapacityMw - applyBps(state.world.foundryCapacityMw, state.world.foundryDisruptedBps));
  let demandMw = 0;
  for (const { o } of ctx.seated) {
    for (const type of CHIP_TYPES) demandMw += mulDiv(o.chips[ORDER_FIELD[type]], 1, chipListUsdMPerMw(scenario, K, type, gen));
  }
  const utilBps = ratioBps(demandMw, Math.max(1, capacity));
  const ladderBps = clamp(10_000 + mulDiv(Math.max(0, utilBps - K.foundryLadderStartBps), 1, 2), 10_000, K.foundryLadderMaxBps);
  state.world.foundryPriceBps = ladderBps;
  const requests: { id: string; amount: number; seat: Ticker; type: ChipType; unitPrice: number }[] = [];
  for (const { seat, o } of ctx.seated) {
    for (const type of CHIP_TYPES) {
      const usd = o.chips[ORDER_FIELD[type]];
      if (usd <= 0) continue;
      const pricePerMwX10k = chipListUsdMPerMw(scenario, K, type, gen) * ladderBps;
      const mw = Math.floor((usd * 10_000) / pricePerMwX10k);
      requests.push({ id: `${seat}:${type}`, amount: mw, seat, type, unitPrice: pricePerMwX10k });
    }
  }
  const alloc = allocateProRata(requests, capacity);
  const wanted = requests.reduce((a, r) => a + r.amount, 0);
  if (wanted > capacity) {
    emit(ctx, { kind: 'foundryAllocated', key: 'event.foundryAllocated', seat: null, region: null, headline: true, params: { fillBps: ratioBps(capacity, wanted), priceBps: ladderBps } });
  }
  for (let k = 0; k < requests.length; k += 1) {
    const r = requests[k]!;
    const seatStr = r.seat;
    const typeStr = r.type;
    const mw = alloc[k] ?? 0;
    if (mw <= 0) continue;
    const cost = mulDiv(mw, r.unitPrice, 10_000);
    const c = state.companies[seatStr];
    const o = ctx.orders[seatStr];
    const w = ctx.work[seatStr];
    if (!c || !o || !w) continue;
    const lead = typeStr === 'custom' ? K.customChipLeadQ : K.merchantLeadQ;
    c.shipments.push({ type: typeStr, gen, mw, costUsdM: cost, arrivesQ: q + lead });
    moveCashOf(c, w, LINE.chips, -cost);
    w.capex.chips += cost;
    if (typeStr === 'merchant') {
      ctx.market.merchantUsdM += cost;
      const financed = Math.min(o.finance.vendorFinancingUsdM, cost);
      if (financed > 0) {
        c.vendorDebtUsdM += financed;
        moveCashOf(c, w, LINE.vendorFinancing, financed);
        emit(ctx, { kind: 'vendorFinanced', key: 'event.vendorFinanced', seat: seatStr, region: null, headline: true, params: { seat: seatStr, amount: financed } });
      }
    } else if (typeStr === 'secondSource') ctx.market.secondSourceUsdM += cost;
    else ctx.market.customUsdM += cost;
    if (mw < r.amount) {
      emit(ctx, { kind: 'chipsRationed', key: 'event.chipsRationed', seat: seatStr, region: null, headline: false, params: { seat: seatStr, type: typeStr, mw, wanted: r.amount } });
    }
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

/** Custom-silicon design programs: lead time, minimum spend and talent (F16). */
function advancePrograms(ctx: Ctx): void {
  const { K, q } = ctx;
  for (const { seat, c, w, o } of ctx.seated) {
    if (o.customProgramUsdM <= 0) continue;
    moveCashOf(c, w, LINE.program, -o.customProgramUsdM);
    w.capex.program += o.customProgramUsdM;
    ctx.market.programUsdM += o.customProgramUsdM;
    c.customProgram.spentUsdM += o.customProgramUsdM;
    if (c.customProgram.readyQ !== null) continue;
    if (c.researchers < K.customProgramMinResearchers) {
      emit(ctx, { kind: 'programStalled', key: 'event.programStalled', seat, region: null, headline: false, params: { seat, needed: K.customProgramMinResearchers } });
      continue;
    }
    c.customProgram.quartersFunded += 1;
    if (c.customProgram.quartersFunded >= K.customLeadQ) {
      c.customProgram.readyQ = q + 1;
      emit(ctx, { kind: 'programReady', key: 'event.programReady', seat, region: null, headline: true, params: { seat } });
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
  for (const { c, o, w } of ctx.seated) {
    for (const e of o.energy) {
      const cost = e.mw * energyUsdMPerMw(K, e.source, e.cooling);
      moveCashOf(c, w, LINE.energy, -cost);
      w.capex.energy += cost;
      ctx.market.energyCapexUsdM += cost;
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
      const requests: { id: string; amount: number }[] = new Array(end - i);
      for (let k = i; k < end; k += 1) {
        const x = eligible[k] as Ready;
        requests[k - i] = { id: x.p.id, amount: x.p.mw };
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
    moveCashOf(c, w, LINE.data, -o.data.licensedUsdM);
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
