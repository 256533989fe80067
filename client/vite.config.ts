/**
 * Vite 8 (rolldown) build of the browser client: root client/, output ../dist (served by the
 * server). Phaser goes to its own long-cached chunk (STACK.md Phaser/Vite trap 5).
 */
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const root = fileURLToPath(new URL('.', import.meta.url));

export default defineConfig({
  root,
  base: '/',
  build: {
    outDir: fileURLToPath(new URL('../dist', import.meta.url)),
    emptyOutDir: true,
    target: 'es2022',
    chunkSizeWarningLimit: 1600,
    rolldownOptions: {
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
