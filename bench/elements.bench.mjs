// Elements benchmark: bundles bench/elements/page.ts with esbuild (the tsconfig's decorators, Lit's
// production build), inlines it into bench/elements/page.html and runs it in headless Chromium via
// playwright-core, then prints the median and p95 time per update, in place and from scratch.
//   node bench/elements.bench.mjs [updates]   (default 60 updates per measurement, at 10 per second)
import { build } from 'esbuild';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { CHROME_ARGS, requireChrome } from '../scripts/chrome-path.mjs';

const here = (file) => fileURLToPath(new URL(file, import.meta.url));
const updates = Number(process.argv[2] ?? 60);

const bundle = await build({
  entryPoints: [here('./elements/page.ts')],
  bundle: true,
  format: 'esm',
  platform: 'browser',
  target: 'es2022',
  minify: true,
  write: false,
  tsconfig: here('../tsconfig.json'),
  logLevel: 'warning',
});
const script = bundle.outputFiles[0].text.replace(/<\/script/gi, '<\\/script');
const page = readFileSync(here('./elements/page.html'), 'utf8').replace('/*BENCH_SCRIPT*/', () => `window.BENCH_UPDATES = ${updates};\n${script}`);

const browser = await chromium.launch({ executablePath: process.env.CHROME_PATH || requireChrome(), headless: true, args: CHROME_ARGS });
try {
  const tab = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  tab.on('pageerror', (error) => console.error('page error:', error));
  await tab.setContent(page);
  await tab.waitForFunction(() => window.benchResult || window.benchError, null, { timeout: 10 * 60_000, polling: 200 });
  const { benchResult: result, benchError } = await tab.evaluate(() => ({ benchResult: window.benchResult, benchError: window.benchError }));
  if (benchError) throw new Error(benchError);

  const ms = (value) => `${value.toFixed(2)} ms`;
  console.log(`elements: ${result.updates} updates per measurement at 10 per second, Chromium ${browser.version()}`);
  for (const [name, label] of [['inbox', 'inbox, 200 reservations'], ['stats', 'queue stats, 500 queues']]) {
    const { inPlace, scratch } = result[name];
    console.log(`${label}: in place median ${ms(inPlace.median)}, p95 ${ms(inPlace.p95)} (script ${ms(inPlace.scriptMedian)}); ` +
      `from scratch median ${ms(scratch.median)}, p95 ${ms(scratch.p95)} (script ${ms(scratch.scriptMedian)})`);
    console.log(`${label}: from scratch / in place = ${(scratch.median / inPlace.median).toFixed(2)}x (median), ` +
      `${(scratch.p95 / inPlace.p95).toFixed(2)}x (p95), ${(scratch.scriptMedian / inPlace.scriptMedian).toFixed(2)}x (script median)`);
  }
} finally {
  await browser.close();
}
