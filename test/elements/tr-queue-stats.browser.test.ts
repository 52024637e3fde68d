import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import '../../src/elements/translations/es.js';
import { sendKeys } from '@web/test-runner-commands';
import '../../src/elements/index.js';
import type { TrQueueStats } from '../../src/elements/index.js';
import type { QueueStatisticsView } from '../../src/context/client-types.js';
import type { TrWorkerStatus } from '../../src/elements/index.js';
import { connectedState, FakeClient, makeQueue, makeStats, makeWorker } from './fake-client.js';
import { $, $$, expectLoadingThenEmpty, expectNeedsProvider, mountWithClient, settle, text } from './helpers.js';

const STORAGE_KEY = 'test.queue-stats.columns';

function threeQueues(): FakeClient {
  const queues = [
    makeQueue({ sid: 'WQa', friendlyName: 'Billing' }),
    makeQueue({ sid: 'WQb', friendlyName: 'Sales' }),
    makeQueue({ sid: 'WQc', friendlyName: 'Support' }),
  ];
  const stats: Record<string, QueueStatisticsView> = {
    WQa: makeStats(queues[0]!, 4),
    WQb: makeStats(queues[1]!, 1, { longestTaskWaitingAge: 95 }),
    WQc: makeStats(queues[2]!, 7),
  };
  return new FakeClient(connectedState({ queues, queueStatistics: stats }));
}

const mount = (client?: FakeClient, template = html`<tr-queue-stats storage-key=${STORAGE_KEY}></tr-queue-stats>`) =>
  mountWithClient<TrQueueStats>(template, client);

const headers = (el: Element) => $$(el, 'thead th').map((th) => th.textContent!.trim());
const rowNames = (el: Element) => $$(el, 'tbody th').map((th) => th.textContent!.trim());
const column = (el: Element, label: string) => {
  const index = headers(el).indexOf(label);
  return $$(el, 'tbody tr').map((tr) => tr.children[index]!.textContent!.trim());
};

