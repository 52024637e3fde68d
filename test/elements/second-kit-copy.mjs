// web-test-runner middleware for the "kit loaded twice" test: serves /second-kit-copy/… as /…, so the
// browser loads a second, independent copy of every module of the kit and its dependencies (other
// URLs, other instances), as a page would with two bundles. Config: `middleware: [secondKitCopy]`.
export const SECOND_COPY_PREFIX = '/second-kit-copy';

/** @param {import('koa').Context} context @param {() => Promise<void>} next */
export function secondKitCopy(context, next) {
  if (context.path.startsWith(`${SECOND_COPY_PREFIX}/`)) context.url = context.url.slice(SECOND_COPY_PREFIX.length);
  return next();
}
