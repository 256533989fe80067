/**
 * Vite 8 (rolldown) build of the browser client: root client/, output ../dist (served by the
 * server). Phaser goes to its own long-cached chunk (STACK.md Phaser/Vite trap 5).
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import zlib from 'node:zlib';
import { defineConfig, type Plugin } from 'vite';

const root = fileURLToPath(new URL('.', import.meta.url));
const outDir = fileURLToPath(new URL('../dist', import.meta.url));

/**
 * Writes a brotli (.br) and a gzip (.gz) copy next to every text file of the build, so the server
 * sends them without compressing at request time (server/static.ts).
 */
function precompress(): Plugin {
  return {
    name: 'capex-precompress',
    apply: 'build',
    writeBundle(_opts, bundle) {
      for (const name of [...Object.keys(bundle), 'index.html']) {
        if (!/\.(js|css|html|json|svg)$/.test(name)) continue;
        const file = path.join(outDir, name);
        if (!fs.existsSync(file)) continue;
        const raw = fs.readFileSync(file);
        if (raw.length < 1024) continue;
        fs.writeFileSync(`${file}.br`, zlib.brotliCompressSync(raw, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11, [zlib.constants.BROTLI_PARAM_SIZE_HINT]: raw.length } }));
        fs.writeFileSync(`${file}.gz`, zlib.gzipSync(raw, { level: 9 }));
      }
    },
  };
}

export default defineConfig({
  root,
  base: '/',
  plugins: [precompress()],
  build: {
    outDir,
    emptyOutDir: true,
    target: 'es2022',
    chunkSizeWarningLimit: 1600,
    rolldownOptions: {
      // The precompression above takes most of the build (brotli at its best level on Phaser); the
      // timings note would repeat that on every build.
      checks: { bundlerTimings: false },
      output: {
        codeSplitting: {
          groups: [
            { name: 'phaser', test: /node_modules[\\/]phaser[\\/]/ },
            { name: 'geo', test: /node_modules[\\/](world-atlas|topojson-client|d3-geo|d3-array)[\\/]/ },
            { name: 'uplot', test: /node_modules[\\/]uplot[\\/]/ },
          ],
        },
      },
    },
  },
  server: { port: 5173, strictPort: false },
});
