import { SENSITIVITY } from '@atlas/seed';
import type { RequestHandler, Response } from 'express';
import type { Sensitivity } from '../config.js';
import { AppError } from '../errors.js';

export interface Caller {
  clearance: Sensitivity;
  /** The sensitivity levels this caller may see; every read query filters on it as $allowed. */
  allowed: Sensitivity[];
}

export const allowedLevels = (clearance: Sensitivity): Sensitivity[] => SENSITIVITY.slice(0, SENSITIVITY.indexOf(clearance) + 1);

/**
 * The single place the caller's clearance is decided. Until users and login exist it is the
 * server's configured clearance; a request may only lower it (X-Atlas-Clearance), e.g. to
 * preview what a partner with GREEN clearance would see before sharing a view.
 */
export function callerContext(serverClearance: Sensitivity): RequestHandler {
  return (req, res, next) => {
    const asked = req.get('x-atlas-clearance');
    let clearance = serverClearance;
    if (asked !== undefined) {
      const level = asked.trim().toUpperCase() as Sensitivity;
      if (!SENSITIVITY.includes(level)) {
        next(
          new AppError(400, 'invalid-request', 'Invalid request', 'X-Atlas-Clearance must be one of CLEAR, GREEN, AMBER, RED.', [
            { field: 'header.x-atlas-clearance', message: `'${asked}' is not a Traffic Light Protocol level` },
          ]),
        );
        return;
      }
      if (SENSITIVITY.indexOf(level) < SENSITIVITY.indexOf(clearance)) clearance = level;
    }
    res.locals.caller = { clearance, allowed: allowedLevels(clearance) } satisfies Caller;
    next();
  };
}

export const callerOf = (res: Response): Caller => res.locals.caller as Caller;
