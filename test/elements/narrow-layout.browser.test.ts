// The elements in a narrow sidebar (320 px, or a 320 px viewport: 400 % zoom) with the long unbreakable
// names TaskRouter allows (64 characters), a long list of queues, and the availability dots' shapes.
import { expect, fixture, html } from '@open-wc/testing';
import type { TemplateResult } from 'lit';
import '../../src/elements/index.js';
import type { TrQueueEditor, TrQueueStats, TrReservationInbox, TrWorkerStatus } from '../../src/elements/index.js';
import type { TrElement } from '../../src/elements/internal/tr-element.js';
import type { QueueStatisticsView } from '../../src/context/client-types.js';
import { ACTIVITIES, connectedState, EPOCH, FakeClient, makeChannel, makeQueue, makeReservation, makeStats, makeWorker } from './fake-client.js';
import { $, $$, applyForcedColorRules, clock, settle } from './helpers.js';

/** Names with no break opportunity, as the audit found them in real workspaces; the last ones at TaskRouter's 64-character limit. */
const ACTIVITY = 'Available_Inbound_EMEA_Premium';
const QUEUE = 'Billing_Disputes_EMEA_Premium_Tier2';
const KEY = 'preferred_contact_language_code';
const LONGEST_ACTIVITY = 'Nachbearbeitungszeit_Kundenservice_Eskalation_Premium_Verfuegbar';
const LONGEST_QUEUE = 'Enterprise_Premium_Support_Escalations_North_America_West_Region';
const LONGEST_KEY = 'this_is_a_really_long_attribute_key_name_without_any_spaces_at_all';

const LONG_ACTIVITIES = [
  { sid: 'WAinbound', friendlyName: ACTIVITY, available: true },
  { sid: 'WAlongest', friendlyName: LONGEST_ACTIVITY, available: true },
  ...ACTIVITIES,
];

/** Renders `template` (one element) in a `width` px wide box and gives it `client`. */
async function inBox<T extends TrElement>(width: number, template: TemplateResult, client: FakeClient): Promise<T> {
  const box = await fixture<HTMLDivElement>(html`<div style="width: ${width}px">${template}</div>`);
  const el = box.firstElementChild as T;
  el.client = client;
  await settle(el);
  return el;
}

/**
 * What sticks out of the element's box sideways (tag, class and text of each), beside its own horizontal
 * overflow; a scroll box's content may overflow it (it scrolls), the scroll box itself may not.
 */
function overflow(el: HTMLElement): { scroll: string; sticking: string[] } {
  const box = el.getBoundingClientRect();
  const sticking = $$(el, '*')
    .filter((node) => node.checkVisibility() && !node.closest('.visually-hidden') && !node.parentElement?.closest('.scroll'))
    .filter((node) => {
      const rect = node.getBoundingClientRect();
      return rect.width > 0 && (rect.left < box.left - 0.5 || rect.right > box.right + 0.5);
    })
    .map((node) => `${node.localName}.${node.getAttribute('class') ?? ''} "${(node.textContent ?? '').trim().slice(0, 30)}"`);
  return { scroll: `${el.scrollWidth} / ${el.clientWidth}`, sticking };
}

function expectNoOverflow(el: HTMLElement, what: string): void {
  expect(overflow(el), what).to.deep.equal({ scroll: `${el.clientWidth} / ${el.clientWidth}`, sticking: [] });
}

/** How many lines an element's text takes. */
function lines(node: Element): number {
  const range = document.createRange();
  range.selectNodeContents(node);
  return new Set([...range.getClientRects()].map((rect) => Math.round(rect.top))).size;
}

const TRANSPARENT = 'rgba(0, 0, 0, 0)';

