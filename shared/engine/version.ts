/**
 * Engine version: bump when a rule change alters results (replays pin it). 2: the economy of issue 13
 * (value model, scarcity, fate, distress). 3: the score's par and swing pro-rated to the quarters played.
 */
export const ENGINE_VERSION = 3;
/** Saved-game (replay) file layout version; bump with a migration when the layout changes. */
export const REPLAY_FORMAT = 2;
