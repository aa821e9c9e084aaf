import type { Database } from '../../db/database.js';
import { defineQueries } from '../../db/queries.js';
import { int } from '../../db/values.js';
import { AppError } from '../../errors.js';

const q = defineQueries('auth', ['loginLock', 'loginFailed', 'loginSucceeded']);

/**
 * Per-account lockout, beside the per-address rate limit: an attacker spreading guesses over many
 * addresses still meets it. Five failures within 15 minutes lock the name for 30 s, doubling with
 * each further failure up to 15 minutes. Kept in Neo4j, so every API process shares it.
 */
export const LOCKOUT = { threshold: 5, baseSeconds: 30, maxSeconds: 15 * 60, windowSeconds: 15 * 60 } as const;

/** Refuses the attempt while the name is locked (the same for an unknown name). */
export async function refuseWhileLocked(db: Database, username: string): Promise<void> {
  const row = (await db.read(q.loginLock, { username })).records[0];
  if (!row) return;
  // Counted too: hammering a locked account extends its lock rather than being free.
  await recordFailure(db, username);
  const seconds = Number(row.get('seconds'));
  throw new AppError(
    429,
    'account-locked',
    'Too many failed sign-ins',
    `Too many failed sign-ins for this username; try again in ${seconds} seconds.`,
  );
}

export async function recordFailure(db: Database, username: string): Promise<void> {
  await db.write(q.loginFailed, {
    username,
    threshold: int(LOCKOUT.threshold),
    baseSeconds: int(LOCKOUT.baseSeconds),
    maxSeconds: int(LOCKOUT.maxSeconds),
    windowSeconds: int(LOCKOUT.windowSeconds),
  });
}

export async function recordSuccess(db: Database, username: string): Promise<void> {
  await db.write(q.loginSucceeded, { username });
}
