import { SENSITIVITY } from '@atlas/seed';
import type { Request, RequestHandler, Response } from 'express';
import type { Sensitivity } from '../config.js';
import { AppError } from '../errors.js';

export const ROLES = ['viewer', 'editor', 'admin'] as const;
export type Role = (typeof ROLES)[number];

export interface Caller {
  clearance: Sensitivity;
  /** The sensitivity levels this caller may see; every read query filters on it as $allowed. */
  allowed: Sensitivity[];
  /** Who is asking: a User id, or 'local' for the single trusted user of a local install. */
  userId: string;
  role: Role;
}

/** The signed-in identity before the request's own X-Atlas-Clearance is applied. */
export interface Identity {
  userId: string;
  role: Role;
  clearance: Sensitivity;
}

export const LOCAL_USER_ID = 'local';

export const allowedLevels = (clearance: Sensitivity): Sensitivity[] => SENSITIVITY.slice(0, SENSITIVITY.indexOf(clearance) + 1);

/** Whether nothing in the graph is hidden from this caller (RED clearance, not lowered). */
export const seesEverything = (caller: Caller): boolean => caller.allowed.length === SENSITIVITY.length;

export const roleAtLeast = (role: Role, needed: Role): boolean => ROLES.indexOf(role) >= ROLES.indexOf(needed);

/**
 * The single place the caller's clearance is decided: the signed-in user's clearance, which a
 * request may only lower (X-Atlas-Clearance), e.g. to preview what a partner with GREEN
 * clearance would see before sharing a view.
 */
export function setCaller(req: Request, res: Response, identity: Identity): void {
  const asked = req.get('x-atlas-clearance');
  let clearance = identity.clearance;
  if (asked !== undefined) {
    const level = asked.trim().toUpperCase() as Sensitivity;
    if (!SENSITIVITY.includes(level)) {
      throw new AppError(400, 'invalid-request', 'Invalid request', 'X-Atlas-Clearance must be one of CLEAR, GREEN, AMBER, RED.', [
        { field: 'header.x-atlas-clearance', message: `'${asked}' is not a Traffic Light Protocol level` },
      ]);
    }
    if (SENSITIVITY.indexOf(level) < SENSITIVITY.indexOf(clearance)) clearance = level;
  }
  res.locals.caller = { clearance, allowed: allowedLevels(clearance), userId: identity.userId, role: identity.role } satisfies Caller;
}

/**
 * Trusted single-user mode (createApp without `auth`): every request is the local admin with
 * the server's clearance. Used by tests and by embedding code that does its own access control.
 */
export function callerContext(serverClearance: Sensitivity): RequestHandler {
  return (req, res, next) => {
    setCaller(req, res, { userId: LOCAL_USER_ID, role: 'admin', clearance: serverClearance });
    next();
  };
}

export const callerOf = (res: Response): Caller => res.locals.caller as Caller;

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Viewers read, editors write: every state-changing /api request outside /auth (which checks
 * its own rules) needs at least the editor role; /users checks for admin itself.
 */
export const requireEditorForWrites: RequestHandler = (req, res, next) => {
  if (SAFE_METHODS.has(req.method) || req.path.startsWith('/auth/')) return next();
  requireRole('editor')(req, res, next);
};

export function requireRole(needed: Role): RequestHandler {
  return (_req, res, next) => {
    const caller = res.locals.caller as Caller | undefined;
    if (!caller) return next(new AppError(401, 'unauthenticated', 'Sign-in required', `This needs the ${needed} role; sign in first.`));
    if (!roleAtLeast(caller.role, needed)) {
      next(new AppError(403, 'forbidden', 'Not allowed', `This needs the ${needed} role; you are signed in as ${caller.role}.`));
      return;
    }
    next();
  };
}
