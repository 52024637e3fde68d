// `npm run size`: minified + gzip size of the whole kit (Lit included) and of the SDK
// entry, against their budgets, beside the published twilio-taskrouter package
// measured the same way in the same run. Exits non-zero when over budget.
import { build } from 'esbuild';
import { gzipSync } from 'node:zlib';
import { createRequire } from 'node:module';
import { browserBundle, fullKitEntry, sdkEntry } from './bundles.mjs';

const KB = 1024;
const BUDGETS = { kit: 30 * KB, sdk: 8 * KB };

async function measure(entryPoint) {
  const result = await build({ ...browserBundle, entryPoints: [entryPoint], minify: true, write: false });
  const code = result.outputFiles[0].contents;
  return { minified: code.length, gzip: gzipSync(code, { level: 9 }).length };
}

const format = (bytes) => `${(bytes / KB).toFixed(2)} KB`;
const require = createRequire(import.meta.url);
const published = require.resolve('twilio-taskrouter/dist/index.window.js');

const kit = await measure(fullKitEntry);
const sdk = await measure(sdkEntry);
const reference = await measure(published);

const rows = [
  ['taskrouter-kit (elements + SDK + Lit)', kit, BUDGETS.kit],
  ['taskrouter-kit/sdk', sdk, BUDGETS.sdk],
  ['twilio-taskrouter (published, for reference)', reference, undefined],
];
let over = false;
for (const [name, size, budget] of rows) {
  const verdict = budget === undefined ? '' : size.gzip <= budget ? `  ok (budget ${format(budget)})` : `  OVER BUDGET (${format(budget)})`;
  if (budget !== undefined && size.gzip > budget) over = true;
  console.log(`${name}: ${format(size.minified)} minified, ${format(size.gzip)} min+gzip${verdict}`);
}
console.log(`sdk / twilio-taskrouter (min+gzip): ${(sdk.gzip / reference.gzip).toFixed(3)}`);
process.exit(over ? 1 : 0);
