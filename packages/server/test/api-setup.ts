/**
 * Runs before every API test file. The API suite runs its files one after another in one worker with the
 * modules loaded once (vitest.config.ts: isolate off — the server's modules and contracts cost ~4 s to load
 * per file otherwise): each file starts from the process's own environment, whatever the file before it
 * pinned (TJ_TODAY, the business date; a file that needs its own sets it at its top, after this).
 */
const g = globalThis as { tjInitialEnv?: Record<string, string | undefined> };
g.tjInitialEnv ??= { TJ_TODAY: process.env.TJ_TODAY };
for (const [key, value] of Object.entries(g.tjInitialEnv)) {
  if (value === undefined) delete process.env[key];
  else process.env[key] = value;
}
