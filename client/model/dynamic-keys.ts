/**
 * i18n keys the client builds at run time (`ui.tab.${tab}` …), listed so that the key test can
 * check them in every locale. Keep in step with the code that builds them.
 */
import { BOT_STRATEGIES, LEDGER_LINES, MOVE_REASONS } from '../../shared/index.js';
import { PARTS } from './budget.js';
import { PREVIEW_FIGURES } from './desk-figures.js';
import { RESULT_FIGURES } from './results.js';
import { DRAFT_ORIGINS } from './store.js';

export const DYNAMIC_UI_KEYS: readonly string[] = [
  ...['desk', 'dash', 'rivals', 'news'].map((k) => `ui.tab.${k}`),
  ...['offline', 'connecting', 'online', 'reconnecting'].map((k) => `ui.conn.${k}`),
  ...['waiting', 'unreachable', 'joining', 'finished', 'gone', 'refused'].map((k) => `ui.rejoin.${k}`),
  ...['heat', 'water', 'outage', 'export'].map((k) => `ui.flag.${k}`),
  ...['air', 'liquid'].map((k) => `ui.cooling.${k}`),
  ...['easy', 'normal', 'hard'].map((k) => `ui.difficulty.${k}`),
  ...[...MOVE_REASONS, 'other'].map((k) => `ui.reason.${k}`),
  ...LEDGER_LINES.map((k) => `ui.ledger.${k}`),
  ...PARTS.map((k) => `ui.desk.part.${k}`),
  ...PREVIEW_FIGURES.map((f) => `ui.desk.fig.${f.id}`),
  ...DRAFT_ORIGINS.map((k) => `ui.desk.origin.${k}`),
  ...RESULT_FIGURES.map((f) => `ui.results.fig.${f.id}`),
  ...BOT_STRATEGIES.map((k) => `ui.advisor.why.${k}`),
  ...['pause', 'extend', 'move', 'bot', 'lock', 'shock', 'start', 'resolve', 'broadcast', 'remove', 'roster', 'restart', 'end'].map((k) => `ui.class.action.${k}`),
];
