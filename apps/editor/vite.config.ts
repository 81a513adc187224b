// Vite config for the editor. In dev (`vite`) and preview (`vite preview`) the API lives on another
// port, so the paths the API owns are proxied to it; the browser only ever talks to one origin.
// The shared journey model and the API contract are compiled from its sources (the package's `main` is a CommonJS build
// for Node), so the editor always bundles the same schema and validator the API runs.
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig, type ProxyOptions } from 'vite';

const apiUrl = process.env.API_URL ?? 'http://127.0.0.1:3000';

const apiProxy: Record<string, ProxyOptions> = Object.fromEntries(
  ['/v1', '/health', '/openapi.json'].map((path) => [path, { target: apiUrl, changeOrigin: true }]),
);

export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  plugins: [react()],
  resolve: {
    alias: {
      '@waypoint/journey': fileURLToPath(new URL('../../libs/journey/src/index.ts', import.meta.url)),
      '@waypoint/contract': fileURLToPath(new URL('../../libs/contract/src/index.ts', import.meta.url)),
    },
  },
  server: { proxy: apiProxy },
  preview: { proxy: apiProxy },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    rollupOptions: {
      // The journey lib's modules only declare things (its schemas, validator, vocabulary): the
      // pages outside the canvas import a word or two from it (ROLES, CHANNELS) without pulling
      // in the schemas and zod, which stay in the canvas chunk that needs them.
      treeshake: { moduleSideEffects: [{ test: /\/libs\/journey\/src\//, sideEffects: false }] },
    },
  },
});
