/**
 * @module zod without eval: the server's Content-Security-Policy forbids eval, and zod decides when
 * each object schema is made (at import) whether to compile its parser with `new Function` — a probe
 * the browser reports as a violation even though zod catches it. The web build resolves every import
 * of 'zod' to this module (vite.config.ts), so the setting is made before any schema is, whichever
 * chunk the schema lands in (see src/server/platform/http/security-headers.ts).
 */
import { z } from 'zod/v4';

z.config({ jitless: true });

export * from 'zod/v4';
