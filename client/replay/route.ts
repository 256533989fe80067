/**
 * Replay routes of the single-page app: /replay (library), /replay/<id>?q=12&view=META (viewer),
 * and a local file opened from the library. main.ts hands these paths over to this module.
 */
import { onLocale } from '../model/i18n.js';
import { installReplayHook } from './hook.js';
import { mountLibrary } from './library.js';
import { mountViewer } from './viewer.js';
import './replay.css';

/** Whether a path belongs to the replay pages. */
export function isReplayPath(path: string): boolean {
  return /^\/replays?(\/|$)/.test(path);
}

/** Mounts the replay pages into `root` (they follow history navigation). */
export function mountReplay(root: HTMLElement, onError: (e: unknown) => void): void {
  installReplayHook();
  let teardown: (() => void) | null = null;
  let localFile: { text: string; name: string } | null = null;
  const render = (): void => {
    teardown?.();
    teardown = null;
    const m = /^\/replays?\/([^/?#]+)\/?$/.exec(location.pathname);
    const id = m?.[1] ? decodeURIComponent(m[1]) : null;
    if (id === 'local' && localFile) {
      teardown = mountViewer(root, { kind: 'file', ...localFile }, { q: null, view: null }, onError);
    } else if (id && id !== 'local') {
      const p = new URLSearchParams(location.search);
      const q = p.get('q');
      const initial = { q: q !== null && /^\d+$/.test(q) ? Number(q) : null, view: p.get('view') };
      const cls = p.get('class');
      const game = p.get('game');
      if (cls && /^[A-Z0-9]{4,12}$/i.test(cls) && game !== null && /^\d+$/.test(game)) {
        // Opened from the class console: the host shows this replay to the class (client/classroom/present.ts).
        let closed = false;
        let inner: (() => void) | null = null;
        teardown = () => { closed = true; inner?.(); };
        void import('../classroom/present.js').then((m) => m.presenterLink(cls.toUpperCase(), Number(game), onError)).catch((e: unknown) => { onError(e); return null; }).then((pl) => {
          if (closed) return pl?.close();
          const stop = mountViewer(root, { kind: 'id', id: id.toUpperCase() }, initial, onError, pl?.link ?? {});
          inner = () => { stop(); pl?.close(); };
        });
      } else {
        teardown = mountViewer(root, { kind: 'id', id: id.toUpperCase() }, initial, onError);
      }
    } else {
      mountLibrary(root, (text, name) => {
        localFile = { text, name };
        history.pushState(null, '', '/replay/local');
        render();
      }, onError);
    }
  };
  window.addEventListener('popstate', render);
  onLocale(() => {
    // Keep the position: the viewer writes ?q=&view= into the address as it moves.
    render();
  });
  render();
}
