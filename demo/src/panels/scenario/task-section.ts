import { html, nothing } from 'lit';
import { CALLERS } from '../../callers.js';
import type { Resource } from '../../local-server.js';
import { field, parseAttributes, pretty, readAttributes, type SectionHost } from './forms.js';

const MAX_BURST = 50;
const LISTED_TASKS = 12;

/** Tasks: create one or a burst (attributes, priority, channel, workflow, routing target); see and cancel open ones. */
export class TaskSection {
  private taskChannels: Resource[] = [];
  private workflows: Resource[] = [];
  private tasks: Resource[] = [];
  private attributesText = pretty(CALLERS[0]);

  constructor(private readonly host: SectionHost) {}

  async load(): Promise<void> {
    [this.taskChannels, this.workflows] = await Promise.all([this.host.scenarios.taskChannels(), this.host.scenarios.workflows()]);
  }

  async refresh(): Promise<void> {
    this.tasks = await this.host.scenarios.openTasks();
  }

  private create(form: HTMLFormElement, count: number): void {
    const { scenarios, canvas } = this.host;
    this.host.run(count === 1 ? 'Create task' : `Create ${count} tasks`, async () => {
      const attributes = parseAttributes(field(form, 'attributes'), 'Attributes');
      const priority = Number(field(form, 'priority') || 0);
      if (!Number.isInteger(priority) || priority < 0) throw new Error('Priority: a whole number, 0 or more');
      const routed = (form.elements.namedItem('routed') as HTMLInputElement).checked;
      const created = await scenarios.createTasks(
        {
          attributes,
          priority,
          channel: field(form, 'channel') || undefined,
          workflowSid: field(form, 'workflow') || undefined,
          routingTarget: routed ? canvas.agent().sid : undefined,
        },
        count,
      );
      return count === 1 ? `Created task ${created[0]?.sid}.` : `Created ${created.length} tasks.`;
    });
  }

  private renderOpenTasks() {
    const { tasks } = this;
    return html`
      <div class="row space-between">
        <span class="note">${tasks.length} open task${tasks.length === 1 ? '' : 's'}</span>
        <button type="button" ?disabled=${tasks.length === 0}
          @click=${() => this.host.run('Cancel waiting tasks', async () => `Canceled ${await this.host.scenarios.cancelWaitingTasks()} waiting tasks.`)}>
          Cancel waiting tasks
        </button>
      </div>
      ${tasks.length > 0
        ? html`<ul class="compact">
            ${tasks.slice(0, LISTED_TASKS).map((task) => {
              const attributes = readAttributes(task);
              const status = String(task['assignment_status']);
              return html`<li><span class=${`badge ${status}`}>${status}</span>
                ${String(attributes['name'] ?? attributes['type'] ?? task.sid)}
                <span class="note">· p${String(task['priority'])} · ${String(task['task_queue_friendly_name'] ?? '')}</span></li>`;
            })}
            ${tasks.length > LISTED_TASKS ? html`<li class="note">and ${tasks.length - LISTED_TASKS} more</li>` : nothing}
          </ul>`
        : nothing}`;
  }

  render() {
    const uniqueNames = this.taskChannels.map((channel) => String(channel['unique_name']));
    return html`
      <section>
        <h2>Tasks</h2>
        <form class="stack" @submit=${(event: SubmitEvent) => {
          event.preventDefault();
          this.create(event.target as HTMLFormElement, 1);
        }}>
          <label>Caller
            <select @change=${(event: Event) => {
              this.attributesText = pretty(CALLERS[Number((event.target as HTMLSelectElement).value)]);
              this.host.update();
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
            <label>Channel
              <select name="channel">
                <option value="">default</option>
                ${uniqueNames.map((name) => html`<option value=${name}>${name}</option>`)}
              </select>
            </label>
            <label>Workflow
              <select name="workflow">
                ${this.workflows.map((workflow) => html`<option value=${workflow.sid}>${String(workflow['friendly_name'])}</option>`)}
              </select>
            </label>
          </div>
          <label class="inline">
            <input name="routed" type="checkbox" checked />
            Only for ${this.host.canvas.agent().friendlyName} (RoutingTarget); unchecked, the workflow picks the agent
          </label>
          <div class="row">
            <button type="submit" class="primary">Create task</button>
            <label class="inline">Burst of <input name="burst" type="number" min="2" max=${MAX_BURST} value="10" /></label>
            <button type="button" @click=${(event: Event) => {
              const form = (event.target as HTMLElement).closest('form')!;
              this.create(form, Math.min(MAX_BURST, Math.max(2, Number(field(form, 'burst')) || 10)));
            }}>Create burst</button>
          </div>
        </form>
        ${this.renderOpenTasks()}
      </section>`;
  }
}
