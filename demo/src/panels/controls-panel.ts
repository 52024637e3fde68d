import { html, nothing, render } from 'lit';
import { controlsFor, type ControlDoc, type ElementDoc, type NamedDoc } from '../manifest.js';
import type { MarkupSnapshot } from '../markup.js';

type Inspected = HTMLElement & Record<string, unknown>;

/** A short, plain-text rendering of a value that no control edits (objects, clients, arrays). */
function describe(value: unknown): string {
  if (value === undefined || value === null) return String(value);
  if (typeof value === 'function') return 'function';
  if (typeof value !== 'object') return String(value);
  // Class names are minified in the build, so objects are described by shape, not by name.
  return Array.isArray(value) ? `array (${value.length})` : 'object';
}

/**
 * The controls panel: one row per attribute or property of an element on the canvas, generated from
 * custom-elements.json. Attribute-backed controls set the attribute (as hand-written markup would);
 * property-only ones set the property. Values are read back from the element once a second, so the
 * panel also shows what the element changed itself (e.g. `connection`).
 */
export class ControlsPanel {
  private root: ParentNode | null = null;
  private tags: string[] = [];
  private tag = '';
  private snapshot: MarkupSnapshot | null = null;
  private timer: ReturnType<typeof setInterval> | undefined;

  constructor(
    private readonly container: HTMLElement,
    private readonly elements: Map<string, ElementDoc>,
    private readonly onEdit: () => void,
  ) {}

  /** Shows the controls for a story's elements, starting with the first tag. */
  show(root: ParentNode, tags: string[], snapshot: MarkupSnapshot | null): void {
    this.root = root;
    this.tags = tags;
    this.tag = tags[0] ?? '';
    this.snapshot = snapshot;
    this.render();
    clearInterval(this.timer);
    this.timer = setInterval(() => this.container.isConnected && !this.container.hidden && this.render(), 1000);
  }

  clear(): void {
    clearInterval(this.timer);
    this.root = null;
    render(nothing, this.container);
  }

  private element(): Inspected | null {
    return (this.root?.querySelector(this.tag) as Inspected | null) ?? null;
  }

  private apply(control: ControlDoc, value: string | boolean | number | null): void {
    const element = this.element();
    if (!element) return;
    if (control.attribute) {
      const attributeValue = value === false || value === null || value === '' ? null : value === true ? '' : String(value);
      if (attributeValue === null) element.removeAttribute(control.attribute);
      else element.setAttribute(control.attribute, attributeValue);
      this.snapshot?.setAttribute(this.tag, 0, control.attribute, attributeValue);
    } else {
      element[control.property] = value ?? undefined;
      this.snapshot?.setProperty(this.tag, 0, control.property, value);
    }
    this.onEdit();
    this.render();
  }

  private renderControl(control: ControlDoc, element: Inspected) {
    const value = control.attributeText ? element.getAttribute(control.attribute!) : element[control.property];
    const id = `control-${control.property}`;
    switch (control.kind) {
      case 'boolean':
        return html`<input id=${id} type="checkbox" .checked=${Boolean(value)}
          @change=${(event: Event) => this.apply(control, (event.target as HTMLInputElement).checked)} />`;
      case 'number':
        return html`<input id=${id} type="number" .value=${value === undefined || value === null ? '' : String(value)}
          @change=${(event: Event) => {
            const text = (event.target as HTMLInputElement).value;
            this.apply(control, text === '' ? null : Number(text));
          }} />`;
      case 'select':
        return html`<select id=${id} @change=${(event: Event) => this.apply(control, (event.target as HTMLSelectElement).value)}>
          <option value="" ?selected=${value === undefined || value === null || value === ''}>(unset)</option>
          ${control.options!.map((option) => html`<option value=${option} ?selected=${value === option}>${option}</option>`)}
        </select>`;
      case 'text':
        return html`<input id=${id} type="text" spellcheck="false" .value=${value === undefined || value === null ? '' : String(value)}
          @change=${(event: Event) => this.apply(control, (event.target as HTMLInputElement).value)} />`;
      case 'readonly':
        return html`<output id=${id}>${describe(value)}</output>`;
    }
  }

  private render(): void {
    const element = this.element();
    const doc = this.elements.get(this.tag);
    const controls = doc ? controlsFor(doc) : [];
    render(
      html`
        ${this.tags.length > 1
          ? html`<div class="segmented" role="group" aria-label="Element">
              ${this.tags.map(
                (tag) => html`<button type="button" aria-pressed=${tag === this.tag} @click=${() => {
                  this.tag = tag;
                  this.render();
                }}>&lt;${tag}&gt;</button>`,
              )}
            </div>`
          : nothing}
        ${!doc
          ? html`<p class="note">No entry for &lt;${this.tag}&gt; in custom-elements.json. Run <code>npm run analyze</code> (npm start does it when the file is missing).</p>`
          : !element
            ? html`<p class="note">&lt;${this.tag}&gt; is not on the canvas.</p>`
            : html`${doc.summary ? html`<p class="summary">${doc.summary}</p>` : nothing}
              <table class="controls">
                <thead><tr><th>Name</th><th>Control</th><th>Type</th><th>Description</th></tr></thead>
                <tbody>
                  ${controls.map(
                    (control) => html`<tr>
                      <th scope="row"><label for=${`control-${control.property}`}>${control.attribute ?? control.property}</label>
                        ${control.attribute && control.attribute !== control.property
                          ? html`<small>.${control.property}</small>`
                          : nothing}</th>
                      <td>${this.renderControl(control, element)}</td>
                      <td><code>${control.typeText}</code></td>
                      <td>${control.description ?? ''}</td>
                    </tr>`,
                  )}
                </tbody>
              </table>
              ${renderStylingDocs(doc)}`}
      `,
      this.container,
    );
  }
}

/** The element's styling and composition hooks from the manifest: custom properties, parts, slots. */
function renderStylingDocs(doc: ElementDoc) {
  const groups: Array<[string, NamedDoc[] | undefined, (name: string) => string]> = [
    ['CSS custom properties', doc.cssProperties, (name) => name],
    ['CSS parts', doc.cssParts, (name) => `::part(${name})`],
    ['Slots', doc.slots, (name) => (name ? `slot="${name}"` : '(default slot)')],
  ];
  return groups.map(([title, entries, label]) =>
    entries?.length
      ? html`<h3 class="docs-title">${title}</h3>
          <dl class="docs">
            ${entries.map((entry) => html`<dt><code>${label(entry.name)}</code></dt><dd>${entry.description ?? ''}</dd>`)}
          </dl>`
      : nothing,
  );
}
