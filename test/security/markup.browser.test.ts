// Hostile data in every element: task attributes (names and values, nested), friendly names of
// workers, activities, queues, channels and workflows, expressions, statistics and error messages
// carry markup and script. All of it must render as text: no element, no attribute and no inline
// event handler comes from data, nothing runs, and the payloads are visible verbatim.
import { expect, fixture, html } from '@open-wc/testing';
import '../../src/elements/index.js';
import type { TrQueueEditor, TrQueueStats, TrReservationInbox, TrWorkerStatus } from '../../src/elements/index.js';
import { connectedState, FakeClient, FakeTaskRouterError, makeChannel, makeQueue, makeReservation, makeStats, makeWorker } from '../elements/fake-client.js';
import { $, settle } from '../elements/helpers.js';
import { deepElements, deepText, inertProblems } from './support/inert.js';

declare global {
  interface Window {
    __xss?: number;
  }
}

const RUN = 'window.__xss=(window.__xss||0)+1';
/** Each one would run script, load something or restyle the page if it were parsed as HTML. */
const PAYLOADS = [
  `<img src=x onerror="${RUN}">`,
  `<script>${RUN}</script>`,
  `"><svg onload="${RUN}">`,
  `'><iframe src="javascript:${RUN}"></iframe>`,
  `<a href="javascript:${RUN}">link</a>`,
  `</textarea></title><img src=x onerror=${RUN}>`,
  '<style>*{display:none}</style>',
  `<math><mtext><table><mglyph><style><img src=x onerror=${RUN}>`,
  `\${${RUN}}{{constructor.constructor('${RUN}')()}}`,
];
const p = (i: number) => PAYLOADS[i % PAYLOADS.length]!;

type Kit = TrWorkerStatus | TrReservationInbox | TrQueueStats | TrQueueEditor;

/** A client whose every string field holds a payload. */
function hostileClient(): FakeClient {
  const queue = makeQueue({ sid: 'WQhostile', friendlyName: p(0), targetWorkers: `skills HAS "${p(1)}" AND ${p(2)}` });
  const other = makeQueue({ sid: 'WQother', friendlyName: p(3), targetWorkers: '1==1' });
  const stats = makeStats(queue, 2, { activityStatistics: [{ sid: 'WAx', friendlyName: p(4), workers: 1 }] });
  const client = new FakeClient(connectedState({
    worker: makeWorker({ friendlyName: p(5), activityName: p(6), attributes: { [p(7)]: p(8), skills: [p(0)] } }),
    activities: [
      { sid: 'WAavailable', friendlyName: p(1), available: true },
      { sid: `WA"><img src=x onerror="${RUN}">`, friendlyName: p(2), available: false },
    ],
    channels: [makeChannel({ taskChannelUniqueName: p(3) }), makeChannel({ sid: 'WCchat', taskChannelUniqueName: p(4), configuredCapacity: 3 })],
    reservations: [
      makeReservation({ task: { attributes: Object.fromEntries(PAYLOADS.map((payload, i) => [`${p(i + 1)}`, payload])), taskQueueFriendlyName: p(5), workflowFriendlyName: p(6), taskChannelUniqueName: p(7) } }),
      makeReservation({ status: 'accepted', task: { attributes: { name: p(8), nested: { deeper: [p(0), { html: p(1) }] }, list: [p(2), p(3)] } } }),
      makeReservation({ status: 'canceled', task: { attributes: { name: p(4) }, reason: p(5) } }),
    ],
    queues: [queue, other],
    queueStatistics: { [queue.sid]: stats, [other.sid]: makeStats(other, 0) },
    error: { code: 31000, status: 503, message: p(6) },
  }));
  client.workers = PAYLOADS.map((payload, i) => ({ sid: `WK${i}`, friendlyName: payload, activityName: p(i + 1), available: i % 2 === 0, attributes: {} }));
  return client;
}

