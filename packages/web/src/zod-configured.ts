/**
 * What `zod` resolves to in the web build (vite.config.ts alias): zod itself, configured before any
 * module that imports it builds a schema. zod probes whether it may compile parsers with eval when a
 * schema is built; the page's Content-Security-Policy (no 'unsafe-eval') reports that probe as a
 * violation. The domain's own set-up (packages/domain/src/zod-locale.ts) does the same, but the
 * bundle's chunks do not guarantee it runs first; ES module order guarantees this file does.
 */
import * as z from 'zod/v4';

z.config(z.locales.zhCN());
z.config({ jitless: true });

export * from 'zod/v4';
