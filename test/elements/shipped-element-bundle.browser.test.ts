// One element's single file as it ships (dist/tr-queue-stats.bundle.js: minified by esbuild and terser,
// served by test/elements/shipped-bundle.mjs), on a page without a bundler that shows only that element:
// it brings <tr-provider>, leaves the other elements out, and shows the local server's queues.
import { expect, waitUntil } from '@open-wc/testing';
import type * as Entry from '../../src/elements/tr-queue-stats/index.js';

const server = (window as { __TASKROUTER_SERVER__?: string }).__TASKROUTER_SERVER__;
const WAIT = { timeout: 15000, interval: 50 };
const BUNDLE_URL = '/shipped/tr-queue-stats.bundle.js';

describe("one element's shipped single file", () => {
  after(() => document.querySelector('tr-provider')?.remove());

  it('defines its element and <tr-provider> only, and shows the queues from the server', async () => {
    if (!server) throw new Error('window.__TASKROUTER_SERVER__ is not set: run these tests with web-test-runner.config.mjs');
    const entry = (await import(/* @vite-ignore */ BUNDLE_URL)) as typeof Entry;
    expect(customElements.get('tr-queue-stats')).to.equal(entry.TrQueueStats);
    expect(customElements.get('tr-provider')).to.equal(entry.TrProvider);
    for (const tag of ['tr-worker-status', 'tr-reservation-inbox', 'tr-queue-editor']) expect(customElements.get(tag), tag).to.equal(undefined);

    document.body.insertAdjacentHTML('beforeend', `<tr-provider workspace-token-url="${server}/dev/tokens/workspace" event-bridge-url="${server}">
      <tr-queue-stats columns="waiting,availableWorkers"></tr-queue-stats>
    </tr-provider>`);
    const stats = document.querySelector('tr-queue-stats')!;
    const rowNames = () => [...stats.shadowRoot!.querySelectorAll('tbody th')].map((th) => th.textContent?.trim());
    await waitUntil(() => rowNames().includes('Sales'), 'the seeded queues appear', WAIT);
    expect(stats.shadowRoot!.querySelector('[part=totals]')).to.not.equal(null);
  });
});
