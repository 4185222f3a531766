import * as z from 'zod/v4';

// Chinese messages for every zod validation, on the server and in the browser.
z.config(z.locales.zhCN());

// In the browser the page's Content-Security-Policy has no 'unsafe-eval' (server
// http/security-headers.ts): zod compiles no parsers with new Function there, and does not
// probe whether it may (the probe runs when a schema is built and, caught or not, is reported
// as a CSP violation).
if (typeof document !== 'undefined') z.config({ jitless: true });

/**
 * zod itself, configured. The web build resolves `zod` to this module (packages/web/vite.config.ts),
 * so ES module order guarantees the configuration above has run before any module builds a
 * schema, whichever chunk the bundler puts it in.
 */
export * from 'zod/v4';
