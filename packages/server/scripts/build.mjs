// Bundles the server (and the domain package it imports as TypeScript) into dist/main.mjs,
// so that `npm start` runs plain Node without a TypeScript loader in memory (see BENCHMARKS.md,
// "Memory"). Third-party packages stay external: they are loaded from node_modules as usual.
import { readFileSync, rmSync } from 'node:fs';
import { build } from 'esbuild';

const deps = (file) => Object.keys(JSON.parse(readFileSync(new URL(file, import.meta.url), 'utf8')).dependencies ?? {});
const external = [...new Set([...deps('../package.json'), ...deps('../../domain/package.json')])].filter((d) => !d.startsWith('@tuanjian/'));

// main.mjs is small: it opens the listener (the start-up page) and then imports the rest, a chunk
// (code splitting), so the first answer does not wait for Fastify, PGlite and every module to load.
rmSync(new URL('../dist/chunks', import.meta.url).pathname, { recursive: true, force: true });
await build({
  entryPoints: [new URL('../src/main.ts', import.meta.url).pathname],
  outdir: new URL('../dist', import.meta.url).pathname,
  outExtension: { '.js': '.mjs' },
  splitting: true,
  chunkNames: 'chunks/[name]-[hash]',
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  sourcemap: true,
  external: [...external, ...external.map((d) => `${d}/*`)],
  logLevel: 'warning',
});
