import { createHash, createHmac, randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';

/** A random secret that is URL- and header-safe. */
export const randomSecret = (bytes = 32): string => randomBytes(bytes).toString('base64url');

export const newId = (prefix: string): string => `${prefix}-${randomUUID()}`;

/**
 * API tokens carry 256 random bits, so a plain SHA-256 is enough to store them safely (no
 * password-style stretching needed), and it lets a token be found by its hash in one lookup.
 */
export const API_TOKEN_PREFIX = 'atlas_';
export const newApiToken = (): string => API_TOKEN_PREFIX + randomSecret(32);
export const hashApiToken = (token: string): string => createHash('sha256').update(token).digest('hex');

export function safeEqual(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

export const hmac = (secret: string, value: string): string => createHmac('sha256', secret).update(value).digest('base64url');
