// `npm run size`: minified + gzip size of the whole kit (Lit included), of each element's own entry (what a
// page that loads one widget ships), and of the SDK, against their budgets, beside the published
// twilio-taskrouter package measured the same way in the same run. Exits non-zero when over budget.
import { gzipSync } from 'node:zlib';
import { createRequire } from 'node:module';
import { dependenciesInside, elementEntry, elementTags, fullKitEntry, minifiedBundle, sdkEntry, sdkV1ApiEntry } from './bundles.mjs';

const KB = 1024;
/** The issues' budgets for the kit and the SDK; per element, guards against growth (a little above today's size). */
const BUDGETS = {
  kit: 30 * KB,
  sdk: 8 * KB,
  'tr-worker-status': 22.5 * KB,
  'tr-reservation-inbox': 23.5 * KB,
  'tr-queue-stats': 23.5 * KB,
  'tr-queue-editor': 26 * KB,
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
const referenceAlone = await measure(published, alone);
const reference = await measure(published);
rows.push(['twilio-taskrouter 2.1.1 dist file alone (reference)', referenceAlone, undefined]);
rows.push(['twilio-taskrouter 2.1.1 with its dependencies (reference)', reference, undefined]);

let over = false;
for (const [name, size, budget] of rows) {
  const verdict = budget === undefined ? '' : size.gzip <= budget ? `  ok (budget ${format(budget)})` : `  OVER BUDGET (${format(budget)})`;
  if (budget !== undefined && size.gzip > budget) over = true;
  console.log(`${name}: ${format(size.minified)} minified, ${format(size.gzip)} min+gzip${verdict}`);
}
const ratio = (a, b) => (a.gzip / b.gzip).toFixed(3);
console.log(`sdk / twilio-taskrouter (min+gzip, like for like): own code ${ratio(sdkAlone, referenceAlone)} of its file alone, with dependencies ${ratio(sdk, reference)} of what it ships`);
console.log(`sdk v1 API only / twilio-taskrouter (like for like): own code ${ratio(sdkV1ApiAlone, referenceAlone)}, with dependencies ${ratio(sdkV1Api, reference)}`);
process.exit(over ? 1 : 0);
