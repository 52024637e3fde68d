// Two copies of the kit on one page (two bundles of different apps): the first definitions win,
// both copies share one context key and one context root, and a copy of another version warns.
import { ContextRoot } from '@lit/context';
import { expect, fixture, html } from '@open-wc/testing';
import * as first from '../../src/elements/index.js';
import { connectedState, FakeClient } from './fake-client.js';
import { settle, text } from './helpers.js';

type Kit = typeof first;
// Served by the second-kit-copy middleware: the same files under other URLs, hence other module instances.
const SECOND_COPY = '/second-kit-copy/src/elements/index.ts';
const SECOND_COPY_SPANISH = '/second-kit-copy/src/elements/translations/es.ts';

async function loadSecondCopy(): Promise<Kit> {
  try {
    return (await import(/* @vite-ignore */ SECOND_COPY)) as Kit;
  } catch (error) {
    throw new Error(`Could not load ${SECOND_COPY}: the test runner needs the secondKitCopy middleware (test/elements/second-kit-copy.mjs). ${error}`);
  }
}

describe('the kit loaded twice on one page', () => {
  it('keeps the first definitions, quietly, and shares one context root', async () => {
    const rootKey = Symbol.for('taskrouter-kit.context-root');
    document.createElement('tr-worker-status'); // the first element constructed attaches the page's root
    const root = (document as unknown as Record<symbol, unknown>)[rootKey];
    expect(root).to.be.instanceOf(ContextRoot);

    const warnings: unknown[][] = [];
    const warn = console.warn;
    console.warn = (...args: unknown[]) => warnings.push(args);
    let second: Kit;
    try {
      second = await loadSecondCopy();
      class SecondStatus extends second.TrWorkerStatus {}
      SecondStatus.define('tr-second-status-quiet');
      document.createElement('tr-second-status-quiet');
    } finally {
      console.warn = warn;
    }
    expect((document as unknown as Record<symbol, unknown>)[rootKey]).to.equal(root);
    expect(second.TrWorkerStatus).to.not.equal(first.TrWorkerStatus);
    expect(second.clientContext).to.equal(first.clientContext);
    expect(customElements.get('tr-worker-status')).to.equal(first.TrWorkerStatus);
    expect(customElements.get('tr-provider')).to.equal(first.TrProvider);
    // (Lit's dev build warns that two Lits are loaded; the kit itself says nothing.)
    expect(warnings.filter(([message]) => String(message).includes('taskrouter-kit'))).to.deep.equal([]);
  });

  it("lets one copy's elements use the other copy's provider", async () => {
    const second = await loadSecondCopy();
    class SecondStatus extends second.TrWorkerStatus {}
    SecondStatus.define('tr-second-worker-status');
    class SecondProvider extends second.TrProvider {}
    second.defineElement('tr-second-provider', SecondProvider);

    const clientA = new FakeClient(connectedState());
    const clientB = new FakeClient(connectedState({ connection: 'failed' }));
    const root = await fixture<HTMLElement>(html`<div>
      <tr-provider .client=${clientA}><tr-second-worker-status></tr-second-worker-status></tr-provider>
      <tr-second-provider .client=${clientB}><tr-worker-status></tr-worker-status></tr-second-provider>
    </div>`);
    const secondInFirst = root.querySelector('tr-second-worker-status') as InstanceType<Kit['TrWorkerStatus']>;
    const firstInSecond = root.querySelector('tr-worker-status')!;
    await settle(secondInFirst);
    await settle(firstInSecond);
    expect(secondInFirst.client).to.equal(clientA);
    expect(firstInSecond.client).to.equal(clientB);
    expect(text(firstInSecond, '[part=connection]')).to.equal('Connection failed');
  });

  it("follows a translation registered by the other copy (the bundle plus a separate language file)", async () => {
    const client = new FakeClient(connectedState({ connection: 'failed' }));
    const status = await fixture<HTMLElement>(html`<tr-worker-status lang="es" .client=${client}></tr-worker-status>`);
    await settle(status);
    expect(text(status, '[part=connection]')).to.equal('Connection failed');

    await import(/* @vite-ignore */ SECOND_COPY_SPANISH);
    await settle(status);
    expect(text(status, '[part=connection]')).to.equal('La conexión falló');
  });

  it('warns when another version already defined a tag', async () => {
    const second = await loadSecondCopy();
    class OlderStatus extends second.TrWorkerStatus {
      static override readonly version = '0.0.1';
    }
    const warnings: string[] = [];
    const warn = console.warn;
    console.warn = (message: string) => warnings.push(message);
    try {
      OlderStatus.define('tr-worker-status');
    } finally {
      console.warn = warn;
    }
    expect(customElements.get('tr-worker-status')).to.equal(first.TrWorkerStatus);
    expect(warnings).to.deep.equal([
      `taskrouter-kit: <tr-worker-status> v0.0.1 was not registered: <tr-worker-status> v${first.KIT_VERSION} is already defined.`,
    ]);
  });
});
