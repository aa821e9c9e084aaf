// The benchmarks' own account (viewer, RED) for the signed-in API (overhead.ts, firstMinute.ts, afterWrite.ts).
import type { Database } from '../../server/src/db/database.js';
import { hashPassword } from '../../server/src/features/auth/passwords.js';
import { createUser, findUserByUsername } from '../../server/src/features/auth/repository.js';

export const BENCH_USER = { username: 'bench-reader', password: 'bench-reader-password' };

export async function ensureBenchUser(db: Database): Promise<void> {
  if (await findUserByUsername(db, BENCH_USER.username)) return;
  await createUser(db, {
    username: BENCH_USER.username,
    passwordHash: await hashPassword(BENCH_USER.password),
    role: 'viewer',
    clearance: 'RED',
  });
}
