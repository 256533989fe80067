/** Seat/host tokens, their hashes, seeds and join codes (server-side randomness only). */
import { createHash, randomBytes, randomInt } from 'node:crypto';
import { JOIN_CODE_ALPHABET, JOIN_CODE_LENGTH } from '../../shared/protocol/index.js';

/** A new secret token (base64url, 32 random bytes). */
export function newToken(): string {
  return randomBytes(32).toString('base64url');
}

/** The stored form of a token (SHA-256, hex): the database never holds a usable token. */
export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** A random game seed (never sent to clients). */
export function newSeed(): string {
  return randomBytes(12).toString('hex');
}

/** A short human-friendly join code, e.g. "K7QX2M". */
export function newJoinCode(): string {
  let code = '';
  for (let i = 0; i < JOIN_CODE_LENGTH; i += 1) code += JOIN_CODE_ALPHABET[randomInt(JOIN_CODE_ALPHABET.length)];
  return code;
}

/** Normalizes a typed join code ("k7qx 2m" → "K7QX2M"); null when it cannot be one. */
export function normalizeJoinCode(input: string): string | null {
  const code = input.replace(/[\s-]/g, '').toUpperCase();
  if (code.length !== JOIN_CODE_LENGTH) return null;
  for (const ch of code) if (!JOIN_CODE_ALPHABET.includes(ch)) return null;
  return code;
}
