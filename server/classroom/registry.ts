/**
 * The classroom context shared by the class room and its HTTP routes: the class store and the
 * live classes. One server per process (like server/game/registry.ts).
 */
import type { GameStore } from '../store/game-store.js';
import { ClassStore } from './class-store.js';
import type { ClassSession } from './session.js';

export interface ClassContext {
  store: ClassStore;
  live: Map<string, ClassSession>;
}

let current: ClassContext | null = null;

/** Installs the classroom context of the server starting in this process. */
export function installClassContext(store: GameStore): ClassContext {
  current = { store: new ClassStore(store), live: new Map() };
  return current;
}

/** The classroom context (throws before startServer). */
export function classContext(): ClassContext {
  if (!current) throw new Error('the classroom context is not installed');
  return current;
}
