import type { Sensitivity } from '../../config.js';
import type { Database } from '../../db/database.js';
import { defineQueries } from '../../db/queries.js';
import { toPlain } from '../../db/values.js';
import type { Role } from '../../http/caller.js';
import { hashApiToken, newApiToken, newId } from './tokens.js';

const q = defineQueries('auth', [
  'userByUsername',
  'userById',
  'createUser',
  'listUsers',
  'updateUser',
  'countAdmins',
  'countUsers',
  'createToken',
  'tokenByHash',
  'listTokens',
  'deleteToken',
  'touchToken',
]);

export interface StoredUser {
  id: string;
  username: string;
  passwordHash: string;
  role: Role;
  clearance: Sensitivity;
  disabled: boolean;
  createdAt: string;
}

/** What the API shows of an account: never the hash. */
export type PublicUser = Omit<StoredUser, 'passwordHash'>;

export interface ApiTokenInfo {
  id: string;
  name: string;
  userId: string;
  createdAt: string;
  lastUsedAt: string | null;
}

export const publicUser = ({ passwordHash: _hash, ...user }: StoredUser): PublicUser => user;

const asUser = (value: unknown): StoredUser => {
  const user = toPlain(value) as StoredUser;
  return { ...user, disabled: user.disabled ?? false };
};

export async function findUserByUsername(db: Database, username: string): Promise<StoredUser | undefined> {
  const row = (await db.read(q.userByUsername, { username })).records[0];
  return row ? asUser(row.get('user')) : undefined;
}

export async function findUserById(db: Database, id: string): Promise<StoredUser | undefined> {
  const row = (await db.read(q.userById, { id })).records[0];
  return row ? asUser(row.get('user')) : undefined;
}

export async function createUser(
  db: Database,
  user: { username: string; passwordHash: string; role: Role; clearance: Sensitivity },
): Promise<StoredUser> {
  const result = await db.write(q.createUser, { id: newId('user'), ...user });
  return asUser(result.records[0]?.get('user'));
}

export async function listUsers(db: Database): Promise<StoredUser[]> {
  return (await db.read(q.listUsers)).records.map((r) => asUser(r.get('user')));
}

export interface UserChanges {
  role?: Role;
  clearance?: Sensitivity;
  passwordHash?: string;
  disabled?: boolean;
}

export async function updateUser(db: Database, id: string, changes: UserChanges): Promise<StoredUser | undefined> {
  const row = (
    await db.write(q.updateUser, {
      id,
      role: changes.role ?? null,
      clearance: changes.clearance ?? null,
      passwordHash: changes.passwordHash ?? null,
      disabled: changes.disabled ?? null,
    })
  ).records[0];
  return row ? asUser(row.get('user')) : undefined;
}

export async function countActiveAdmins(db: Database): Promise<number> {
  return (await db.read(q.countAdmins)).records[0]?.get('admins') ?? 0;
}

export async function countUsers(db: Database): Promise<number> {
  return (await db.read(q.countUsers)).records[0]?.get('users') ?? 0;
}

/** Creates a token and returns its secret: the only time it is ever shown. */
export async function createApiToken(db: Database, userId: string, name: string): Promise<{ token: string; info: ApiTokenInfo }> {
  const token = newApiToken();
  const result = await db.write(q.createToken, { id: newId('token'), hash: hashApiToken(token), userId, name });
  return { token, info: toPlain(result.records[0]?.get('token')) as ApiTokenInfo };
}

export async function findByApiToken(
  db: Database,
  token: string,
): Promise<{ tokenId: string; lastUsedAt: string | null; user: StoredUser } | undefined> {
  const row = (await db.read(q.tokenByHash, { hash: hashApiToken(token) })).records[0];
  if (!row) return undefined;
  const info = toPlain(row.get('token')) as { id: string; lastUsedAt: string | null };
  return { tokenId: info.id, lastUsedAt: info.lastUsedAt, user: asUser(row.get('user')) };
}

export async function touchApiToken(db: Database, id: string): Promise<void> {
  await db.write(q.touchToken, { id });
}

export async function listApiTokens(db: Database, userId: string): Promise<ApiTokenInfo[]> {
  return (await db.read(q.listTokens, { userId })).records.map((r) => toPlain(r.get('token')) as ApiTokenInfo);
}

export async function deleteApiToken(db: Database, id: string, userId: string, anyOwner: boolean): Promise<boolean> {
  const result = await db.write(q.deleteToken, { id, userId, anyOwner });
  return (result.records[0]?.get('deleted') ?? 0) > 0;
}
