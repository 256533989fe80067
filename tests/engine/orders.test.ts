import { describe, expect, it } from 'vitest';
import { baseOrdersFor, completeOrders, orderSpendUsdM, orderContextOfState, t, validateOrders, type OrdersDraft } from '../../shared/index.js';
import { hold, newGame } from '../helpers/game.js';

const s = newGame('orders');
const ctx = orderContextOfState(s, 'AAPL');
const msft = orderContextOfState(s, 'MSFT');

describe('order validation', () => {
  it.each<[string, unknown, string]>([
    ['not an object', 42, 'orders.notObject'],
    ['negative chips', { chips: { merchantUsdM: -1 } }, 'orders.negative'],
    ['fractional money', { chips: { merchantUsdM: 1.5 } }, 'orders.notInteger'],
    ['NaN', { talentBidUsdM: Number.NaN }, 'orders.notNumber'],
    ['a string amount', { talentBidUsdM: '100' }, 'orders.notNumber'],
    ['huge amount', { talentBidUsdM: 1e12 }, 'orders.tooLarge'],
    ['unknown field', { bribe: 1 }, 'orders.unknownField'],
    ['a field named like an Object method', { constructor: { a: 1 } }, 'orders.unknownField'],
    ['a nested field named like an Object method', { chips: { toString: 1 } }, 'orders.unknownField'],
    ['a __proto__ field from JSON', JSON.parse('{"__proto__": {"x": 1}}'), 'orders.unknownField'],
    ['unknown region', { energy: [{ region: 'mars', source: 'grid', mw: 10, cooling: 'air' }] }, 'orders.unknownRegion'],
    ['unknown source', { energy: [{ region: 'canada', source: 'coal', mw: 10, cooling: 'air' }] }, 'orders.unknownSource'],
    ['zero-MW project', { energy: [{ region: 'canada', source: 'grid', mw: 0, cooling: 'air' }] }, 'orders.projectMw'],
    ['small nuclear', { energy: [{ region: 'canada', source: 'nuclear', mw: 50, cooling: 'air' }] }, 'orders.nuclearMin'],
    ['ops not summing to 100%', { ops: { trainingBps: 5_000, selfUseBps: 5_000, cloudBps: 5_000 } }, 'orders.opsSum'],
    ['bps above 100%', { data: { syntheticBps: 20_000 } }, 'orders.bpsRange'],
    ['too much synthetic', { data: { syntheticBps: 9_500 } }, 'orders.synthetic'],
    ['pricing', { ops: { pricing: 'free' } }, 'orders.pricing'],
    ['custom chips before the program', { chips: { customUsdM: 1_000 } }, 'orders.customNotReady'],
    ['vendor financing above half', { chips: { merchantUsdM: 1_000 }, finance: { vendorFinancingUsdM: 600 } }, 'orders.vendorExceeds'],
    ['license from itself', { licenseFrom: 'AAPL' }, 'orders.licenseSelf'],
    ['license from nobody', { licenseFrom: 'IBM' }, 'orders.licenseUnknown'],
    ['an absurd repayment', { finance: { repayUsdM: 10_000_000 } }, 'orders.tooLarge'],
    ['repay more than owed', { finance: { repayUsdM: 95_001 } }, 'orders.repayExceeds'],
    ['a tiny design program', { customProgramUsdM: 10 }, 'orders.programTooSmall'],
  ])('rejects %s with a reason', (_name, input, key) => {
    const v = validateOrders(ctx, input);
    expect(v.ok).toBe(false);
    if (!v.ok) expect(v.problems.map((p) => p.key)).toContain(key);
  });

  it('accepts a partial draft and completes it with no new spending', () => {
    const v = validateOrders(ctx, { talentBidUsdM: 100 });
    expect(v.ok).toBe(true);
    if (v.ok) {
      expect(v.value.talentBidUsdM).toBe(100);
      expect(v.value.chips.merchantUsdM).toBe(0);
      expect(v.value.ops).toEqual(hold(s, 'AAPL').ops);
    }
  });

  it('says by how much capex exceeds cash + credit, in readable words', () => {
    const c = s.companies.MSFT!;
    const draft: OrdersDraft = { chips: { merchantUsdM: c.cashUsdM + 1_000_000 } };
    const v = validateOrders(msft, completeOrders(hold(s, 'MSFT'), draft));
    expect(v.ok).toBe(false);
    if (v.ok) return;
    const p = v.problems.find((x) => x.key === 'orders.capexExceedsFunds')!;
    expect(p.params['amount']).toBeGreaterThan(0);
    const text = t('en', p.key, p.params);
    expect(text).toMatch(/^capex exceeds cash \+ credit by \$[\d,.]+[MB]$/);
    expect(t('zh-CN', p.key, p.params)).toContain('资本支出超出现金加信贷');
    expect(t('en', 'orders.capexExceedsFunds', { amount: 4_200 })).toBe('capex exceeds cash + credit by $4.2B');
  });

  it('buybacks only from net cash left after the quarter\'s other spending: borrowing does not raise it; repaying does not lower it', () => {
    const c = s.companies.MSFT!;
    const net = c.cashUsdM - c.debtUsdM - c.revolverUsdM - c.vendorDebtUsdM;
    expect(net).toBeGreaterThan(10_000);
    const check = (draft: OrdersDraft) => validateOrders(msft, completeOrders(hold(s, 'MSFT'), draft));
    const keys = (draft: OrdersDraft) => { const v = check(draft); return v.ok ? [] : v.problems.map((p) => p.key); };
    expect(check({ finance: { buybackUsdM: net } }).ok).toBe(true);
    expect(keys({ finance: { buybackUsdM: net + 1 } })).toContain('orders.buybackNetCash');
    // Borrowing adds as much debt as cash.
    expect(keys({ finance: { buybackUsdM: net + 1, borrowUsdM: 50_000 } })).toContain('orders.buybackNetCash');
    // The quarter's other spending comes first.
    expect(keys({ finance: { buybackUsdM: net }, talentBidUsdM: 1_000 })).toContain('orders.buybackNetCash');
    expect(check({ finance: { buybackUsdM: net - 1_000 }, talentBidUsdM: 1_000 }).ok).toBe(true);
    // A repayment moves cash and debt alike.
    expect(check({ finance: { buybackUsdM: net - 1_000, repayUsdM: 1_000 }, talentBidUsdM: 1_000 }).ok).toBe(true);
    const v = check({ finance: { buybackUsdM: net + 5_000 } });
    const p = !v.ok ? v.problems.find((x) => x.key === 'orders.buybackNetCash') : undefined;
    expect(p?.params['max']).toBe(net);
    expect(p?.path).toBe('finance.buybackUsdM');
    // The credit line and vendor loans are debts too.
    const owing = structuredClone(s);
    owing.companies.MSFT!.revolverUsdM = 5_000;
    owing.companies.MSFT!.vendorDebtUsdM = 3_000;
    const owingCtx = orderContextOfState(owing, 'MSFT');
    const w = validateOrders(owingCtx, completeOrders(hold(owing, 'MSFT'), { finance: { buybackUsdM: net } }));
    expect(!w.ok && w.problems.find((x) => x.key === 'orders.buybackNetCash')?.params['max']).toBe(net - 8_000);
    expect(t('en', p!.key, p!.params)).toMatch(/^buybacks come only from net cash .*: at most \$[\d,.]+[MB]$/);
    expect(t('zh-CN', p!.key, p!.params)).toContain('净现金');
  });

  it('rejects orders once the game is over', () => {
    const over = { ...ctx, finished: true };
    const v = validateOrders(over, {});
    expect(!v.ok && v.problems[0]!.key).toBe('orders.gameOver');
  });
});

