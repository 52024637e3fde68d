// `npm run size`: minified + gzip size of the whole kit (Lit included) and of the SDK
// entry, against their budgets, beside the published twilio-taskrouter package
// measured the same way in the same run. Exits non-zero when over budget.
import { gzipSync } from 'node:zlib';
import { createRequire } from 'node:module';
import { dependenciesInside, fullKitEntry, minifiedBundle, sdkEntry, sdkV1ApiEntry } from './bundles.mjs';

const KB = 1024;
const BUDGETS = { kit: 30 * KB, sdk: 8 * KB };

async function measure(entryPoint, options = {}) {
  const code = Buffer.from((await minifiedBundle(entryPoint, options)).code);
  return { minified: code.length, gzip: gzipSync(code, { level: 9 }).length };
}

const format = (bytes) => `${(bytes / KB).toFixed(2)} KB`;
const require = createRequire(import.meta.url);
const published = require.resolve('twilio-taskrouter/dist/index.window.js');

const kit = await measure(fullKitEntry, dependenciesInside);
const sdk = await measure(sdkEntry, dependenciesInside);
const sdkV1Api = await measure(sdkV1ApiEntry, dependenciesInside);
// The published browser build requires axios, graphql and more at run time: measured alone
// (what its file weighs) and bundled with them (what a page ships).
const referenceAlone = await measure(published, { packages: 'external' });
const reference = await measure(published);

const rows = [
  ['taskrouter-kit (elements + SDK + Lit)', kit, BUDGETS.kit],
  ['taskrouter-kit/sdk (all of it: v1 API + TaskRouterClient)', sdk, BUDGETS.sdk],
  ['taskrouter-kit/sdk, v1 API only (Worker, Workspace, TaskQueue…; tree-shaken)', sdkV1Api, undefined],
  ['twilio-taskrouter 2.1.1 dist file alone (reference)', referenceAlone, undefined],
  ['twilio-taskrouter 2.1.1 with its dependencies (reference)', reference, undefined],
];
let over = false;
for (const [name, size, budget] of rows) {
  const verdict = budget === undefined ? '' : size.gzip <= budget ? `  ok (budget ${format(budget)})` : `  OVER BUDGET (${format(budget)})`;
  if (budget !== undefined && size.gzip > budget) over = true;
  console.log(`${name}: ${format(size.minified)} minified, ${format(size.gzip)} min+gzip${verdict}`);
}
const ratio = (a, b) => (a.gzip / b.gzip).toFixed(3);
console.log(`sdk / twilio-taskrouter (min+gzip): ${ratio(sdk, referenceAlone)} of its file alone, ${ratio(sdk, reference)} of what it ships`);
console.log(`sdk v1 API only / twilio-taskrouter (like for like): ${ratio(sdkV1Api, referenceAlone)} of its file alone, ${ratio(sdkV1Api, reference)} of what it ships`);
process.exit(over ? 1 : 0);
