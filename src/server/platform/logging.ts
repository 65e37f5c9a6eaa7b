/**
 * @module What the logs may hold: never a secret. The HTTP server's pino options redact credentials
 * wherever a log line carries them (headers, passwords, tokens), keep one-time tokens out of logged URLs
 * (the 叫应 link `/ack/<token>`, credentials in a URL), and keep query parameters — which may hold
 * passwords, sealed personal data or tokens — out of logged database errors.
 */

/** What replaces a redacted value. */
export const REDACTED = '[redacted]';

/**
 * Paths pino blanks in every log line (a `*` is one level of nesting): credentials in request and
 * response headers, and the usual names of secrets in any logged object.
 */
export const LOG_REDACT_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'res.headers["set-cookie"]',
  'headers.authorization',
  'headers.cookie',
  'password',
  'secret',
  'token',
  'sessionToken',
  '*.password',
  '*.secret',
  '*.token',
  '*.sessionToken',
  '*.authorization',
  '*.cookie',
];

/** Query parameters whose values are secrets wherever they appear. */
const SECRET_PARAMS = /^(token|secret|password|passwd|sig|signature|key|access_token)$/i;

/**
 * A URL (absolute, or a path with its query) fit for a log: the password of its user info, the token
 * of a one-time acknowledgement link and the values of secret-named query parameters replaced.
 */
export function scrubUrl(url: string): string {
  let out = url
    .replace(/^([a-z][a-z0-9+.-]*:\/\/[^/:@\s]*):[^@/\s]*@/i, `$1:${REDACTED}@`)
    .replace(/\/ack\/[^/?#]+/g, `/ack/${REDACTED}`);
  const q = out.indexOf('?');
  if (q >= 0) {
    const query = out
      .slice(q + 1)
      .split('&')
      .map((pair) => {
        const name = decodeURIComponentSafe(pair.split('=')[0] ?? '');
        return SECRET_PARAMS.test(name) ? `${pair.split('=')[0]}=${REDACTED}` : pair;
      })
      .join('&');
    out = `${out.slice(0, q)}?${query}`;
  }
  return out;
}

function decodeURIComponentSafe(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

/** A database error's text without its parameter values (drizzle appends them after "params:"). */
function scrubText(text: string): string {
  return text
    .replace(/\nparams: [^\n]*/g, `\nparams: ${REDACTED}`)
    .replace(
      /=\((.*?)\)( already exists| is not present| is still referenced)/g,
      `=(${REDACTED})$2`,
    );
}

/** An error in a log line. */
export interface SerializedError {
  [key: string]: unknown;
  type: string;
  message: string;
  stack: string;
}

/**
 * An error as a log line shows it: type, message, stack, code and the other plain fields a driver adds,
 * with parameter values (passwords, tokens, sealed personal data a failed query carried) removed.
 */
export function serializeError(err: unknown, depth = 0): SerializedError {
  if (!(err instanceof Error)) {
    return { type: typeof err, message: String(err), stack: '' };
  }
  const out: SerializedError = {
    type: err.name,
    message: scrubText(err.message),
    stack: scrubText(err.stack ?? ''),
  };
  for (const [k, v] of Object.entries(err)) {
    if (k === 'params' || k === 'cause' || k in out) {
      continue;
    }
    if (v === null || ['string', 'number', 'boolean'].includes(typeof v)) {
      out[k] = typeof v === 'string' ? scrubText(v) : v;
    }
  }
  if (err.cause !== undefined && depth < 3) {
    out.cause = serializeError(err.cause, depth + 1);
  }
  return out;
}

/** The request as a log line shows it (Fastify's fields), its URL scrubbed. */
function serializeRequest(req: {
  method: string;
  url: string;
  host?: string;
  ip?: string;
  socket?: { remotePort?: number };
}) {
  return {
    method: req.method,
    url: scrubUrl(req.url),
    host: req.host,
    remoteAddress: req.ip,
    remotePort: req.socket?.remotePort,
  };
}

/** The HTTP server's logger options (Fastify passes them to pino). */
export function loggerOptions(level: string, stream?: { write(line: string): void }) {
  return {
    level,
    redact: { paths: LOG_REDACT_PATHS, censor: REDACTED },
    serializers: { req: serializeRequest, err: serializeError },
    ...(stream ? { stream } : {}),
  };
}
