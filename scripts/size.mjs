// `npm run size`: minified + gzip size of the whole kit (Lit included), of each element's own entry (what a
// page that loads one widget ships), and of the SDK, against their budgets, beside the published
// twilio-taskrouter package measured the same way in the same run. Prints the table, writes it to
// docs/size.md (kept in the repo, so a change's effect on size shows in its diff), and exits non-zero
// when over budget.
import { writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { resolve, sep } from 'node:path';
import { gzipSync } from 'node:zlib';
import { dependenciesInside, elementEntry, elementTags, fullKitEntry, minifiedBundle, projectRoot, sdkEntry, sdkGlobalScript, sdkV1ApiEntry } from './bundles.mjs';
import { minifyTemplates } from './minify-templates.mjs';

const KB = 1024;
/** The issues' budgets for the kit and the SDK; per element, guards against growth (a little above today's size). */
const BUDGETS = {
  kit: 30 * KB,
  sdk: 8 * KB,
  'tr-worker-status': 25 * KB,
  'tr-reservation-inbox': 26.5 * KB,
  'tr-queue-stats': 26.5 * KB,
  'tr-queue-editor': 29.5 * KB,
};

async function measure(entryPoint, options = {}) {
  const code = Buffer.from((await minifiedBundle(entryPoint, options)).code);
  return { minified: code.length, gzip: gzipSync(code, { level: 9 }).length };
}

const format = (bytes) => `${(bytes / KB).toFixed(2)} KB`;
const require = createRequire(import.meta.url);
const published = require.resolve('twilio-taskrouter/dist/index.window.js');
/** A module that imports the given entries, as a page's own entry would. */
const importing = (...entries) => ({ contents: entries.map((entry) => `export * from './${entry}';`).join('\n') });

const kit = await measure(fullKitEntry, dependenciesInside);
const sdk = await measure(sdkEntry, dependenciesInside);
const rows = [['taskrouter-kit (all four elements + SDK + Lit)', kit, BUDGETS.kit]];
for (const tag of elementTags) rows.push([`taskrouter-kit/elements/${tag} (with tr-provider, SDK, Lit)`, await measure(elementEntry(tag), dependenciesInside), BUDGETS[tag]]);
const desk = importing(...elementTags.filter((tag) => tag !== 'tr-queue-editor').map(elementEntry));
rows.push(['an agent desktop: worker status + inbox + queue stats entries', await measure(desk, dependenciesInside), undefined]);
rows.push(['taskrouter-kit/sdk (all of it: v1 API + TaskRouterClient, eventemitter3 inside)', sdk, BUDGETS.sdk]);
// Each package is measured twice, the same way: its own code alone (dependencies left out), and bundled
// with its dependencies (what a page ships). The published browser build requires axios, graphql and more.
const alone = { packages: 'external' };
const sdkAlone = await measure(sdkEntry, alone);
rows.push(['taskrouter-kit/sdk, its own code alone (eventemitter3 left out)', sdkAlone, undefined]);
const sdkV1Api = await measure(sdkV1ApiEntry, dependenciesInside);
const sdkV1ApiAlone = await measure(sdkV1ApiEntry, alone);
rows.push(['taskrouter-kit/sdk, v1 API only (Worker, Workspace, TaskQueue…; tree-shaken), eventemitter3 inside', sdkV1Api, undefined]);
rows.push(['taskrouter-kit/sdk, v1 API only, its own code alone', sdkV1ApiAlone, undefined]);
rows.push(['taskrouter-kit/bundle/taskrouter.min.js (the SDK as a classic script: Twilio.TaskRouter)', await measure(sdkEntry, sdkGlobalScript), undefined]);
const referenceAlone = await measure(published, alone);
const reference = await measure(published);
rows.push(['twilio-taskrouter 2.1.1 dist file alone (reference)', referenceAlone, undefined]);
rows.push(['twilio-taskrouter 2.1.1 with its dependencies (reference)', reference, undefined]);

// Where the whole kit's bytes are: the kit measured again with one more part left out each time; each
// part's share is what leaving it out took off, so the shares add up to the kit.
/** Leaves the project's modules under `folders` out of a bundle, as `external` does for packages. */
const leavingOut = (folders) => ({
  name: 'leave-out',
  setup(build) {
    build.onResolve({ filter: /^\./ }, ({ path, resolveDir }) =>
      folders.some((folder) => resolve(resolveDir, path).startsWith(resolve(projectRoot, folder) + sep)) ? { path, external: true } : undefined);
  },
});
const LIT = ['lit', 'lit/*', '@lit/*'];
const kitWithout = (folders) => measure(fullKitEntry, { ...dependenciesInside, external: LIT, plugins: [minifyTemplates, leavingOut(folders)] });
const layers = [kit, await kitWithout([]), await kitWithout(['src/sdk']), await kitWithout(['src/sdk', 'src/expression'])];
const parts = [
  ['Lit, @lit/context and the repeat and guard directives', layers[0].gzip - layers[1].gzip],
  ['the SDK with eventemitter3 (TaskRouterClient and the v1 classes it wraps)', layers[1].gzip - layers[2].gzip],
  ['the expression parser (the queue editor checks TargetWorkers as it is typed)', layers[2].gzip - layers[3].gzip],
  ['the elements, `<tr-provider>`, theme and English strings', layers[3].gzip],
];

const withinBudget = (size, budget) => budget === undefined || size.gzip <= budget;
for (const [name, size, budget] of rows) {
  const verdict = budget === undefined ? '' : withinBudget(size, budget) ? `  ok (budget ${format(budget)})` : `  OVER BUDGET (${format(budget)})`;
  console.log(`${name}: ${format(size.minified)} minified, ${format(size.gzip)} min+gzip${verdict}`);
}
const ratio = (a, b) => (a.gzip / b.gzip).toFixed(3);
const ratios = [
  `sdk / twilio-taskrouter (min+gzip, like for like): own code ${ratio(sdkAlone, referenceAlone)} of its file alone, with dependencies ${ratio(sdk, reference)} of what it ships`,
  `sdk v1 API only / twilio-taskrouter (like for like): own code ${ratio(sdkV1ApiAlone, referenceAlone)}, with dependencies ${ratio(sdkV1Api, reference)}`,
];
for (const line of ratios) console.log(line);
console.log(`the whole kit by part: ${parts.map(([name, bytes]) => `${name} ${format(bytes)}`).join('; ')}`);

const cell = (size, budget) => (budget === undefined ? '' : `${format(budget)} ${withinBudget(size, budget) ? 'ok' : '**over**'}`);
writeFileSync(new URL('../docs/size.md', import.meta.url), [
  '# Sizes',
  '',
  'Generated by `npm run size`; do not edit. Minified as the single-file bundles ship (esbuild, then terser), gzip level 9.',
  '',
  '| What | Minified | Min + gzip | Budget |',
  '| --- | ---: | ---: | --- |',
  ...rows.map(([name, size, budget]) => `| ${name} | ${format(size.minified)} | ${format(size.gzip)} | ${cell(size, budget)} |`),
  '',
  ...ratios.map((line) => `- ${line}`),
  '',
  '## Where the whole kit\'s bytes are',
  '',
  'Min + gzip taken off the whole kit by leaving each part out in turn (the shares add up to the kit).',
  '',
  '| Part | Min + gzip |',
  '| --- | ---: |',
  ...parts.map(([name, bytes]) => `| ${name} | ${format(bytes)} |`),
  '',
].join('\n'));
process.exit(rows.every(([, size, budget]) => withinBudget(size, budget)) ? 0 : 1);
