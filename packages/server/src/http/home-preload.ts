import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { api, homeRequests } from '@tuanjian/domain';
import type { Database } from '../db/connection.js';
import { SESSION_COOKIE, loadSession, publicAccount } from './session.js';

/** Today in China (UTC+8), as the browser computes it for the home's inputs (web lib/people.ts chinaToday). */
const chinaToday = () => new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);

/**
 * The home page (GET /, the single-page app's index.html). For a logged-in account it names the home's own
 * requests in a Link header (rel=preload, as=fetch), from the list the web client's home uses
 * (@tuanjian/domain homeRequests): the browser asks for them while it loads and runs the scripts instead of
 * after (the county home's figures started ~0.7 s after the page on the machine of BENCHMARKS.md), and the
 * client's own requests for the same URLs are answered by these preloads. The answers go through the API
 * routes like any request (scope and permissions checked there). The page depends on the session, so it is
 * sent whole each time (no validator: a 304 would keep an earlier session's header) and varies by cookie.
 * Other paths of the app are served as before (the not-found handler sends index.html).
 */
export function registerHomePage(app: FastifyInstance, database: Database, webDist: string): void {
  // Read once: the built client does not change under a running server (a new build is a restart).
  const file = join(webDist, 'index.html');
  if (!existsSync(file)) return;
  const html = readFileSync(file, 'utf8');
  app.get('/', { schema: { hide: true } }, async (req, reply) => {
    reply.header('content-type', 'text/html; charset=utf-8').header('cache-control', 'no-cache').header('vary', 'Cookie');
    const token = req.cookies[SESSION_COOKIE];
    const user = token ? await loadSession(database, token).catch(() => null) : null;
    if (user && !user.mustChangePassword) {
      const links = homeRequests(publicAccount(user), chinaToday()).map((r) => `<${api.urlOf(r.contract, r.input)}>; rel=preload; as=fetch; crossorigin=anonymous`);
      if (links.length) reply.header('link', links.join(', '));
    }
    return reply.send(html);
  });
}
