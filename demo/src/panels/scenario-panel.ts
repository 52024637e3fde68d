import { html, nothing, render } from 'lit';
import type { DevWorker, Resource } from '../local-server.js';
import { CALLERS, type Scenarios } from '../scenarios.js';

type Status = { kind: 'idle' | 'busy' | 'ok' | 'error'; text: string };

const REFRESH_MS = 2000;

function parseAttributes(text: string, field: string): Record<string, unknown> {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new Error(`${field}: not valid JSON (${(error as Error).message})`);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new Error(`${field}: must be a JSON object`);
  return value as Record<string, unknown>;
}

const pretty = (value: unknown) => JSON.stringify(value, null, 2);

function readAttributes(resource: Resource): Record<string, unknown> {
  const raw = resource['attributes'];
  if (typeof raw !== 'string') return {};
  try {
    return JSON.parse(raw) as Record<string, unknown>;
  } catch {
    return {};
  }
}

const field = (form: HTMLFormElement, name: string) => (form.elements.namedItem(name) as HTMLInputElement).value;

/**
 * The scenario panel: drives the local server for real, so every state the elements can be in can be
 * reached by hand. Tasks (one or a burst, any attributes and priority), workers (activity, attributes,
 * capacity, new workers), the connection (drop sockets, expire the token) and the server (restart).
 */
export class ScenarioPanel {
  private workers: Resource[] = [];
  private tasks: Resource[] = [];
  private activities: Resource[] = [];
  private taskChannels: Resource[] = [];
  private workflows: Resource[] = [];
  private channels = new Map<string, Resource[]>();
  private attributesText = pretty(CALLERS[0]);
  private status: Status = { kind: 'idle', text: '' };
  private reachable = true;
  private timer: ReturnType<typeof setInterval> | undefined;

  constructor(
    private readonly container: HTMLElement,
    private readonly scenarios: Scenarios,
    private readonly agent: () => DevWorker,
  ) {}

  async start(): Promise<void> {
    this.render();
    try {
      [this.activities, this.taskChannels, this.workflows] = await Promise.all([
        this.scenarios.activities(),
        this.scenarios.taskChannels(),
        this.scenarios.workflows(),
      ]);
    } catch (error) {
      this.status = { kind: 'error', text: `Reading the workspace: ${(error as Error).message}` };
    }
    await this.refresh();
    this.timer = setInterval(() => document.visibilityState === 'visible' && this.refresh(), REFRESH_MS);
  }

  stop(): void {
    clearInterval(this.timer);
  }

  /** Re-reads workers and open tasks. A failure means the server is away (restarting): say so, keep polling. */
  async refresh(): Promise<void> {
    try {
      [this.workers, this.tasks] = await Promise.all([this.scenarios.workers(), this.scenarios.openTasks()]);
      if (!this.reachable && this.status.kind === 'busy') this.status = { kind: 'ok', text: 'The server is back.' };
      this.reachable = true;
    } catch {
      this.reachable = false;
    }
    this.render();
  }

  /** Runs one scenario action with a status line, then refreshes. */
  private async run(label: string, action: () => Promise<string | void>): Promise<void> {
    this.status = { kind: 'busy', text: `${label}…` };
    this.render();
    try {
      const message = await action();
      this.status = { kind: 'ok', text: message || `${label}: done.` };
    } catch (error) {
      this.status = { kind: 'error', text: `${label}: ${(error as Error).message}` };
    }
    await this.refresh();
  }

  private createTasks(form: HTMLFormElement, count: number): void {
    void this.run(count === 1 ? 'Create task' : `Create ${count} tasks`, async () => {
      const attributes = parseAttributes(field(form, 'attributes'), 'Attributes');
      const priority = Number(field(form, 'priority') || 0);
      if (!Number.isInteger(priority) || priority < 0) throw new Error('Priority: a whole number, 0 or more');
      const routed = (form.elements.namedItem('routed') as HTMLInputElement).checked;
      const created = await this.scenarios.createTasks(
        {
          attributes,
          priority,
          channel: field(form, 'channel') || undefined,
          workflowSid: field(form, 'workflow') || undefined,
          routingTarget: routed ? this.agent().sid : undefined,
        },
        count,
      );
      return count === 1 ? `Created task ${created[0]?.sid}.` : `Created ${created.length} tasks.`;
    });
  }

