// web-test-runner middleware for the shipped-bundle test: serves /shipped/taskrouter-kit.bundle.js,
// built on first request exactly as `npm run build` builds dist/taskrouter-kit.bundle.js (esbuild,
// templates minified, terser), so the test runs the minified code users get, not the sources.
import { dependenciesInside, fullKitEntry, minifiedBundle } from '../../scripts/bundles.mjs';

export const SHIPPED_BUNDLE_URL = '/shipped/taskrouter-kit.bundle.js';
let bundle;

/** @param {import('koa').Context} context @param {() => Promise<void>} next */
export async function shippedBundle(context, next) {
  if (context.path !== SHIPPED_BUNDLE_URL) return next();
  bundle ??= minifiedBundle(fullKitEntry, dependenciesInside).then(({ code }) => code);
  context.type = 'application/javascript';
  context.body = await bundle;
}
