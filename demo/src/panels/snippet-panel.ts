import { html, render } from 'lit';

/** The usage snippet for what is on the canvas, with a copy button. Always rendered as text. */
export class SnippetPanel {
  private text = '';
  private copied = false;

  constructor(private readonly container: HTMLElement) {}

  show(text: string): void {
    this.text = text;
    this.copied = false;
    this.render();
  }

  private async copy(): Promise<void> {
    try {
      await navigator.clipboard.writeText(this.text);
      this.copied = true;
    } catch {
      // Clipboard access can be refused (permissions, focus); the text stays selectable.
      this.copied = false;
    }
    this.render();
  }

  private render(): void {
    render(
      html`
        <div class="log-head">
          <span class="note">The markup for what is on the canvas; controls you change are reflected here.</span>
          <button type="button" @click=${() => this.copy()}>${this.copied ? 'Copied' : 'Copy'}</button>
        </div>
        <pre class="snippet"><code>${this.text}</code></pre>
      `,
      this.container,
    );
  }
}
