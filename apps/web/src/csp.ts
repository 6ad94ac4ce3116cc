import { config } from 'zod';

/**
 * The platform's Content-Security-Policy allows no `'unsafe-eval'` (apps/server/src/http/security-headers.ts).
 * Zod compiles object parsers with `new Function` when it may, and probes for that with a `Function('')` call
 * that the policy refuses and reports as a violation. Parsing without the compiled fast path is plenty for
 * the forms and answers of the web app.
 */
config({ jitless: true });
