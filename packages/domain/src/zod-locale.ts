import { z } from 'zod';

// Chinese messages for every zod validation, on the server and in the browser.
z.config(z.locales.zhCN());

// In the browser the page's Content-Security-Policy has no 'unsafe-eval' (server
// http/security-headers.ts): zod compiles no parsers with new Function there, and does not
// probe whether it may (the caught probe is still reported as a CSP violation).
if (typeof document !== 'undefined') z.config({ jitless: true });
