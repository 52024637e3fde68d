// Loads a consumer without the provider, so the provider can be defined after the consumer upgraded
// (as happens when a page's scripts load in the "wrong" order).
import { expect, fixture, html } from '@open-wc/testing';
import '../../src/elements/tr-worker-status/tr-worker-status.js';
import type { TrWorkerStatus } from '../../src/elements/tr-worker-status/tr-worker-status.js';
import { connectedState, FakeClient } from './fake-client.js';
import { settle, text } from './helpers.js';

describe('a consumer that upgrades before its provider is defined', () => {
  it('is remembered until a provider comes only while it is in the page', async () => {
    const pending = () => {
      const root = (document as unknown as Record<symbol, { pendingContextRequests: Map<unknown, { requests: unknown[] }> }>)[Symbol.for('taskrouter-kit.context-root')]!;
      return [...root.pendingContextRequests.values()].reduce((count, { requests }) => count + requests.length, 0);
    };
    for (let n = 0; n < 50; n++) (await fixture(html`<tr-worker-status></tr-worker-status>`)).remove();
    const kept = await fixture(html`<tr-worker-status></tr-worker-status>`);
    expect(pending()).to.equal(1);
    kept.remove();
  });

  it('connects once the provider is defined', async () => {
    expect(customElements.get('tr-provider')).to.equal(undefined);
    const client = new FakeClient(connectedState());
    const root = await fixture<HTMLElement>(html`<tr-provider .client=${client}><tr-worker-status></tr-worker-status></tr-provider>`);
    const status = root.querySelector<TrWorkerStatus>('tr-worker-status')!;
    await status.updateComplete;
    expect(status.client).to.equal(undefined);
    expect(text(status, '[part=notice]')).to.equal('Connecting…');
    await expect(status).to.be.accessible();

    await import('../../src/context/tr-provider.js');
    await settle(status);
    expect(status.client).to.equal(client);
    expect(text(status, '[part=connection]')).to.equal('Connected');
  });
});
