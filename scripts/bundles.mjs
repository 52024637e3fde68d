// The build's bundling settings, shared by `npm run build` and `npm run size` so that
// what is measured is what ships.
import { build } from 'esbuild';
import { fileURLToPath } from 'node:url';
import { minify } from 'terser';
import { minifyTemplates } from './minify-templates.mjs';

export const projectRoot = fileURLToPath(new URL('..', import.meta.url));
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
/** The elements' tags; each has an entry (`src/elements/<tag>/index.ts`) for a page that uses only it. */
export const elementTags = ['tr-worker-status', 'tr-reservation-inbox', 'tr-queue-stats', 'tr-queue-editor'];
export const elementEntry = (tag) => `src/elements/${tag}/index.ts`;
/** The SDK alone (eventemitter3 inside). */
export const sdkEntry = 'src/sdk/index.ts';
/**
 * The SDK as a classic script, as the TaskRouter.js v1 pages load it (`<script src>`, then
 * `new Twilio.TaskRouter.Worker(token)`): its exports on the global `Twilio.TaskRouter`.
 */
export const sdkGlobalScript = { ...dependenciesInside, format: 'iife', globalName: 'Twilio.TaskRouter' };
/** What twilio-taskrouter offers, from the SDK: its v1 API without TaskRouterClient, as an app importing only it gets it. */
export const sdkV1ApiEntry = {
  contents: "export { Worker, Workspace, TaskQueue, Reservation, Task, TaskRouterError } from './src/sdk/index.ts';",
};

/**
 * A minified single-file bundle as it ships: esbuild bundles and minifies (templates included, see
 * minify-templates.mjs), then terser's extra compression passes take about 3% more off.
 * `entry` is a module path or `{ contents }` (module source, resolved from the project root); `options`
 * are esbuild's; with `sourcemap`, the map follows both steps.
 * @returns {Promise<{code: string, map?: string}>}
 */
export async function minifiedBundle(entry, { sourcemap = false, outfile = 'bundle.js', ...options } = {}) {
  const result = await build({
    ...browserBundle,
    ...(typeof entry === 'string' ? { entryPoints: [entry] } : { stdin: { contents: entry.contents, resolveDir: projectRoot, loader: 'ts' } }),
    minify: true,
    plugins: [minifyTemplates],
    write: false,
    outfile,
    sourcemap: sourcemap && 'external',
    ...options,
  });
  const output = (suffix) => result.outputFiles.find((file) => file.path.endsWith(suffix))?.text;
  const mapName = `${outfile.split('/').pop()}.map`;
  const { code, map } = await minify(output('.js'), {
    // A classic script's top-level names are globals: only a module's may be renamed.
    module: (options.format ?? browserBundle.format) === 'esm',
    ecma: 2020,
    compress: { passes: 2 },
    format: { comments: false },
    sourceMap: sourcemap && { content: output('.js.map'), url: mapName },
  });
  return { code, map: typeof map === 'string' ? map : undefined };
}
