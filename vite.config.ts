import { defineConfig } from 'vite';

/** The demo page (demo/). `npm start` serves a build of it from the local server. */
export default defineConfig({
  root: 'demo',
  build: {
    outDir: '../dist/demo',
    emptyOutDir: true,
    target: 'es2022',
  },
  server: { host: '127.0.0.1', port: 5173 },
});
