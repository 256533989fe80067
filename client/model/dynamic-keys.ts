/**
 * i18n keys the client builds at run time (`ui.tab.${tab}` …), listed so that the key test can
 * check them in every locale. Keep in step with the code that builds them.
 */
import { LEDGER_LINES } from '../../shared/index.js';

export const DYNAMIC_UI_KEYS: readonly string[] = [
  ...['desk', 'dash', 'rivals', 'news'].map((k) => `ui.tab.${k}`),
  ...['offline', 'connecting', 'online', 'reconnecting'].map((k) => `ui.conn.${k}`),
  ...['heat', 'water', 'outage', 'export'].map((k) => `ui.flag.${k}`),
  ...['air', 'liquid'].map((k) => `ui.cooling.${k}`),
  ...['easy', 'normal', 'hard'].map((k) => `ui.difficulty.${k}`),
  ...['revenue', 'capexGuidance', 'capacity', 'sentiment', 'valuation', 'dilution', 'distress', 'noise', 'cashFlow', 'credibility', 'other'].map((k) => `ui.reason.${k}`),
  ...LEDGER_LINES.map((k) => `ui.ledger.${k}`),
];
