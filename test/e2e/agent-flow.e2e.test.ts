// The newcomer's first minute, end to end: `npm start`'s script, the URL it prints, the default story.
// An agent goes available, a task created in the scenario panel rings in the inbox, is accepted and
// completed, the queue statistics move; then the sockets drop and the elements reconnect.
import assert from 'node:assert/strict';
import { copyFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import type { Page } from 'playwright-core';
import { ROOT, screenshot, useDemoSession } from './support/demo.js';

/** The connection line once connected (the element's text has whitespace around it). */
const CONNECTED = /^\s*Connected\s*$/;

const session = useDemoSession();

/** The totals row of the queue statistics, by column header: `{ Waiting: '0', Completed: '1', … }`. */
function queueTotals(page: Page): Promise<Record<string, string>> {
  return page.locator('#canvas tr-queue-stats').evaluate((element) => {
    const root = element.shadowRoot!;
    const headers = [...root.querySelectorAll('thead th')].map((cell) => cell.textContent!.trim());
    const totals = [...root.querySelectorAll('tfoot tr > *')].map((cell) => cell.textContent!.trim());
    return Object.fromEntries(headers.map((header, index) => [header, totals[index] ?? '']));
  });
}

/** Waits until the totals row shows these numbers (statistics refresh on queue events and on a timer). */
async function waitForTotals(page: Page, expected: Record<string, number>): Promise<void> {
  const deadline = Date.now() + 20_000;
  for (;;) {
    const totals = await queueTotals(page);
    if (Object.entries(expected).every(([column, value]) => totals[column] === String(value))) return;
    if (Date.now() > deadline) throw new Error(`queue totals: expected ${JSON.stringify(expected)}, saw ${JSON.stringify(totals)}`);
    await page.waitForTimeout(200);
  }
}

/** The totals once the statistics have loaded (numbers in the cumulative columns). */
async function loadedTotals(page: Page): Promise<{ entered: number; completed: number }> {
  const deadline = Date.now() + 20_000;
  for (;;) {
    const totals = await queueTotals(page);
    if (/^\d+$/.test(totals['Entered'] ?? '') && /^\d+$/.test(totals['Completed'] ?? '')) {
      return { entered: Number(totals['Entered']), completed: Number(totals['Completed']) };
    }
    if (Date.now() > deadline) throw new Error(`queue statistics never loaded: ${JSON.stringify(totals)}`);
    await page.waitForTimeout(200);
  }
}

test('npm start → agent goes available, takes a call, queue numbers move, sockets drop and recover', { timeout: 90_000 }, async () => {
  const { page, problems } = await session.open();

  const canvas = page.locator('#canvas');
  assert.equal(await page.locator('#sidebar a[aria-current="page"]').textContent(), 'Agent desktop');

  const status = canvas.locator('tr-worker-status');
  const connection = status.locator('[part="connection"]');
  await connection.filter({ hasText: CONNECTED }).waitFor();
  const before = await loadedTotals(page);
  await screenshot(page, '01-connected');

  // The seeded agent starts Available: sign off, then go available again, from the element itself.
  const chooseActivity = async (name: string) => {
    await status.locator('[part="activity-button"]').click();
    await status.getByRole('option', { name: new RegExp(`^${name}`) }).click();
    await status.locator('[part="activity-button"] .name').filter({ hasText: name }).waitFor();
  };
  await chooseActivity('Offline');
  await status.locator('[part="activity-button"] .dot:not(.on)').waitFor();
  await chooseActivity('Available');
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
  await waitForTotals(page, { Entered: before.entered + 1, Completed: before.completed + 1 });
  await screenshot(page, '05-completed');

  // The sockets drop: the elements say so, reconnect by themselves, and are usable again.
  await page.locator('#scenario').getByRole('button', { name: 'Drop sockets' }).click();
  // While the client waits to reconnect the element says so ("Connecting…" or "Connection lost, reconnecting…").
  await connection.filter({ hasText: /reconnecting|connecting/i }).filter({ hasNotText: CONNECTED }).waitFor({ timeout: 10_000 });
  await screenshot(page, '06-reconnecting');
  await connection.filter({ hasText: CONNECTED }).waitFor({ timeout: 20_000 });
  await status.locator('[part="activity-button"]:not([disabled])').waitFor();
  await screenshot(page, '07-recovered');

  // The agent's token lapses: the client fetches a fresh one from its token URL and keeps working.
  await page.locator('#scenario').getByRole('button', { name: 'Expire token' }).click();
  await page.getByTestId('scenario-status').filter({ hasText: 'fetched a fresh one' }).waitFor({ timeout: 15_000 });
  await connection.filter({ hasText: CONNECTED }).waitFor();

  assert.deepEqual(problems, [], 'no console errors or failed requests');
});

test('CRM page story: accepting a reservation fills the record from the task attributes', { timeout: 60_000 }, async () => {
  const { page, problems } = await session.open('/#/crm-page');
  const crm = page.frameLocator('iframe.page-frame');
  await crm.locator('tr-worker-status [part="connection"]').filter({ hasText: CONNECTED }).waitFor();

  const scenario = page.locator('#scenario');
  await scenario.getByLabel('Activity of Alice').selectOption({ label: 'Available' });
  await crm.locator('tr-worker-status [part="activity-button"] .dot.on').waitFor();
  await scenario.getByLabel('Caller').selectOption({ label: 'Kenji Watanabe · sales' });
  await scenario.getByRole('button', { name: 'Create task', exact: true }).click();

  await crm.locator('tr-reservation-inbox [part="reservation"].pending [part="accept-button"]').click();
  const record = crm.locator('#record-card');
  await record.locator('h1').filter({ hasText: 'Kenji Watanabe' }).waitFor();
  assert.equal(await record.locator('[data-field="subject"]').textContent(), 'Upgrade to the business plan');
  assert.equal(await record.locator('[data-field="queue"]').textContent(), 'Sales');
  await crm.locator('tr-reservation-inbox [part="reservation"].accepted [part="complete-button"]').click();
  await record.locator('#record-status').filter({ hasText: 'Completed' }).waitFor();
  // The demo's event log hears the page's elements inside the iframe too.
  await page.locator('#tab-events').click();
  await page.locator('#panel-events .event-name').filter({ hasText: 'tr-reservation-accepted' }).waitFor();
  await screenshot(page, '08-crm-record');

  assert.deepEqual(problems, [], 'no console errors or failed requests');
});
