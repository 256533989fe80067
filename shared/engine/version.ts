/**
 * Engine version: bump when a rule change alters results (replays pin it). 2: the economy of issue 13
 * (value model, scarcity, fate, distress). 3: the score's par and swing pro-rated to the quarters played.
 * 4: flat plans are prepaid (no customer write-offs) and priced to pay about what usage pays at the
 * start; abandoned AI projects take agents with them; the par measured again. 5: only the compute a
 * company's researchers can run is split between training, self-use and cloud (F10 binds: half of it runs
 * with nobody, half the rest at 200 a GW); the par measured again. 6: chips reserved by guidance pay list
 * price (only spot chips pay the foundry's ladder); managements climbed again, the par measured again.
 * 7: AI labs sign at most 40% of a quarter's demand with one provider; the par measured again.
 * 8: spot chips sell below list in a glut (the foundry's ladder runs both ways); buybacks retire shares
 * at the market's price (accretive only below the fundamental value per share) and hard managements buy
 * back only then; the par measured again.
 * 9: no rule moved, but games of 8 no longer replay: the seat gaps (how forgiving each seat is, shown
 * when a seat is picked) left the scenario data the state hash covers for shared/scenarios/seat-gaps.ts,
 * so measuring them again no longer touches saved games; they were measured again after normal and easy
 * managements stopped guiding far beyond the pace they spend at (Meta's normal bot guided $400B while
 * spending $27B).
 * 10: the par has a table level: a game records its bots' level (easy, normal, hard) and every score is
 * measured against the par that level's managements reach (swing at least the hard table's), so at the
 * default normal table a generic plan no longer lands two swings below Amazon's climbed hard management
 * while Apple's lands above it (the balance study: Amazon won 4 of 1,000, Apple 447). No play moved; the
 * hard table's par is the one measured before, and games of 9 are refused with the "other engine" message.
 * 11: the par follows the game's world: how well AI paid (the average monetization over the quarters
 * played, `WorldState.monetizationSumBps`) moves each company's par by its measured slope, and the swing is
 * how far good games go above par (84th percentile less median) — at hard tables of managements Apple's
 * had won 23.5% and Amazon's 7.5%, Amazon's score following the world. AI labs default with their
 * customers (up to 6% a quarter when no enterprise AI pays, F9/F11). Normal managements mended (they read
 * the live grid queues, buy only the chips next quarter's power can host and follow a quarter of their
 * company's bend: before, Amazon's, Microsoft's and Oracle's normal managements lost to their easy ones).
 * Every par row measured again.
 * 12: no rule moved: five managements climbed again against the world-following par (Amazon, Alphabet,
 * Microsoft and Oracle gained 22–36 points of a swing on the climb's validation seeds, Meta 8 in two climbs: buybacks while
 * the shares are cheap, less of the bend's energy and spending cut, Oracle bidding more of its capacity to the
 * labs — an open-loop script had beaten Oracle's engine 11 management in 31% of games); every par row and seat
 * gap measured again.
 * 13: no rule moved; the bots changed, so the par was measured again. A normal management guides the pace
 * it spends at (it guided half as much again, then kept 88% of that: its spending grew a third a quarter
 * whatever its demand), and a normal bot judges a lab contract over the four years the chips earn, not the
 * contract's three, in $K per MW (normal managements at Amazon and Oracle had lost to their easy ones in
 * 70–90% of games; now 50–60%). In the first quarter a normal management announces its company's stated plan
 * (F1) as every level does — engines 9–12 capped it at its spending pace, so normal tables (the default) showed
 * Google, Meta and Oracle guiding less than the source says — and in 2026 every level keeps the guidance in
 * force, an easy management too. Hard bots and the hard table's par are engine 12's.
 * 14: no rule moved; the bots changed, so the par was measured again. In the first year a normal or hard
 * management builds its stated plan whatever the game's length (endInSight): it used to skip power that
 * could not come online before the game ended, and in a one-year game the managements announced ~$700B
 * and spent $60B (hard) to $150B (normal), Amazon's credibility 0 by the fourth quarter. A four-quarter
 * game now spends what a full game spends in 2026; in full games only 2026 orders for power that could
 * not come online before the end moved (the longest grid queues, nuclear).
 * 15: the foundry reserves slots against guidance only as far as the management is believed (reserved
 * chips × credibility, `reservedChipUsdM`; the take-or-pay fee is still owed on all that was guided): a
 * guidance far above spending no longer keeps first call on a short foundry. The bots guide by their record
 * (a rationed chip order is not spending; hard: the guidance that squares the market's check, normal: what
 * was spent, and a normal management keeps its word from 2027 within its usual funds only): every hard
 * management had lost its credibility by 2028. Five managements climbed again; the par measured again.
 * 16: the board's years (shared/board.ts): a game that stops before its scenario's end is scored at that end,
 * after every company's board has played on with its own management at the table's level, against the par
 * of the whole scenario. No quarter resolves differently and the par tables are unchanged (the score shown
 * while a game runs is the bell's, as before), but the final standings of short games move.
 * 17: Oracle's backlog (CALIBRATION: RPO ~455–523B, most of it OpenAI's): Oracle starts with four lab
 * contracts for capacity it has yet to build, 500 MW each, starting in 2027 a quarter apart at the OpenAI
 * deal's price; when one starts the lab takes only the capacity Oracle has free for it (phases/demand.ts
 * rule 2). And a provider offers labs only capacity it has not promised (before, one whose contracts held
 * all its capacity still offered half of what it was building). Before, Oracle's stated 2026 plan lost to
 * standing still by 2030 in every kind of world (a first year standing still beat it on 30 of 30 seeds at
 * a normal table) and Oracle won a quarter of the balance study; now the plan pays where AI monetizes and
 * loses where it does not (docs/balance.md "Oracle's backlog"). Oracle's management climbed again (its bend's
 * spend gene 150 → 500: with the backlog, building pays; at a hard table the backlog had made Oracle's seat
 * easy for any plan that built, a searched plan winning 43%). The par measured again.
 */
export const ENGINE_VERSION = 17;
/** Saved-game (replay) file layout version; bump with a migration when the layout changes. */
export const REPLAY_FORMAT = 2;