  private addWorker(form: HTMLFormElement): void {
    void this.run('Add worker', async () => {
      const name = field(form, 'name').trim();
      if (!name) throw new Error('Name: required');
      const worker = await this.scenarios.createWorker(name, parseAttributes(field(form, 'attributes'), 'Attributes'));
      form.reset();
      return `Added ${name} (${worker.sid}).`;
    });
  }

  private async loadChannels(workerSid: string): Promise<void> {
    this.channels.set(workerSid, await this.scenarios.channels(workerSid));
    this.render();
  }

  private renderTasks() {
    const channelOptions = this.taskChannels.map(
      (channel) => html`<option value=${String(channel['unique_name'])}>${String(channel['unique_name'])}</option>`,
    );
    return html`
      <section>
        <h2>Tasks</h2>
        <form class="stack" @submit=${(event: SubmitEvent) => {
          event.preventDefault();
          this.createTasks(event.target as HTMLFormElement, 1);
        }}>
          <label>Caller
            <select @change=${(event: Event) => {
              this.attributesText = pretty(CALLERS[Number((event.target as HTMLSelectElement).value)]);
              this.render();
            }}>
              ${CALLERS.map((caller, index) => html`<option value=${index}>${String(caller['name'])} · ${String(caller['type'])}</option>`)}
            </select>
          </label>
          <label>Attributes (JSON)
            <textarea name="attributes" rows="6" spellcheck="false" .value=${this.attributesText}
              @input=${(event: Event) => (this.attributesText = (event.target as HTMLTextAreaElement).value)}></textarea>
          </label>
          <div class="grid-3">
            <label>Priority <input name="priority" type="number" min="0" value="0" /></label>
            <label>Channel <select name="channel"><option value="">default</option>${channelOptions}</select></label>
            <label>Workflow
              <select name="workflow">
                ${this.workflows.map((workflow) => html`<option value=${workflow.sid}>${String(workflow['friendly_name'])}</option>`)}
              </select>
            </label>
          </div>
          <label class="inline">
            <input name="routed" type="checkbox" checked />
            Only for ${this.agent().friendlyName} (RoutingTarget); unchecked, the workflow picks the agent
          </label>
          <div class="row">
            <button type="submit" class="primary">Create task</button>
            <label class="inline">Burst of <input name="burst" type="number" min="2" max="50" value="10" /></label>
            <button type="button" @click=${(event: Event) => {
              const form = (event.target as HTMLElement).closest('form')!;
              this.createTasks(form, Math.min(50, Math.max(2, Number(field(form, 'burst')) || 10)));
            }}>Create burst</button>
          </div>
        </form>
        <div class="row space-between">
          <span class="note" data-testid="open-tasks">${this.tasks.length} open task${this.tasks.length === 1 ? '' : 's'}</span>
          <button type="button" ?disabled=${this.tasks.length === 0}
            @click=${() => this.run('Cancel waiting tasks', async () => `Canceled ${await this.scenarios.cancelWaitingTasks()} waiting tasks.`)}>
            Cancel waiting tasks
          </button>
        </div>
        ${this.tasks.length > 0
          ? html`<ul class="compact">
              ${this.tasks.slice(0, 12).map((task) => {
                const attributes = readAttributes(task);
                return html`<li><span class=${`badge ${String(task['assignment_status'])}`}>${String(task['assignment_status'])}</span>
                  ${String(attributes['name'] ?? attributes['type'] ?? task.sid)} <span class="note">· p${String(task['priority'])} · ${String(task['task_queue_friendly_name'] ?? '')}</span></li>`;
              })}
              ${this.tasks.length > 12 ? html`<li class="note">and ${this.tasks.length - 12} more</li>` : nothing}
            </ul>`
          : nothing}
      </section>`;
  }

