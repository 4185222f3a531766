import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';

/**
 * The repository root, found upward from this file, so that paths hold both
 * when the server runs from src/ (tsx) and from the bundle in dist/.
 */
function findRepoRoot(from: string): string {
  for (let dir = from; ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'packages', 'server', 'package.json'))) return dir;
    if (dirname(dir) === dir) throw new Error(`repository root not found above ${from}`);
  }
}

export const REPO_ROOT = findRepoRoot(import.meta.dirname);

/** The one migration history (drizzle-kit writes it here; the bundle reads it from here too). */
export const MIGRATIONS_DIR = join(REPO_ROOT, 'packages', 'server', 'src', 'db', 'migrations');
