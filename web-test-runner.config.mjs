// Browser tests in the machine's own Chromium (no browser download), with a real
// local TaskRouter server started once for the tests that talk to it.
import { chromeLauncher, defaultReporter } from '@web/test-runner';
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { fileURLToPath } from 'node:url';
import { requireChrome, CHROME_ARGS } from './scripts/chrome-path.mjs';
import { startLocalServer } from './scripts/local-server.mjs';
import { summaryReporter } from './scripts/wtr-summary-reporter.mjs';
import { secondKitCopy } from './test/elements/second-kit-copy.mjs';
import { shippedBundle } from './test/elements/shipped-bundle.mjs';

const tsconfig = fileURLToPath(new URL('./tsconfig.json', import.meta.url));

/** eventemitter3 ships CommonJS as its main entry; the browser needs its ESM build. */
const resolveEventEmitter = {
  name: 'resolve-eventemitter3',
  resolveImport({ source }) {
    if (source === 'eventemitter3') return '/node_modules/eventemitter3/dist/eventemitter3.esm.js';
  },
};

/** Starts `taskrouter-kit serve --dev --memory` for the whole run and tells the test pages its URL. */
function localTaskRouterServer() {
  let server;
  return {
    name: 'local-taskrouter-server',
    async serverStart() {
      server = await startLocalServer();
    },
    async serverStop() {
      await server?.stop();
    },
    transform(context) {
      if (context.response.is('html') && server) {
        return {
          body: context.body.replace(
            '<head>',
            `<head><script>window.__TASKROUTER_SERVER__ = ${JSON.stringify(server.url)};</script>`,
          ),
        };
      }
    },
  };
}

export default {
  files: ['test/**/*.browser.test.ts'],
  nodeResolve: true,
  concurrency: 1,
  testFramework: { config: { timeout: 20000 } },
  testsFinishTimeout: 10 * 60 * 1000,
  browsers: [
    chromeLauncher({
      launchOptions: { executablePath: requireChrome(), headless: true, args: CHROME_ARGS },
    }),
  ],
  // A second copy of the kit's modules for the "kit loaded twice" test; the minified bundle for its own test.
  middleware: [secondKitCopy, shippedBundle],
  plugins: [
    resolveEventEmitter,
    esbuildPlugin({ ts: true, tsconfig, target: 'es2022' }),
    localTaskRouterServer(),
  ],
  reporters: [defaultReporter({ reportTestResults: true, reportTestProgress: false }), summaryReporter()],
};
