// Loads a consumer without the provider, so the provider can be defined after the consumer upgraded
// (as happens when a page's scripts load in the "wrong" order).
import { expect, fixture, html } from '@open-wc/testing';
import '../../src/elements/tr-worker-status/tr-worker-status.js';
import type { TrWorkerStatus } from '../../src/elements/tr-worker-status/tr-worker-status.js';
import { connectedState, FakeClient } from './fake-client.js';
import { settle, text } from './helpers.js';

describe('a consumer that upgrades before its provider is defined', () => {
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
