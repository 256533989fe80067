import { describe, expect, it } from 'vitest';
import { createGame, playerView, type Orders } from '../../shared/index.js';
import { initialDraft, setField } from '../../client/model/draft.js';
import { applyReady, readyStep } from '../../client/model/ready.js';

const view = () => playerView(createGame({ scenarioId: 'capex-race-2026', seed: 'r', quarterCount: 4 }), 'AMZN');

/** A network that records what it was asked. */
function fakeNet(): { calls: string[]; submitOrders(o: Orders, ready?: boolean): Promise<void>; setReady(r: boolean): Promise<void> } {
  const calls: string[] = [];
  return {
    calls,
    submitOrders: (o, ready) => { calls.push(`submit ${o.chips.merchantUsdM}${ready ? ' ready' : ''}`); return Promise.resolve(); },
    setReady: (r) => { calls.push(`ready ${r}`); return Promise.resolve(); },
  };
}

describe('the ready box', () => {
  it('submits a draft the server does not hold yet with the ready flag, in one message', async () => {
    const v = view();
    const draft = setField(initialDraft(v)!, 'chips.merchantUsdM', 20_000);
    const net = fakeNet();
    expect(await applyReady(net, { view: v, draft, submitted: null }, true, 'en')).toEqual([]);
    expect(net.calls).toEqual(['submit 20000 ready']);
  });

  it('resubmits a draft changed after Submit', async () => {
    const v = view();
    const submitted = setField(initialDraft(v)!, 'chips.merchantUsdM', 1_000);
    const draft = setField(submitted, 'chips.merchantUsdM', 2_000);
    const net = fakeNet();
    await applyReady(net, { view: v, draft, submitted }, true, 'en');
    expect(net.calls).toEqual(['submit 2000 ready']);
  });

  it('only marks ready when the server already holds the draft, and unready sends no orders', async () => {
    const v = view();
    const draft = setField(initialDraft(v)!, 'chips.merchantUsdM', 1_000);
    const net = fakeNet();
    await applyReady(net, { view: v, draft, submitted: JSON.parse(JSON.stringify(draft)) as Orders }, true, 'en');
    await applyReady(net, { view: v, draft, submitted: draft }, false, 'en');
    expect(net.calls).toEqual(['ready true', 'ready false']);
  });

  it('refuses an over-cash draft with the engine’s reason and sends nothing', async () => {
    const v = view();
    const draft = setField(initialDraft(v)!, 'chips.merchantUsdM', 4_000_000);
    const net = fakeNet();
    const reasons = await applyReady(net, { view: v, draft, submitted: null }, true, 'en');
    expect(reasons.join(' ')).toContain('capex exceeds cash + credit');
    expect(net.calls).toEqual([]);
    const zh = readyStep({ view: v, draft, submitted: null }, true, 'zh-CN');
    expect(zh.kind).toBe('refuse');
  });
});