describe('narrow layouts and long names', () => {
  beforeEach(() => clock.at(30));
  afterEach(() => clock.reset());

  it('tr-worker-status keeps long activity and channel names inside a 320 px sidebar, closed and open', async () => {
    for (const name of [ACTIVITY, LONGEST_ACTIVITY]) {
      const worker = makeWorker({ activitySid: 'WAinbound', activityName: name, available: true });
      const channels = [makeChannel({ taskChannelUniqueName: `chat_${name}`, configuredCapacity: 3 }), makeChannel({ sid: 'WCvoice2' })];
      const el = await inBox<TrWorkerStatus>(320, html`<tr-worker-status></tr-worker-status>`,
        new FakeClient(connectedState({ worker, activities: LONG_ACTIVITIES, channels })));
      expectNoOverflow(el, `${name}, closed`);
      // Checked closed: open, the list of wrapped names scrolls, and axe wants a scroll box reachable by Tab,
      // though the list gets focus when it opens and its keys move through it.
      await expect(el).to.be.accessible();
      $(el, '[part=activity-button]').click();
      await el.updateComplete;
      expectNoOverflow(el, `${name}, open`);
      const list = $(el, '[part=activity-list]');
      expect(list.scrollWidth, `${name}: the list does not scroll sideways`).to.be.at.most(list.clientWidth);
    }
  });

  it('tr-reservation-inbox keeps long queue names and keys inside a 320 px sidebar, and values readable', async () => {
    const reservations = [
      makeReservation({ task: { taskQueueFriendlyName: QUEUE, attributes: { name: 'Jonathan Richardson-Whitfield', [KEY]: 'en-GB', subject: 'Invoice 2024-00123 charged twice' } } }),
      makeReservation({ dateCreated: new Date(EPOCH - 60_000), status: 'accepted', task: { taskQueueFriendlyName: LONGEST_QUEUE, attributes: { [LONGEST_KEY]: 'short', name: 'Ada' } } }),
    ];
    for (const width of [320, 200]) {
      const el = await inBox<TrReservationInbox>(width, html`<tr-reservation-inbox></tr-reservation-inbox>`,
        new FakeClient(connectedState({ reservations })));
      expectNoOverflow(el, `${width} px`);
      for (const list of $$(el, 'dl')) {
        const full = list.getBoundingClientRect().width;
        // Keys take a share of the width at most, and wrap there; every value keeps at least half of it.
        for (const key of list.querySelectorAll('dt')) expect(key.getBoundingClientRect().width, `key ${key.textContent}`).to.be.at.most(full / 2);
        for (const value of list.querySelectorAll('dd')) expect(value.getBoundingClientRect().width, `value ${value.textContent}`).to.be.at.least(full / 2);
      }
      // A short key keeps its line.
      expect(lines($$(el, 'dt')[0]!), $$(el, 'dt')[0]!.textContent!).to.equal(1);
      await expect(el).to.be.accessible();
    }
  });

  it("keeps the page's text settings out: nowrap, uppercase and spacing do not overflow or change what is shown", async () => {
    const page = await fixture<HTMLDivElement>(html`<div style="width: 320px; white-space: nowrap; text-transform: uppercase; letter-spacing: 4px; word-spacing: 20px; text-indent: 40px">
      <tr-reservation-inbox></tr-reservation-inbox><tr-queue-editor></tr-queue-editor></div>`);
    const [inbox, editor] = [...page.children] as [TrReservationInbox, TrQueueEditor];
    const reservations = [makeReservation({ task: { taskQueueFriendlyName: QUEUE, attributes: { name: 'Jonathan Richardson-Whitfield', subject: 'Invoice 2024-00123 charged twice' } } })];
    inbox.client = new FakeClient(connectedState({ reservations }));
    editor.client = new FakeClient(connectedState());
    await settle(inbox);
    await settle(editor);
    expectNoOverflow(inbox, 'the inbox');
    const field = $<HTMLTextAreaElement>(editor, '#TargetWorkers');
    const style = getComputedStyle(field);
    expect([style.textTransform, style.letterSpacing, style.textIndent], 'TargetWorkers shown as typed (case matters)').to.deep.equal(['none', 'normal', '0px']);
  });

  it('tr-queue-editor keeps its selects and inputs inside their container', async () => {
    const queue = makeQueue({ sid: 'WQlong', friendlyName: LONGEST_QUEUE, reservationActivitySid: 'WAlongest' });
    for (const width of [320, 200]) {
      const el = await inBox<TrQueueEditor>(width, html`<tr-queue-editor queue-sid="WQlong" preview-delay="0"></tr-queue-editor>`,
        new FakeClient(connectedState({ queues: [queue], activities: LONG_ACTIVITIES })));
      expect($<HTMLSelectElement>(el, '#ReservationActivitySid').value).to.equal('WAlongest');
      expectNoOverflow(el, `${width} px`);
      const form = $(el, 'form').getBoundingClientRect();
      for (const control of $$(el, 'input, select, textarea')) {
        expect(control.getBoundingClientRect().right, `#${control.id}`).to.be.at.most(form.right);
      }
      await expect(el).to.be.accessible();
    }
  });

  describe('tr-queue-stats', () => {
    const STORAGE_KEY = 'test.narrow-layout.columns';
    afterEach(() => localStorage.removeItem(STORAGE_KEY));

    function queuesClient(count: number, name = (index: number) => `Queue ${String(index).padStart(3, '0')}`): FakeClient {
      const queues = Array.from({ length: count }, (_, index) => makeQueue({ sid: `WQ${index}`, friendlyName: name(index) }));
      const queueStatistics: Record<string, QueueStatisticsView> = Object.fromEntries(queues.map((queue, index) => [queue.sid, makeStats(queue, index % 7)]));
      return new FakeClient(connectedState({ queues, queueStatistics }));
    }

    const mount = (width: number, client: FakeClient, style = '') =>
      inBox<TrQueueStats>(width, html`<tr-queue-stats storage-key=${STORAGE_KEY} style=${style}></tr-queue-stats>`, client);

    it('opens the column chooser inside its box and the viewport, at any width', async () => {
      for (const width of [320, 240, 900]) {
        const el = await mount(width, queuesClient(3, (index) => (index ? `Queue ${index}` : LONGEST_QUEUE)));
        expectNoOverflow(el, `${width} px, closed`);
        $<HTMLDetailsElement>(el, '[part=columns]').open = true;
        const chooser = $(el, '.chooser').getBoundingClientRect();
        const box = el.getBoundingClientRect();
        expect(chooser.left, `${width} px: its start inside the element`).to.be.at.least(box.left - 0.5);
        expect(chooser.right, `${width} px: its end inside the element`).to.be.at.most(box.right + 0.5);
        expect(chooser.left, `${width} px: on screen`).to.be.at.least(0);
        const [realtime, cumulative] = $$(el, '.chooser fieldset').map((group) => group.getBoundingClientRect());
        if (width < 400) expect(cumulative!.top, `${width} px: the groups stack`).to.be.at.least(realtime!.bottom);
        else expect(cumulative!.top, `${width} px: the groups side by side`).to.equal(realtime!.top);
        await expect(el).to.be.accessible();
      }
    });

    it('bounds its scroll box by default, so a long table keeps its header and scrollbar in view', async () => {
      const el = await mount(320, queuesClient(200));
      const scroll = $(el, '.scroll');
      expect(scroll.scrollHeight, 'the table is long').to.be.above(3000);
      expect(scroll.getBoundingClientRect().height, 'the box fits the viewport').to.be.at.most(innerHeight);
      expect(scroll.scrollWidth, 'its columns scroll sideways').to.be.above(scroll.clientWidth);
      scroll.scrollTop = 2000;
      const header = $(el, 'thead th').getBoundingClientRect();
      expect(header.top - scroll.getBoundingClientRect().top, 'the header sticks to the top of the box').to.be.within(0, 1.5);
      await expect(el).to.be.accessible();
    });

    it('takes its height limit from --tr-queue-stats-max-height', async () => {
      const el = await mount(320, queuesClient(50), '--tr-queue-stats-max-height: 150px');
      expect(Math.round($(el, '.scroll').getBoundingClientRect().height)).to.equal(150);
      const few = await mount(320, queuesClient(2));
      const scroll = $(few, '.scroll');
      expect(scroll.scrollHeight, 'a short table keeps its height').to.equal(scroll.clientHeight);
    });
  });

  describe('availability and connection dots', () => {
    /** A dot's ring width and its box's width: forced colours keep borders (in their text colour) and drop backgrounds. */
    const shape = (dot: HTMLElement) => {
      const style = getComputedStyle(dot);
      return { border: parseFloat(style.borderTopWidth), width: dot.getBoundingClientRect().width, style: style.borderTopStyle, background: style.backgroundColor };
    };
    /** A disc: its border fills it (nothing inside for a background to paint). */
    const expectDisc = (dot: HTMLElement, what: string) => {
      const { border, width, style, background } = shape(dot);
      expect({ style, background, filled: 2 * border >= width - 0.5 }, what).to.deep.equal({ style: 'solid', background: TRANSPARENT, filled: true });
    };
    /** A ring: a border of at least 1 px around a hole. */
    const expectRing = (dot: HTMLElement, what: string) => {
      const { border, width, style, background } = shape(dot);
      expect({ style, background, border: border >= 1, hole: width - 2 * border >= 2 }, what).to.deep.equal({ style: 'solid', background: TRANSPARENT, border: true, hole: true });
    };

    it('tell available (a disc) from unavailable (a ring) by a shape drawn with borders alone', async () => {
      const el = await inBox<TrWorkerStatus>(320, html`<tr-worker-status></tr-worker-status>`,
        new FakeClient(connectedState({ channels: [makeChannel(), makeChannel({ sid: 'WCchat', taskChannelUniqueName: 'chat', available: false })] })));
      $(el, '[part=activity-button]').click();
      await el.updateComplete;
      expectDisc($(el, '[part=activity-button] .dot'), 'the available worker');
      expectDisc($(el, '[part=channels] .dot.on'), 'an available channel');
      expectRing($(el, '[part=channels] .dot:not(.on)'), 'an unavailable channel');
      const options = $$(el, '[role=option]');
      expect(options.map((option) => option.querySelector('.dot')!.classList.contains('on'))).to.deep.equal(ACTIVITIES.map((activity) => activity.available));
      for (const option of options) {
        const dot = option.querySelector<HTMLElement>('.dot')!;
        (dot.classList.contains('on') ? expectDisc : expectRing)(dot, option.textContent!.trim());
      }
      const [disc, ring] = [shape($(el, '[role=option] .dot.on')), shape($(el, '[role=option] .dot:not(.on)'))];
      expect(Math.abs(disc.width - ring.width), 'both the same size').to.be.below(1);
      await expect(el).to.be.accessible();
    });

    it('show a healthy connection as a disc, any other state as a ring', async () => {
      const client = new FakeClient(connectedState());
      const el = await inBox<TrWorkerStatus>(320, html`<tr-worker-status></tr-worker-status>`, client);
      expectDisc($(el, '[part=connection] .dot'), 'connected');
      for (const connection of ['reconnecting', 'failed'] as const) {
        client.set({ connection });
        await el.updateComplete;
        expectRing($(el, '[part=connection] .dot'), connection);
      }
    });
  });

  it('tr-queue-editor marks the invalid token with the system Mark colours in forced colours', async () => {
    const el = await inBox<TrQueueEditor>(320, html`<tr-queue-editor preview-delay="0"></tr-queue-editor>`, new FakeClient(connectedState()));
    const field = $<HTMLTextAreaElement>(el, '#TargetWorkers');
    field.value = 'skills HAS "support" AND AND';
    field.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
    await settle(el);
    const mark = $(el, '.excerpt mark');
    expect(mark.textContent).to.equal('AND');
    applyForcedColorRules(el);
    const probe = document.body.appendChild(document.createElement('span'));
    probe.style.background = 'Mark';
    try {
      expect(getComputedStyle(mark).backgroundColor).to.equal(getComputedStyle(probe).backgroundColor);
    } finally {
      probe.remove();
    }
  });
});
