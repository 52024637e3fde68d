// web-test-runner middleware for the shipped-bundle tests: serves /shipped/taskrouter-kit.bundle.js,
// /shipped/<tag>.bundle.js and /shipped/taskrouter.min.js, each built on first request exactly as
// `npm run build` builds them in dist/ (esbuild, templates minified, terser), so the tests run the minified
// code users get, not the sources.
import { dependenciesInside, elementEntry, elementTags, fullKitEntry, minifiedBundle, sdkEntry, sdkGlobalScript } from '../../scripts/bundles.mjs';

/** Served path → [entry module, build options]. */
const entries = new Map([
  ['/shipped/taskrouter-kit.bundle.js', [fullKitEntry, dependenciesInside]],
  ...elementTags.map((tag) => [`/shipped/${tag}.bundle.js`, [elementEntry(tag), dependenciesInside]]),
  ['/shipped/taskrouter.min.js', [sdkEntry, sdkGlobalScript]],
]);
const bundles = new Map();

/** @param {import('koa').Context} context @param {() => Promise<void>} next */
export async function shippedBundle(context, next) {
  const entry = entries.get(context.path);
  if (!entry) return next();
  if (!bundles.has(context.path)) bundles.set(context.path, minifiedBundle(...entry).then(({ code }) => code));
  context.type = 'application/javascript';
  context.body = await bundles.get(context.path);
}
