import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import '../../src/elements/translations/es.js';
import { sendKeys } from '@web/test-runner-commands';
import '../../src/elements/index.js';
import type { TrReservationInbox } from '../../src/elements/index.js';
import { alertEnvironment, playAlert } from '../../src/elements/internal/alerts.js';
import { ticker } from '../../src/elements/internal/clock.js';
import { TabLeader } from '../../src/elements/internal/tab-leader.js';
import { connectedState, EPOCH, FakeClient, FakeTaskRouterError, makeReservation } from './fake-client.js';
import { $, $$, clock, deferred, expectLoadingThenEmpty, expectNeedsProvider, mountWithClient, recordEvents, settle, text } from './helpers.js';

const mount = (client?: FakeClient, template = html`<tr-reservation-inbox></tr-reservation-inbox>`) =>
  mountWithClient<TrReservationInbox>(template, client);

const at = (seconds: number) => new Date(EPOCH + seconds * 1000);
const items = (el: Element) => $$(el, '[part=reservation]');
/** What the live region holds, one announcement each. */
const said = (live: Element) => [...live.children].map((child) => child.textContent);
/**
 * Where focus is in the inbox, as `r-<reservation sid> <part>` or the part alone ('' when focus is not inside):
 * text, since a failed comparison of elements does not get reported.
 */
const focusAt = (el: Element) => {
  const active = el.shadowRoot!.activeElement;
  return active ? `${active.closest('li')?.id ?? ''} ${active.getAttribute('part')}`.trim() : '';
};

/** Each list item's and button's accessible name, and what describes each button, as axe-core computes them. */
async function accessibleNames(el: Element): Promise<string[]> {
  await expect(el).to.be.accessible(); // which puts axe-core on the window
  const { axe } = window as unknown as { axe: typeof import('axe-core') };
  const name = (node: Element) => axe.commons.text.accessibleText(node);
  axe.setup(document);
  try {
    return $$(el, 'li, li button').map((node) => {
      const describedBy = node.getAttribute('aria-describedby');
      return `${node.localName} "${name(node)}" "${describedBy ? name(el.shadowRoot!.getElementById(describedBy)!) : ''}"`;
    });
  } finally {
    axe.teardown();
  }
}

