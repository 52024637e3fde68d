import { html, render } from 'lit';
import { repeat } from 'lit/directives/repeat.js';

interface LogEntry {
  id: number;
  at: Date;
  type: string;
  target: string;
  detail: string;
  cancelable: boolean;
}

const MAX_ENTRIES = 200;

/** An element of any frame (the CRM story's iframe has its own `Element` class, so no instanceof). */
const isElement = (value: unknown): value is Element => (value as Node | null)?.nodeType === 1;

/** JSON for an event's detail: dates as ISO strings, elements as `<tag>`, cycles cut. Shown as text only. */
export function detailToJson(detail: unknown): string {
  if (detail === null || detail === undefined) return '';
  const seen = new WeakSet<object>();
  return JSON.stringify(
    detail,
    function (this: unknown, _key, value: unknown) {
      if (isElement(value)) return `<${value.localName}>`;
      if (typeof value === 'function') return undefined;
      if (typeof value === 'object' && value !== null) {
        if (seen.has(value)) return '[circular]';
        seen.add(value);
      }
      return value;
    },
    2,
  );
}

const time = (date: Date) =>
  `${date.toLocaleTimeString('en-GB', { hour12: false })}.${String(date.getMilliseconds()).padStart(3, '0')}`;

/**
 * The log of DOM events the canvas's elements fire. Listeners are capture-phase listeners on the canvas
 * root, so events that do not bubble are logged too. Event names come from the manifest's `@fires`.
 */
export class EventLog {
  private entries: LogEntry[] = [];
  private nextId = 0;
  private names: string[] = [];
  private detach: (() => void) | undefined;

  constructor(
    private readonly container: HTMLElement,
    private readonly onCount: (count: number) => void,
  ) {}

  attach(root: EventTarget, names: string[]): void {
    this.detach?.();
    const listener = (event: Event) => this.add(event);
    for (const name of names) root.addEventListener(name, listener, { capture: true });
    this.detach = () => {
      for (const name of names) root.removeEventListener(name, listener, { capture: true });
    };
    this.clear(names);
  }

  clear(names?: string[]): void {
    this.entries = [];
    this.render(names);
  }

  private add(event: Event): void {
    // Retargeted to the element on the canvas, even for events from inside its shadow root.
    const target = event.target;
    this.entries.unshift({
      id: this.nextId++,
      at: new Date(),
      type: event.type,
      target: isElement(target) ? target.localName : String(target),
      detail: detailToJson((event as CustomEvent).detail),
      cancelable: event.cancelable,
    });
    this.entries.length = Math.min(this.entries.length, MAX_ENTRIES);
    this.render();
  }

  private render(names = this.names): void {
    this.names = names;
    this.onCount(this.entries.length);
    render(
      html`
        <div class="log-head">
          <span class="note">Listening for ${names.length > 0 ? names.join(', ') : 'nothing (no events in the manifest)'}</span>
          <button type="button" @click=${() => this.clear()} ?disabled=${this.entries.length === 0}>Clear</button>
        </div>
        ${this.entries.length === 0
          ? html`<p class="note">No events yet. Use the elements or the scenario panel.</p>`
          : html`<ol class="event-log" reversed>
              ${repeat(
                this.entries,
                (entry) => entry.id,
                (entry) => html`<li>
                  <time>${time(entry.at)}</time>
                  <code class="event-name">${entry.type}</code>
                  <span class="note">on &lt;${entry.target}&gt;${entry.cancelable ? ' · cancelable' : ''}</span>
                  ${entry.detail ? html`<details><summary>detail</summary><pre>${entry.detail}</pre></details>` : ''}
                </li>`,
              )}
            </ol>`}
      `,
      this.container,
    );
  }
}
