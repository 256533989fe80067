/**
 * Bot difficulty levels. Easy bots make cruder choices (fixed splits, crowded regions, talkative
 * guidance); hard bots read the public chip roadmap, the grid queues, the foundry ladder and the
 * game's remaining length, and size capex to their funds.
 */
export const DIFFICULTIES = ['easy', 'normal', 'hard'] as const;
export type Difficulty = (typeof DIFFICULTIES)[number];
