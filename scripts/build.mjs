// `npm run build`: the ESM library (subpath entries, dependencies external), the
// server for Node, the single-file minified bundle with Lit inside, .d.ts files and
// custom-elements.json.
import { build } from 'esbuild';
import { execFileSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { browserBundle, dependenciesInside, fullKitEntry, tsconfig } from './bundles.mjs';

rmSync('dist', { recursive: true, force: true });

// Library: one module per public entry, shared code in chunks, packages left to the app's bundler.
await build({
  ...browserBundle,
  entryPoints: {
    index: 'src/index.ts',
    elements: 'src/elements/index.ts',
    sdk: 'src/sdk/index.ts',
    expression: 'src/expression/index.ts',
    'translations/es': 'src/elements/translations/es.ts',
  },
  outdir: 'dist',
  splitting: true,
  packages: 'external',
  sourcemap: true,
});

// Server and CLI for Node; its optional peer dependencies stay external.
await build({
  entryPoints: { index: 'src/server/index.ts', cli: 'src/server/cli.ts' },
  outdir: 'dist/server',
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  packages: 'external',
  tsconfig,
  logLevel: 'warning',
});

// One file for pages without a bundler.
await build({
  ...browserBundle,
  ...dependenciesInside,
  entryPoints: [fullKitEntry],
  outfile: 'dist/taskrouter-kit.bundle.js',
  minify: true,
  sourcemap: true,
});

// Spanish for pages that use the single file: it registers into the same page-wide registry.
await build({
  ...browserBundle,
  entryPoints: ['src/elements/translations/es.ts'],
  outfile: 'dist/taskrouter-kit.es.js',
  minify: true,
});

execFileSync('npx', ['tsc', '-p', 'tsconfig.build.json'], { stdio: 'inherit' });
execFileSync('npx', ['custom-elements-manifest', 'analyze'], { stdio: 'inherit' }); // settings: custom-elements-manifest.config.mjs
console.log('build: dist/ (library, server, bundle, types) and custom-elements.json written');
