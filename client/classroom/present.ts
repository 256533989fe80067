/**
 * The host's side of the host-driven replay (issue 15): the replay viewer opened from the console
 * ("Show to the class": /replay/<id>?class=CODE&game=N) joins the class as its host and relays
 * the quarter on screen (`host:replay`), so the projector and the students follow it. A toggle
 * stops showing it (the class then stays where it was).
 */
import { CLASS_SERVER_MESSAGES } from '../../shared/protocol/classroom.js';
import { tr } from '../model/i18n.js';
import { h } from '../ui/dom.js';
import type { ViewerLink } from '../replay/viewer.js';
import { ClassConnection, tokens } from './net.js';

/** Least time between two positions sent while scrubbing (the last one always goes). */
const SEND_EVERY_MS = 120;

/** The viewer link of a presenting host, or null when this browser does not host the class. */
export async function presenterLink(code: string, game: number, onError: (e: unknown) => void): Promise<{ link: ViewerLink; close(): void } | null> {
  const hostToken = tokens.host(code);
  if (!hostToken) return null;
  const conn = await ClassConnection.join(code, { hostToken });
  for (const type of CLASS_SERVER_MESSAGES) if (type !== 'class:error') conn.room.onMessage(type, () => undefined);
  conn.on('class:error', (e) => onError(new Error(e.message)));
  let showing = true;
  let last = 0;
  let pending: number | null = null;
  let timer: number | null = null;
  const flush = (): void => {
    timer = null;
    if (pending === null) return;
    conn.send('host:replay', { game, quarter: pending });
    pending = null;
  };
  const send = (q: number): void => {
    last = q;
    if (!showing) return;
    pending = q;
    if (timer === null) timer = window.setTimeout(flush, SEND_EVERY_MS);
  };
  const toggle = h('input', { type: 'checkbox', checked: true, 'data-test': 'present-toggle', id: 'present-toggle' });
  const note = h('span', { class: 'muted', 'data-test': 'presenting', text: tr('ui.class.presenting', { code }) });
  toggle.addEventListener('change', () => {
    showing = toggle.checked;
    note.textContent = showing ? tr('ui.class.presenting', { code }) : tr('ui.class.presentingOff');
    if (showing) send(last);
    else {
      if (timer !== null) window.clearTimeout(timer);
      [timer, pending] = [null, null];
      conn.send('host:replay', { game, quarter: null });
    }
  });
  const strip = h('div', { class: 'banner presenting-strip row' },
    h('label', { for: 'present-toggle', class: 'check' }, toggle, ` ${tr('ui.class.presentToggle')}`), note);
  return {
    link: { tokens: [hostToken], strip, onFrame: (q) => send(q), extraSearch: `&class=${encodeURIComponent(code)}&game=${game}` },
    close: () => { if (timer !== null) window.clearTimeout(timer); conn.leave(); },
  };
}
