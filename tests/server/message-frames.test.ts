/**
 * The server's own message encoding (server/rooms/message-frames.ts) gives the very bytes Colyseus'
 * client.send would: every seat's view and quarter:resolved, a spectator's view, small messages.
 */
import { Protocol, getMessageBytes } from '@colyseus/core';
import { describe, expect, it } from 'vitest';
import { botOrders, createGame, defaultStrategyFor, playerView, playerViews, resolveQuarter, type GameState } from '../../shared/index.js';
import { messageFrame, type FrameCache } from '../../server/rooms/message-frames.js';

function played(quarters: number): { state: GameState; hash: string; orders: Record<string, unknown> } {
  let state = createGame({ scenarioId: 'capex-race-2026', seed: 'frames' });
  let hash = '';
  let orders: Record<string, unknown> = {};
  for (let q = 0; q < quarters; q += 1) {
    const views = playerViews(state);
    const o: Record<string, ReturnType<typeof botOrders>> = {};
    for (const t of state.seats) o[t] = botOrders(views[t], defaultStrategyFor(t), 'normal');
    const r = resolveQuarter(state, o);
    [state, hash, orders] = [r.state, r.hash, r.orders];
  }
  return { state, hash, orders };
}

const colyseus = (type: string, payload: unknown): Buffer => Buffer.from(getMessageBytes.raw(Protocol.ROOM_DATA, type, payload));

describe('message frames', () => {
  it('are byte for byte what Colyseus sends, each message on its own', () => {
    const { state, hash, orders } = played(3);
    const views = playerViews(state);
    for (const seat of state.seats) {
      const resolved = { quarter: 2, hash, finished: false, orders, view: views[seat] } as never;
      expect(messageFrame('quarter:resolved', resolved).equals(colyseus('quarter:resolved', resolved)), seat).toBe(true);
      const view = { view: views[seat], pending: { quarter: 3, orders: null, ready: false } } as never;
      expect(messageFrame('view', view).equals(colyseus('view', view)), seat).toBe(true);
    }
    const spectator = { view: playerView(state, null), pending: null } as never;
    expect(messageFrame('view', spectator).equals(colyseus('view', spectator))).toBe(true);
    const error = { code: 'error.badPayload', params: { type: 'x', detail: 'y' }, message: 'z', type: 'x' } as never;
    expect(messageFrame('error', error).equals(colyseus('error', error))).toBe(true);
    const welcome = { protocolVersion: 1, gameId: 'ABCDEF', joinCode: 'ABCDEF', seat: null, host: false, locale: 'zh-CN' } as never;
    expect(messageFrame('welcome', welcome).equals(colyseus('welcome', welcome))).toBe(true);
  });

  it('built for one broadcast with one cache, are still byte for byte what Colyseus sends, the public parts packed once', () => {
    const { state, hash, orders } = played(3);
    const views = playerViews(state);
    const cache: FrameCache = new Map();
    for (const seat of state.seats) {
      const resolved = { quarter: 2, hash, finished: false, orders, view: views[seat] } as never;
      expect(messageFrame('quarter:resolved', resolved, cache).equals(colyseus('quarter:resolved', resolved)), seat).toBe(true);
    }
    const first = views[state.seats[0]!];
    for (const part of [orders, first.companies, first.regions, first.market, first.world]) expect(cache.has(part)).toBe(true);
  });

  it('pack a view\'s events item by item with the list header msgpack gives every length', () => {
    const { state } = played(1);
    const view = playerViews(state)[state.seats[0]!];
    // 0 and 15 items: a one-byte header; 16 and 70,000: two and four length bytes.
    for (const n of [0, 15, 16, 70_000]) {
      const events = Array.from({ length: n }, (_, i) => view.events[i % Math.max(1, view.events.length)] ?? { kind: 'x', i });
      const msg = { view: { ...view, events }, pending: null } as never;
      expect(messageFrame('view', msg).equals(colyseus('view', msg)), `${n} events`).toBe(true);
    }
  });
});
