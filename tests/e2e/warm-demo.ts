/**
 * Generates the demo county of each browser-suite server (SERVERS) once, so that no suite waits for one:
 * scripts/test-all.sh runs it beside the type check, on the core tsc leaves idle. Each start from then on
 * copies the cached data directory (ops/demo-snapshot.ts). `npx tsx tests/e2e/warm-demo.ts`, after the builds
 * when E2E_SERVER_BUNDLE=1 (the bundle's copy is keyed by the bundle).
 */
import { SERVERS, startServer } from './server';

for (const [name, env] of Object.entries(SERVERS)) {
  const started = Date.now();
  // Beside the type check and the API suites a county can take two minutes (120 s once in CI), startServer's usual wait.
  const server = await startServer(env, { startTimeoutMs: 600_000 });
  const code = await server.stop();
  console.log(`demo county for the ${name} browser server: ${((Date.now() - started) / 1000).toFixed(1)} s (exit ${code})`);
}
