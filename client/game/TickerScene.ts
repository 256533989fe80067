/**
 * The market ticker: a continuously scrolling band with every ticker's price and % change, then
 * the quarter's headlines. The strip is drawn once per model into a canvas texture; each frame
 * only moves two copies of it. Clicking a ticker asks the DOM for its price chart.
 */
import Phaser from 'phaser';
import type { BusEvents, EventBus } from '../model/event-bus.js';
import type { TickerItem, TickerModel } from '../model/view-models.js';
import { TICKER_HEIGHT } from './MapScene.js';

const SPEED_PX_PER_S = 60;
const TEX = 'ticker-strip';
const MAX_TEX_WIDTH = 8192;

export class TickerScene extends Phaser.Scene {
  private bus!: EventBus<BusEvents>;
  private copies: Phaser.GameObjects.Image[] = [];
  private hits: { x0: number; x1: number; symbol: TickerItem['symbol'] }[] = [];
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
    this.cameras.main.setBackgroundColor('#05080c');
    this.layout();
    this.offs.push(this.bus.onReplay('ticker:model', (m) => {
      this.model = m;
      this.build();
    }));
    this.input.on('pointerdown', (p: Phaser.Input.Pointer) => {
      if (p.y > TICKER_HEIGHT || this.stripWidth <= 0) return;
      const x = (p.x + this.offset) % this.stripWidth;
      const hit = this.hits.find((h) => x >= h.x0 && x <= h.x1);
      if (hit) this.bus.emit('ticker:select', hit.symbol);
    });
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

  /** Draws the strip (tickers, then headlines) into one texture, and two images end to end. */
  private build(): void {
    this.copies.forEach((c) => c.destroy());
    this.copies = [];
    this.hits = [];
    const m = this.model;
    if (!m) return;
    const measure = document.createElement('canvas').getContext('2d');
    if (!measure) return;
    const mono = '13px monospace';
    const bold = 'bold 14px monospace';
    const sans = '13px sans-serif';
    type Piece = { text: string; font: string; color: string; x: number };
    const pieces: Piece[] = [];
    let x = 12;
    const put = (text: string, font: string, color: string, gap: number): void => {
      measure.font = font;
      pieces.push({ text, font, color, x });
      x += Math.ceil(measure.measureText(text).width) + gap;
    };
    for (const it of m.items) {
      const x0 = x;
      put(it.symbol, bold, it.mine ? '#ffd166' : it.player ? '#e8eef5' : '#9fb3c8', 6);
      put(it.priceText, mono, '#d0d8e0', 6);
      put(`${it.changeBps > 0 ? '▲' : it.changeBps < 0 ? '▼' : '•'}${it.changeText}`, mono, it.changeBps > 0 ? '#4cd97b' : it.changeBps < 0 ? '#ff5c6c' : '#9fb3c8', 22);
      this.hits.push({ x0: x0 - 4, x1: x - 18, symbol: it.symbol });
    }
    for (const text of m.headlines) put(`◆ ${text}`, sans, '#f0c674', 28);
    const width = Math.min(MAX_TEX_WIDTH, Math.max(x, Math.ceil(this.scale.width)));
    if (this.textures.exists(TEX)) this.textures.remove(TEX);
    const tex = this.textures.createCanvas(TEX, width, TICKER_HEIGHT);
    const ctx = tex?.getContext();
    if (!tex || !ctx) return;
    ctx.fillStyle = '#05080c';
    ctx.fillRect(0, 0, width, TICKER_HEIGHT);
    ctx.textBaseline = 'middle';
    for (const p of pieces) {
      ctx.font = p.font;
      ctx.fillStyle = p.color;
      ctx.fillText(p.text, p.x, TICKER_HEIGHT / 2 + 1);
    }
    tex.refresh();
    this.stripWidth = width;
    const copies = Math.max(2, Math.ceil(this.scale.width / width) + 1);
    for (let i = 0; i < copies; i += 1) this.copies.push(this.add.image(0, 0, TEX).setOrigin(0, 0));
    this.place();
  }

  private place(): void {
    this.copies.forEach((c, i) => c.setX(Math.round(-this.offset + i * this.stripWidth)));
  }

  override update(_time: number, deltaMs: number): void {
    if (!this.firstFrame && this.copies.length > 0) {
      this.firstFrame = true;
      this.bus.emit('scene:ready', 'ticker');
    }
    if (this.stripWidth <= 0) return;
    this.offset = (this.offset + (SPEED_PX_PER_S * Math.min(deltaMs, 100)) / 1000) % this.stripWidth;
    this.place();
  }
}
