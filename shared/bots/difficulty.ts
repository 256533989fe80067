/**
 * Bot difficulty levels. Easy bots make cruder choices (fixed splits, crowded regions, talkative
 * guidance); hard bots read the public chip roadmap, the grid queues, the foundry ladder and the
 * game's remaining length, and size capex to their funds.
 */
import { LEVELS, type Level } from '../engine/types.js';

/** The bots' levels are the table levels the par is measured at (engine `LEVELS`). */
export const DIFFICULTIES = LEVELS;
export type Difficulty = Level;