  private renderWorker(worker: Resource) {
    const name = String(worker['friendly_name']);
    const channels = this.channels.get(worker.sid);
    return html`<li class="worker">
      <div class="row space-between">
        <span><span class=${worker['available'] ? 'dot on' : 'dot'}></span> ${name}
          ${worker.sid === this.agent().sid ? html`<span class="badge">agent</span>` : nothing}</span>
        <select aria-label=${`Activity of ${name}`}
          @change=${(event: Event) => {
            const activitySid = (event.target as HTMLSelectElement).value;
            void this.run(`Set ${name}'s activity`, () => this.scenarios.setActivity(worker.sid, activitySid).then(() => undefined));
          }}>
          ${this.activities.map(
            (activity) => html`<option value=${activity.sid} ?selected=${activity.sid === worker['activity_sid']}>${String(activity['friendly_name'])}</option>`,
          )}
        </select>
      </div>
      <details @toggle=${(event: Event) => (event.target as HTMLDetailsElement).open && this.loadChannels(worker.sid)}>
        <summary>Attributes and capacity</summary>
        <form class="stack" @submit=${(event: SubmitEvent) => {
          event.preventDefault();
          const form = event.target as HTMLFormElement;
          void this.run(`Update ${name}`, async () => {
            await this.scenarios.updateWorkerAttributes(worker.sid, parseAttributes(field(form, 'attributes'), 'Attributes'));
          });
        }}>
          <textarea name="attributes" rows="4" spellcheck="false" aria-label=${`Attributes of ${name}`}
            .value=${pretty(readAttributes(worker))}></textarea>
          <button type="submit">Save attributes</button>
        </form>
        ${channels
          ? html`<div class="grid-3">
              ${channels.map((channel) => {
                const unique = String(channel['task_channel_unique_name']);
                return html`<label>${unique}
                  <input type="number" min="0" max="50" .value=${String(channel['configured_capacity'])}
                    @change=${(event: Event) => {
                      const capacity = Number((event.target as HTMLInputElement).value);
                      void this.run(`Set ${name}'s ${unique} capacity`, async () => {
                        await this.scenarios.setCapacity(worker.sid, String(channel.sid), capacity);
                        await this.loadChannels(worker.sid);
                      });
                    }} /></label>`;
              })}
            </div>`
          : html`<p class="note">Loading channels…</p>`}
      </details>
    </li>`;
  }

  private renderWorkers() {
    return html`
      <section>
        <h2>Workers</h2>
        <ul class="workers">${this.workers.map((worker) => this.renderWorker(worker))}</ul>
        <details>
          <summary>Add a worker</summary>
          <form class="stack" @submit=${(event: SubmitEvent) => {
            event.preventDefault();
            this.addWorker(event.target as HTMLFormElement);
          }}>
            <label>Name <input name="name" required /></label>
            <label>Attributes (JSON)
              <textarea name="attributes" rows="3" spellcheck="false">{"skills": ["support"], "languages": ["en"]}</textarea>
            </label>
            <button type="submit">Add worker</button>
          </form>
        </details>
      </section>`;
  }

  private renderConnection() {
    const agent = this.agent();
    return html`
      <section>
        <h2>Connection</h2>
        <div class="row">
          <button type="button" @click=${() => this.run('Drop sockets', async () => {
            await this.scenarios.dropSockets();
            return 'Dropped every event-bridge socket; the elements reconnect.';
          })}>Drop sockets</button>
          <button type="button" @click=${() => this.run('Expire token', async () => {
            await this.scenarios.expireToken(agent.sid);
            return `${agent.friendlyName}'s token expired; the client fetches a new one.`;
          })}>Expire token</button>
          <button type="button" @click=${() => this.run('Restart server', async () => {
            await this.scenarios.restartServer();
            this.status = { kind: 'busy', text: 'Restarting the server…' };
            return 'Restart requested.';
          })}>Restart server</button>
        </div>
      </section>`;
  }

  private render(): void {
    render(
      html`
        <h1>Scenario</h1>
        <p class="note">Drives the local server for real: every state on the left can be reached from here.</p>
        ${this.reachable ? nothing : html`<p class="status error" role="alert">The server does not answer (restarting?). Retrying…</p>`}
        <p class=${`status ${this.status.kind}`} role="status" data-testid="scenario-status">${this.status.text}</p>
        ${this.renderTasks()} ${this.renderWorkers()} ${this.renderConnection()}
      `,
      this.container,
    );
  }
}