describe('tr-queue-stats', () => {
  beforeEach(() => localStorage.removeItem(STORAGE_KEY));
  afterEach(() => localStorage.removeItem(STORAGE_KEY));

  it('says in place that it needs a provider when it has no client', async () => {
    await expectNeedsProvider(await mount());
  });

  it('shows loading, then empty', async () => {
    const { el } = await expectLoadingThenEmpty(mount, 'No queues to show.');
    el.innerHTML = '<span slot="empty">No queues yet: create one.</span>';
    expect($<HTMLSlotElement>(el, 'slot[name=empty]').assignedElements()).to.have.length(1);
  });

  it('shows real-time and cumulative statistics per queue, with totals', async () => {
    const el = await mount(threeQueues());
    expect(text(el, '[part=title]')).to.equal('Queues (cumulative: last 60 minutes)');
    expect(headers(el)).to.deep.equal([
      'Queue', 'Waiting', 'Reserved', 'Assigned', 'Longest wait', 'Available workers', 'Eligible workers', 'Entered', 'Completed', 'Avg. time to accept', 'Trend',
    ]);
    expect(rowNames(el)).to.deep.equal(['Billing', 'Sales', 'Support']);
    expect(column(el, 'Waiting')).to.deep.equal(['4', '1', '7']);
    expect(column(el, 'Longest wait')).to.deep.equal(['0:40', '1:35', '1:10']);
    expect(column(el, 'Avg. time to accept')).to.deep.equal(['0:12', '0:12', '0:12']);
    const totals = [...$(el, '[part=totals]').children].map((cell) => cell.textContent!.trim());
    expect(totals).to.deep.equal(['Total', '12', '3', '6', '1:35', '', '', '30', '21', '', '']);
    await expect(el).to.be.accessible();
  });

  /** With Sales's statistics replaced by `sales`, the column shows `expected` and, sorted ascending on it, Sales last. */
  async function expectDashSortedLast(sales: QueueStatisticsView, label: string, sortBy: string, expected: string[]): Promise<void> {
    const client = threeQueues();
    client.set({ queueStatistics: { ...client.state.queueStatistics, WQb: sales } });
    const el = await mount(client);
    expect(column(el, label)).to.deep.equal(expected);
    el.sortBy = sortBy;
    el.sortDirection = 'ascending';
    await el.updateComplete;
    expect(rowNames(el).at(-1)).to.equal('Sales');
  }

  it('shows a dash, not 0:00, for an average with nothing accepted, and sorts it last', async () => {
    const quiet = makeStats(makeQueue({ sid: 'WQb', friendlyName: 'Sales' }), 1);
    quiet.cumulative[60] = { ...quiet.cumulative[60]!, reservationsAccepted: 0, avgTaskAcceptanceTime: 0, waitDurationUntilAccepted: { avg: 0, min: 0, max: 0 } };
    await expectDashSortedLast(quiet, 'Avg. time to accept', 'acceptanceTime', ['0:12', '–', '0:12']);
  });

  it('shows a dash, not 0:00, for the longest wait of a queue where no task waits', async () => {
    const idle = makeStats(makeQueue({ sid: 'WQb', friendlyName: 'Sales' }), 0);
    idle.realtime.tasksByStatus = { ...idle.realtime.tasksByStatus, reserved: 0 };
    await expectDashSortedLast(idle, 'Longest wait', 'longestWait', ['0:40', '–', '1:10']);
  });

  it('draws the first sample of the trend as a dot (a line needs two)', async () => {
    const client = threeQueues();
    const stats = client.state.queueStatistics.WQc!;
    stats.history = stats.history.slice(-1);
    const el = await mount(client);
    const line = $(el, 'tbody tr:nth-child(3) [part=sparkline]');
    expect(line.getAttribute('aria-label')).to.equal('Waiting tasks, from 7 to 7');
    const dot = line.querySelector('circle')!;
    expect(dot, 'a dot').to.not.equal(null);
    expect(dot.getBoundingClientRect().width).to.be.greaterThan(1);
    expect(line.querySelector('polyline')).to.equal(null);
    await expect(el).to.be.accessible();
  });

  it('draws a trend line over the window', async () => {
    const el = await mount(threeQueues());
    const line = $(el, 'tbody tr:nth-child(3) [part=sparkline]');
    expect(line.getAttribute('role')).to.equal('img');
    expect(line.getAttribute('aria-label')).to.equal('Waiting tasks, from 0 to 7');
    expect(line.querySelector('polyline')!.getAttribute('points')!.split(' ')).to.have.length(4);
    el.minutes = 2;
    await el.updateComplete;
    expect($(el, 'tbody tr:nth-child(3) polyline').getAttribute('points')!.split(' ')).to.have.length(3);
  });

  it('shows only the queues asked for, and watches them with the client only while it is in the page', async () => {
    const client = threeQueues();
    const el = await mount(client, html`<tr-queue-stats queues="WQb, Support"></tr-queue-stats>`);
    expect(rowNames(el)).to.deep.equal(['Sales', 'Support']);
    expect([...client.watches]).to.deep.equal([[['WQb', 'Support'], 60]]);
    // The window is asked of the client too: the cumulative figures cover `minutes`, as the title says. Until the
    // client has them, their cells show a dash, never another window's numbers.
    el.minutes = 15;
    await el.updateComplete;
    expect([...client.watches]).to.deep.equal([[['WQb', 'Support'], 15]]);
    expect(text(el, '[part=title]')).to.equal('Queues (cumulative: last 15 minutes)');
    expect(column(el, 'Entered')).to.deep.equal(['–', '–']);
    el.remove();
    expect(client.watches.size, 'let go once removed').to.equal(0);
  });

  it('two tables under one client each keep their own queues and window', async () => {
    const client = threeQueues();
    const sales = await mount(client, html`<tr-queue-stats queues="Sales" minutes="15"></tr-queue-stats>`);
    const everyone = await mount(client, html`<tr-queue-stats></tr-queue-stats>`);
    expect([...client.watches]).to.have.deep.members([[['Sales'], 15], [null, 60]]);
    expect(text(sales, '[part=title]')).to.equal('Queues (cumulative: last 15 minutes)');
    expect(column(everyone, 'Entered')).to.deep.equal(['10', '10', '10']);
    sales.remove();
    expect([...client.watches]).to.deep.equal([[null, 60]]);
  });

  it('sorts by a column from the keyboard, and back', async () => {
    const el = await mount(threeQueues());
    const waiting = $$(el, 'thead th')[1]!;
    waiting.querySelector('button')!.focus();
    await sendKeys({ press: 'Enter' });
    await el.updateComplete;
    expect(waiting.getAttribute('aria-sort')).to.equal('descending');
    expect(rowNames(el)).to.deep.equal(['Support', 'Billing', 'Sales']);
    await sendKeys({ press: 'Space' });
    await el.updateComplete;
    expect(waiting.getAttribute('aria-sort')).to.equal('ascending');
    expect(rowNames(el)).to.deep.equal(['Sales', 'Billing', 'Support']);
    $$(el, 'thead th')[0]!.querySelector('button')!.click();
    await el.updateComplete;
    expect(rowNames(el)).to.deep.equal(['Billing', 'Sales', 'Support']);
    expect(waiting.hasAttribute('aria-sort')).to.equal(false);
    await expect(el).to.be.accessible();
  });

  it("keeps the sort arrow out of the buttons' names: aria-sort says the order", async () => {
    const el = await mount(threeQueues());
    el.sortBy = 'waiting';
    el.sortDirection = 'descending';
    await el.updateComplete;
    const arrow = () => getComputedStyle($$(el, 'thead button')[1]!, '::after').content;
    // Drawn, with empty alternative text (after the slash), which Chromium leaves out of the accessible name.
    expect(arrow()).to.equal('" ▼" / ""');
    expect($$(el, 'thead th')[1]!.getAttribute('aria-sort')).to.equal('descending');
    el.sortDirection = 'ascending';
    await el.updateComplete;
    expect(arrow()).to.equal('" ▲" / ""');
  });

  it('lets the user choose columns and remembers the choice in the browser', async () => {
    const el = await mount(threeQueues());
    const changes: string[][] = [];
    el.addEventListener('tr-columns-change', (event) => changes.push(event.detail.columns));
    $(el, '[part=columns] summary').click();
    await el.updateComplete;
    await expect(el).to.be.accessible();
    const box = (label: string) => $$<HTMLLabelElement>(el, 'fieldset label').find((l) => l.textContent!.trim() === label)!.querySelector('input')!;
    box('Trend').click();
    box('Workers by activity').click();
    await el.updateComplete;
    expect(headers(el)).to.not.include('Trend');
    expect(headers(el)).to.include('Workers by activity');
    expect(column(el, 'Workers by activity')[0]).to.equal('Available 2 · Break 1');
    expect(changes).to.have.length(2);
    expect(JSON.parse(localStorage.getItem(STORAGE_KEY)!)).to.include('activities').and.not.include('trend');

    const again = await mount(threeQueues());
    expect(headers(again)).to.deep.equal(headers(el));
  });

  it("takes the page's columns as the default, and the user's saved choice over them", async () => {
    const withColumns = () => mount(threeQueues(), html`<tr-queue-stats storage-key=${STORAGE_KEY} columns="waiting,entered"></tr-queue-stats>`);
    const el = await withColumns();
    expect(headers(el)).to.deep.equal(['Queue', 'Waiting', 'Entered']);
    $(el, '[part=columns] summary').click();
    await el.updateComplete;
    $$<HTMLLabelElement>(el, 'fieldset label').find((l) => l.textContent!.trim() === 'Trend')!.querySelector('input')!.click();
    await el.updateComplete;
    expect(headers(el)).to.deep.equal(['Queue', 'Waiting', 'Entered', 'Trend']);

    const reloaded = await withColumns();
    expect(headers(reloaded), 'the choice survives a reload').to.deep.equal(['Queue', 'Waiting', 'Entered', 'Trend']);
    reloaded.columns = ['waiting'];
    await reloaded.updateComplete;
    expect(headers(reloaded), 'and a new default').to.deep.equal(['Queue', 'Waiting', 'Entered', 'Trend']);
    reloaded.storageKey = `${STORAGE_KEY}.new`;
    await reloaded.updateComplete;
    expect(headers(reloaded), 'a new storage key starts over').to.deep.equal(['Queue', 'Waiting']);
  });

  it('shows that columns overflow a narrow box, and lets the keyboard scroll them', async () => {
    const wrapper = await fixture<HTMLElement>(html`<div style="width: 400px"><tr-queue-stats storage-key=${STORAGE_KEY}></tr-queue-stats></div>`);
    const el = wrapper.firstElementChild as TrQueueStats;
    el.client = threeQueues();
    await el.updateComplete;
    const scroller = $(el, '.scroll');
    expect(scroller.scrollWidth).to.be.greaterThan(scroller.clientWidth);
    expect(getComputedStyle(scroller).overflowX).to.equal('auto');
    expect(getComputedStyle(scroller).backgroundImage, 'edge shadows show there is more').to.contain('gradient');
    expect(scroller.getAttribute('role')).to.equal('region');
    expect(scroller.getAttribute('aria-labelledby')).to.equal('title');
    scroller.focus();
    expect(el.shadowRoot!.activeElement).to.equal(scroller);
    await sendKeys({ press: 'ArrowRight' });
    await waitUntil(() => scroller.scrollLeft > 0, 'the arrow key scrolls the columns');
    await expect(el).to.be.accessible();
  });

  it('floats the column chooser with the same elevation as the activity picker', async () => {
    const el = await mount(threeQueues());
    $(el, '[part=columns] summary').click();
    await el.updateComplete;
    const status = await mountWithClient<TrWorkerStatus>(html`<tr-worker-status></tr-worker-status>`, new FakeClient(connectedState()));
    $(status, '[part=activity-button]').click();
    await status.updateComplete;
    const listShadow = getComputedStyle($(status, '[part=activity-list]')).boxShadow;
    expect(listShadow).to.not.equal('none');
    expect(getComputedStyle($(el, '.chooser')).boxShadow).to.equal(listShadow);
  });

  it('closes the column chooser on Escape and when focus leaves it, as a popup', async () => {
    const el = await mount(threeQueues());
    const details = $<HTMLDetailsElement>(el, '[part=columns]');
    const summary = $(el, '[part=columns] summary');
    summary.focus();
    await sendKeys({ press: 'Enter' });
    expect(details.open).to.equal(true);
    await sendKeys({ press: 'Tab' });
    expect(el.shadowRoot!.activeElement!.matches('.chooser input')).to.equal(true);
    let escape: KeyboardEvent | undefined;
    document.addEventListener('keydown', (event) => (escape = event), { once: true });
    await sendKeys({ press: 'Escape' });
    expect(details.open).to.equal(false);
    expect(escape!.defaultPrevented, 'a <dialog> of the page around it would stay open').to.equal(true);
    expect(el.shadowRoot!.activeElement).to.equal(summary);

    await sendKeys({ press: 'Enter' });
    $(el, '.chooser').focus(); // what a click on the chooser's padding does
    expect(details.open, 'a click inside keeps it open').to.equal(true);
    $$(el, 'thead button')[0]!.focus();
    expect(details.open, 'focus elsewhere closes it').to.equal(false);
  });

  it('updates in place: only the changed row re-renders, and rows keep their DOM when re-sorted', async () => {
    const client = threeQueues();
    const el = await mount(client);
    const [billing, sales, support] = $$(el, 'tbody tr');
    const salesCell = sales!.children[1]!;
    const salesText = salesCell.firstChild;
    const observed: MutationRecord[] = [];
    const observer = new MutationObserver((records) => observed.push(...records));
    observer.observe(el.shadowRoot!, { subtree: true, childList: true, characterData: true, attributes: true });
    const stats = { ...client.state.queueStatistics, WQa: makeStats(client.state.queues[0]!, 9) };
    client.set({ queueStatistics: stats });
    await el.updateComplete;
    observer.disconnect();
    expect(column(el, 'Waiting')).to.deep.equal(['9', '1', '7']);
    const touchedRows = new Set(observed.map((record) => (record.target instanceof Element ? record.target : record.target.parentElement)!.closest('tbody tr')));
    touchedRows.delete(null);
    expect([...touchedRows]).to.deep.equal([billing]);
    expect(sales!.children[1]!.firstChild).to.equal(salesText);

    $$(el, 'thead th')[1]!.querySelector('button')!.click();
    await el.updateComplete;
    expect($$(el, 'tbody tr')).to.deep.equal([billing, support, sales]);
  });

  it('updates only for the state keys it shows', async () => {
    const client = threeQueues();
    const el = await mount(client);
    client.set({ worker: makeWorker({ activityName: 'Break' }) });
    expect(el.isUpdatePending).to.equal(false);
  });

  it('keeps the last figures visible while the connection is lost or failed, says why, and retries', async () => {
    const client = threeQueues();
    const el = await mount(client);
    client.set({ connection: 'reconnecting' });
    await el.updateComplete;
    expect(text(el, '[part=notice]')).to.equal('Connection lost, reconnecting…');
    expect(el.shadowRoot!.querySelector('[part=retry]'), 'it comes back by itself').to.equal(null);
    client.set({ connection: 'failed', error: { code: 20003, status: 403, message: 'Authentication failed' } });
    await el.updateComplete;
    expect(text(el, '[part=notice]')).to.equal('Connection failed: \u2068Authentication failed\u2069 Retry');
    expect(el.shadowRoot!.querySelector('[part=error]'), 'the error is said once, in the notice').to.equal(null);
    expect($(el, '.scroll').classList.contains('stale')).to.equal(true);
    expect(rowNames(el)).to.have.length(3);
    await expect(el).to.be.accessible();
    $(el, '[part=retry]').click();
    await settle(el);
    expect(client.calls).to.deep.include(['retry']);
    expect(el.shadowRoot!.querySelector('[part=notice]'), 'connected again: no notice').to.equal(null);
    // Connected again, a later error of the client shows on its own.
    client.set({ connection: 'connected', error: { code: 20500, status: 500, message: 'Statistics failed' } });
    await el.updateComplete;
    expect(text(el, '[part=error]')).to.equal('\u2068Statistics failed\u2069');
  });

  it("is not covered by another connection's failure: a worker token that fails leaves a working table alone", async () => {
    const client = threeQueues();
    const el = await mount(client);
    const status = await fixture<TrWorkerStatus>(html`<tr-worker-status></tr-worker-status>`);
    status.client = client;
    const workerFailed = { code: 404, status: 404, message: 'Token request to /tokens/worker failed: 404 Not Found', connection: 'worker' as const };
    client.set({ connection: 'failed', connections: { worker: 'failed', workspace: 'connected' }, error: workerFailed });
    await settle(el);
    await settle(status);
    expect(el.shadowRoot!.querySelector('[part=notice], [part=error]')?.textContent ?? null, 'nothing over the table').to.equal(null);
    expect($(el, '.scroll').classList.contains('stale')).to.equal(false);
    expect(text(status, '[part=connection]')).to.equal('Connection failed');
    expect(text(status, '[part=error]')).to.equal(`\u2068${workerFailed.message}\u2069`);
    // Its own connection failing is its to say.
    client.set({ connections: { worker: 'failed', workspace: 'failed' }, error: { ...workerFailed, connection: 'workspace' } });
    await settle(el);
    expect(text(el, '[part=notice]')).to.contain('Connection failed: \u2068Token request');
  });

  it('renders queue names as text, never as HTML', async () => {
    const hostile = '<img src=x onerror="window.__pwned=1"><script>window.__pwned=1</script>';
    const queue = makeQueue({ sid: 'WQx', friendlyName: hostile });
    const stats = makeStats(queue, 1);
    stats.realtime.activityStatistics = [{ sid: 'WAx', friendlyName: hostile, workers: 1 }];
    const el = await mount(new FakeClient(connectedState({ queues: [queue], queueStatistics: { WQx: stats } })),
      html`<tr-queue-stats storage-key=${STORAGE_KEY} columns="activities"></tr-queue-stats>`);
    expect(el.shadowRoot!.querySelector('img, script:not([type]), [onerror]')).to.equal(null);
    expect(rowNames(el)).to.deep.equal([hostile]);
    expect(text(el, 'td.activities')).to.equal(`${hostile} 1`);
    expect((window as { __pwned?: number }).__pwned).to.equal(undefined);
  });

  it('follows the dark theme and Spanish, numbers included', async () => {
    const client = threeQueues();
    const stats = client.state.queueStatistics;
    stats.WQa!.cumulative[60]!.tasksEntered = 12345;
    const wrapper = await fixture<HTMLElement>(html`<div lang="es"><tr-queue-stats class="tr-theme-dark" storage-key=${STORAGE_KEY}></tr-queue-stats></div>`);
    const el = wrapper.firstElementChild as TrQueueStats;
    el.client = client;
    await el.updateComplete;
    expect(getComputedStyle(el).colorScheme).to.equal('dark');
    expect(headers(el).slice(0, 3)).to.deep.equal(['Cola', 'En espera', 'Reservadas']);
    expect(column(el, 'Entradas')[0]).to.equal('12.345');
    expect(text(el, '[part=title]')).to.equal('Colas (acumulado: últimos 60 minutos)');
    el.minutes = 1;
    await el.updateComplete;
    expect(text(el, '[part=title]')).to.equal('Colas (acumulado: último minuto)');
    el.minutes = 43200;
    await el.updateComplete;
    expect(text(el, '[part=title]')).to.equal('Colas (acumulado: últimos 43.200 minutos)');
    el.minutes = 60;
    await el.updateComplete;
    await expect(el).to.be.accessible();
    await settle(el);
  });
});
