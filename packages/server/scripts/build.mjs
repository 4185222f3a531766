// Bundles the server (and the domain package it imports as TypeScript) into dist/main.mjs,
// so that `npm start` runs plain Node without a TypeScript loader in memory (see BENCHMARKS.md,
// "Memory"). Third-party packages stay external: they are loaded from node_modules as usual.
import { readFileSync } from 'node:fs';
import { build } from 'esbuild';

const deps = (file) => Object.keys(JSON.parse(readFileSync(new URL(file, import.meta.url), 'utf8')).dependencies ?? {});
const external = [...new Set([...deps('../package.json'), ...deps('../../domain/package.json')])].filter((d) => !d.startsWith('@tuanjian/'));

await build({
  entryPoints: [new URL('../src/main.ts', import.meta.url).pathname],
  outfile: new URL('../dist/main.mjs', import.meta.url).pathname,
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  sourcemap: true,
  external: [...external, ...external.map((d) => `${d}/*`)],
  logLevel: 'warning',
});
