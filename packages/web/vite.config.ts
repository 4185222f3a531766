import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';
import { antdStaticStyles } from './vite-antd-styles';
import { lightContracts } from './vite-light-contracts';

/**
 * Writes a .br and a .gz beside every script and style of the build; the server sends them
 * (@fastify/static preCompressed) to a browser that accepts them — a phone on 4G gets a third of the bytes.
 */
function precompress(): Plugin {
  let outDir = 'dist';
  return {
    name: 'tj-precompress',
    apply: 'build',
    configResolved(config) {
      outDir = config.build.outDir;
    },
    writeBundle(_options, bundle) {
      for (const name of Object.keys(bundle)) {
        if (!/\.(js|css)$/.test(name)) continue;
        const file = join(outDir, name);
        const data = readFileSync(file);
        if (data.length < 1024) continue;
        writeFileSync(`${file}.br`, brotliCompressSync(data, { params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: data.length } }));
        writeFileSync(`${file}.gz`, gzipSync(data, { level: 9 }));
      }
    },
  };
}

// The dev server proxies the API to a locally running server (npm run dev:server);
// in production the server itself serves dist/ at /.
export default defineConfig({
  plugins: [react(), antdStaticStyles(), lightContracts(), precompress()],
  // `zod` is zod configured for the browser before any schema is built (the domain's zod-locale.ts).
  resolve: { alias: [{ find: /^zod$/, replacement: fileURLToPath(new URL('../domain/src/zod-locale.ts', import.meta.url)) }] },
  server: {
    port: 5173,
    proxy: { '/api': { target: 'http://127.0.0.1:3000', changeOrigin: false } },
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // dist/.vite/manifest.json: which file each source module became, read by the server to name the home's
    // chunks in the page (packages/server/src/http/home-preload.ts).
    manifest: true,
    chunkSizeWarningLimit: 1500,
    rollupOptions: {
      output: {
        // Fewer, larger files for the first screens: on a phone each file costs a round trip (165 ms
        // on 4G) and a browser fetches six at a time, so ~80 small chunks cost more than their bytes.
        // React, the router and react-query are one file; antd's core and the login form's
        // components one more; the components of the signed-in frame and the branch's home a third.
        // Everything else (other pages' components, ECharts) stays split per route (BENCHMARKS.md).
        codeSplitting: {
          groups: [
            { name: 'framework', test: /node_modules[\\/](react|react-dom|scheduler|react-router|react-router-dom|@tanstack[\\/]query-core|@tanstack[\\/]react-query|dayjs)[\\/]/, priority: 30 },
            { name: 'antd-base', test: /node_modules[\\/]antd[\\/]es[\\/](_util|config-provider|theme|style|locale|app|button|form|input|card|tabs|alert|typography|space|grid|row|col|message|notification|modal|spin|result|tooltip)[\\/]/, priority: 20 },
            // A phone fetches six files at a time after the session check: the signed-in frame's ~40 small files
            // (API contracts, icons) cost more round trips than bytes (BENCHMARKS.md).
            // What of the domain (and zod) the entry itself needs stays with the entry; the API contracts of every
            // module (not the login's) with what they need are one file instead of ~20 of 1–3 KB each.
            { name: 'contract', test: /node_modules[\\/]zod[\\/]|packages[\\/]domain[\\/]src[\\/]/, tags: ['$initial'], priority: 26 },
            { name: 'api', test: /packages[\\/]domain[\\/]src[\\/]api[\\/](?!auth\.|contract\.|index\.)/, priority: 25 },
            // The icons not already in antd's groups: one file instead of one per icon.
            { name: 'icons', test: /node_modules[\\/]@ant-design[\\/]icons(-svg)?[\\/]/, priority: 15, includeDependenciesRecursively: false },
            { name: 'antd-app', test: /node_modules[\\/]antd[\\/]es[\\/](layout|menu|drawer|badge|dropdown|avatar|tag|list|empty|statistic|progress|segmented|radio|table|select|pagination|popover|checkbox|divider|skeleton)[\\/]/, priority: 10 },
          ],
        },
      },
    },
  },
});
