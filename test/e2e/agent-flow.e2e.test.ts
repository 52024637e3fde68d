// The newcomer's first minute, end to end: `npm start`'s script, the URL it prints, the default story.
// An agent goes available, a task created in the scenario panel rings in the inbox, is accepted and
// completed, the queue statistics move; then the sockets drop and the elements reconnect.
import assert from 'node:assert/strict';
import { copyFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { launchChromium, ROOT, screenshot, startDemo, watchForProblems, type RunningDemo } from './support/demo.js';

let demo: RunningDemo;
let browser: Browser;

before(async () => {
  [demo, browser] = await Promise.all([startDemo(), launchChromium()]);
});

after(async () => {
  await browser?.close();
  await demo?.stop();
});

/** The totals row of the queue statistics, by column header: `{ Waiting: '0', Completed: '1', … }`. */
function queueTotals(page: Page): Promise<Record<string, string>> {
  return page.locator('#canvas tr-queue-stats').evaluate((element) => {
    const root = element.shadowRoot!;
    const headers = [...root.querySelectorAll('thead th')].map((cell) => cell.textContent!.trim());
    const totals = [...root.querySelectorAll('tfoot tr > *')].map((cell) => cell.textContent!.trim());
    return Object.fromEntries(headers.map((header, index) => [header, totals[index] ?? '']));
  });
}

/** Waits until a column of the totals row differs from what it was. */
async function waitForTotalChange(page: Page, column: string, before: string): Promise<string> {
  const deadline = Date.now() + 20_000;
  for (;;) {
    const now = (await queueTotals(page))[column];
    if (now !== undefined && now !== before) return now;
    if (Date.now() > deadline) throw new Error(`queue statistics: ${column} stayed at ${before}`);
    await page.waitForTimeout(200);
  }
}

test('npm start → agent goes available, takes a call, queue numbers move, sockets drop and recover', { timeout: 90_000 }, async () => {
  const page = await browser.newPage({ viewport: { width: 1440, height: 960 } });
  const problems = watchForProblems(page);
  await page.goto(demo.url);

  const canvas = page.locator('#canvas');
  await page.locator('#canvas[data-state="ready"]').waitFor({ timeout: 30_000 });
  assert.equal(await page.locator('#sidebar a[aria-current="page"]').textContent(), 'Agent desktop');

  const status = canvas.locator('tr-worker-status');
  const connection = status.locator('[part="connection"]');
  await connection.filter({ hasText: /^Connected$/ }).waitFor();
  const statsTable = canvas.locator('tr-queue-stats [part="totals"]');
  await statsTable.waitFor();
  const before = await queueTotals(page);
  await screenshot(page, '01-connected');

  // The agent goes available from the element itself.
  await status.locator('[part="activity-button"]').click();
  await status.getByRole('option', { name: /^Available/ }).click();
  await status.locator('[part="activity-button"] .dot.on').waitFor();
  await screenshot(page, '02-available');

  // A task from the scenario panel rings in the inbox.
  const inbox = canvas.locator('tr-reservation-inbox');
  await page.locator('#scenario').getByRole('button', { name: 'Create task', exact: true }).click();
  const ringing = inbox.locator('[part="reservation"].pending');
  await ringing.waitFor({ timeout: 15_000 });
  await screenshot(page, '03-ringing');
  if (process.env.UPDATE_DOCS_SCREENSHOTS) {
    mkdirSync(join(ROOT, 'docs'), { recursive: true });
    copyFileSync(await screenshot(page, 'demo'), join(ROOT, 'docs', 'demo.png'));
  }

  await ringing.locator('[part="accept-button"]').click();
  const accepted = inbox.locator('[part="reservation"].accepted');
  await accepted.waitFor();
  await screenshot(page, '04-accepted');

  await accepted.locator('[part="complete-button"]').click();
  await inbox.locator('[part="reservation"].completed').waitFor();
  const completed = await waitForTotalChange(page, 'Completed', before['Completed'] ?? '');
  const entered = (await queueTotals(page))['Entered'];
  assert.notEqual(entered, before['Entered'], 'the Entered total moved');
  assert.equal(Number(completed), Number(before['Completed'] || 0) + 1);
  await screenshot(page, '05-completed');

  // The sockets drop: the elements say so, reconnect by themselves, and are usable again.
  await page.locator('#scenario').getByRole('button', { name: 'Drop sockets' }).click();
  await connection.filter({ hasText: 'reconnecting' }).waitFor({ timeout: 10_000 });
  await screenshot(page, '06-reconnecting');
  await connection.filter({ hasText: /^Connected$/ }).waitFor({ timeout: 20_000 });
  await status.locator('[part="activity-button"]:not([disabled])').waitFor();
  await screenshot(page, '07-recovered');

  assert.deepEqual(problems, [], 'no console errors or failed requests');
});
