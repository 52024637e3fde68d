// The elements wired to the real SDK and the real local TaskRouter server (started by the
// web-test-runner config, which puts its URL in window.__TASKROUTER_SERVER__). A queue is created in
// the editor, a task routed to a worker created for this run, and the inbox, the worker status and the
// statistics follow what the server does.
import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../../src/elements/index.js';
import type { TrProvider, TrQueueEditor, TrQueueStats, TrReservationInbox, TrWorkerStatus } from '../../src/elements/index.js';
import { TaskRouterClient } from '../../src/sdk/index.js';
import { $, $$, text } from './helpers.js';

const server = (window as { __TASKROUTER_SERVER__?: string }).__TASKROUTER_SERVER__;
const run = `e${Date.now().toString(36)}${Math.floor(Math.random() * 1e6).toString(36)}`;
const WAIT = { timeout: 15000, interval: 50 };

interface DevConfig {
  activities: Array<{ sid: string; friendlyName: string; available: boolean }>;
}

describe('elements against the local TaskRouter server', () => {
  let config: DevConfig;
  let setup: TaskRouterClient;
  let workerSid: string;
  let queueSid: string;
  const workspaceToken = () => `${server}/dev/tokens/workspace`;
  const workerToken = () => `${server}/dev/tokens/worker?workerSid=${workerSid}`;
  const activity = (name: string) => config.activities.find((a) => a.friendlyName === name)!;

  before(async () => {
    if (!server) throw new Error('window.__TASKROUTER_SERVER__ is not set: run these tests with web-test-runner.config.mjs, which starts the local server');
    config = await (await fetch(`${server}/dev/config`)).json();
    setup = new TaskRouterClient({ workspaceToken: workspaceToken(), eventBridgeUrl: server });
    await setup.connect();
    const worker = await setup.workspace!.workers.create({
      FriendlyName: `Worker ${run}`,
      Attributes: JSON.stringify({ skills: [run], languages: ['en'] }),
    });
    workerSid = worker.sid as string;
  });

  after(() => setup?.disconnect());

  it('creates a queue in the editor, previewing the matching workers from the server', async () => {
    const provider = await fixture<TrProvider>(html`<tr-provider
      worker-token-url=${workerToken()} workspace-token-url=${workspaceToken()} event-bridge-url=${server!}>
      <tr-queue-editor preview-delay="0"></tr-queue-editor>
    </tr-provider>`);
    const editor = provider.querySelector<TrQueueEditor>('tr-queue-editor')!;
    await waitUntil(() => provider.getAttribute('connection') === 'connected', 'the provider connects', WAIT);
    await waitUntil(() => editor.shadowRoot!.querySelector(`#AssignmentActivitySid option[value="${activity('Break').sid}"]`),
      "the editor lists the workspace's activities", WAIT);

    $(editor, '#FriendlyName').focus();
    await sendKeys({ type: `Queue ${run}` });
    // A misspelt key matches nobody: the editor names it, from the workers the server lists.
    $(editor, '#TargetWorkers').focus();
    await sendKeys({ type: `skils HAS '${run}'` });
    // Typed key by key, so prefixes (`s`, `skil`…) are previewed on the way: wait for the whole key's answer.
    await waitUntil(() => editor.shadowRoot!.querySelector('[part=missing-key]')?.textContent === 'No worker has the attribute “skils”.',
      'the editor names the missing key', WAIT);
    $<HTMLTextAreaElement>(editor, '#TargetWorkers').select();
    await sendKeys({ type: `skills HAS '${run}'` });
    await waitUntil(() => text(editor, '[part=preview]').includes(`Worker ${run}`), 'the server previews the worker', WAIT);
    expect(text(editor, '[part=preview]')).to.contain('1 matching worker');
    expect(editor.shadowRoot!.querySelector('[part=missing-key]')).to.equal(null);

    const assignment = $<HTMLSelectElement>(editor, '#AssignmentActivitySid');
    assignment.value = activity('Break').sid;
    assignment.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
    const saved = oneEvent(editor, 'tr-queue-saved');
    $(editor, '[part=save-button]').click();
    const { detail } = await saved;
    queueSid = detail.queue.sid;
    expect(detail.created).to.equal(true);
    const stored = await setup.workspace!.taskqueues.fetch(queueSid);
    expect(stored.friendlyName).to.equal(`Queue ${run}`);
    expect(stored.targetWorkers).to.equal(`skills HAS '${run}'`);
    expect(stored.assignmentActivitySid).to.equal(activity('Break').sid);
    await expect(editor).to.be.accessible();
  });

  it('shows a reservation created on the server, accepts it, and the worker status follows', async () => {
    expect(queueSid, 'the previous test created the queue').to.be.a('string');
    const provider = await fixture<TrProvider>(html`<tr-provider
      worker-token-url=${workerToken()} workspace-token-url=${workspaceToken()} event-bridge-url=${server!}>
      <tr-worker-status></tr-worker-status>
      <tr-reservation-inbox fields="name,crm,note" reject-activity=${activity('Break').sid}></tr-reservation-inbox>
      <tr-queue-stats queues=${queueSid} columns="waiting,assigned,availableWorkers"></tr-queue-stats>
    </tr-provider>`);
    const status = provider.querySelector<TrWorkerStatus>('tr-worker-status')!;
    const inbox = provider.querySelector<TrReservationInbox>('tr-reservation-inbox')!;
    const stats = provider.querySelector<TrQueueStats>('tr-queue-stats')!;
    const createTask = async (attributes: Record<string, unknown>) => {
      const response = await fetch(`${server}/dev/scenarios/tasks`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ taskQueueSid: queueSid, taskChannel: 'default', attributes }),
      });
      expect(response.status).to.equal(201);
    };
    await waitUntil(() => provider.getAttribute('connection') === 'connected', 'the provider connects', WAIT);
    await waitUntil(() => status.client!.state.activities.length > 0 && !$<HTMLButtonElement>(status, '[part=activity-button]').disabled,
      'the worker status shows the worker and its activities', WAIT);

    // Go available through the picker, as the worker would.
    $(status, '[part=activity-button]').click();
    await status.updateComplete;
    $$(status, '[role=option]').find((option) => option.querySelector('span:nth-of-type(3)')!.textContent === 'Available')!.click();
    await waitUntil(() => text(status, '[part=activity-button]').startsWith('Available'), 'the worker becomes available', WAIT);

    // A task arrives on the server and is reserved for the worker.
    await createTask({ name: 'Grace Hopper', crm: 'C-42', note: '<b>not bold</b><script>window.__pwned = 1</script>' });
    await waitUntil(() => inbox.shadowRoot!.querySelector('[part=accept-button]'), 'the reservation appears in the inbox', WAIT);
    expect(text(inbox, '[part=reservation]')).to.contain(`Queue ${run}`).and.contain('Grace Hopper').and.contain('C-42').and.contain('<b>not bold</b>');
    expect(inbox.shadowRoot!.querySelector('b, script:not([type])')).to.equal(null);
    expect(text(inbox, '[part=status]')).to.equal('Incoming');
    await expect(inbox).to.be.accessible();

    const accepted = oneEvent(inbox, 'tr-reservation-accepted');
    $(inbox, '[part=accept-button]').click();
    const { detail } = await accepted;
    expect(detail.task.attributes).to.include({ name: 'Grace Hopper', crm: 'C-42' });
    // The detail is the reservation as accepting left it, not as it was clicked.
    expect([detail.reservation.status, detail.task.assignmentStatus]).to.deep.equal(['accepted', 'assigned']);
    await waitUntil(() => text(inbox, '[part=status]') === 'Accepted', 'the inbox shows the reservation accepted', WAIT);
    await waitUntil(() => $$(stats, 'tbody th').some((th) => th.textContent === `Queue ${run}`), 'the statistics show the queue', WAIT);

    const completed = oneEvent(inbox, 'tr-task-completed');
    $(inbox, '[part=complete-button]').click();
    expect((await completed).detail.task.assignmentStatus).to.equal('completed');
    await waitUntil(() => text(inbox, '[part=status]') === 'Completed', 'the inbox shows the task completed', WAIT);

    // A second task, rejected with an activity: the worker status follows the server to it.
    await createTask({ name: 'Alan Turing' });
    await waitUntil(() => inbox.shadowRoot!.querySelector('[part=reject-button]'), 'the second reservation appears', WAIT);
    $(inbox, '[part=reject-button]').click();
    await waitUntil(() => text(status, '[part=activity-button]').startsWith('Break'), 'the worker status follows the rejection to Break', WAIT);
    // Nobody else can take it: the statistics count it as waiting.
    const waitingCell = () => $$(stats, 'tbody tr').find((tr) => tr.querySelector('th')!.textContent === `Queue ${run}`)?.children[1]?.textContent;
    await waitUntil(() => waitingCell() === '1', 'the statistics count the waiting task', WAIT);
    await expect(status).to.be.accessible();
    await expect(stats).to.be.accessible();
  });

  it("shows the server's refusal to delete a queue with open tasks, then deletes it after asking", async () => {
    expect(queueSid, 'the first test created the queue').to.be.a('string');
    const provider = await fixture<TrProvider>(html`<tr-provider workspace-token-url=${workspaceToken()} event-bridge-url=${server!}>
      <tr-queue-editor queue-sid=${queueSid}></tr-queue-editor>
    </tr-provider>`);
    const editor = provider.querySelector<TrQueueEditor>('tr-queue-editor')!;
    await waitUntil(() => editor.shadowRoot!.querySelector('[part=delete-button]:not(:disabled)'), 'the editor loads the queue', WAIT);
    expect($<HTMLInputElement>(editor, '#FriendlyName').value).to.equal(`Queue ${run}`);
    // A supervisor's page (workspace token only) still names the activities.
    await waitUntil(() => $<HTMLSelectElement>(editor, '#AssignmentActivitySid').selectedOptions[0]?.textContent === 'Break',
      'the assignment activity shown by name', WAIT);
    const confirmDelete = async () => {
      $(editor, '[part=delete-button]').click();
      await editor.updateComplete;
      expect(text(editor, '[part=confirm]')).to.contain(`Delete the task queue Queue ${run}?`);
      const outcome = Promise.race([oneEvent(editor, 'tr-queue-deleted'), oneEvent(editor, 'tr-error')]);
      $$(editor, '[part=confirm] button')[0]!.click();
      return outcome;
    };

    // The task the worker rejected is still waiting in the queue: the server refuses, the editor says why.
    const refused = await confirmDelete();
    expect(refused.type).to.equal('tr-error');
    await editor.updateComplete;
    expect(text(editor, 'form > [part=error]')).to.contain('still holds 1 task');
    await expect(editor).to.be.accessible();

    const open = await setup.workspace!.tasks.fetch({ TaskQueueSid: queueSid });
    const waiting = open.data.filter((task: { assignmentStatus: string }) => ['pending', 'reserved'].includes(task.assignmentStatus));
    expect(waiting).to.have.length(1);
    for (const task of waiting) await setup.workspace!.tasks.update(task.sid, { AssignmentStatus: 'canceled', Reason: 'test cleanup' });
    const deleted = await confirmDelete();
    expect(deleted.type, deleted.detail.error?.message).to.equal('tr-queue-deleted');
    await editor.updateComplete;
    expect(text(editor, '[role=status]')).to.equal('Deleted.');
    const remaining = await setup.workspace!.taskqueues.fetch({ FriendlyName: `Queue ${run}` });
    expect(remaining.data).to.have.length(0);
  });
});
