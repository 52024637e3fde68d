import { html } from 'lit';
import type { DevQueue } from '../local-server.js';
import { waitFor } from '../wait.js';
import type { Story, StoryContext } from '../story.js';
import { provider } from './provider.js';

/** The seeded queue the single-queue stories show. */
function firstQueue(ctx: StoryContext): DevQueue {
  const queue = ctx.server.config.queues[0];
  if (!queue) throw new Error('The demo workspace has no task queue');
  return queue;
}

/** Tasks waiting in the queues, so a supervisor's wall has something to show. */
const WALL_BACKLOG = 6;

export const statsWall: Story = {
  id: 'stats-wall',
  group: 'tr-queue-stats',
  name: 'Supervisor’s stats wall',
  description: `Every queue of the workspace, live: tasks by status, longest wait, available and eligible agents, acceptance time and a trend. The story tops the backlog up to ${WALL_BACKLOG} waiting tasks; try a burst from the scenario panel.`,
  tags: ['tr-queue-stats', 'tr-provider'],
  layout: 'wide',
  async setup({ scenarios }) {
    const waiting = (await scenarios.openTasks()).filter((task) => task['assignment_status'] === 'pending').length;
    for (let index = waiting; index < WALL_BACKLOG; index++) {
      await scenarios.createTasks({ attributes: scenarios.nextCaller(), priority: index % 3 === 0 ? 10 : 0 });
    }
  },
  render: (ctx) => provider(ctx, { workspace: true }, html`<tr-queue-stats></tr-queue-stats>`),
};

export const oneQueue: Story = {
  id: 'one-queue',
  group: 'tr-queue-stats',
  name: 'One queue (task queue token)',
  description: 'A page that may see only one queue: the provider takes a task queue token, and the element shows that queue alone.',
  tags: ['tr-queue-stats', 'tr-provider'],
  layout: 'wide',
  render: (ctx) => provider(ctx, { taskQueueSid: firstQueue(ctx).sid }, html`<tr-queue-stats></tr-queue-stats>`),
};

export const editQueue: Story = {
  id: 'edit-queue',
  group: 'tr-queue-editor',
  name: 'Edit a queue',
  description: 'A form-associated editor for a TaskQueue: change the target-workers expression and see which workers it matches before saving.',
  tags: ['tr-queue-editor', 'tr-provider'],
  layout: 'stack',
  render: (ctx) =>
    provider(ctx, { workspace: true }, html`<tr-queue-editor queue-sid=${firstQueue(ctx).sid}></tr-queue-editor>`),
};

/** An expression with a dangling operator: the editor must point at the position of the error. */
export const INVALID_EXPRESSION = 'skills HAS "support" AND languages HAS';

export const invalidExpression: Story = {
  id: 'invalid-expression',
  group: 'tr-queue-editor',
  name: 'Invalid expression',
  description: `The same editor after someone typed ${INVALID_EXPRESSION}: the expression is checked as it is typed, the error points at its line and column, and the form reports itself invalid instead of saving.`,
  tags: ['tr-queue-editor', 'tr-provider'],
  layout: 'stack',
  render: editQueue.render,
  async play(root) {
    const editor = root.querySelector('tr-queue-editor');
    if (!editor) return;
    const field = await loadedExpressionField(editor);
    // As if typed: the new text, then the input event the element listens for.
    field.focus();
    field.value = INVALID_EXPRESSION;
    field.dispatchEvent(new InputEvent('input', { bubbles: true, composed: true }));
  },
};

/** The editor's TargetWorkers field (its one textarea), once the queue's expression has loaded into it. */
function loadedExpressionField(editor: HTMLElement): Promise<HTMLTextAreaElement> {
  return waitFor('the queue to load into tr-queue-editor', async () => {
    const field = editor.shadowRoot?.querySelector('textarea');
    return field?.value && !field.disabled ? field : null;
  });
}

export const newQueue: Story = {
  id: 'new-queue',
  group: 'tr-queue-editor',
  name: 'New queue',
  description: 'Without queue-sid the editor creates a queue. The server’s errors (a duplicate name, say) show next to the field they name.',
  tags: ['tr-queue-editor', 'tr-provider'],
  layout: 'stack',
  render: (ctx) => provider(ctx, { workspace: true }, html`<tr-queue-editor></tr-queue-editor>`),
};
