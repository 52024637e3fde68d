import { expect, fixture, html } from '@open-wc/testing';
import { LitElement } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { EventEmitter } from 'eventemitter3';

@customElement('smoke-el')
class SmokeElement extends LitElement {
  @property() name = 'x';
  override render() { return html`<p>${this.name}</p>`; }
}

// Proves the browser toolchain: legacy decorators lowered by esbuild with the tsconfig,
// bare imports resolved, eventemitter3 mapped to its ESM build.
it('renders a decorated Lit element and loads eventemitter3', async () => {
  const el = await fixture<SmokeElement>(html`<smoke-el name="hi"></smoke-el>`);
  expect(el.shadowRoot!.textContent).to.contain('hi');
  expect(new EventEmitter().listenerCount('a')).to.equal(0);
});
