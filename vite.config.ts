import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { defineConfig, type Plugin } from 'vite';

const root = fileURLToPath(new URL('.', import.meta.url));
const manifestPath = `${root}custom-elements.json`;

/** Where the local server listens while the demo runs under `vite` (HMR) instead of `npm start`. */
const localServer = process.env.TASKROUTER_SERVER ?? 'http://127.0.0.1:4200';

/**
 * The controls panel reads custom-elements.json at run time. The file is generated
 * (`npm run analyze`, or scripts/start.mjs when it is missing or stale) and not committed,
 * so it is served in dev and copied into the build instead of being imported.
 */
function customElementsManifest(): Plugin {
  const read = () => (existsSync(manifestPath) ? readFileSync(manifestPath, 'utf8') : null);
  return {
    name: 'taskrouter-kit:custom-elements-manifest',
    configureServer(server) {
      server.middlewares.use('/custom-elements.json', (_request, response) => {
        const manifest = read();
        response.statusCode = manifest ? 200 : 404;
        response.setHeader('content-type', 'application/json');
        response.end(manifest ?? JSON.stringify({ error: 'custom-elements.json is missing: run npm run analyze' }));
      });
    },
    generateBundle() {
      const manifest = read();
      if (!manifest) {
        this.warn('custom-elements.json is missing: the controls panel will be empty (run npm run analyze)');
        return;
      }
      this.emitFile({ type: 'asset', fileName: 'custom-elements.json', source: manifest });
    },
  };
}

/** The demo page (demo/). `npm start` (scripts/start.mjs) serves a build of it from the local server. */
export default defineConfig({
  root: 'demo',
  base: './',
  plugins: [customElementsManifest()],
  build: {
    outDir: '../dist/demo',
    emptyOutDir: true,
    target: 'es2022',
    rolldownOptions: {
      input: {
        main: `${root}demo/index.html`,
        crm: `${root}demo/crm.html`,
      },
    },
  },
  server: {
    host: '127.0.0.1',
    port: 5173,
    // Same-origin calls of the page (dev config, tokens, REST, event bridge) go to the local server.
    proxy: {
      '/dev': localServer,
      '/v1': { target: localServer, ws: true },
    },
  },
});
