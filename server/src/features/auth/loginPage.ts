import type { Request, RequestHandler } from 'express';
import { LOCAL_USER_ID } from '../../http/caller.js';
import type { AuthContext } from './authenticate.js';
import { sessionOf } from './sessions.js';

/**
 * A plain HTML sign-in form (no script, so the strict CSP holds) that posts to
 * /api/auth/login; the login route answers a form post with a redirect instead of JSON.
 */
export function loginPage(failed: boolean): string {
  const message = failed ? '<p role="alert">The username or password is not correct, or there were too many attempts.</p>' : '';
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Sign in · Stakeholder Atlas</title><link rel="icon" href="data:,">
<style>body{font:16px system-ui,sans-serif;display:grid;place-items:center;min-height:90vh;margin:0}
form{display:grid;gap:.75rem;min-width:18rem}input,button{font:inherit;padding:.5rem}[role=alert]{color:#a40000}</style>
</head><body><main><h1>Stakeholder Atlas</h1>${message}
<form method="post" action="/api/auth/login">
<label>Username <input name="username" autocomplete="username" required autofocus></label>
<label>Password <input name="password" type="password" autocomplete="current-password" required></label>
<button type="submit">Sign in</button></form></main></body></html>`;
}

/** Is this a browser asking for the app shell (not the API, an asset or the login page)? */
const isPageRequest = (req: Request): boolean =>
  req.method === 'GET' && !req.path.startsWith('/api/') && !req.path.startsWith('/assets/') && req.accepts(['html', 'json']) === 'html';

/** Serves /login, and sends a browser without a session there instead of the app shell. */
export function pageGate(ctx: AuthContext): RequestHandler {
  return async (req, res, next) => {
    if (req.method === 'GET' && req.path === '/login') {
      res.type('html').send(loginPage(req.query.failed !== undefined));
      return;
    }
    if (!isPageRequest(req)) return next();
    const session = await sessionOf(req, ctx.signer, ctx.db);
    if (session && (session.uid !== LOCAL_USER_ID || ctx.localAdmin)) return next();
    res.redirect(303, '/login');
  };
}
