// The build's esbuild settings, shared by `npm run build` and `npm run size` so that
// what is measured is what ships.
import { fileURLToPath } from 'node:url';

export const tsconfig = fileURLToPath(new URL('../tsconfig.json', import.meta.url));

/** Options common to every browser bundle. */
export const browserBundle = {
  bundle: true,
  format: 'esm',
  platform: 'browser',
  target: 'es2022',
  tsconfig,
  legalComments: 'none',
  logLevel: 'warning',
};

/** The single-file kit for `<script type="module">` pages: elements and SDK, Lit inside. */
export const fullKitEntry = 'src/index.ts';
/** The SDK alone (eventemitter3 inside). */
export const sdkEntry = 'src/sdk/index.ts';
