import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import '../../src/elements/index.js';
import { TaskRouterClient } from '../../src/sdk/index.js';
import type { TrProvider, TrWorkerStatus } from '../../src/elements/index.js';
import { connectedState, FakeClient, makeWorker } from './fake-client.js';
import { $, settle, text } from './helpers.js';

/** The local TaskRouter server the web-test-runner config starts for the run. */
const server = (window as { __TASKROUTER_SERVER__?: string }).__TASKROUTER_SERVER__;
const WAIT = { timeout: 15000, interval: 50 };

describe('tr-provider', () => {
  it('renders only its children and shares the client it is given', async () => {
    const client = new FakeClient(connectedState());
    const provider = await fixture<TrProvider>(html`<tr-provider .client=${client}>
      <div><tr-worker-status></tr-worker-status></div>
    </tr-provider>`);
    const status = provider.querySelector('tr-worker-status')!;
    await status.updateComplete;
    expect(getComputedStyle(provider).display).to.equal('contents');
    expect(provider.shadowRoot!.querySelector('slot')).to.not.equal(null);
    expect(status.client).to.equal(client);
    expect(text(status, '[part=connection]')).to.equal('Connected');
    expect(client.calls).to.deep.equal([]); // a client the page gives is connected by the page
    await expect(provider).to.be.accessible();
  });

  it('reaches consumers inside other shadow roots', async () => {
    const client = new FakeClient(connectedState());
    const host = document.createElement('div');
    host.attachShadow({ mode: 'open' }).innerHTML = '<tr-worker-status></tr-worker-status>';
    const provider = await fixture<TrProvider>(html`<tr-provider .client=${client}></tr-provider>`);
    provider.append(host);
    const status = host.shadowRoot!.querySelector('tr-worker-status')!;
    await status.updateComplete;
    expect(status.client).to.equal(client);
  });

  it('reflects the connection state for host CSS', async () => {
    const client = new FakeClient();
    const provider = await fixture<TrProvider>(html`<tr-provider .client=${client}></tr-provider>`);
    await provider.updateComplete;
    expect(provider.getAttribute('connection')).to.equal('connecting');
    client.set({ connection: 'failed' });
    await provider.updateComplete;
    expect(provider.getAttribute('connection')).to.equal('failed');
  });

  it('provides a new client only when it really changes', async () => {
    const first = new FakeClient(connectedState());
    const provider = await fixture<TrProvider>(html`<tr-provider .client=${first}><tr-worker-status></tr-worker-status></tr-provider>`);
    const status = provider.querySelector<TrWorkerStatus>('tr-worker-status')!;
    await settle(status);
    first.set({ queueStatistics: {} });
    expect(status.isUpdatePending).to.equal(false);
    const second = new FakeClient(connectedState({ connection: 'failed' }));
    provider.client = second;
    await settle(status);
    expect(status.client).to.equal(second);
    expect(text(status, '[part=connection]')).to.equal('Connection failed');
    first.set({ connection: 'connected' });
    expect(status.isUpdatePending).to.equal(false); // no longer listening to the old client
    expect(provider.getAttribute('connection')).to.equal('failed');
  });

  it('creates and connects a client from its attributes, and drops it when removed', async () => {
    const provider = await fixture<TrProvider>(html`<tr-provider
      worker-token-url="/no-such-token" event-bridge-url="http://127.0.0.1:9" max-retries="0" statistics-minutes="15">
      <tr-worker-status></tr-worker-status>
    </tr-provider>`);
    const client = provider.client as TaskRouterClient;
    expect(client).to.be.instanceOf(TaskRouterClient);
    expect(client.options).to.include({ workerToken: '/no-such-token', eventBridgeUrl: 'http://127.0.0.1:9', maxRetries: 0, statisticsMinutes: 15 });
    const status = provider.querySelector('tr-worker-status')!;
    await status.updateComplete;
    expect(status.client).to.equal(client);
    expect(['connecting', 'failed']).to.include(provider.getAttribute('connection'));

    provider.setAttribute('worker-token-url', '/another-token');
    await provider.updateComplete;
    const replacement = provider.client as TaskRouterClient;
    expect(replacement).to.not.equal(client);
    expect(replacement.options.workerToken).to.equal('/another-token');
    expect(client.state.connection).to.equal('disconnected');
    await status.updateComplete;
    expect(status.client).to.equal(replacement);

    provider.setAttribute('api-base-url', 'http://127.0.0.1:9/v1'); // an attribute added later counts too
    await provider.updateComplete;
    expect((provider.client as TaskRouterClient).options.apiBaseUrl).to.equal('http://127.0.0.1:9/v1');
    expect(provider.client).to.not.equal(replacement);
    const third = provider.client as TaskRouterClient;
    provider.requestUpdate(); // an update with the same attributes keeps the client
    await provider.updateComplete;
    expect(provider.client).to.equal(third);

    provider.remove();
    await settle(provider);
    expect(third.state.connection).to.equal('disconnected');
    expect(provider.client).to.equal(undefined);
  });

  it('keeps its client when moved within the page', async () => {
    const provider = await fixture<TrProvider>(html`<tr-provider worker-token-url="/no-such-token" max-retries="0"></tr-provider>`);
    const client = provider.client;
    document.body.append(provider);
    await settle(provider);
    expect(provider.client).to.equal(client);
    provider.remove();
  });

  it('disconnects the client it made from its attributes once the page sets its own, and makes a new one when unset', async () => {
    if (!server) throw new Error('window.__TASKROUTER_SERVER__ is not set: run these tests with web-test-runner.config.mjs');
    const workspaceToken = `${server}/dev/tokens/workspace`;
    const setup = new TaskRouterClient({ workspaceToken, eventBridgeUrl: server });
    await setup.connect();
    try {
      const worker = await setup.workspace!.workers.create({ FriendlyName: `Provider worker ${Date.now().toString(36)}` });
      const provider = await fixture<TrProvider>(html`<tr-provider event-bridge-url=${server}
        worker-token-url=${`${server}/dev/tokens/worker?workerSid=${worker.sid}`} workspace-token-url=${workspaceToken}>
        <tr-worker-status></tr-worker-status>
      </tr-provider>`);
      const status = provider.querySelector<TrWorkerStatus>('tr-worker-status')!;
      await waitUntil(() => provider.getAttribute('connection') === 'connected', 'the provider connects', WAIT);
      const owned = provider.client as TaskRouterClient;
      expect(owned.worker!.connectionState).to.equal('connected');
      expect(owned.workspace!.connectionState).to.equal('connected');

      const page = new FakeClient(); // still connecting: the provider mirrors the page's client, not its own
      provider.client = page;
      expect(provider.client).to.equal(page);
      // Its sockets, reconnects, token renewal and statistics polling stop: nothing left running in the background.
      expect(owned.state.connection).to.equal('disconnected');
      expect(owned.worker!.connectionState).to.equal('disconnected');
      expect(owned.workspace!.connectionState).to.equal('disconnected');
      await settle(status);
      expect(status.client).to.equal(page);
      expect(provider.getAttribute('connection')).to.equal('connecting');
      expect(page.calls).to.deep.equal([]); // the page connects its own client

      provider.client = undefined; // back to the attributes: a fresh client, not the one stopped
      const remade = provider.client as TaskRouterClient | undefined;
      expect(remade).to.be.instanceOf(TaskRouterClient).and.not.equal(owned);
      await waitUntil(() => provider.getAttribute('connection') === 'connected', 'the new client connects', WAIT);
      provider.remove();
      await settle(provider);
      expect(remade!.state.connection).to.equal('disconnected');
    } finally {
      setup.disconnect();
    }
  });

  it('lets a client set on an element inside it win over the one it provides, until unset', async () => {
    const provided = new FakeClient(connectedState());
    const provider = await fixture<TrProvider>(html`<tr-provider .client=${provided}><tr-worker-status></tr-worker-status></tr-provider>`);
    const status = provider.querySelector<TrWorkerStatus>('tr-worker-status')!;
    await settle(status);
    expect(text(status, '[part=activity-button]')).to.contain('Available');

    const own = new FakeClient(connectedState({ worker: makeWorker({ sid: 'WKbob', friendlyName: 'Bob', activitySid: 'WAbreak', activityName: 'Break', available: false }) }));
    status.client = own;
    await settle(status);
    expect(status.client).to.equal(own);
    expect(text(status, '[part=activity-button]')).to.contain('Break');
    provided.set({ connection: 'failed' });
    expect(status.isUpdatePending, "the provided client's changes no longer reach it").to.equal(false);
    expect(text(status, '[part=connection]')).to.equal('Connected');
    own.set({ connection: 'reconnecting' });
    await status.updateComplete;
    expect(text(status, '[part=connection]')).to.equal('Connection lost, reconnecting…');

    status.client = undefined;
    await settle(status);
    expect(status.client).to.equal(provided);
    expect(text(status, '[part=connection]')).to.equal('Connection failed');
  });

  it('lets go of the provided client when an element moves out of the provider', async () => {
    const provided = new FakeClient(connectedState());
    const provider = await fixture<TrProvider>(html`<tr-provider .client=${provided}><tr-worker-status></tr-worker-status></tr-provider>`);
    const status = provider.querySelector<TrWorkerStatus>('tr-worker-status')!;
    await settle(status);
    expect(status.client).to.equal(provided);
    expect(provided.listenerCount('change')).to.equal(1);

    document.body.append(status);
    try {
      await settle(status);
      expect(text(status, '[part=notice]')).to.equal('Not connected: place this element inside <tr-provider>, or set its client property.');
      // A boolean, not the client itself: the diff of a whole client object, on failure, stalls the test page.
      expect(status.client === undefined, 'the element keeps no client').to.equal(true);
      expect(status.shadowRoot!.querySelector('[part=activity-button]')).to.equal(null);
      expect(provided.listenerCount('change')).to.equal(0);
      provided.set({ connection: 'failed' });
      expect(status.isUpdatePending).to.equal(false);

      provider.append(status); // and takes it again when it comes back
      await settle(status);
      expect(status.client).to.equal(provided);
      expect(text(status, '[part=connection]')).to.equal('Connection failed');
    } finally {
      status.remove();
    }
  });

  it('warns of a URL attribute it does not have (a misspelling would otherwise leave its elements connecting)', async () => {
    const warnings: string[] = [];
    const warn = console.warn;
    console.warn = (message: string) => warnings.push(message);
    try {
      await fixture(html`<tr-provider workertoken-url="/token" event-bridge-url="http://127.0.0.1:9" data-token="x"></tr-provider>`);
    } finally {
      console.warn = warn;
    }
    expect(warnings, 'data-* attributes are the page\'s own').to.deep.equal([
      '<tr-provider> has no attribute workertoken-url; its URLs are worker-token-url, workspace-token-url, taskqueue-token-url, event-bridge-url, api-base-url',
    ]);
  });

  it('themes its subtree', async () => {
    const provider = await fixture<TrProvider>(html`<tr-provider theme="dark" .client=${new FakeClient(connectedState())}>
      <tr-worker-status></tr-worker-status>
    </tr-provider>`);
    const status = provider.querySelector('tr-worker-status')!;
    await status.updateComplete;
    expect(getComputedStyle(status).colorScheme).to.equal('dark');
    await expect(status).to.be.accessible();
  });

  it('tells consumers without a provider, and lets them take a client directly', async () => {
    const status = await fixture<TrWorkerStatus>(html`<tr-worker-status></tr-worker-status>`);
    expect(text(status, '[part=notice]')).to.contain('inside <tr-provider>');
    status.client = new FakeClient(connectedState());
    await status.updateComplete;
    expect(text(status, '[part=connection]')).to.equal('Connected');
    expect($(status, '[part=activity-button]')).to.exist;
  });
});
