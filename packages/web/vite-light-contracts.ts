import { readdirSync } from 'node:fs';
import { join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runnerImport, type Plugin } from 'vite';

/**
 * The API contracts without their zod schemas, for the browser. The web client uses of a contract only its
 * method, path and flags (api/client.ts: the URL, the method, a file download); the schemas validate on the
 * server and give the client its types at compile time. Built in the browser they cost the county home
 * ~0.2 s of its main thread (425 contracts, 169 shared schemas: BENCHMARKS.md), so the build replaces each
 * module of packages/domain/src/api (but contract.ts, whose functions and few common schemas stay, and
 * index.ts) by what it exports, evaluated at build time:
 *   - a contract: its method, path, permission and file flag (CLIENT_FIELDS), without schemas, refs or OpenAPI text;
 *   - a constant (labels, status lists, limits): the same value, as JSON;
 *   - a schema: a stand-in that throws, naming itself, if the page ever reads it at run time.
 * Anything else (a function) fails the build: it belongs in contract.ts or outside api/.
 * TypeScript still checks the web against the real modules; only the bundle changes.
 */
const API_DIR = normalize(fileURLToPath(new URL('../domain/src/api/', import.meta.url)));
const KEPT = new Set(['contract.ts', 'index.ts']);
/** What the client reads of a contract (api/client.ts, auth/menu.ts); the rest (schemas, refs, OpenAPI's tag and summary, limits) is the server's. */
export const CLIENT_FIELDS = ['method', 'path', 'permission', 'file'] as const;

const isSchema = (v: unknown): boolean => typeof v === 'object' && v !== null && '_zod' in v;
const isContract = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && typeof (v as { method?: unknown }).method === 'string' && typeof (v as { path?: unknown }).path === 'string' && isSchema((v as { response?: unknown }).response);

/** The light module's source for one API module's exports (`file` names it in errors). */
export function lightModule(file: string, exports: Record<string, unknown>): string {
  const lines = [
    `const schema = (name) => new Proxy({}, { get(_, key) { if (typeof key === 'symbol' || key === 'then') return undefined; throw new Error(name + ': the zod schemas of the API contracts are not in the web bundle (vite-light-contracts.ts)'); } });`,
  ];
  for (const [name, value] of Object.entries(exports)) {
    let code: string;
    if (isContract(value)) code = JSON.stringify(Object.fromEntries(CLIENT_FIELDS.filter((k) => k in value).map((k) => [k, value[k]])));
    else if (isSchema(value)) code = `/* @__PURE__ */ schema(${JSON.stringify(`${file} ${name}`)})`;
    else if (typeof value === 'function' || value === undefined) throw new Error(`${file}: export ${name} is a ${typeof value}; the web bundle takes only contracts, schemas and constants from api/ (vite-light-contracts.ts)`);
    else code = JSON.stringify(value);
    lines.push(name === 'default' ? `export default ${code};` : `export const ${name} = ${code};`);
  }
  return lines.join('\n');
}

/** Every replaced module of api/ with its light source. */
export async function lightModules(): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  for (const file of readdirSync(API_DIR).filter((f) => f.endsWith('.ts') && !KEPT.has(f))) {
    const { module } = await runnerImport<Record<string, unknown>>(join(API_DIR, file), { configFile: false, logLevel: 'silent' });
    out.set(join(API_DIR, file), lightModule(file, module));
  }
  return out;
}

export function lightContracts(): Plugin {
  let modules: Promise<Map<string, string>> | undefined;
  return {
    name: 'tj-light-contracts',
    // The dev server keeps the real modules (a contract edited is served at once); the e2e suite runs the build.
    apply: 'build',
    enforce: 'pre',
    async load(id) {
      const file = normalize(id.split('?')[0]!);
      if (!file.startsWith(API_DIR)) return undefined;
      modules ??= lightModules();
      return (await modules).get(file);
    },
  };
}
