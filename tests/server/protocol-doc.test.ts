import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CLIENT_MESSAGES, ERROR_CODES, PUBLIC_STATE_FIELDS, SERVER_MESSAGES, errorTable } from '../../shared/protocol/index.js';
import { LOCALES } from '../../shared/index.js';
import { PROTOCOL_DOC_PATH, renderProtocolDoc } from '../../server/protocol-doc.js';
import { GameRoomState } from '../../server/rooms/room-state.js';

const doc = fs.readFileSync(PROTOCOL_DOC_PATH, 'utf8');

describe('docs/protocol.md', () => {
  it('is exactly what the zod schemas in shared/protocol generate (npm run docs:protocol)', () => {
    expect(doc).toBe(renderProtocolDoc());
  });

  it('lists every message, error code and public state field', () => {
    for (const name of [...Object.keys(CLIENT_MESSAGES), ...Object.keys(SERVER_MESSAGES), ...ERROR_CODES]) expect(doc).toContain(`\`${name}\``);
    expect(Object.keys(new GameRoomState().toJSON()).sort()).toEqual(Object.keys(PUBLIC_STATE_FIELDS).sort());
  });

  it('has every error text in every locale', () => {
    for (const locale of LOCALES) for (const code of ERROR_CODES) expect(errorTable(locale)[code]?.length).toBeGreaterThan(3);
  });

  it('covers every message the server tests send or wait for', () => {
    const dir = path.dirname(new URL(import.meta.url).pathname);
    const used = new Set<string>();
    for (const f of fs.readdirSync(dir).filter((n) => n.endsWith('.ts'))) {
      const src = fs.readFileSync(path.join(dir, f), 'utf8');
      for (const m of src.matchAll(/\.(?:send|waitFor|all)\('([a-z]+(?::[a-z]+)?)'/g)) used.add(m[1]!);
    }
    expect(used.size).toBeGreaterThan(5);
    for (const name of used) expect(doc, name).toContain(`\`${name}\``);
  });
});
