/** Shared helpers for the elements' browser tests. */
import { expect, fixture } from '@open-wc/testing';
import type { TemplateResult } from 'lit';
import { ticker } from '../../src/elements/internal/clock.js';
import type { TrElement } from '../../src/elements/internal/tr-element.js';
import { EPOCH, FakeClient } from './fake-client.js';

/** The first element in an element's shadow root matching `selector` (throws when there is none). */
export function $<T extends Element = HTMLElement>(host: Element, selector: string): T {
  const found = host.shadowRoot!.querySelector<T>(selector);
  if (!found) throw new Error(`no ${selector} in <${host.localName}>`);
  return found;
}

/** Every element in an element's shadow root matching `selector`. */
export function $$<T extends Element = HTMLElement>(host: Element, selector: string): T[] {
  return [...host.shadowRoot!.querySelectorAll<T>(selector)];
}

/** The visible text of an element's shadow root, whitespace collapsed. */
export function text(host: Element, selector?: string): string {
  const root = selector ? $(host, selector) : host.shadowRoot!;
  return (root.textContent ?? '').replace(/\s+/g, ' ').trim();
}

/** Drives the elements' shared clock: `at(seconds)` after the fake epoch, then one tick. */
export const clock = {
  at(seconds: number): void {
    ticker.now = () => EPOCH + seconds * 1000;
    ticker.tick();
  },
  reset(): void {
    ticker.now = () => Date.now();
  },
};

/** Waits for an element's pending update (and the microtasks after it). */
export async function settle(element: Element & { updateComplete?: Promise<unknown> }): Promise<void> {
  await element.updateComplete;
  await new Promise((resolve) => setTimeout(resolve));
  await element.updateComplete;
}

/** Records the events of the given types dispatched on (or bubbling to) a target. */
export function recordEvents(target: EventTarget, ...types: string[]): Array<CustomEvent> {
  const seen: CustomEvent[] = [];
  for (const type of types) target.addEventListener(type, (event) => seen.push(event as CustomEvent));
  return seen;
}

/** A promise plus the function that resolves it. */
export function deferred(): { promise: Promise<void>; resolve: () => void } {
  let resolve!: () => void;
  const promise = new Promise<void>((done) => (resolve = done));
  return { promise, resolve };
}

/** Renders `template` and, when given one, hands the element `client` and waits for it to render with it. */
export async function mountWithClient<T extends TrElement>(template: TemplateResult, client?: FakeClient): Promise<T> {
  const el = await fixture<T>(template);
  if (client) {
    el.client = client;
    await el.updateComplete;
  }
  return el;
}

/** Asserts the accessible notice an element shows in place when no `<tr-provider>` gives it a client. */
export async function expectNeedsProvider(el: Element): Promise<void> {
  expect(text(el)).to.contain('inside <tr-provider>');
  await expect(el).to.be.accessible();
}

/**
 * Asserts the accessible "Connecting…" notice while the client connects, then `empty` once it is
 * connected with nothing to show. Returns the element for further checks.
 */
export async function expectLoadingThenEmpty<T extends TrElement>(
  mount: (client: FakeClient) => Promise<T>,
  empty: string,
): Promise<{ el: T; client: FakeClient }> {
  const client = new FakeClient();
  const el = await mount(client);
  expect(text(el, '[part=notice]')).to.equal('Connecting…');
  await expect(el).to.be.accessible();
  client.set({ connection: 'connected' });
  await el.updateComplete;
  expect(text(el, '[part=notice]')).to.equal(empty);
  await expect(el).to.be.accessible();
  return { el, client };
}

/**
 * The element's `@media (forced-colors: active)` rules, made unconditional: the test runner's Chromium cannot emulate
 * forced colours, so what they set is checked rather than what the browser paints with them.
 */
export function applyForcedColorRules(el: HTMLElement): void {
  const root = el.shadowRoot!;
  const rules = root.adoptedStyleSheets
    .flatMap((sheet) => [...sheet.cssRules])
    .filter((rule): rule is CSSMediaRule => rule instanceof CSSMediaRule && /forced-colors:\s*active/.test(rule.conditionText))
    .flatMap((rule) => [...rule.cssRules].map((inside) => inside.cssText));
  const sheet = new CSSStyleSheet();
  sheet.replaceSync(rules.join('\n'));
  root.adoptedStyleSheets = [...root.adoptedStyleSheets, sheet];
}
