import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { api, homeRequests, isBranchType } from '@tuanjian/domain';
import type { Database } from '../db/connection.js';
import { SESSION_COOKIE, loadSession, publicAccount } from './session.js';

/** Today in China (UTC+8), as the browser computes it for the home's inputs (web lib/people.ts chinaToday). */
const chinaToday = () => new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);

/**
 * The home page (GET /, the single-page app's index.html). For a logged-in account the page names, after the
 * entry's scripts, the home's own scripts (HOME_MODULES, rel=modulepreload, from the build's manifest) and then
 * the home's requests (rel=preload, as=fetch) from the list the web client's home uses (@tuanjian/domain
 * homeRequests): the browser fetches and compiles the scripts at once instead of one import after another, and
 * asks for the data while it runs them; the client's own requests for the same URLs are answered by these
 * preloads. The order matters: a browser opens six connections to a server, and the embedded database answers
 * one query at a time, so data requests named first would hold every connection while the scripts waited.
 * The session check (/api/auth/me) stays first, where index.html names it. The answers go through the API
 * routes like any request (scope and permissions checked there). The page depends on the session, so it is
 * sent whole each time (no validator: a 304 would keep an earlier session's page) and varies by cookie.
 * Other paths of the app are served as before (the not-found handler sends index.html).
 */
export function registerHomePage(app: FastifyInstance, database: Database, webDist: string): void {
  // Read once: the built client does not change under a running server (a new build is a restart).
  const file = join(webDist, 'index.html');
  if (!existsSync(file)) return;
  const html = readFileSync(file, 'utf8');
  const pages = homeScripts(webDist, html);
  app.get('/', { schema: { hide: true } }, async (req, reply) => {
    reply.header('content-type', 'text/html; charset=utf-8').header('cache-control', 'no-cache').header('vary', 'Cookie');
    const token = req.cookies[SESSION_COOKIE];
    const user = token ? await loadSession(database, token).catch(() => null) : null;
    // A member's home is the portal (the web client sends it there): nothing of the admin home to name.
    if (!user || user.mustChangePassword || user.role === 'member') return reply.send(html);
    const account = publicAccount(user);
    // The platform scope's home is a committee's overview (the first root's).
    const level = account.scopeOrgType && isBranchType(account.scopeOrgType) ? 'branch' : 'committee';
    const data = homeRequests(account, chinaToday()).map((r) => `<link rel="preload" href="${escapeAttr(api.urlOf(r.contract, r.input))}" as="fetch" crossorigin="anonymous">`);
    return reply.send(pages[level].replace('</head>', `${data.join('')}</head>`));
  });
}

const escapeAttr = (s: string) => s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');

/**
 * The source modules a home renders with besides the entry's (web App.tsx loads the frame, the home and its
 * queries at once; pages/home/homeChunks.ts and HomePage.tsx a committee's overview and its scope picker). Not the
 * chart library: a committee's charts start below the first screen and ECharts is fetched when the first of them
 * comes near it (components/EChart.tsx). The e2e home test checks that the county home loads no other script
 * the page does not name.
 */
const HOME_MODULES = {
  every: ['src/components/AppLayout.tsx', 'src/pages/home/HomePage.tsx', 'src/pages/home/homeQueries.ts'],
  committee: ['src/pages/home/CommitteeOverview.tsx', 'src/components/OrgTreeSelect.tsx'],
};

interface ManifestChunk {
  file: string;
  imports?: string[];
}

/**
 * index.html with `<link rel="modulepreload">` for the home's scripts and everything they import that the page
 * does not already load, by the kind of home; index.html as it is when the build has no manifest.
 */
function homeScripts(webDist: string, html: string): Record<'branch' | 'committee', string> {
  const manifestFile = join(webDist, '.vite', 'manifest.json');
  if (!existsSync(manifestFile)) return { branch: html, committee: html };
  const manifest = JSON.parse(readFileSync(manifestFile, 'utf8')) as Record<string, ManifestChunk>;
  const page = (sources: string[]) => {
    const files = new Set<string>();
    const visit = (key: string) => {
      const chunk = manifest[key];
      if (!chunk || key === 'index.html' || files.has(chunk.file)) return;
      files.add(chunk.file);
      for (const k of chunk.imports ?? []) visit(k);
    };
    sources.forEach(visit);
    const links = [...files].filter((f) => !html.includes(`/${f}"`)).map((f) => `<link rel="modulepreload" crossorigin href="/${f}">`);
    return html.replace('</head>', `${links.join('')}</head>`);
  };
  return { branch: page(HOME_MODULES.every), committee: page([...HOME_MODULES.every, ...HOME_MODULES.committee]) };
}
