import { createHash, randomBytes } from 'node:crypto';

/** Every API key starts with this, so a bearer is recognised as a key (and secret scanners can find leaked ones). */
export const API_KEY_PREFIX = 'stpk_';
/** How many leading characters of a key are stored and shown to recognise it. */
export const VISIBLE_PREFIX_LENGTH = 12;
const KEY_SHAPE = /^stpk_[A-Za-z0-9_-]{43}$/;

export function isApiKey(token: string): boolean {
  return token.startsWith(API_KEY_PREFIX);
}

export function wellFormedApiKey(token: string): boolean {
  return KEY_SHAPE.test(token);
}

/** A new key: the prefix and 32 random bytes in base64url. */
export function generateApiKey(): string {
  return API_KEY_PREFIX + randomBytes(32).toString('base64url');
}

/** SHA-256, hex. The key is 256 random bits, so a fast hash is enough (no salt, no stretching). */
export function hashApiKey(key: string): string {
  return createHash('sha256').update(key, 'utf8').digest('hex');
}

export function visiblePrefix(key: string): string {
  return key.slice(0, VISIBLE_PREFIX_LENGTH);
}
