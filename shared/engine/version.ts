/**
 * Engine version: bump when a rule change alters results (replays pin it). 2: the economy of issue 13
 * (value model, scarcity, fate, distress). 3: the score's par and swing pro-rated to the quarters played.
 * 4: flat plans are prepaid (no customer write-offs) and priced to pay about what usage pays at the
 * start; abandoned AI projects take agents with them; the par measured again.
 */
export const ENGINE_VERSION = 4;
/** Saved-game (replay) file layout version; bump with a migration when the layout changes. */
export const REPLAY_FORMAT = 2;
