/** Engine version: bump when a rule change alters results (replays pin it). 2: the economy of issue 13 (value model, scarcity, fate, distress). */
export const ENGINE_VERSION = 2;
/** Saved-game (replay) file layout version; bump with a migration when the layout changes. */
export const REPLAY_FORMAT = 2;
