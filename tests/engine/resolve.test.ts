/**
 * resolveQuarter's own duties (shared/engine/resolve.ts), apart from the phases: a seat with no
 * orders plays its defaults and a seat with invalid ones plays its defaults too, each said in an
 * event naming the seat (and the first problem); a finished game is refused; the hash can be skipped.
 */
import { describe, expect, it } from 'vitest';
import { createGame, defaultOrders, hashState, orderContextOfState, resolveQuarter, type Orders } from '../../shared/index.js';

describe('resolveQuarter', () => {
  const s = createGame({ scenarioId: 'capex-race-2026', seed: 'resolve', quarterCount: 4, seats: ['AMZN', 'MSFT', 'META'] });
  const hold = (t: 'AMZN' | 'MSFT' | 'META'): Orders => defaultOrders(orderContextOfState(s, t));

  it('missing orders are defaulted and invalid ones rejected, each said once, for its seat', () => {
    const bad = { ...hold('MSFT'), chips: { merchantUsdM: -5, secondSourceUsdM: 0, customUsdM: 0 } };
    const r = resolveQuarter(s, { AMZN: hold('AMZN'), MSFT: bad });
    const said = r.state.events.filter((e) => e.kind === 'ordersDefaulted' || e.kind === 'ordersRejected');
    expect(said.map((e) => ({ kind: e.kind, key: e.key, seat: e.seat, region: e.region, headline: e.headline }))).toEqual([
      { kind: 'ordersRejected', key: 'event.ordersRejected', seat: 'MSFT', region: null, headline: false },
      { kind: 'ordersDefaulted', key: 'event.ordersDefaulted', seat: 'META', region: null, headline: false },
    ].sort((a, b) => (a.seat < b.seat ? -1 : 1)));
    expect(said.find((e) => e.seat === 'META')!.params).toEqual({ seat: 'META' });
    const rejected = said.find((e) => e.seat === 'MSFT')!.params;
    expect(rejected['seat']).toBe('MSFT');
    expect(typeof rejected['reason']).toBe('string');
    expect(rejected['reason']).not.toBe('orders.invalid');
    expect(rejected['reason']).toMatch(/^orders\./);
    // Both played their defaults: the same game as one where they sent them.
    const same = resolveQuarter(s, { AMZN: hold('AMZN'), MSFT: hold('MSFT'), META: hold('META') });
    expect(r.state.companies.MSFT!.cashUsdM).toBe(same.state.companies.MSFT!.cashUsdM);
    expect(r.state.companies.META!.cashUsdM).toBe(same.state.companies.META!.cashUsdM);
    expect(same.state.events.some((e) => e.kind === 'ordersDefaulted' || e.kind === 'ordersRejected')).toBe(false);
  });

  it('the hash is the state\'s unless skipped; a finished game is refused', () => {
    const all = { AMZN: hold('AMZN'), MSFT: hold('MSFT'), META: hold('META') };
    const r = resolveQuarter(s, all);
    expect(r.hash).toBe(hashState(r.state));
    expect(r.hash).toMatch(/^[0-9a-f]{16}$/);
    expect(resolveQuarter(s, all, { hash: false }).hash).toBe('');
    let end = r.state;
    while (!end.finished) end = resolveQuarter(end, {}).state;
    expect(() => resolveQuarter(end, {})).toThrow('resolveQuarter: the game is over');
  });
});
