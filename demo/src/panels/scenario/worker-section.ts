import { html, nothing } from 'lit';
import type { Resource } from '../../local-server.js';
import { field, parseAttributes, pretty, readAttributes, type SectionHost } from './forms.js';

/** A worker's details, read when its row is opened: attributes (a list may leave them out) and channels. */
interface WorkerDetails {
  attributes: Record<string, unknown>;
  channels: Resource[];
}

/** Workers: change anyone's activity, attributes and channel capacity; add workers. */
export class WorkerSection {
  private workers: Resource[] = [];
  private activities: Resource[] = [];
  private details = new Map<string, WorkerDetails>();

  constructor(private readonly host: SectionHost) {}

  async load(): Promise<void> {
    this.activities = await this.host.scenarios.activities();
  }

  async refresh(): Promise<void> {
    this.workers = await this.host.scenarios.workers();
  }

  private async loadDetails(workerSid: string): Promise<void> {
    const { scenarios } = this.host;
    const [worker, channels] = await Promise.all([scenarios.worker(workerSid), scenarios.channels(workerSid)]);
    this.details.set(workerSid, { attributes: readAttributes(worker), channels });
    this.host.update();
  }

  private add(form: HTMLFormElement): void {
    this.host.run('Add worker', async () => {
      const name = field(form, 'name').trim();
      if (!name) throw new Error('Name: required');
      const worker = await this.host.scenarios.createWorker(name, parseAttributes(field(form, 'attributes'), 'Attributes'));
      form.reset();
      return `Added ${name} (${worker.sid}).`;
    });
  }

  private renderDetails(worker: Resource, name: string) {
    const details = this.details.get(worker.sid);
    if (!details) return html`<p class="note">Loading…</p>`;
    const { scenarios } = this.host;
    return html`
      <form class="stack" @submit=${(event: SubmitEvent) => {
        event.preventDefault();
        const form = event.target as HTMLFormElement;
        this.host.run(`Update ${name}`, async () => {
          await scenarios.updateWorkerAttributes(worker.sid, parseAttributes(field(form, 'attributes'), 'Attributes'));
          await this.loadDetails(worker.sid);
        });
      }}>
        <textarea name="attributes" rows="4" spellcheck="false" aria-label=${`Attributes of ${name}`}
          .value=${pretty(details.attributes)}></textarea>
        <button type="submit">Save attributes</button>
      </form>
      <div class="grid-3">
        ${details.channels.map((channel) => {
          const unique = String(channel['task_channel_unique_name']);
          return html`<label>${unique}
            <input type="number" min="0" max="50" .value=${String(channel['configured_capacity'])}
              @change=${(event: Event) => {
                const capacity = Number((event.target as HTMLInputElement).value);
                this.host.run(`Set ${name}'s ${unique} capacity`, async () => {
                  await scenarios.setCapacity(worker.sid, channel.sid, capacity);
                  await this.loadDetails(worker.sid);
                });
              }} /></label>`;
        })}
      </div>`;
  }

  private renderWorker(worker: Resource) {
    const name = String(worker['friendly_name']);
    return html`<li>
      <div class="row space-between">
        <span><span class=${worker['available'] ? 'dot on' : 'dot'}></span> ${name}
          ${worker.sid === this.host.canvas.agent().sid ? html`<span class="badge">agent</span>` : nothing}</span>
        <select aria-label=${`Activity of ${name}`}
          @change=${(event: Event) => {
            const activitySid = (event.target as HTMLSelectElement).value;
            this.host.run(`Set ${name}'s activity`, async () => {
              await this.host.scenarios.setActivity(worker.sid, activitySid);
            });
          }}>
          ${this.activities.map(
            (activity) => html`<option value=${activity.sid} ?selected=${activity.sid === worker['activity_sid']}>${String(activity['friendly_name'])}</option>`,
          )}
        </select>
      </div>
      <details @toggle=${(event: Event) => (event.target as HTMLDetailsElement).open && this.loadDetails(worker.sid)}>
        <summary>Attributes and capacity</summary>
        ${this.renderDetails(worker, name)}
      </details>
    </li>`;
  }

  render() {
    return html`
      <section>
        <h2>Workers</h2>
        <ul class="workers">${this.workers.map((worker) => this.renderWorker(worker))}</ul>
        <details>
          <summary>Add a worker</summary>
          <form class="stack" @submit=${(event: SubmitEvent) => {
            event.preventDefault();
            this.add(event.target as HTMLFormElement);
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
}
