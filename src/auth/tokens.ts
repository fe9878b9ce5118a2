import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/** Roles a token can have; each route's allowed roles are listed in src/http/access.ts. */
export const ROLES = ['admin', 'coordinator', 'reviewer', 'municipality'] as const;
export type Role = (typeof ROLES)[number];

/** What a token is limited to: a reviewer's regions (counties), a municipality's own profiles. */
export interface Scope {
  regions?: string[];
  profileIds?: string[];
}

/** Who is calling, as established by the bearer token. */
export interface Principal {
  tokenId: string;
  role: Role;
  name: string;
  scope: Scope;
}

/**
 * A new random token. 32 random bytes need no slow password hash: guessing is hopeless, so a
 * SHA-256 of the token is safe to store and lets us look tokens up by hash.
 */
export function generateToken(): string {
  return `pst_${randomBytes(32).toString('base64url')}`;
}

/** The stored form of a token. */
export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** Compares two secrets in constant time (hashing first makes the lengths equal). */
export function safeEqual(a: string, b: string): boolean {
  return timingSafeEqual(createHash('sha256').update(a).digest(), createHash('sha256').update(b).digest());
}
