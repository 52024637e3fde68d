// A page that loads one element's entry (`taskrouter-kit/elements/tr-reservation-inbox`) and nothing else:
// the entry brings <tr-provider>, leaves the other elements out, and the inbox works against the real
// local server (started by the web-test-runner config, which puts its URL in window.__TASKROUTER_SERVER__).
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { registerTranslation, TrProvider, type TrReservationInbox } from '../../src/elements/tr-reservation-inbox/index.js';
import { en } from '../../src/elements/translations/en.js';
import { TaskRouterClient } from '../../src/sdk/index.js';
import { $, text } from './helpers.js';

const server = (window as { __TASKROUTER_SERVER__?: string }).__TASKROUTER_SERVER__;
const run = `n${Date.now().toString(36)}${Math.floor(Math.random() * 1e6).toString(36)}`;
const WAIT = { timeout: 15000, interval: 50 };

describe('one element entry on its own', () => {
  let setup: TaskRouterClient;

  after(() => setup?.disconnect());

  it('defines its element and <tr-provider>, not the other elements', () => {
    expect(customElements.get('tr-provider')).to.equal(TrProvider);
    expect(customElements.get('tr-reservation-inbox')).to.be.a('function');
    for (const tag of ['tr-worker-status', 'tr-queue-stats', 'tr-queue-editor']) expect(customElements.get(tag), tag).to.equal(undefined);
  });

  it('shows a reservation from the server and accepts it, in a language the page registered through the entry', async () => {
    registerTranslation({ ...en, $code: 'de', $name: 'Deutsch', accept: 'Annehmen' });
    if (!server) throw new Error('window.__TASKROUTER_SERVER__ is not set: run these tests with web-test-runner.config.mjs');
    const workspaceToken = `${server}/dev/tokens/workspace`;
    setup = new TaskRouterClient({ workspaceToken, eventBridgeUrl: server });
    await setup.connect();
    const workspace = setup.workspace!;
    const available = (await workspace.activities.fetch({ FriendlyName: 'Available' })).data[0];
    const worker = await workspace.workers.create({ FriendlyName: `Worker ${run}`, Attributes: { skills: [run] }, ActivitySid: available.sid });
    const queue = await workspace.taskqueues.create({ FriendlyName: `Queue ${run}`, TargetWorkers: `skills HAS '${run}'` });

    const provider = await fixture<TrProvider>(html`<tr-provider lang="de" event-bridge-url=${server}
      worker-token-url=${`${server}/dev/tokens/worker?workerSid=${worker.sid}`}>
      <tr-reservation-inbox fields="name"></tr-reservation-inbox>
    </tr-provider>`);
    const inbox = provider.querySelector<TrReservationInbox>('tr-reservation-inbox')!;
    await waitUntil(() => provider.getAttribute('connection') === 'connected', 'the provider connects', WAIT);

    const response = await fetch(`${server}/dev/scenarios/tasks`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ taskQueueSid: queue.sid, taskChannel: 'default', attributes: { name: 'Ada Lovelace' } }),
    });
    expect(response.status).to.equal(201);
    await waitUntil(() => inbox.shadowRoot!.querySelector('[part=accept-button]'), 'the reservation appears in the inbox', WAIT);
    expect(text(inbox, '[part=reservation]')).to.contain(`Queue ${run}`).and.contain('Ada Lovelace');
    expect(text(inbox, '[part=accept-button]')).to.equal('Annehmen');

    $(inbox, '[part=accept-button]').click();
    await waitUntil(() => text(inbox, '[part=status]') === 'Accepted', 'the inbox shows the reservation accepted', WAIT);
  });
});