describe('tr-reservation-inbox', () => {
  beforeEach(() => clock.at(30));
  afterEach(() => clock.reset());

  it('says in place that it needs a provider when it has no client', async () => {
    await expectNeedsProvider(await mount());
  });

  it('shows loading, then empty', async () => {
    await expectLoadingThenEmpty(mount, 'No reservations right now.');
  });

  it('lets the page replace the empty message', async () => {
    const el = await mount(new FakeClient(connectedState()), html`<tr-reservation-inbox><b slot="empty">All caught up</b></tr-reservation-inbox>`);
    const slot = $<HTMLSlotElement>(el, 'slot[name=empty]');
    expect(slot.assignedElements().map((e) => e.textContent)).to.deep.equal(['All caught up']);
    await expect(el).to.be.accessible();
  });

  it('lists pending reservations first, newest on top, with priority, age, countdown and attributes', async () => {
    const accepted = makeReservation({ status: 'accepted', dateCreated: at(-100), task: { attributes: { name: 'Old call' } } });
    const older = makeReservation({ dateCreated: at(0), task: { priority: 5, attributes: { name: 'Grace', topic: 'billing' } } });
    const newer = makeReservation({ dateCreated: at(20), task: { attributes: { name: 'Linus' } } });
    const el = await mount(new FakeClient(connectedState({ reservations: [accepted, older, newer] })));
    expect(items(el).map((item) => item.querySelector('dd')!.textContent)).to.deep.equal(['Linus', 'Grace', 'Old call']);
    const grace = items(el)[1]!;
    expect(grace.textContent).to.contain('Support').and.contain('Incoming').and.contain('Priority 5');
    expect(grace.textContent).to.contain('Waiting 0:30').and.contain('Expires in 1:30');
    expect([...grace.querySelectorAll('dt')].map((dt) => dt.textContent)).to.deep.equal(['name', 'topic']);
    expect(items(el)[2]!.querySelector('.countdown')).to.equal(null);
    await expect(el).to.be.accessible();
  });

  it('counts down, and marks the last ten seconds', async () => {
    const el = await mount(new FakeClient(connectedState({ reservations: [makeReservation({ dateCreated: at(0) })] })));
    clock.at(115);
    await el.updateComplete;
    expect(text(el, '.countdown')).to.equal('Expires in 0:05');
    expect($(el, '.countdown').classList.contains('urgent')).to.equal(true);
  });

  it('names reservations and describes their buttons by the task alone, so the names do not tick', async () => {
    const reservation = makeReservation({ task: { attributes: { type: 'support', name: 'Ada' } } });
    const el = await mount(new FakeClient(connectedState({ reservations: [reservation, makeReservation({ task: { attributes: {} } })] })));
    const before = await accessibleNames(el);
    expect(before).to.deep.equal([
      'li "Ada" ""', 'button "Accept" "Ada"', 'button "Reject" "Ada"',
      'li "Support" ""', 'button "Accept" "Support"', 'button "Reject" "Support"',
    ]);
    clock.at(31);
    await el.updateComplete;
    expect(text(el)).to.contain('Expires in 1:29');
    expect(await accessibleNames(el)).to.deep.equal(before);
  });

  it('shows the waiting time only while pending, then the time in the status, and no time once ended', async () => {
    const el = await mount(new FakeClient(connectedState({
      reservations: [
        makeReservation({ dateCreated: at(0) }),
        makeReservation({ status: 'accepted', dateCreated: at(-100), dateUpdated: at(10) }),
        makeReservation({ status: 'wrapping', dateCreated: at(-200), dateUpdated: at(25) }),
        makeReservation({ status: 'completed', dateCreated: at(-300), dateUpdated: at(28) }),
      ],
    })));
    const headers = () => $$(el, '.header').map((header) => header.textContent!.replace(/\s+/g, ' ').trim());
    expect(headers()).to.deep.equal([
      'Support Incoming Priority 0 Waiting 0:30 Expires in 1:30',
      'Support Accepted for 0:20 Priority 0',
      'Support Wrapping up for 0:05 Priority 0',
      'Support Completed Priority 0',
    ]);
    clock.at(40);
    await el.updateComplete;
    expect(headers().slice(1)).to.deep.equal(['Support Accepted for 0:30 Priority 0', 'Support Wrapping up for 0:15 Priority 0', 'Support Completed Priority 0']);
    await expect(el).to.be.accessible();
  });

  it('shows the chosen fields in order, or what renderTask renders', async () => {
    const reservation = makeReservation({ task: { attributes: { name: 'Ada', phone: '+1 555', account: 'A-1' } } });
    const el = await mount(new FakeClient(connectedState({ reservations: [reservation] })),
      html`<tr-reservation-inbox fields="account, name, missing"></tr-reservation-inbox>`);
    expect($$(el, 'dt').map((dt) => dt.textContent)).to.deep.equal(['account', 'name']);
    el.renderTask = (r) => html`<strong class="custom">${String(r.task.attributes.name)}</strong>`;
    await el.updateComplete;
    expect(el.shadowRoot!.querySelector('dl')).to.equal(null);
    expect(text(el, '[part=task] .custom')).to.equal('Ada');
  });

  it('accepts a reservation and tells the host page which task to open', async () => {
    const reservation = makeReservation({ task: { sid: 'WTcrm', attributes: { crmId: '0031' } } });
    const client = new FakeClient(connectedState({ reservations: [reservation] }));
    const el = await mount(client);
    const events = recordEvents(document, 'tr-reservation-action-request', 'tr-reservation-accepted');
    $(el, '[part=accept-button]').click();
    await settle(el);
    expect(client.calls).to.deep.include(['acceptReservation', reservation.sid]);
    expect(events.map((e) => e.type)).to.deep.equal(['tr-reservation-action-request', 'tr-reservation-accepted']);
    expect(events[1]!.detail.task.sid).to.equal('WTcrm');
    expect(events[1]!.detail.task.attributes.crmId).to.equal('0031');
    expect(events[1]!.detail.reservation.status, 'as accepting left it').to.equal('accepted');
    expect(text(el, '[part=status]')).to.equal('Accepted');
    expect($$(el, '[part=actions] button').map((b) => b.textContent!.trim())).to.deep.equal(['Complete', 'Wrap up']);
    await expect(el).to.be.accessible();
  });

  it('works from the keyboard', async () => {
    const reservation = makeReservation();
    const client = new FakeClient(connectedState({ reservations: [reservation] }));
    const el = await mount(client);
    $(el, '[part=accept-button]').focus();
    await sendKeys({ press: 'Tab' });
    expect(el.shadowRoot!.activeElement).to.equal($(el, '[part=reject-button]'));
    await sendKeys({ press: 'Enter' });
    await settle(el);
    expect(client.calls).to.deep.include(['rejectReservation', reservation.sid, undefined]);
  });

  it('keeps focus on a running action, then moves it to its reservation, the first one or the list, never to another action', async () => {
    const reservation = makeReservation({ dateCreated: at(10) });
    const other = makeReservation({ dateCreated: at(0) });
    const client = new FakeClient(connectedState({ reservations: [reservation, other] }));
    const el = await mount(client);
    const gate = deferred();
    client.hold('acceptReservation', gate.promise);
    const accept = $(el, `#r-${reservation.sid} [part=accept-button]`);
    accept.focus();
    await sendKeys({ press: 'Enter' });
    await el.updateComplete;
    expect(focusAt(el), 'a running action keeps focus').to.equal(`r-${reservation.sid} accept-button`);
    expect(accept.getAttribute('aria-disabled')).to.equal('true');
    await expect(el).to.be.accessible();
    await sendKeys({ press: 'Enter' });
    gate.resolve();
    await settle(el);
    expect(client.calls.filter(([method]) => method === 'acceptReservation'), 'pressed again while running: ignored').to.have.length(1);
    expect(focusAt(el), 'accepted: the reservation itself').to.equal(`r-${reservation.sid} reservation`);
    expect(accept.isConnected, 'Accept went with the acceptance (it did not turn into Complete under focus)').to.equal(false);

    $(el, '[part=wrapup-button]').focus();
    await sendKeys({ press: 'Enter' });
    await settle(el);
    expect(focusAt(el), 'wrapping: the reservation itself').to.equal(`r-${reservation.sid} reservation`);
    await sendKeys({ press: 'Enter' });
    await settle(el);
    expect(text(el, `#r-${reservation.sid} [part=status]`), 'one more Enter completes nothing').to.not.equal('Completed');

    $(el, `#r-${reservation.sid} [part=complete-button]`).focus();
    await sendKeys({ press: 'Enter' });
    await settle(el);
    expect(text(el, `#r-${reservation.sid} [part=status]`)).to.equal('Completed');
    expect(focusAt(el), 'completed (shown plainly for a while): the reservation').to.equal(`r-${reservation.sid} reservation`);
    await expect(el).to.be.accessible();

    $(el, `#r-${other.sid} [part=reject-button]`).focus();
    await sendKeys({ press: 'Enter' });
    await settle(el);
    expect(client.calls).to.deep.include(['rejectReservation', other.sid, undefined]);
    expect(focusAt(el), 'rejected (shown plainly for a while): the reservation').to.equal(`r-${other.sid} reservation`);
    expect(document.activeElement).to.equal(el);
    await expect(el).to.be.accessible();
  });

  it('moves focus off a reservation that times out under it', async () => {
    const [first, second] = [makeReservation(), makeReservation()];
    const client = new FakeClient(connectedState({ reservations: [first, second] }));
    const el = await mount(client);
    $(el, `#r-${first.sid} [part=reject-button]`).focus();
    client.updateReservation(first.sid, { status: 'timeout' });
    await el.updateComplete;
    expect(focusAt(el)).to.equal(`r-${first.sid} reservation`);
  });

  it('rejects with the configured activity, which the host may change, or vetoes', async () => {
    const first = makeReservation();
    const second = makeReservation();
    const client = new FakeClient(connectedState({ reservations: [first, second] }));
    const el = await mount(client, html`<tr-reservation-inbox reject-activity="WAbreak"></tr-reservation-inbox>`);
    const rejected = recordEvents(el, 'tr-reservation-rejected');
    $(el, `#r-${first.sid} [part=reject-button]`).click();
    await settle(el);
    expect(client.calls).to.deep.include(['rejectReservation', first.sid, 'WAbreak']);
    expect(rejected[0]!.detail.activitySid).to.equal('WAbreak');

    const veto = (event: CustomEvent) => {
      if (event.detail.reservation.sid === second.sid) event.preventDefault();
    };
    el.addEventListener('tr-reservation-action-request', veto);
    $(el, `#r-${second.sid} [part=reject-button]`).click();
    await settle(el);
    expect(client.calls.filter(([m, sid]) => m === 'rejectReservation' && sid === second.sid)).to.have.length(0);
    el.removeEventListener('tr-reservation-action-request', veto);

    el.addEventListener('tr-reservation-action-request', (event) => (event.detail.activitySid = 'WAoffline'), { once: true });
    $(el, `#r-${second.sid} [part=reject-button]`).click();
    await settle(el);
    expect(client.calls).to.deep.include(['rejectReservation', second.sid, 'WAoffline']);
  });

  it('wraps up and completes accepted work', async () => {
    const reservation = makeReservation({ status: 'accepted' });
    const client = new FakeClient(connectedState({ reservations: [reservation] }));
    const el = await mount(client);
    const events = recordEvents(el, 'tr-task-wrapup', 'tr-task-completed');
    $(el, '[part=wrapup-button]').click();
    await settle(el);
    expect(text(el, '[part=status]')).to.equal('Wrapping up');
    expect($$(el, '[part=actions] button').map((b) => b.textContent!.trim())).to.deep.equal(['Complete']);
    $(el, '[part=complete-button]').click();
    await settle(el);
    expect(client.calls.slice(-2)).to.deep.equal([['wrapUpTask', reservation.sid], ['completeTask', reservation.sid]]);
    expect(events.map((e) => e.type)).to.deep.equal(['tr-task-wrapup', 'tr-task-completed']);
    expect(text(el, '[part=status]')).to.equal('Completed');
    expect(el.shadowRoot!.querySelector('[part=actions]')).to.equal(null);
  });

  it('shows a failed action next to its reservation: which action, and why', async () => {
    const reservation = makeReservation();
    const client = new FakeClient(connectedState({ reservations: [reservation] }));
    client.failNext('acceptReservation', new FakeTaskRouterError('Reservation is no longer pending', 20409, 410));
    const el = await mount(client);
    const errors = recordEvents(el, 'tr-error');
    $(el, '[part=accept-button]').click();
    await settle(el);
    expect(text(el, '[part=reservation] [part=error]')).to.equal('Accept failed: \u2068Reservation is no longer pending\u2069');
    expect(errors[0]!.detail.action).to.equal('accept');
    await expect(el).to.be.accessible();
    // In the page's language, which follows a change; TaskRouter's own message stays as it said it.
    el.lang = 'es';
    await settle(el);
    expect(text(el, '[part=reservation] [part=error]')).to.equal('Falló «Aceptar»: \u2068Reservation is no longer pending\u2069');
    // TaskRouter out of reach (status 0) is said in the page's language too.
    client.failNext('rejectReservation', new FakeTaskRouterError('Network error: Failed to fetch', 0, 0));
    $(el, '[part=reject-button]').click();
    await settle(el);
    expect(text(el, '[part=reservation] [part=error]')).to.equal('Falló «Rechazar»: \u2068no se pudo contactar con TaskRouter\u2069');
  });

  it('shows timed-out, canceled and rescinded reservations plainly, then drops them', async () => {
    const client = new FakeClient(connectedState({
      reservations: [
        makeReservation({ status: 'timeout' }),
        makeReservation({ status: 'canceled' }),
        makeReservation({ status: 'rescinded' }),
      ],
    }));
    const el = await mount(client, html`<tr-reservation-inbox ended-linger="10"></tr-reservation-inbox>`);
    expect($$(el, '[part=status]').map((s) => s.textContent)).to.have.members(['Timed out', 'Canceled', 'Taken by another worker']);
    expect(el.shadowRoot!.querySelector('[part=actions]')).to.equal(null);
    await expect(el).to.be.accessible();
    clock.at(39);
    await el.updateComplete;
    expect(items(el)).to.have.length(3);
    clock.at(41);
    await el.updateComplete;
    expect(items(el)).to.have.length(0);
    expect(text(el, '[part=notice]')).to.equal('No reservations right now.');
    // The client keeps them, but nothing shown ages: the clock stops.
    expect(client.state.reservations).to.have.length(3);
    expect(ticker.running).to.equal(false);
  });

  it('runs the shared clock only while it shows something that ages', async () => {
    const client = new FakeClient(connectedState());
    const el = await mount(client);
    expect(ticker.running).to.equal(false);
    client.addReservation(makeReservation());
    await el.updateComplete;
    expect(ticker.running).to.equal(true);
    el.remove();
    client.set({ reservations: [...client.state.reservations, makeReservation()] });
    el.client = new FakeClient(connectedState({ reservations: [makeReservation()] })); // updates while detached
    await settle(el);
    expect(ticker.running).to.equal(false);
  });

  it('turns actions off, but keeps them focusable, while the connection is down', async () => {
    const reservation = makeReservation();
    const client = new FakeClient(connectedState({ reservations: [reservation] }));
    const el = await mount(client);
    const accept = $(el, '[part=accept-button]');
    accept.focus();
    client.set({ connection: 'reconnecting' });
    await el.updateComplete;
    expect(text(el, '[part=notice]')).to.equal('Connection lost, reconnecting…');
    expect(accept.getAttribute('aria-disabled')).to.equal('true');
    expect(focusAt(el)).to.equal(`r-${reservation.sid} accept-button`);
    accept.click();
    await settle(el);
    expect(client.calls).to.deep.equal([]);
    await expect(el).to.be.accessible();
    client.set({ connection: 'failed', error: { code: 20003, status: 401, message: 'Token expired' } });
    await el.updateComplete;
    expect(text(el, '[part=notice]')).to.contain('Connection failed').and.contain('Token expired');
    await expect(el).to.be.accessible();
  });

  it('announces a new reservation politely and fires tr-reservation-created', async () => {
    const client = new FakeClient(connectedState());
    const el = await mount(client, html`<tr-reservation-inbox fields="name"></tr-reservation-inbox>`);
    const created = recordEvents(el, 'tr-reservation-created');
    const live = $(el, '[aria-live=polite]');
    client.addReservation(makeReservation({ task: { attributes: { name: 'Ada' } } }));
    await el.updateComplete;
    expect(said(live)).to.deep.equal(['New reservation from Support: Ada']);
    expect(created).to.have.length(1);
    expect(items(el)).to.have.length(1);

    // Reservations arriving together are each added, never written over one another (screen readers speak additions,
    // and would skip a text replaced before its turn), the same words again too; the region keeps the last three.
    const added: Node[] = [];
    const changed: MutationRecord[] = [];
    const observer = new MutationObserver((records) => {
      for (const record of records) {
        added.push(...record.addedNodes);
        if (record.type === 'characterData') changed.push(record);
      }
    });
    observer.observe(live, { subtree: true, childList: true, characterData: true });
    for (const name of ['Ada', 'Grace', 'Alan']) client.addReservation(makeReservation({ task: { attributes: { name } } }));
    await el.updateComplete;
    observer.disconnect();
    expect(added.filter((node) => node.nodeType === Node.ELEMENT_NODE).map((node) => node.textContent)).to.deep.equal([
      'New reservation from Support: Ada', 'New reservation from Support: Grace', 'New reservation from Support: Alan',
    ]);
    expect(changed, 'no announcement rewritten').to.have.length(0);
    expect(said(live)).to.deep.equal(['New reservation from Support: Ada', 'New reservation from Support: Grace', 'New reservation from Support: Alan']);

    // Spoken by now: the region empties, with nothing left behind of the announcements it held (no stray markers
    // either, which lit's repeat() leaves for each item it drops), so it stays small over a day of reservations.
    clock.at(30 + 15);
    await el.updateComplete;
    expect(said(live)).to.deep.equal([]);
    const leftOver = (node: Node) => [...node.childNodes].filter((child) => child.nodeType === Node.COMMENT_NODE).length;
    expect(leftOver(live), "lit's own markers only").to.be.at.most(2);
    client.addReservation(makeReservation({ task: { attributes: { name: 'Edsger' } } }));
    await el.updateComplete;
    expect(said(live)).to.deep.equal(['New reservation from Support: Edsger']);
  });

  it('describes a reservation by its caller without fields, and not those pending before it connected as new', async () => {
    const client = new FakeClient();
    const el = await mount(client);
    const live = $(el, '[aria-live=polite]');
    const created = recordEvents(el, 'tr-reservation-created');
    // Pending for a minute and a half when the SDK read it on connecting: the task's age says the server's time then.
    client.addReservation(makeReservation({ dateCreated: at(-60), task: { dateCreated: at(-90), age: 120, attributes: { name: 'Old' } } }));
    client.set({ connection: 'connected' });
    await el.updateComplete;
    expect(said(live)).to.deep.equal([]);
    expect(created, 'the event still fires').to.have.length(1);

    const attributes = { type: 'support', language: 'English', channelType: 'voice', from: '+1 555 0100', name: 'Ada' };
    client.addReservation(makeReservation({ dateCreated: at(30), task: { attributes } }));
    await el.updateComplete;
    expect(said(live).at(-1)).to.equal('New reservation from Support: Ada');
    client.addReservation(makeReservation({ dateCreated: at(30), task: { attributes: { ...attributes, name: undefined } } }));
    await el.updateComplete;
    expect(said(live).at(-1)).to.equal('New reservation from Support: +1 555 0100');
  });

  it('announces reservations that time out, are canceled or are taken by another worker', async () => {
    const reservations = [1, 2, 3].map((n) => makeReservation({ task: { attributes: { name: `Caller ${n}` } } }));
    const client = new FakeClient(connectedState({ reservations }));
    const el = await mount(client);
    const live = $(el, '[aria-live=polite]');
    for (const [reservation, status] of [[reservations[0], 'timeout'], [reservations[1], 'canceled'], [reservations[2], 'rescinded']] as const) {
      client.updateReservation(reservation!.sid, { status });
    }
    await el.updateComplete;
    expect(said(live)).to.deep.equal([
      'Reservation for Caller 1: Timed out', 'Reservation for Caller 2: Canceled', 'Reservation for Caller 3: Taken by another worker',
    ]);
    expect(focusAt(el)).to.equal('');
    await expect(el).to.be.accessible();
  });

  it('renders task attributes containing HTML and script as inert text', async () => {
    const hostile = '<img src=x onerror="window.__pwned=1"><script>window.__pwned=1</script>';
    const client = new FakeClient(connectedState({
      reservations: [makeReservation({ task: { taskQueueFriendlyName: hostile, attributes: { [hostile]: hostile, nested: { html: hostile } } } })],
    }));
    const el = await mount(client);
    client.addReservation(makeReservation({ task: { attributes: { name: hostile } } }));
    await settle(el);
    expect(el.shadowRoot!.querySelector('img, script:not([type]), [onerror]')).to.equal(null);
    expect($$(el, 'dd').map((dd) => dd.textContent)).to.include(hostile);
    expect(text(el)).to.contain(JSON.stringify({ html: hostile }));
    expect((window as { __pwned?: number }).__pwned).to.equal(undefined);
  });

  it('in a right-to-left page, each attribute value keeps its own direction (a phone number reads as dialed)', async () => {
    const wrapper = await fixture<HTMLDivElement>(html`<div dir="rtl" lang="ar"><tr-reservation-inbox></tr-reservation-inbox></div>`);
    const el = wrapper.firstElementChild as TrReservationInbox;
    el.client = new FakeClient(connectedState({ reservations: [makeReservation({ task: { attributes: { phone: '+1 (555) 010-9999', name: 'سارة' } } })] }));
    await el.updateComplete;
    const [phone, name] = $$(el, 'dd');
    expect(phone!.matches(':dir(ltr)'), 'the phone number').to.equal(true);
    expect(name!.matches(':dir(rtl)'), 'an Arabic name').to.equal(true);
  });

  it('follows the dark theme and Spanish', async () => {
    const wrapper = await fixture<HTMLDivElement>(html`<div lang="es"><tr-reservation-inbox theme="dark"></tr-reservation-inbox></div>`);
    const el = wrapper.firstElementChild as TrReservationInbox;
    el.client = new FakeClient(connectedState({ reservations: [makeReservation({ task: { priority: 10000 } }), makeReservation({ status: 'accepted' })] }));
    await el.updateComplete;
    expect(getComputedStyle(el).colorScheme).to.equal('dark');
    expect($$(el, '[part=actions] button').map((b) => b.textContent!.trim())).to.deep.equal(['Aceptar', 'Rechazar', 'Completar', 'Cerrar']);
    expect(text(el)).to.contain('Vence en 1:30').and.contain('Prioridad 10.000');
    await expect(el).to.be.accessible();
  });

  it('writes numbers in sentences the way the page region does (es-MX groups with commas, es with dots)', async () => {
    const wrapper = await fixture<HTMLDivElement>(html`<div lang="es-MX"><tr-reservation-inbox></tr-reservation-inbox></div>`);
    const el = wrapper.firstElementChild as TrReservationInbox;
    el.client = new FakeClient(connectedState({ reservations: [makeReservation({ task: { priority: 10000 } })] }));
    await el.updateComplete;
    expect(text(el)).to.contain('Prioridad 10,000');
    wrapper.lang = 'es-!';
    await settle(el);
    expect(text(el), 'an invalid region falls back to the language').to.contain('Prioridad 10.000');
    wrapper.lang = 'not a language tag';
    await settle(el);
    expect(text(el), 'an invalid tag falls back to English').to.contain('Priority 10,000');
  });

  describe('alerts', () => {
    const original = { ...alertEnvironment };
    let sounds: string[];
    let shown: Array<{ title: string; body?: string; tag?: string }>;
    let permission: NotificationPermission;

    class FakeNotification {
      static get permission() {
        return permission;
      }
      static async requestPermission() {
        permission = 'granted';
        return permission;
      }
      onclick: (() => void) | null = null;
      constructor(title: string, options: NotificationOptions) {
        shown.push({ title, body: options.body, tag: options.tag });
      }
      close() {}
    }

    beforeEach(() => {
      sounds = [];
      shown = [];
      permission = 'granted';
      alertEnvironment.playSound = (url) => sounds.push(url);
      alertEnvironment.notification = FakeNotification as unknown as typeof Notification;
      alertEnvironment.leader = new TabLeader(`test-${Math.random()}`);
    });
    afterEach(() => {
      Object.assign(alertEnvironment, original);
    });

    async function ring(template = html`<tr-reservation-inbox sound notify></tr-reservation-inbox>`, leads = true) {
      const client = new FakeClient(connectedState());
      const el = await mount(client, template);
      if (leads) await waitUntil(() => alertEnvironment.leader.isLeader, 'the Web Lock is granted'); // asynchronously
      const reservation = makeReservation({ task: { attributes: { name: 'Ada' } } });
      client.addReservation(reservation);
      await el.updateComplete;
      return { el, client, reservation };
    }

    it('are off unless asked for', async () => {
      await ring(html`<tr-reservation-inbox></tr-reservation-inbox>`, false);
      expect(alertEnvironment.leader.isLeader).to.equal(false); // not even in the election
      expect(sounds).to.deep.equal([]);
      expect(shown).to.deep.equal([]);
    });

    it('play the chime and show a desktop notification once per reservation in the leading tab', async () => {
      const { el, client, reservation } = await ring();
      expect(alertEnvironment.leader.isLeader).to.equal(true);
      expect(sounds).to.deep.equal(['']);
      expect(shown).to.deep.equal([{ title: 'New reservation', body: 'New reservation from Support: Ada', tag: reservation.sid }]);
      client.emit('reservation.created', reservation);
      await el.updateComplete;
      expect(sounds).to.have.length(1);
      expect(el.shadowRoot!.querySelector('[part=alert]')).to.equal(null);
    });

    it('remember the last 200 reservations they alerted for, not every one since the page opened', async () => {
      await ring();
      const chime = (id: string) => playAlert({ id, title: 'New reservation', body: id, sound: '', notify: false });
      for (let n = 0; n <= 200; n++) chime(`WRlong-open-page-${n}`);
      expect(sounds).to.have.length(202);
      chime('WRlong-open-page-200');
      expect(sounds, 'a recent one is still a repeat').to.have.length(202);
      chime('WRlong-open-page-0');
      expect(sounds, 'the oldest is forgotten').to.have.length(203);
    });

    it('play a sound file when sound names one', async () => {
      await ring(html`<tr-reservation-inbox sound="/ring.mp3"></tr-reservation-inbox>`);
      expect(sounds).to.deep.equal(['/ring.mp3']);
      expect(shown).to.deep.equal([]);
    });

    it('stay silent in a tab that is not the leader', async () => {
      const lockName = `test-${Math.random()}`;
      const otherTab = new TabLeader(lockName);
      otherTab.start();
      await waitUntil(() => otherTab.isLeader, 'the other tab leads');
      alertEnvironment.leader = new TabLeader(lockName);
      try {
        await ring(undefined, false);
        expect(alertEnvironment.leader.isLeader).to.equal(false);
        expect(sounds).to.deep.equal([]);
        expect(shown).to.deep.equal([]);
        otherTab.stop();
        await waitUntil(() => alertEnvironment.leader.isLeader, 'this tab takes over when the other one goes');
      } finally {
        otherTab.stop();
      }
    });

    it('fall back to an in-page notice where notifications are not allowed', async () => {
      permission = 'denied';
      const { el, reservation } = await ring();
      expect(shown).to.deep.equal([]);
      expect(text(el, '[part=alert]')).to.equal('New reservation from Support: Ada');
      await expect(el).to.be.accessible();
      $(el, '[part=alert] button').focus();
      await sendKeys({ press: 'Enter' });
      await el.updateComplete;
      expect(el.shadowRoot!.querySelector('[part=alert]')).to.equal(null);
      expect(focusAt(el), 'dismissed: on to the reservation').to.equal(`r-${reservation.sid} reservation`);
    });

    it('offer to enable desktop notifications when the browser has not been asked', async () => {
      permission = 'default';
      const { el, reservation } = await ring();
      const enable = $$(el, '[part=alert] button').find((b) => b.textContent!.includes('Enable desktop notifications'))!;
      enable.focus();
      enable.click();
      await settle(el);
      expect(permission).to.equal('granted');
      expect(text(el, '[part=alert]')).to.not.contain('Enable');
      expect(focusAt(el), 'its button gone: on to the reservation').to.equal(`r-${reservation.sid} reservation`);
    });

    it('fall back to the in-page notice where there is no Notification API', async () => {
      alertEnvironment.notification = undefined;
      const { el } = await ring();
      expect(text(el, '[part=alert]')).to.contain('New reservation from Support');
    });
  });
});
