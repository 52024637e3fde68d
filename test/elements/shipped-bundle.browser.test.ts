// The single-file bundle as it ships (minified by esbuild and terser, templates and styles minified;
// served by test/elements/shipped-bundle.mjs), used the way a page without a bundler uses it: plain
// tags against the real local server. The other tests run the sources; this one proves that what the
// minifiers did still works.
import { expect, waitUntil } from '@open-wc/testing';
import type * as Kit from '../../src/index.js';

const server = (window as { __TASKROUTER_SERVER__?: string }).__TASKROUTER_SERVER__;
const SHIPPED_BUNDLE_URL = '/shipped/taskrouter-kit.bundle.js';
const run = `b${Date.now().toString(36)}${Math.floor(Math.random() * 1e6).toString(36)}`;
const WAIT = { timeout: 15000, interval: 50 };

const shadow = (tag: string) => document.querySelector(tag)!.shadowRoot!;
const textOf = (tag: string, selector: string) => (shadow(tag).querySelector(selector)?.textContent ?? '').replace(/\s+/g, ' ').trim();

describe('the shipped single-file bundle', () => {
  let kit: typeof Kit;
  let setup: Kit.TaskRouterClient;

  before(async () => {
    if (!server) throw new Error('window.__TASKROUTER_SERVER__ is not set: run these tests with web-test-runner.config.mjs');
    kit = (await import(/* @vite-ignore */ SHIPPED_BUNDLE_URL)) as typeof Kit;
  });

  after(() => {
    setup?.disconnect();
    document.querySelector('tr-provider')?.remove();
  });

  it('runs the four elements and the SDK against the local server', async () => {
    expect(customElements.get('tr-reservation-inbox')).to.equal(kit.TrReservationInbox);
    const config = await (await fetch(`${server}/dev/config`)).json();
    const available = config.activities.find((a: { friendlyName: string }) => a.friendlyName === 'Available').sid;
    setup = new kit.TaskRouterClient({ workspaceToken: `${server}/dev/tokens/workspace`, eventBridgeUrl: server });
    await setup.connect();
    const worker = await setup.workspace!.workers.create({ FriendlyName: `Bundle ${run}`, Attributes: { skills: [run] } });
    const queue = await setup.createQueue({ FriendlyName: `Bundle queue ${run}`, TargetWorkers: `skills HAS '${run}'` });

    document.body.insertAdjacentHTML('beforeend', `<tr-provider
      worker-token-url="${server}/dev/tokens/worker?workerSid=${worker.sid}"
      workspace-token-url="${server}/dev/tokens/workspace" event-bridge-url="${server}">
      <tr-worker-status></tr-worker-status>
      <tr-reservation-inbox fields="name"></tr-reservation-inbox>
      <tr-queue-stats queues="${queue.sid}"></tr-queue-stats>
      <tr-queue-editor queue-sid="${queue.sid}" theme="dark"></tr-queue-editor>
    </tr-provider>`);
    const provider = document.querySelector('tr-provider')!;
    await waitUntil(() => provider.getAttribute('connection') === 'connected', 'the provider connects', WAIT);
    await setup.workspace!.workers.update(worker.sid, { ActivitySid: available });
    await waitUntil(() => textOf('tr-worker-status', '[part=activity-button]').startsWith('Available'), 'the status follows', WAIT);

    await fetch(`${server}/dev/scenarios/tasks`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ taskQueueSid: queue.sid, taskChannel: 'default', attributes: { name: '<b>Ada</b> Lovelace' } }),
    });
    await waitUntil(() => shadow('tr-reservation-inbox').querySelector('[part=accept-button]'), 'the reservation arrives', WAIT);
    expect(textOf('tr-reservation-inbox', '[part=reservation]')).to.contain('<b>Ada</b> Lovelace');
    expect(shadow('tr-reservation-inbox').querySelector('b')).to.equal(null);
    shadow('tr-reservation-inbox').querySelector<HTMLElement>('[part=accept-button]')!.click();
    await waitUntil(() => textOf('tr-reservation-inbox', '[part=status]') === 'Accepted', 'the reservation is accepted', WAIT);
    await waitUntil(() => [...shadow('tr-queue-stats').querySelectorAll('tbody th')].some((th) => th.textContent === `Bundle queue ${run}`),
      'the statistics list the queue', WAIT);

    // The editor's minified styles and template still apply: a grid form, the dark theme, an expression error marked.
    const editor = document.querySelector<Kit.TrQueueEditor>('tr-queue-editor')!;
    await waitUntil(() => shadow('tr-queue-editor').querySelector<HTMLInputElement>('#FriendlyName')?.value === `Bundle queue ${run}`,
      'the editor loads the queue', WAIT);
    expect(getComputedStyle(shadow('tr-queue-editor').querySelector('form')!).display).to.equal('grid');
    expect(getComputedStyle(editor).colorScheme).to.equal('dark');
    const expression = shadow('tr-queue-editor').querySelector<HTMLTextAreaElement>('#TargetWorkers')!;
    expression.value = 'skills HAS';
    expression.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
    await editor.updateComplete;
    expect(textOf('tr-queue-editor', '#TargetWorkers-error')).to.match(/^Line 1, column 11: \u2068Expected a value/);
    expect(textOf('tr-queue-editor', '[part=expression-error]')).to.equal('skills HAS');
  });
});