/** Fails on any element, attribute or URL that markup in the data could have produced. */
function assertInert(hosts: Element[]): void {
  expect(inertProblems(hosts)).to.deep.equal([]);
}

describe('the markup checks themselves (control)', () => {
  it('catch markup parsed as HTML, and the payload runs when it is', async () => {
    const host = document.createElement('div');
    host.attachShadow({ mode: 'open' }).innerHTML = `<p>${p(0)}</p>`;
    document.body.append(host);
    try {
      expect(inertProblems([host])).to.deep.equal(['<div> img: a img element', '<div> img: an inline handler onerror']);
      await new Promise((resolve) => setTimeout(resolve, 100));
      expect(window.__xss).to.equal(1);
    } finally {
      host.remove();
      window.__xss = undefined;
    }
  });
});

describe('hostile data in the elements', () => {
  let hosts: Kit[];
  let client: FakeClient;

  beforeEach(async () => {
    window.__xss = undefined;
    client = hostileClient();
    const root = await fixture<HTMLDivElement>(html`<div>
      <tr-worker-status></tr-worker-status>
      <tr-reservation-inbox></tr-reservation-inbox>
      <tr-queue-stats></tr-queue-stats>
      <tr-queue-editor queue-sid="WQhostile" preview-delay="0"></tr-queue-editor>
    </div>`);
    hosts = [...root.children] as Kit[];
    for (const host of hosts) host.client = client;
    for (const host of hosts) await settle(host);
  });

  afterEach(() => {
    expect(window.__xss, 'a payload ran').to.equal(undefined);
  });

  it('renders every payload as text, with no element, attribute or handler from it', async () => {
    // Let the preview of the editor's (invalid) expression and any image errors happen.
    await new Promise((resolve) => setTimeout(resolve, 100));
    for (const host of hosts) await settle(host);
    assertInert(hosts);
    const [status, inbox, stats, editor] = hosts.map(deepText) as [string, string, string, string];
    // The activity and the channels of the worker.
    expect(status).to.contain(p(6)).and.contain(p(3)).and.contain(p(4));
    expect(inbox).to.contain(p(1)).and.contain(p(0)).and.contain(p(6));
    expect(stats).to.contain(p(0));
    expect(editor).to.contain(p(0));
    expect(window.__xss).to.equal(undefined);
  });

  it('renders error messages with markup as text: a failed accept, save and activity change', async () => {
    const [status, inbox, , editor] = hosts as [TrWorkerStatus, TrReservationInbox, TrQueueStats, TrQueueEditor];
    client.failNext('acceptReservation', new FakeTaskRouterError(p(0), 20409, 410));
    $(inbox, '[part=accept-button]').click();
    await settle(inbox);
    expect(deepText(inbox)).to.contain(p(0));

    client.failNext('updateQueue', new FakeTaskRouterError(p(1), 20001, 400, 'FriendlyName'));
    editor.value = { FriendlyName: 'renamed', TargetWorkers: '1==1' };
    await settle(editor);
    $(editor, '[part=save-button]').click();
    await settle(editor);
    expect(deepText(editor)).to.contain(p(1));

    client.failNext('setActivity', new FakeTaskRouterError(p(3), 20001, 400));
    $(status, '[part=activity-button]').click();
    await settle(status);
    const option = deepElements(status.shadowRoot!).find((element) => element.getAttribute('role') === 'option' && element.getAttribute('aria-selected') !== 'true');
    (option as HTMLElement | undefined)?.click();
    await settle(status);
    await new Promise((resolve) => setTimeout(resolve, 50));
    assertInert(hosts);
  });

  it('shows the expression error of a hostile TargetWorkers as text, at its position', async () => {
    const editor = hosts[3] as TrQueueEditor;
    editor.value = { FriendlyName: p(2), TargetWorkers: `level > 1 AND ${p(0)}` };
    await settle(editor);
    await new Promise((resolve) => setTimeout(resolve, 50));
    await settle(editor);
    assertInert([editor]);
    expect(deepText(editor)).to.contain('column');
  });
});
