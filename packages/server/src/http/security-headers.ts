import type { FastifyHelmetOptions } from '@fastify/helmet';

/**
 * Security headers of every answer (@fastify/helmet), with a Content-Security-Policy that fits
 * what this server serves:
 *
 * - the web client (Vite build: scripts and styles only from the server itself, no inline
 *   script). Ant Design writes its styles as `<style>` elements at run time (CSS-in-JS) and
 *   components set `style` attributes, so styles also allow 'unsafe-inline' — scripts never do.
 *   ECharts draws on canvas and needs nothing more.
 * - uploaded photos previewed from `blob:` URLs and small icons as `data:` URLs (img-src).
 * - the Swagger UI at /api/docs: its scripts and styles are files under /api/docs/static, its
 *   icons `data:` SVGs, and it reads /api/docs/json; its validator badge (an image from
 *   validator.swagger.io) is off (@fastify/swagger-ui's validatorUrl: null), so it needs no other host.
 *
 * Nothing may frame the pages (frame-ancestors 'none', X-Frame-Options DENY), no content
 * sniffing (nosniff), no referrer sent to other sites or within, and Strict-Transport-Security
 * and upgrade-insecure-requests only when the server is behind HTTPS (COOKIE_SECURE=true):
 * on a plain-HTTP intranet address they would break every request of the page.
 */
export function securityHeaders(opts: { https: boolean }): FastifyHelmetOptions {
  return {
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        baseUri: ["'self'"],
        scriptSrc: ["'self'"],
        scriptSrcAttr: ["'none'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:', 'blob:'],
        fontSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        // The service worker (/sw.js) and the web app manifest, both from the server itself.
        workerSrc: ["'self'"],
        manifestSrc: ["'self'"],
        objectSrc: ["'none'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
        ...(opts.https ? { upgradeInsecureRequests: [] } : {}),
      },
    },
    frameguard: { action: 'deny' },
    referrerPolicy: { policy: 'no-referrer' },
    strictTransportSecurity: opts.https ? { maxAge: 180 * 24 * 3600, includeSubDomains: false } : false,
    // Cross-Origin-Embedder-Policy stays off (helmet's default): nothing here is cross-origin.
  };
}
