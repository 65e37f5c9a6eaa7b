/**
 * @module Refuses state-changing requests a browser sends from another site — a second line behind the
 * session cookie's SameSite=Strict (which an old browser or a same-site subdomain may not honour): a
 * POST, PUT, PATCH or DELETE whose Fetch Metadata (Sec-Fetch-Site) is not same-origin, or, from a browser
 * that sends no Fetch Metadata, whose Origin is neither this server's host nor PUBLIC_URL's. A request
 * with neither header is no browser's cross-site request (gateways, the CLI, scripts with API tokens)
 * and passes, as does one authenticated by a bearer token alone: a page on another site can send
 * neither a bearer token nor a JSON body without a CORS preflight, which this server never grants.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { AppError, AppErrorCode } from '../errors.ts';
import { SESSION_COOKIE } from './auth.http.ts';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

function hostOf(origin: string): string | undefined {
  try {
    return new URL(origin).host;
  } catch {
    return undefined;
  }
}

/** Why a request is refused as cross-site, or undefined when it may go on. */
export function crossSiteProblem(req: FastifyRequest, publicHost: string): string | undefined {
  if (SAFE_METHODS.has(req.method)) {
    return undefined;
  }
  const bearer = /^Bearer\s/i.test(req.headers.authorization ?? '');
  if (bearer && !req.cookies[SESSION_COOKIE]) {
    return undefined;
  }
  const site = req.headers['sec-fetch-site'];
  if (typeof site === 'string') {
    // `none`: typed or bookmarked by the user, not sent by a page.
    return site === 'same-origin' || site === 'none' ? undefined : `Sec-Fetch-Site: ${site}`;
  }
  const origin = req.headers.origin;
  if (origin === undefined) {
    return undefined;
  }
  const host = hostOf(origin);
  return host !== undefined && (host === req.host || host === publicHost)
    ? undefined
    : `Origin: ${origin}`;
}

/** Installs the check on every request (before authentication: nothing of it runs for a refused one). */
export function installOriginCheck(app: FastifyInstance, opts: { publicUrl: string }): void {
  const publicHost = hostOf(opts.publicUrl) ?? '';
  app.addHook('onRequest', (req, _reply, done) => {
    const problem = crossSiteProblem(req, publicHost);
    done(
      problem
        ? new AppError(AppErrorCode.Forbidden, '拒绝来自其他网站的请求', [
            { path: 'origin', message: `cross-site request refused (${problem})` },
          ])
        : undefined,
    );
  });
}
