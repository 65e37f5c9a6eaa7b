/**
 * @module zod without eval, imported first by main.tsx: the server's Content-Security-Policy forbids
 * eval, and zod decides when each object schema is made (at import) whether to compile its parser with
 * `new Function` — a probe the browser reports as a violation even though zod catches it. So this runs
 * before any schema exists (see src/server/platform/http/security-headers.ts).
 */
import { z } from 'zod';

z.config({ jitless: true });
