import { readFileSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CLIENT_MESSAGES, ROOM_NAME, SERVER_MESSAGES } from '../../shared/protocol/index.js';

const src = readFileSync('client/net/connection.ts', 'utf8');

describe('client/net speaks the shared protocol', () => {
  it('joins the protocol room (the name is copied to keep zod out of the bundle)', () => {
    expect(src).toContain(`export const ROOM = '${ROOM_NAME}';`);
  });

  it('sends only client messages the protocol defines', () => {
    const sent = [...src.matchAll(/(?:this\.send|room\.send)\('([\w:]+)'/g)].map((m) => m[1]!);
    expect(sent.length).toBeGreaterThan(4);
    for (const name of sent) expect(Object.keys(CLIENT_MESSAGES), name).toContain(name);
  });

  it('listens to every server message the protocol defines, and to no other', () => {
    const heard = new Set([...src.matchAll(/room\.onMessage\('([\w:]+)'/g)].map((m) => m[1]!));
    expect([...heard].sort()).toEqual(Object.keys(SERVER_MESSAGES).sort());
  });

  it('imports the protocol for types only', () => {
    expect(src).toMatch(/import type \{[^}]*\} from '\.\.\/\.\.\/shared\/protocol\/index\.js'/);
    expect(src).not.toMatch(/^import \{[^}]*\} from '\.\.\/\.\.\/shared\/protocol/m);
  });
});

describe('client module boundaries', () => {
  const files = (dir: string): string[] => readdirSync(dir, { withFileTypes: true }).flatMap((d) =>
    d.isDirectory() ? files(`${dir}/${d.name}`) : d.name.endsWith('.ts') ? [`${dir}/${d.name}`] : []);
  const all = files('client');

  it('imports @colyseus/sdk only from network modules', () => {
    const importers = all.filter((f) => /from '@colyseus\/sdk'/.test(readFileSync(f, 'utf8')));
    expect(importers).toContain('client/net/connection.ts');
    for (const f of importers) expect(f).toMatch(/^client\/(net\/|[\w-]+\/net\.ts$)/);
  });

  it('never imports server code', () => {
    for (const f of all) expect(readFileSync(f, 'utf8'), f).not.toMatch(/from '(\.\.\/)+server\//);
  });

  it('keeps Phaser out of the model and the DOM screens', () => {
    for (const f of all.filter((x) => x.startsWith('client/model/') || x.startsWith('client/ui/'))) {
      expect(readFileSync(f, 'utf8'), f).not.toMatch(/from 'phaser'/);
    }
  });
});