describe('a draft that leaves out one field', () => {
  it('keeps every left-out field from the seat\'s standing orders — never an empty one — whichever field it is', () => {
    const s = newGame('one-field-left-out');
    const ctx = orderContextOfState(s, 'MSFT');
    const base = baseOrdersFor(ctx);
    const full = completeOrders(hold(s, 'MSFT'), {
      chips: { merchantUsdM: 1_000, secondSourceUsdM: 200, customUsdM: 0 }, customProgramUsdM: 800, talentBidUsdM: 50,
      data: { licensedUsdM: 40, syntheticBps: 1_000 }, finance: { borrowUsdM: 10, repayUsdM: 0, equityUsdM: 0, buybackUsdM: 0, vendorFinancingUsdM: 0 },
      ops: { ...base.ops, pricing: base.ops.pricing === 'flat' ? 'usage' : 'flat', labBidMw: 7 }, licenseFrom: 'LAB', guidanceCapexUsdM: base.guidanceCapexUsdM + 1,
    });
    // (The split is the seat's own: a split left out in part must still add up.)
    const leaves: string[][] = [];
    for (const [k, v] of Object.entries(full)) {
      if (v !== null && typeof v === 'object' && !Array.isArray(v)) for (const k2 of Object.keys(v)) leaves.push([k, k2]);
      else leaves.push([k]);
    }
    expect(leaves.length).toBe(20);
    const at = (o: unknown, path: string[]): unknown => path.reduce<unknown>((x, k) => (x as Record<string, unknown>)[k], o);
    for (const path of leaves) {
      const draft = JSON.parse(JSON.stringify(full)) as Record<string, unknown>;
      const parent = path.length === 1 ? draft : (draft[path[0]!] as Record<string, unknown>);
      delete parent[path.at(-1)!];
      const r = validateOrders(ctx, draft);
      expect(r.ok, path.join('.')).toBe(true);
      if (!r.ok) continue;
      expect(at(r.value, path), path.join('.')).toStrictEqual(at(base, path));
      // The fields it gave are kept.
      for (const other of leaves) if (other.join('.') !== path.join('.')) expect(at(r.value, other), `${path.join('.')} → ${other.join('.')}`).toStrictEqual(at(full, other));
    }
    // A whole group left out (chips, data, finance, ops) is the seat's standing group.
    for (const group of ['chips', 'data', 'finance', 'ops'] as const) {
      const draft = JSON.parse(JSON.stringify(full)) as Record<string, unknown>;
      delete draft[group];
      const r = validateOrders(ctx, draft);
      expect(r.ok, group).toBe(true);
      if (r.ok) expect(r.value[group], group).toStrictEqual(base[group]);
    }
  });

  it('an order\'s spending at list prices is the sum of its parts', () => {
    const s = newGame('spend');
    const o = completeOrders(hold(s, 'META'), { chips: { merchantUsdM: 100, secondSourceUsdM: 20, customUsdM: 3 }, talentBidUsdM: 40, data: { licensedUsdM: 5 }, customProgramUsdM: 800 });
    expect(orderSpendUsdM(o, 7)).toStrictEqual({ chips: 123, energy: 7, talent: 40, data: 5, program: 800, total: 975 });
  });
});
