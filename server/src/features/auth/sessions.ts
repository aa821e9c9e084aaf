import type { Request } from 'express';
import type { Database } from '../../db/database.js';
import { defineQueries } from '../../db/queries.js';
import { int } from '../../db/values.js';
import type { SessionPayload, SessionSigner } from './session.js';

const q = defineQueries('auth', ['revokeSession', 'sessionRevoked']);

export const SESSION_COOKIE = 'atlas_session';

function cookieValue(req: Request, name: string): string | undefined {
  for (const part of (req.get('cookie') ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return undefined;
}

/** The signed, unexpired session of the request's cookie, whether or not it was logged out. */
export const signedSessionOf = (req: Request, signer: SessionSigner): SessionPayload | undefined =>
  signer.read(cookieValue(req, SESSION_COOKIE));

/** Whether the session was ended by logout (in any API process). */
export async function sessionRevoked(db: Database, session: SessionPayload): Promise<boolean> {
  return (await db.read(q.sessionRevoked, { sid: session.sid })).records[0]?.get('revoked') === true;
}

/** The live session of the request: signed, unexpired and not ended by logout (in any API process). */
export async function sessionOf(req: Request, signer: SessionSigner, db: Database): Promise<SessionPayload | undefined> {
  const session = signedSessionOf(req, signer);
  if (!session) return undefined;
  return (await sessionRevoked(db, session)) ? undefined : session;
}

/** The session's key in the credential cache. */
export const sessionKey = (session: SessionPayload): string => `session:${session.sid}`;

export async function revokeSession(db: Database, session: SessionPayload): Promise<void> {
  await db.write(q.revokeSession, { sid: session.sid, exp: int(session.exp) });
}
