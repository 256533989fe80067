import { describe, expect, it } from 'vitest';
import { EventBus } from '../../client/model/event-bus.js';

interface E { a: number; b: string }

describe('EventBus', () => {
  it('delivers payloads to subscribers in order and stops after unsubscribe', () => {
    const bus = new EventBus<E>();
    const got: string[] = [];
    const off = bus.on('a', (n) => got.push(`1:${n}`));
    bus.on('a', (n) => got.push(`2:${n}`));
    bus.emit('a', 5);
    off();
    bus.emit('a', 6);
    expect(got).toEqual(['1:5', '2:5', '2:6']);
  });

  it('replays the last payload to late subscribers with onReplay', () => {
    const bus = new EventBus<E>();
    bus.emit('b', 'x');
    const got: string[] = [];
    bus.onReplay('b', (s) => got.push(s));
    bus.on('a', () => got.push('never'));
    expect(got).toEqual(['x']);
  });

  it('forgets handlers and payloads on clear', () => {
    const bus = new EventBus<E>();
    const got: number[] = [];
    bus.on('a', (n) => got.push(n));
    bus.emit('a', 1);
    bus.clear();
    bus.emit('a', 2);
    bus.onReplay('a', (n) => got.push(n * 10));
    expect(got).toEqual([1, 20]);
  });
});
