// @custom-elements-manifest/analyzer settings, read by `npm run build` and scripts/start.mjs.
export default {
  globs: ['src/context/**/*.ts', 'src/elements/**/*.ts'],
  exclude: ['src/**/*.test.ts'],
  litelement: true,
  // The package.json `customElements` field names the committed path; never rewrite it.
  packagejson: false,
};
