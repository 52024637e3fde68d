// web-test-runner middleware for the shipped-bundle tests: serves /shipped/taskrouter-kit.bundle.js and
// /shipped/<tag>.bundle.js, each built on first request exactly as `npm run build` builds them in dist/
// (esbuild, templates minified, terser), so the tests run the minified code users get, not the sources.
import { dependenciesInside, elementEntry, elementTags, fullKitEntry, minifiedBundle } from '../../scripts/bundles.mjs';

const SHIPPED_BUNDLE_URL = '/shipped/taskrouter-kit.bundle.js';
/** Served path → entry module. */
const entries = new Map([[SHIPPED_BUNDLE_URL, fullKitEntry], ...elementTags.map((tag) => [`/shipped/${tag}.bundle.js`, elementEntry(tag)])]);
const bundles = new Map();

/** @param {import('koa').Context} context @param {() => Promise<void>} next */
export async function shippedBundle(context, next) {
  const entry = entries.get(context.path);
  if (!entry) return next();
  if (!bundles.has(entry)) bundles.set(entry, minifiedBundle(entry, dependenciesInside).then(({ code }) => code));
  context.type = 'application/javascript';
  context.body = await bundles.get(entry);
}
