/**
 * The engine's public surface: everything server, bots, CLI, replays and the client call.
 */
export * from './engine/types.js';
export * from './engine/math.js';
export { canonicalJson, hashString, hashValue } from './engine/hash.js';
export { streamFor, hash32 } from './engine/rng.js';
export { ENGINE_VERSION, REPLAY_FORMAT } from './engine/version.js';
export { createGame, checkNewGame, emptyReport, type NewGameOptions } from './engine/create.js';
export { LEDGER_LINES, type LedgerLine } from './engine/context.js';
export { resolveQuarter, hashState, PHASES, cloneState, type Resolution } from './engine/resolve.js';
export { validateOrders, parseOrders, checkOrders, fitBuyback, defaultOrders, baseOrdersFor, fundingOf, energyCapexUsdM, orderCapexUsdM, orderContextOfState, orderContextOfView, MAX_AMOUNT, MAX_PROJECTS, MAX_PROJECT_MW, type OrderContext } from './engine/orders.js';
export { emptyOrders, completeOrders, orderSpendUsdM, type OrdersDraft } from './engine/orders-base.js';
export { playerView, playerViews, publicCompany, publicCompanies, eventVisibleTo, type PlayerView, type PublicCompany } from './engine/view.js';
export { replayGame, headerFor, newGameOptionsOf, type ReplayFile, type ReplayHeader, type ReplayQuarter, type ReplayOutcome, type SeatInfo } from './engine/replay.js';
export { parseReplayFile, importReplay, otherEngine, botSeats, MAX_REPLAY_BYTES, type ReplayParse, type ReplayImport, type ReplayProblem } from './engine/replay-file.js';
export * as model from './engine/model.js';
export { companyDefOf } from './engine/model.js';
export { CARD_IDS } from './engine/phases/events.js';
export { MOVE_REASONS, type MoveReason } from './engine/phases/market.js';
export { finalReturns, finalScores, quarterFigures, quarterLabel, rankByScore, ranking, scheduleShock, type QuarterFigures, type CompanyFigures } from './engine/figures.js';
export { parAt, scoreBpsOf, worldIndexBps, type ParTable } from './engine/phases/publish.js';
export { getScenario, hasScenario, scenarioIds, scenarioHash, validateScenario } from './scenarios/index.js';
export { historicalOrders } from './scenarios/capex-race-2026.js';
export { seatGapBps, seatSkillWinsBps } from './scenarios/seat-gaps.js';
export type { Scenario, CompanyDef, RegionDef, ChipGen, EventCard, Sourced } from './scenarios/types.js';
export * from './i18n/index.js';
export * from './bots/index.js';
export { lessons, type Lesson } from './debrief/lessons.js';
export { compactOrders, expandOrders, compactReplayFile } from './replay/compact.js';
export { frameOf, publicFrameOf, parsePov, type Pov, type ReplayFrame } from './replay/pov.js';
export { historyPointOf, startPointOf, mergeHistory, type HistoryPoint, type HistoryFigures } from './replay/history.js';
export { publicHeader, publicQuarters, HIDDEN_SEED, type ClassGameLabel, type ReplayDoc, type ReplayListItem, type ReplayResultRow, type ReplaySource } from './replay/doc.js';
export { projectCapacity, projectCredibilityBps, type CapacityProjection } from './engine/preview.js';
export { placeChips, type Placement } from './engine/phases/capacity.js';
export { boardQuartersOf, boardRun, finalStandings, playBoardYears, standingsOf, type BoardRow, type BoardRun, type BoardYears, type FinalStandings } from './board.js';
