/**
 * Creates the Phaser game (map + ticker scenes in one canvas). Loaded lazily by the game screen so
 * that Phaser sits in its own cached chunk and the lobby loads without it.
 */
import Phaser from 'phaser';
import type { BusEvents, EventBus } from '../model/event-bus.js';
import { MapScene } from './MapScene.js';
import { TickerScene } from './TickerScene.js';

/** A running stage. */
export interface Stage {
  destroy(): void;
  /** Frames per second measured by Phaser's game loop. */
  fps(): number;
}

/** Starts the stage inside `parent` (which sets its size). */
export function createStage(parent: HTMLElement, bus: EventBus<BusEvents>): Stage {
  const game = new Phaser.Game({
    type: Phaser.AUTO,
    parent,
    backgroundColor: '#0b1622',
    banner: false,
    scale: { mode: Phaser.Scale.RESIZE, width: parent.clientWidth || 800, height: parent.clientHeight || 400 },
    render: { antialias: true, powerPreference: 'low-power' },
    fps: { target: 60 },
    audio: { noAudio: true },
    scene: [],
  });
  game.scene.add('map', MapScene, true, { bus });
  game.scene.add('ticker', TickerScene, true, { bus });
  return {
    destroy: () => game.destroy(true),
    fps: () => Math.round(game.loop.actualFps),
  };
}
