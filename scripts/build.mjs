// `npm run build`: the ESM library (subpath entries, dependencies external), the server for
// Node, the single-file minified bundles with Lit inside (the whole kit, and one per element),
// .d.ts files and custom-elements.json.
import { build } from 'esbuild';
import { execFileSync } from 'node:child_process';
import { basename } from 'node:path';
import { mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { browserBundle, dependenciesInside, elementEntry, elementTags, fullKitEntry, minifiedBundle, sdkEntry, sdkGlobalScript, tsconfig } from './bundles.mjs';

// dist/demo is the page `npm start` built and is serving: left in place, so a build does not take it down.
mkdirSync('dist', { recursive: true });
for (const entry of readdirSync('dist', { withFileTypes: true }).filter((entry) => entry.name !== 'demo')) {
  rmSync(`dist/${entry.name}`, { recursive: true, force: true });
}

// Library: one module per public entry, shared code in chunks, packages left to the app's bundler.
const library = await build({
  ...browserBundle,
  entryPoints: {
    index: 'src/index.ts',
    elements: 'src/elements/index.ts',
    ...Object.fromEntries(elementTags.map((tag) => [`elements/${tag}`, elementEntry(tag)])),
    sdk: 'src/sdk/index.ts',
    expression: 'src/expression/index.ts',
    'translations/es': 'src/elements/translations/es.ts',
  },
  outdir: 'dist',
  splitting: true,
  packages: 'external',
  sourcemap: true,
  metafile: true,
});

// A re-export-only entry that another entry imports (src/index.ts re-exports the elements and the SDK) still gets a
// shared chunk of its own from esbuild, with no code in it. Drop those chunks, and blank the lines importing them
// (blank, not removed, so the source maps' line numbers still hold).
const outputs = Object.entries(library.metafile.outputs);
const emptyChunks = outputs
  .filter(([file, output]) => file.endsWith('.js') && !output.entryPoint && Object.values(output.inputs).every((input) => input.bytesInOutput === 0))
  .map(([file]) => file);
for (const chunk of emptyChunks) for (const file of [chunk, `${chunk}.map`]) rmSync(file);
for (const [file, output] of outputs) {
  const dropped = output.imports.filter((imported) => emptyChunks.includes(imported.path));
  if (!dropped.length) continue;
  let code = readFileSync(file, 'utf8');
  for (const { path } of dropped) code = code.replace(new RegExp(`^import "[./]*${basename(path)}";$`, 'm'), '');
  writeFileSync(file, code);
}

// Server and CLI for Node; its optional peer dependencies stay external. Token minting has its own entry, which
// needs none of them: a back end that only mints tokens installs no server packages.
await build({
  entryPoints: { index: 'src/server/index.ts', cli: 'src/server/cli.ts', tokens: 'src/server/tokens/index.ts' },
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

/** Writes a minified single-file bundle (and its source map). */
async function writeBundle(entryPoint, outfile, options = {}) {
  const { code, map } = await minifiedBundle(entryPoint, { outfile, sourcemap: true, ...options });
  mkdirSync('dist', { recursive: true });
  writeFileSync(outfile, code);
  if (map) writeFileSync(`${outfile}.map`, map);
}

// One file for pages without a bundler, and one per element for a page that shows only that one.
await writeBundle(fullKitEntry, 'dist/taskrouter-kit.bundle.js', dependenciesInside);
for (const tag of elementTags) await writeBundle(elementEntry(tag), `dist/${tag}.bundle.js`, dependenciesInside);
await writeBundle(sdkEntry, 'dist/taskrouter.min.js', sdkGlobalScript);
// Spanish for pages that use the single file: it registers into the same page-wide registry.
await writeBundle('src/elements/translations/es.ts', 'dist/taskrouter-kit.es.js');

execFileSync('npx', ['tsc', '-p', 'tsconfig.build.json'], { stdio: 'inherit' });
execFileSync('npx', ['custom-elements-manifest', 'analyze'], { stdio: 'inherit' }); // settings: custom-elements-manifest.config.mjs
console.log('build: dist/ (library, server, bundle, types) and custom-elements.json written');
