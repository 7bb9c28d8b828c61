// The browser session that gives single sign-on: who signed in and when, signed with a
// secret only the emulator knows. SameSite=None because Entra's pages are reached from
// other sites and its form_post responses cross sites too.
import { createHmac, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

export const SESSION_COOKIE = 'ESTSAUTH';

export interface BrowserSession {
  readonly homeTenantId: string;
  readonly homeUserId: string;
  readonly authTime: number;
  /** The `sid` claim and `session_state`. */
  readonly sessionId: string;
}

/** Entra keeps a browser session for a day without activity; long enough for any demo. */
const SESSION_MAX_AGE_MS = 24 * 3600 * 1000;

export function sessionCookieHeader(session: BrowserSession, secret: string): string {
  const payload = Buffer.from(JSON.stringify([session.homeTenantId, session.homeUserId, session.authTime, session.sessionId]), 'utf8').toString('base64url');
  return `${SESSION_COOKIE}=${payload}.${mac(payload, secret)}; Path=/; Secure; HttpOnly; SameSite=None`;
}

export function clearSessionCookieHeader(): string {
  return `${SESSION_COOKIE}=; Path=/; Secure; HttpOnly; SameSite=None; Max-Age=0`;
}

export function readSession(req: IncomingMessage, secret: string, now: number): BrowserSession | undefined {
  const value = cookieValue(req.headers.cookie, SESSION_COOKIE);
  if (!value) return undefined;
  const [payload, signature] = value.split('.');
  if (!payload || !signature) return undefined;
  const expected = Buffer.from(mac(payload, secret));
  const given = Buffer.from(signature);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
  } catch {
    return undefined;
  }
  if (!Array.isArray(parsed) || parsed.length !== 4) return undefined;
  const [homeTenantId, homeUserId, authTime, sessionId] = parsed as unknown[];
  if (typeof homeTenantId !== 'string' || typeof homeUserId !== 'string' || typeof authTime !== 'number' || typeof sessionId !== 'string') return undefined;
  if (now - authTime > SESSION_MAX_AGE_MS) return undefined;
  return { homeTenantId, homeUserId, authTime, sessionId };
}

function mac(payload: string, secret: string): string {
  return createHmac('sha256', secret).update(payload).digest('base64url');
}

function cookieValue(header: string | undefined, name: string): string | undefined {
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return undefined;
}
