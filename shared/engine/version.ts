/** Engine version: bump when a rule change alters results (replays pin it). */
export const ENGINE_VERSION = 1;
/** Saved-game (replay) file layout version; bump with a migration when the layout changes. */
export const REPLAY_FORMAT = 2;
