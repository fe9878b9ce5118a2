import { randomBytes } from 'node:crypto';
import type { Context } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import type { TokenService } from '../auth/service.js';
import { hashToken, safeEqual, type Principal } from '../auth/tokens.js';
import type { Database } from '../storage/database.js';
import { deleteExpiredSessions, deleteSession, findSession, insertSession } from '../storage/sessions.js';

/** The session cookie: a random id only; the API token never leaves the server after sign-in. */
export const SESSION_COOKIE = 'ps_session';
/** Sessions end after a working day, whatever happens in between. */
export const SESSION_HOURS = 8;

/** A signed-in browser: who it acts for and the token its forms must carry. */
export interface WebSession {
  idHash: string;
  principal: Principal;
  csrf: string;
}

/** Cookie flags: Secure whenever users reach the service over HTTPS (behind a proxy the app itself sees HTTP). */
function cookieOptions(secure: boolean) {
  return { httpOnly: true, sameSite: 'Strict', path: '/', secure } as const;
}

/** Whether cookies must be Secure: when the configured public URL is HTTPS. */
export function secureCookies(publicUrl: string | undefined): boolean {
  return publicUrl?.startsWith('https:') ?? false;
}

/**
 * Starts a session for a principal: 32 random bytes as the cookie value, only their SHA-256 in
 * the database (a leaked table cannot be replayed), and a separate random CSRF token.
 */
export async function startSession(
  c: Context,
  db: Database,
  principal: Principal,
  secure: boolean,
): Promise<WebSession> {
  const id = randomBytes(32).toString('base64url');
  const csrf = randomBytes(32).toString('base64url');
  const idHash = hashToken(id);
  // Sign-in is rare: a good moment to forget sessions that ran out.
  await deleteExpiredSessions(db);
  await insertSession(db, {
    idHash,
    tokenId: principal.tokenId,
    csrf,
    expiresAt: new Date(Date.now() + SESSION_HOURS * 3600_000),
  });
  setCookie(c, SESSION_COOKIE, id, { ...cookieOptions(secure), maxAge: SESSION_HOURS * 3600 });
  return { idHash, principal, csrf };
}

/**
 * The session behind the request's cookie, with its principal looked up afresh, so a revoked
 * token signs its browsers out at once. An unknown, expired or orphaned session clears the cookie.
 */
export async function loadSession(
  c: Context,
  db: Database,
  tokens: TokenService,
  secure: boolean,
): Promise<WebSession | undefined> {
  const id = getCookie(c, SESSION_COOKIE);
  if (!id) return undefined;
  // A value we could never have issued is not worth a database round trip.
  if (!/^[A-Za-z0-9_-]{43}$/.test(id)) {
    deleteCookie(c, SESSION_COOKIE, cookieOptions(secure));
    return undefined;
  }
  const idHash = hashToken(id);
  const row = await findSession(db, idHash);
  const principal = row ? await tokens.principalById(row.token_id) : undefined;
  if (!row || !principal) {
    if (row) await deleteSession(db, idHash);
    deleteCookie(c, SESSION_COOKIE, cookieOptions(secure));
    return undefined;
  }
  return { idHash, principal, csrf: row.csrf };
}

/** Ends a session: the row is deleted, so the cookie is worthless even if it was copied. */
export async function endSession(
  c: Context,
  db: Database,
  session: WebSession,
  secure: boolean,
): Promise<void> {
  await deleteSession(db, session.idHash);
  deleteCookie(c, SESSION_COOKIE, cookieOptions(secure));
}

/** Whether a submitted form carries the session's CSRF token (compared in constant time). */
export function csrfMatches(session: WebSession, submitted: unknown): boolean {
  return typeof submitted === 'string' && submitted.length > 0 && safeEqual(submitted, session.csrf);
}

/**
 * A same-site path to return to after sign-in, or undefined. Only relative paths on this site:
 * `//evil.example`, `/\evil.example` and absolute URLs would turn sign-in into an open redirect.
 */
export function safeNext(value: unknown): string | undefined {
  if (typeof value !== 'string' || !value.startsWith('/') || value.length > 16_000) return undefined;
  // Control characters (tab, newline) are dropped by URL parsers and could hide a `//`.
  if (
    value.startsWith('//') ||
    value.startsWith('/\\') ||
    [...value].some((ch) => ch.charCodeAt(0) < 32 || ch === '\u007f')
  )
    return undefined;
  try {
    const base = 'http://partnarsok.invalid';
    const url = new URL(value, base);
    if (url.origin !== base) return undefined;
    return url.pathname + url.search;
  } catch {
    return undefined;
  }
}
