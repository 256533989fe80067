/**
 * The market ticker: a continuously scrolling band with every ticker's price and % change, then
 * the quarter's headlines. The strip is laid out once per model; each frame only moves it.
 */
import Phaser from 'phaser';
import type { BusEvents, EventBus } from '../model/event-bus.js';
import { formatPrice, type TickerModel } from '../model/view-models.js';
import { TICKER_HEIGHT } from './MapScene.js';

const SPEED_PX_PER_S = 60;

export class TickerScene extends Phaser.Scene {
  private bus!: EventBus<BusEvents>;
  private strips: Phaser.GameObjects.Container[] = [];
  private stripWidth = 0;
  private offset = 0;
  private offs: (() => void)[] = [];
  private firstFrame = false;
  private model: TickerModel | null = null;

  constructor() {
    super({ key: 'ticker' });
  }

  init(data: { bus: EventBus<BusEvents> }): void {
    this.bus = data.bus;
  }

  create(): void {
    this.layout();
    this.add.rectangle(0, 0, 4096, TICKER_HEIGHT, 0x05080c).setOrigin(0, 0).setDepth(-1);
    this.offs.push(this.bus.onReplay('ticker:model', (m) => {
      this.model = m;
      this.build();
    }));
    this.scale.on('resize', this.layout, this);
    this.events.once('shutdown', () => {
      this.offs.forEach((f) => f());
      this.scale.off('resize', this.layout, this);
    });
  }

  private layout(): void {
    this.cameras.main.setViewport(0, 0, this.scale.width, TICKER_HEIGHT);
    this.build();
  }

  /** Lays out the strip twice, end to end, so that it wraps seamlessly. */
  private build(): void {
    this.strips.forEach((s) => s.destroy());
    this.strips = [];
    const m = this.model;
    if (!m) return;
    const copies = 2;
    let width = 0;
    for (let c = 0; c < copies; c += 1) {
      const strip = this.add.container(0, 0);
      let x = 12;
      for (const it of m.items) {
        const up = it.changeBps >= 0;
        const sym = this.add.text(x, 10, it.symbol, { fontFamily: 'monospace', fontSize: '14px', fontStyle: 'bold', color: it.mine ? '#ffd166' : it.player ? '#e8eef5' : '#9fb3c8' });
        x += sym.width + 6;
        const price = this.add.text(x, 11, formatPrice(it.priceCents), { fontFamily: 'monospace', fontSize: '13px', color: '#d0d8e0' });
        x += price.width + 6;
        const pct = `${up ? '▲' : '▼'}${(Math.abs(it.changeBps) / 100).toFixed(1)}%`;
        const chg = this.add.text(x, 11, pct, { fontFamily: 'monospace', fontSize: '13px', color: up ? '#4cd97b' : '#ff5c6c' });
        x += chg.width + 22;
        const hit = this.add.zone(sym.x - 4, 0, x - sym.x - 14, TICKER_HEIGHT).setOrigin(0, 0).setInteractive({ useHandCursor: true });
        hit.on('pointerdown', () => this.bus.emit('ticker:select', it.symbol));
        strip.add([sym, price, chg, hit]);
      }
      for (const text of m.headlines) {
        const hl = this.add.text(x, 11, `◆ ${text}`, { fontFamily: 'sans-serif', fontSize: '13px', color: '#f0c674' });
        x += hl.width + 28;
        strip.add(hl);
      }
      width = Math.max(x, this.scale.width);
      this.strips.push(strip);
    }
    this.stripWidth = width;
    this.place();
  }

  private place(): void {
    this.strips.forEach((s, i) => s.setX(Math.round(-this.offset + i * this.stripWidth)));
  }

  override update(_time: number, deltaMs: number): void {
    if (!this.firstFrame && this.model) {
      this.firstFrame = true;
      this.bus.emit('scene:ready', 'ticker');
    }
    if (this.stripWidth <= 0) return;
    this.offset = (this.offset + (SPEED_PX_PER_S * Math.min(deltaMs, 100)) / 1000) % this.stripWidth;
    this.place();
  }
}
