import { html, nothing, render } from 'lit';
import type { Scenarios } from '../scenarios.js';
import { renderConnectionSection } from './scenario/connection-section.js';
import type { CanvasAccess, SectionHost } from './scenario/forms.js';
import { TaskSection } from './scenario/task-section.js';
import { WorkerSection } from './scenario/worker-section.js';

export type { CanvasAccess } from './scenario/forms.js';

type Status = { kind: 'idle' | 'busy' | 'ok' | 'error'; text: string };

const REFRESH_MS = 2000;

/**
 * The scenario panel: drives the local server for real, so every state the elements can be in can be
 * reached by hand. Tasks (one or a burst, any attributes and priority), workers (activity, attributes,
 * capacity, new workers), the connection (drop sockets, expire the token) and the server (restart).
 * It re-reads workers and open tasks every two seconds while the page is visible.
 */
export class ScenarioPanel implements SectionHost {
  private readonly tasks = new TaskSection(this);
  private readonly workers = new WorkerSection(this);
  private status: Status = { kind: 'idle', text: '' };
  private reachable = true;

  constructor(
    private readonly container: HTMLElement,
    readonly scenarios: Scenarios,
    readonly canvas: CanvasAccess,
  ) {}

  async start(): Promise<void> {
    this.update();
    try {
      await Promise.all([this.tasks.load(), this.workers.load()]);
    } catch (error) {
      this.status = { kind: 'error', text: `Reading the workspace: ${(error as Error).message}` };
    }
    await this.refresh();
    setInterval(() => document.visibilityState === 'visible' && void this.refresh(), REFRESH_MS);
  }

  /** Re-reads workers and open tasks. A failure means the server is away (restarting): say so, keep polling. */
  private async refresh(): Promise<void> {
    try {
      await Promise.all([this.tasks.refresh(), this.workers.refresh()]);
      this.reachable = true;
    } catch {
      this.reachable = false;
    }
    this.update();
  }

  run(label: string, action: () => Promise<string | void>): void {
    this.status = { kind: 'busy', text: `${label}…` };
    this.update();
    void action()
      .then(
        (message) => (this.status = { kind: 'ok', text: message || `${label}: done.` }),
        (error: Error) => (this.status = { kind: 'error', text: `${label}: ${error.message}` }),
      )
      .then(() => this.refresh());
  }

  update(): void {
    render(
      html`
        <h1>Scenario</h1>
        <p class="note">Drives the local server for real: every state on the left can be reached from here.</p>
        ${this.reachable ? nothing : html`<p class="status error" role="alert">The server does not answer (restarting?). Retrying…</p>`}
        <p class=${`status ${this.status.kind}`} role="status" data-testid="scenario-status">${this.status.text}</p>
        ${this.tasks.render()} ${this.workers.render()} ${renderConnectionSection(this)}
      `,
      this.container,
    );
  }
}
