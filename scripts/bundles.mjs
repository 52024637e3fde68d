// The build's esbuild settings, shared by `npm run build` and `npm run size` so that
// what is measured is what ships.
import { fileURLToPath } from 'node:url';

export const tsconfig = fileURLToPath(new URL('../tsconfig.json', import.meta.url));

/**
 * eventemitter3's `import` entry wraps its CommonJS build, which drags esbuild's interop
 * helpers into the bundle; the package's own ES module build is the same code without them.
 * (Its exports map hides that file, hence the path.)
 */
const eventEmitterEsm = fileURLToPath(new URL('../node_modules/eventemitter3/dist/eventemitter3.esm.js', import.meta.url));

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

/** For bundles that carry their dependencies inside (not the library build, which leaves them to the app). */
export const dependenciesInside = { alias: { eventemitter3: eventEmitterEsm } };

/** The single-file kit for `<script type="module">` pages: elements and SDK, Lit inside. */
export const fullKitEntry = 'src/index.ts';
/** The SDK alone (eventemitter3 inside). */
export const sdkEntry = 'src/sdk/index.ts';
