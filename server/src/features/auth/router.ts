import express, { type Request, type Response, Router } from 'express';
import type { Sensitivity } from '../../config.js';
import { AppError } from '../../errors.js';
import { type Caller, callerOf, LOCAL_USER_ID, requireRole } from '../../http/caller.js';
import { Neo4jRateLimitStore } from '../../http/rateLimitStore.js';
import { rateLimited } from '../../http/security.js';
import { parse } from '../../http/validate.js';
import { type AuthContext, clearSessionCookie, refuseCrossSite, setSessionCookie } from './authenticate.js';
import { hashPassword, verifyPassword } from './passwords.js';
import {
  countActiveAdmins,
  createApiToken,
  createUser,
  deleteApiToken,
  findUserById,
  findUserByUsername,
  listApiTokens,
  listUsers,
  publicUser,
  updateUser,
} from './repository.js';
import { LoginBody, NewTokenBody, NewUserBody, TokenParams, UserChangesBody, UserParams } from './schema.js';
import { revokeSession, sessionKey, signedSessionOf } from './sessions.js';
import { recordFailure, recordSuccess, refuseWhileLocked } from './throttle.js';

export interface LoginLimit {
  max: number;
  windowMs: number;
}

/** Sign-in, sign-out, who am I, and the caller's API tokens. */
export function authRouter(ctx: AuthContext, loginLimit: LoginLimit): Router {
  const router = Router();

  const fromForm = express.urlencoded({ extended: false, limit: '10kb' });
  // Only failed attempts count, so people who type their password right are never locked out.
  const limit = rateLimited(
    loginLimit,
    'failed sign-in attempts',
    (res) => res.locals.signedIn === true,
    new Neo4jRateLimitStore(ctx.db, 'login:'),
  );
  // The /login page posts a form and expects to be redirected; scripts post JSON and get JSON.
  router.post('/login', fromForm, async (req, res, next) => {
    if (!req.is('application/x-www-form-urlencoded')) return next();
    // Login CSRF: another site's form must not sign the browser in (to the attacker's account).
    refuseCrossSite(req, ctx.trustedOrigins, () => false);
    const user = await new Promise<void>((resolve, reject) => limit(req, res, (error?: unknown) => (error ? reject(error) : resolve())))
      .then(() => signIn(req.body?.username, req.body?.password))
      .catch((error: unknown) => {
        if (error instanceof AppError && error.status < 500) return undefined;
        throw error;
      });
    if (user) signedIn(req, res, user.id);
    res.redirect(303, user ? '/' : '/login?failed');
  });

  function signedIn(req: Request, res: Response, userId: string): void {
    res.locals.signedIn = true;
    setSessionCookie(req, res, ctx.signer, userId);
  }

  /** The account when the credentials are right, else undefined; a 429 while the name is locked out. */
  async function signIn(username: unknown, password: unknown) {
    const parsed = LoginBody.safeParse({ username, password });
    if (!parsed.success) return undefined;
    const name = parsed.data.username;
    await refuseWhileLocked(ctx.db, name);
    const user = await findUserByUsername(ctx.db, name);
    // Always verify (against a dummy hash for an unknown name) and answer alike, so neither the
    // message nor the timing tells whether the username exists or the account is disabled.
    const ok = await verifyPassword(user?.passwordHash, parsed.data.password);
    const signedInUser = user && ok && !user.disabled ? user : undefined;
    await (signedInUser ? recordSuccess(ctx.db, name) : recordFailure(ctx.db, name));
    return signedInUser;
  }

  router.post('/login', limit, async (req, res) => {
    refuseCrossSite(req, ctx.trustedOrigins, () => true);
    const { username, password } = parse(LoginBody, req, 'body');
    const user = await signIn(username, password);
    if (!user) {
      throw new AppError(401, 'invalid-credentials', 'Sign-in failed', 'The username or password is not correct.');
    }
    signedIn(req, res, user.id);
    res.json({ user: publicUser(user) });
  });

  router.post('/logout', async (req, res) => {
    const session = signedSessionOf(req, ctx.signer);
    if (session) {
      await revokeSession(ctx.db, session);
      ctx.credentials.forget(sessionKey(session));
    }
    clearSessionCookie(req, res);
    res.status(204).end();
  });

  router.get('/me', async (_req, res) => {
    const caller = callerOf(res);
    const user = caller.userId === LOCAL_USER_ID ? undefined : await findUserById(ctx.db, caller.userId);
    res.json({
      user: user ? publicUser(user) : { id: LOCAL_USER_ID, username: LOCAL_USER_ID, role: caller.role, clearance: ctx.localClearance },
      clearance: caller.clearance,
      // For clients that cannot send an Origin header with their changes (see refuseCrossSite).
      ...(res.locals.session ? { csrfToken: ctx.signer.csrfToken(res.locals.session) } : {}),
    });
  });

  router.get('/tokens', async (_req, res) => {
    res.json({ tokens: await listApiTokens(ctx.db, callerOf(res).userId) });
  });

  router.post('/tokens', async (req, res) => {
    const { name } = parse(NewTokenBody, req, 'body');
    const { userId } = callerOf(res);
    if (userId === LOCAL_USER_ID) {
      throw new AppError(
        409,
        'no-account',
        'No account to own the token',
        'Create an account (npm run create-admin) and sign in with it first.',
      );
    }
    const { token, info } = await createApiToken(ctx.db, userId, name);
    res.status(201).json({ ...info, token });
  });

  router.delete('/tokens/:id', async (req, res) => {
    const { id } = parse(TokenParams, req, 'params');
    const caller = callerOf(res);
    if (!(await deleteApiToken(ctx.db, id, caller.userId, caller.role === 'admin'))) throw AppError.notFound('API token', id);
    ctx.credentials.forgetToken(id);
    res.status(204).end();
  });

  return router;
}

