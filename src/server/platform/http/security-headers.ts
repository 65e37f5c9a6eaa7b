/**
 * @module Security headers on every response: a Content-Security-Policy for the pages the server sends
 * (the built web app, the API docs, the 叫应 page), HSTS behind HTTPS (COOKIE_SECURE=true), and the
 * usual guards against sniffing, framing and leaking URLs (an acknowledgement link holds its token).
 */
import type { FastifyInstance } from 'fastify';

/**
 * The pages' policy. Scripts only from the app's own origin (the Vite build has no inline script);
 * styles also inline, because Ant Design writes its CSS-in-JS into <style> elements at run time and
 * ECharts' tooltips carry style attributes; images and fonts also as data: (icons) and blob: URLs;
 * requests only to the API itself; no plugins, no framing, forms post only back to the server.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "worker-src 'self' blob:",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

/** HSTS for a year, subdomains included: sent only when the server is reached over HTTPS. */
export const STRICT_TRANSPORT_SECURITY = 'max-age=31536000; includeSubDomains';

/**
 * Adds the headers to every response. The policy goes on HTML only (a route that sets its own, like
 * a stored file's `default-src 'none'; sandbox`, keeps it); `hsts` when cookies are Secure, that is
 * behind HTTPS.
 */
export function installSecurityHeaders(app: FastifyInstance, options: { hsts: boolean }): void {
  app.addHook('onSend', (_req, reply, payload, done) => {
    void reply.header('x-content-type-options', 'nosniff');
    void reply.header('x-frame-options', 'DENY');
    // same-origin, not no-referrer: a same-origin POST must still carry its real Origin header.
    void reply.header('referrer-policy', 'same-origin');
    if (options.hsts) {
      void reply.header('strict-transport-security', STRICT_TRANSPORT_SECURITY);
    }
    const type = reply.getHeader('content-type');
    if (
      typeof type === 'string' &&
      type.startsWith('text/html') &&
      !reply.hasHeader('content-security-policy')
    ) {
      void reply.header('content-security-policy', CONTENT_SECURITY_POLICY);
    }
    done(null, payload);
  });
}
