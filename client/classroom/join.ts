/** Join a class: a code and a display name (no account). */
import { CLASS_NAME_MAX } from '../../shared/protocol/classroom.js';
import { tr } from '../model/i18n.js';
import { h, replace, uid } from '../ui/dom.js';
import { ClassConnection, classStatus, tokens } from './net.js';

/** Renders the join form; a joined student goes to /class/CODE (their token kept for reloads). */
export function mountJoin(root: HTMLElement, code: string | null, onError: (e: unknown) => void): () => void {
  const codeIn = h('input', { id: uid('code'), type: 'text', maxlength: 12, autocapitalize: 'characters', autocomplete: 'off', value: code ?? '', required: true, 'data-test': 'class-code' });
  const nameIn = h('input', { id: uid('name'), type: 'text', maxlength: CLASS_NAME_MAX, autocomplete: 'nickname', required: true, 'data-test': 'class-name' });
  const btn = h('button', { type: 'submit', class: 'primary big', 'data-test': 'class-join', text: tr('ui.class.join') });
  const form = h('form', { class: 'card narrow' },
    h('h1', { text: tr('ui.class.joinTitle') }),
    h('div', { class: 'field' }, h('label', { for: codeIn.id, text: tr('ui.class.code') }), codeIn),
    h('div', { class: 'field' }, h('label', { for: nameIn.id, text: tr('ui.class.name') }), nameIn, h('small', { class: 'muted', text: tr('ui.class.nameHint') })),
    btn,
    h('p', {}, h('a', { href: '/class/new', 'data-test': 'host-class', text: tr('ui.class.hostLink') })));
  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    const c = codeIn.value.replace(/[\s-]/g, '').toUpperCase();
    if (!c) return codeIn.focus();
    btn.disabled = true;
    // A wrong or ended code gets the class's own words, not the matchmaker's ("room … not found").
    classStatus(c)
      .then((st) => {
        if (st === 'none') throw new Error(tr('class.error.notFound'));
        if (st === 'finished') throw new Error(tr('class.error.ended'));
        return ClassConnection.join(c, { name: nameIn.value });
      })
      .then((conn) => {
        conn.on('class:welcome', (w) => {
          if (w.studentToken) tokens.setStudent(w.code, w.studentToken);
          conn.leave();
          location.assign(`/class/${w.code}`);
        });
      })
      .catch((e: unknown) => { btn.disabled = false; onError(e); });
  });
  replace(root, form);
  (code ? nameIn : codeIn).focus();
  return () => undefined;
}