/** An admin grants at most their own clearance: otherwise a GREEN admin could make a RED account and sign in with it. */
function refuseClearanceAbove(caller: Caller, clearance: Sensitivity): void {
  if (!caller.allowed.includes(clearance)) {
    throw new AppError(
      403,
      'forbidden',
      'Not allowed',
      `You can grant at most your own clearance (${caller.clearance}), not ${clearance}.`,
    );
  }
}

/** Account management, for admins only. */
export function usersRouter(ctx: AuthContext): Router {
  const router = Router();
  router.use(requireRole('admin'));

  router.get('/', async (_req, res) => {
    res.json({ users: (await listUsers(ctx.db)).map(publicUser) });
  });

  router.post('/', async (req, res) => {
    const { password, ...fields } = parse(NewUserBody, req, 'body');
    refuseClearanceAbove(callerOf(res), fields.clearance);
    if (await findUserByUsername(ctx.db, fields.username)) {
      throw new AppError(409, 'conflict', 'Username taken', `There is already an account named '${fields.username}'.`);
    }
    const user = await createUser(ctx.db, { ...fields, passwordHash: await hashPassword(password) });
    res.status(201).json({ user: publicUser(user) });
  });

  router.patch('/:id', async (req, res) => {
    const { id } = parse(UserParams, req, 'params');
    const { password, ...changes } = parse(UserChangesBody, req, 'body');
    const caller = callerOf(res);
    if (id === caller.userId && (changes.role !== undefined || changes.clearance !== undefined)) {
      throw new AppError(403, 'forbidden', 'Not allowed', 'Nobody changes their own role or clearance; ask another admin.');
    }
    if (changes.clearance !== undefined) refuseClearanceAbove(caller, changes.clearance);
    const current = await findUserById(ctx.db, id);
    if (!current) throw AppError.notFound('User', id);
    const losesAdmin = current.role === 'admin' && !current.disabled && ((changes.role && changes.role !== 'admin') || changes.disabled);
    if (losesAdmin && (await countActiveAdmins(ctx.db)) <= 1) {
      throw new AppError(409, 'last-admin', 'The last admin cannot be removed', 'Make another account admin first.');
    }
    const passwordHash = password === undefined ? undefined : await hashPassword(password);
    const user = await updateUser(ctx.db, id, { ...changes, passwordHash });
    ctx.credentials.forgetUser(id);
    if (!user) throw AppError.notFound('User', id);
    res.json({ user: publicUser(user) });
  });

  return router;
}
