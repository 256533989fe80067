/**
 * Mounts the Phaser stage (map + ticker) without importing Phaser up front: the chunk loads on
 * demand. Returns the unmount function; unmounting before the chunk arrives cancels the mount.
 */
import type { BusEvents, EventBus } from '../model/event-bus.js';
import type { Stage } from './stage.js';

export function mountStageLazily(box: HTMLElement, bus: EventBus<BusEvents>, onError: (e: unknown) => void, onReady?: (stage: Stage) => void): () => void {
  let stage: Stage | null = null;
  let alive = true;
  void import('./stage.js').then(({ createStage }) => {
    if (!alive) return;
    stage = createStage(box, bus);
    onReady?.(stage);
  }).catch(onError);
  return () => {
    alive = false;
    stage?.destroy();
  };
}
