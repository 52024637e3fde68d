import { expect, fixture, html } from '@open-wc/testing';
import '../../src/elements/translations/es.js';
import { emulateMedia, sendKeys } from '@web/test-runner-commands';
import '../../src/elements/index.js';
import { registerTranslation, type TrWorkerStatus } from '../../src/elements/index.js';
import { ACTIVITIES, connectedState, FakeClient, FakeTaskRouterError, makeChannel, makeReservation, makeWorker } from './fake-client.js';
import { $, $$, clock, deferred, expectNeedsProvider, recordEvents, settle, text } from './helpers.js';

/** The activity button's accessible name (its aria-label) and description (the text its aria-describedby names). */
function activityButtonNames(el: TrWorkerStatus): { name: string | null; description: string } {
  const button = $(el, '[part=activity-button]');
  const ids = button.getAttribute('aria-describedby')!.split(' ');
  return { name: button.getAttribute('aria-label'), description: ids.map((id) => text(el, `#${id}`)).join(' ') };
}

async function shiftTab(): Promise<void> {
  await sendKeys({ down: 'Shift' });
  await sendKeys({ press: 'Tab' });
  await sendKeys({ up: 'Shift' });
}

/** Where focus is: the page's active element, and the one inside the element's shadow root. */
function focused(el: TrWorkerStatus): [Element | null, Element | null] {
  return [document.activeElement, el.shadowRoot!.activeElement];
}

/** Opens the activity picker from its button, moves with `key` and chooses with Enter. */
async function chooseByKeyboard(el: TrWorkerStatus, key: string): Promise<void> {
  $(el, '[part=activity-button]').focus();
  await sendKeys({ press: 'ArrowDown' });
  await el.updateComplete;
  await sendKeys({ press: key });
  await sendKeys({ press: 'Enter' });
  await el.updateComplete;
}

async function mount(client?: FakeClient, attributes = ''): Promise<TrWorkerStatus> {
  const el = document.createElement('tr-worker-status');
  if (attributes) el.setAttribute('lang', attributes);
  if (client) el.client = client;
  return fixture<TrWorkerStatus>(el);
}

describe('tr-worker-status', () => {
  afterEach(() => clock.reset());

  it('says in place that it needs a provider when it has no client', async () => {
    await expectNeedsProvider(await mount());
  });

  it('shows a loading state while the client connects', async () => {
    const el = await mount(new FakeClient());
    expect(text(el)).to.contain('Connecting…');
    expect(el.shadowRoot!.querySelector('[part=activity-button]')).to.equal(null);
    await expect(el).to.be.accessible();
  });

  it('says so when no worker is signed in', async () => {
    const el = await mount(new FakeClient(connectedState({ worker: null })));
    expect(text(el)).to.contain('No worker is signed in.');
    await expect(el).to.be.accessible();
    el.innerHTML = '<span slot="empty">Sign in to take calls.</span>';
    expect($<HTMLSlotElement>(el, 'slot[name=empty]').assignedElements()).to.have.length(1);
  });

  it('shows the activity, the time in it and the connection state', async () => {
    clock.at(65);
    const el = await mount(new FakeClient(connectedState()));
    expect(text(el, '[part=activity-button]')).to.contain('Available');
    expect(text(el, '.since')).to.equal('Time in this activity 1:05');
    expect(text(el, '[part=connection]')).to.equal('Connected');
    clock.at(3725);
    await el.updateComplete;
    expect(text(el, '.since')).to.equal('Time in this activity 1:02:05');
    await expect(el).to.be.accessible();
  });

  it('names the activity button by what it changes, and labels the time in its description', async () => {
    clock.at(48);
    const client = new FakeClient(connectedState());
    const el = await mount(client);
    expect(activityButtonNames(el)).to.deep.equal({ name: 'Activity: Available', description: 'Available Time in this activity 0:48' });
    clock.at(49);
    await el.updateComplete;
    expect(activityButtonNames(el).name, 'the ticking time stays out of the name').to.equal('Activity: Available');
    client.set({ worker: makeWorker({ activityName: 'Break', activitySid: 'WAbreak', available: false }) });
    await el.updateComplete;
    expect(activityButtonNames(el)).to.deep.equal({ name: 'Activity: Break', description: 'Unavailable Time in this activity 0:49' });
    await expect(el).to.be.accessible();
  });

  it('updates only for the state keys it shows', async () => {
    const client = new FakeClient(connectedState());
    const el = await mount(client);
    client.set({ queueStatistics: {} });
    expect(el.isUpdatePending).to.equal(false);
    client.set({ worker: makeWorker({ activityName: 'Break', activitySid: 'WAbreak', available: false }) });
    expect(el.isUpdatePending).to.equal(true);
    await el.updateComplete;
    expect(text(el, '[part=activity-button]')).to.contain('Break');
  });

  it('changes activity with the keyboard and fires the request and change events', async () => {
    const client = new FakeClient(connectedState());
    const el = await mount(client);
    const events = recordEvents(el, 'tr-activity-change-request', 'tr-activity-change');
    $(el, '[part=activity-button]').focus();
    await sendKeys({ press: 'ArrowDown' });
    await el.updateComplete;
    const list = $(el, '[role=listbox]');
    expect(el.shadowRoot!.activeElement).to.equal(list);
    expect(list.getAttribute('aria-activedescendant')).to.equal('activity-0');
    expect($(el, '[part=activity-button]').getAttribute('aria-controls')).to.equal(list.id);
    await expect(el).to.be.accessible();
    await sendKeys({ press: 'ArrowDown' });
    await el.updateComplete;
    expect(list.getAttribute('aria-activedescendant')).to.equal('activity-1');
    await sendKeys({ press: 'Enter' });
    await settle(el);
    expect(client.calls).to.deep.include(['setActivity', 'WAbreak']);
    expect(events.map((e) => e.type)).to.deep.equal(['tr-activity-change-request', 'tr-activity-change']);
    expect(events[1]!.detail.activity.friendlyName).to.equal('Break');
    expect(events[1]!.detail.previous.friendlyName).to.equal('Available');
    expect(events[0]!.bubbles && events[0]!.composed && events[0]!.cancelable).to.equal(true);
    expect(el.shadowRoot!.querySelector('[role=listbox]')).to.equal(null);
    expect($(el, '[part=activity-button]').hasAttribute('aria-controls'), 'no reference to a list that is gone').to.equal(false);
    expect(focused(el)).to.deep.equal([el, $(el, '[part=activity-button]')]);
  });

  it('supports Home, End, type-ahead and Escape in the list', async () => {
    const client = new FakeClient(connectedState());
    const el = await mount(client);
    $(el, '[part=activity-button]').click();
    await el.updateComplete;
    const list = $(el, '[role=listbox]');
    await sendKeys({ press: 'End' });
    await el.updateComplete;
    expect(list.getAttribute('aria-activedescendant')).to.equal(`activity-${ACTIVITIES.length - 1}`);
    await sendKeys({ press: 'Home' });
    await el.updateComplete;
    expect(list.getAttribute('aria-activedescendant')).to.equal('activity-0');
    await sendKeys({ press: 'o' });
    await el.updateComplete;
    expect(list.getAttribute('aria-activedescendant')).to.equal('activity-2');
    await sendKeys({ press: 'Escape' });
    await el.updateComplete;
    expect(el.shadowRoot!.querySelector('[role=listbox]')).to.equal(null);
    expect(client.calls.filter(([method]) => method === 'setActivity')).to.have.length(0);
  });

  it('scrolls the highlighted activity into view in a long list', async () => {
    const activities = Array.from({ length: 30 }, (_, index) => ({ sid: `WA${index}`, friendlyName: `Activity ${index}`, available: index === 0 }));
    const el = await mount(new FakeClient(connectedState({ activities, worker: makeWorker({ activitySid: 'WA25' }) })));
    $(el, '[part=activity-button]').focus();
    await sendKeys({ press: 'ArrowDown' });
    await el.updateComplete;
    const inView = () => {
      const option = $(el, '[role=option].active').getBoundingClientRect();
      const box = $(el, '[role=listbox]').getBoundingClientRect();
      return option.top >= box.top && option.bottom <= box.bottom;
    };
    expect(inView(), 'the current activity, on opening').to.equal(true);
    await sendKeys({ press: 'Escape' });
    await el.updateComplete;
    await sendKeys({ press: 'ArrowDown' });
    await el.updateComplete;
    expect(inView(), 'on opening again').to.equal(true);
    const list = $(el, '[role=listbox]');
    for (const key of ['End', 'Home', 'ArrowUp', 'ArrowDown']) {
      await sendKeys({ press: key });
      await el.updateComplete;
      expect(inView(), key).to.equal(true);
    }
    await sendKeys({ press: 'End' });
    await el.updateComplete;
    for (let step = 0; step < 20; step++) await sendKeys({ press: 'ArrowUp' });
    await el.updateComplete;
    expect(list.getAttribute('aria-activedescendant')).to.equal('activity-9');
    expect(inView(), 'after ArrowUp').to.equal(true);
    // A list that scrolls is one keyboard users can reach (axe: scrollable-region-focusable).
    await expect(el).to.be.accessible();
  });

  it('marks the available activities and the current one in the list', async () => {
    const el = await mount(new FakeClient(connectedState()));
    $(el, '[part=activity-button]').click();
    await el.updateComplete;
    const options = $$(el, '[role=option]');
    expect(options.map((o) => o.getAttribute('aria-selected'))).to.deep.equal(['true', 'false', 'false', 'false']);
    expect(options.map((o) => o.querySelector('.dot')!.classList.contains('on'))).to.deep.equal([true, false, false, false]);
    expect(options[1]!.textContent).to.contain('Unavailable');
  });

  it('lets the host veto a change by canceling the request event, and keeps focus on the activity button', async () => {
    const client = new FakeClient(connectedState({ reservations: [makeReservation()] }));
    const el = await mount(client);
    el.addEventListener('tr-activity-change-request', (event) => event.preventDefault());
    const button = $(el, '[part=activity-button]');
    await chooseByKeyboard(el, 'End');
    await settle(el);
    await shiftTab();
    expect(el.shadowRoot!.activeElement).to.equal($(el, '[part=confirm] button.primary'));
    await sendKeys({ press: 'Enter' });
    await settle(el);
    expect(el.shadowRoot!.querySelector('[part=confirm]')).to.equal(null);
    expect(focused(el), 'after a vetoed confirmation').to.deep.equal([el, button]);

    client.set({ reservations: [] });
    await chooseByKeyboard(el, 'End');
    await settle(el);
    expect(focused(el), 'after a vetoed choice').to.deep.equal([el, button]);
    expect(client.calls.filter(([method]) => method === 'setActivity')).to.have.length(0);
    await expect(el).to.be.accessible();
  });

  it('asks before going unavailable with pending reservations, with the safe choice focused', async () => {
    const client = new FakeClient(connectedState({ reservations: [makeReservation()] }));
    const gate = deferred();
    client.hold('setActivity', gate.promise);
    const el = await mount(client);
    const button = $(el, '[part=activity-button]');
    const chooseBreak = () => chooseByKeyboard(el, 'ArrowDown');
    await chooseBreak();
    const dialog = $(el, '[role=alertdialog]');
    expect(text(el, '[role=alertdialog]')).to.contain('You have 1 pending reservation. Switch to Break anyway?');
    expect(focused(el)).to.deep.equal([el, $(el, '[part=confirm] button:not(.primary)')]);
    expect(text(el, '[part=confirm] button:not(.primary)')).to.equal('Cancel');
    await expect(el).to.be.accessible();
    await sendKeys({ press: 'Enter' });
    await el.updateComplete;
    expect(el.shadowRoot!.contains(dialog), 'Enter twice cancels').to.equal(false);
    expect(focused(el)).to.deep.equal([el, button]);

    await chooseBreak();
    let escape: KeyboardEvent | undefined;
    document.addEventListener('keydown', (event) => (escape = event), { once: true });
    await sendKeys({ press: 'Escape' });
    await el.updateComplete;
    expect(el.shadowRoot!.querySelector('[role=alertdialog]')).to.equal(null);
    expect(escape!.defaultPrevented, 'a <dialog> of the page around it would stay open').to.equal(true);
    expect(focused(el)).to.deep.equal([el, button]);
    expect(client.calls.filter(([method]) => method === 'setActivity')).to.have.length(0);

    await chooseBreak();
    await shiftTab();
    await sendKeys({ press: 'Enter' });
    await el.updateComplete;
    expect(client.calls).to.deep.include(['setActivity', 'WAbreak']);
    expect(focused(el), 'while the change is in flight').to.deep.equal([el, button]);
    gate.resolve();
    await settle(el);
    expect(focused(el)).to.deep.equal([el, button]);
    expect(text(el, '[part=activity-button] .name')).to.equal('Break');
    await expect(el).to.be.accessible();
  });

  it('spaces the confirmation evenly', async () => {
    const el = await mount(new FakeClient(connectedState({ reservations: [makeReservation()] })));
    $(el, '[part=activity-button]').click();
    await el.updateComplete;
    $$(el, '[role=option]')[1]!.click();
    await el.updateComplete;
    const box = $(el, '[part=confirm]').getBoundingClientRect();
    const question = $(el, '[part=confirm] p').getBoundingClientRect();
    const buttons = $(el, '[part=confirm] .row').getBoundingClientRect();
    expect(question.top - box.top).to.be.closeTo(box.bottom - buttons.bottom, 1);
  });

  it('does not ask when going to an available activity', async () => {
    const client = new FakeClient(connectedState({
      reservations: [makeReservation()],
      worker: makeWorker({ activitySid: 'WAbreak', activityName: 'Break', available: false }),
    }));
    const el = await mount(client);
    $(el, '[part=activity-button]').click();
    await el.updateComplete;
    $$(el, '[role=option]')[0]!.click();
    await settle(el);
    expect(el.shadowRoot!.querySelector('[role=alertdialog]')).to.equal(null);
    expect(client.calls).to.deep.include(['setActivity', 'WAavailable']);
  });

  it('keeps focus on the activity button, which does nothing, while the change is in flight, and shows a failure', async () => {
    const client = new FakeClient(connectedState());
    const gate = deferred();
    client.hold('setActivity', gate.promise);
    client.failNext('setActivity', new FakeTaskRouterError('Activity not found', 20404, 404, 'ActivitySid'));
    const el = await mount(client);
    const errors = recordEvents(el, 'tr-error');
    const button = $<HTMLButtonElement>(el, '[part=activity-button]');
    await chooseByKeyboard(el, 'End');
    expect(button.getAttribute('aria-disabled')).to.equal('true');
    expect(focused(el)).to.deep.equal([el, button]);
    await expect(el).to.be.accessible();
    await sendKeys({ press: 'Enter' });
    await el.updateComplete;
    expect(el.shadowRoot!.querySelector('[role=listbox]'), 'busy: does not open').to.equal(null);
    gate.resolve();
    await settle(el);
    expect(text(el, '[part=error]')).to.equal('Change activity failed: \u2068Activity not found\u2069');
    expect($(el, '[part=error]').getAttribute('role')).to.equal('alert');
    expect(errors[0]!.detail.action).to.equal('set-activity');
    expect(button.getAttribute('aria-disabled')).to.equal('false');
    expect(focused(el)).to.deep.equal([el, button]);
    await expect(el).to.be.accessible();
  });

  it('shows reconnecting, disconnected and failed states, and retries with focus kept', async () => {
    const client = new FakeClient(connectedState());
    const el = await mount(client);
    client.set({ connection: 'reconnecting' });
    await el.updateComplete;
    expect(text(el, '[part=connection]')).to.equal('Connection lost, reconnecting…');
    expect($<HTMLButtonElement>(el, '[part=activity-button]').disabled).to.equal(true);
    expect($(el, '[part=activity-button]').getAttribute('aria-disabled'), 'consistent with disabled').to.equal('true');
    expect(el.shadowRoot!.querySelector('[part=retry]'), 'it comes back by itself').to.equal(null);
    await expect(el).to.be.accessible();
    client.set({ connection: 'disconnected' });
    await el.updateComplete;
    expect(text(el, '[part=connection]')).to.equal('Disconnected');
    expect(el.shadowRoot!.querySelector('[part=retry]'), 'closed: only Retry opens it again').to.not.equal(null);
    client.set({ connection: 'failed', error: { code: 31000, status: 503, message: 'Gave up after 3 retries' } });
    await el.updateComplete;
    expect(text(el, '[part=connection]')).to.equal('Connection failed');
    expect(text(el, '[part=error]')).to.equal('\u2068Gave up after 3 retries\u2069');
    // No answer at all: said in the page's language, not as the browser's "Failed to fetch".
    client.set({ error: { code: 0, status: 0, message: 'Failed to fetch' } });
    await el.updateComplete;
    expect(text(el)).to.contain('TaskRouter could not be reached').and.not.contain('Failed to fetch');
    // An error raised in the page (no status), such as a token of the wrong kind, says what it is.
    client.set({ error: { message: 'token: WS123 is not a WK channel' } });
    await el.updateComplete;
    expect(text(el, '[part=error]')).to.equal('\u2068token: WS123 is not a WK channel\u2069');
    await expect(el).to.be.accessible();
    $(el, '[part=retry]').focus();
    await sendKeys({ press: 'Enter' });
    await settle(el);
    expect(client.calls).to.deep.include(['retry']);
    expect(text(el, '[part=connection]')).to.equal('Connected');
    expect(el.shadowRoot!.querySelector('[part=retry]')).to.equal(null);
    expect(el.shadowRoot!.activeElement, 'focus moves into the element, not to the page').to.equal($(el, '[part=activity-button]'));
  });

  it('says the connection state in a live region, so screen readers hear it reconnect or fail', async () => {
    const client = new FakeClient(connectedState());
    const el = await mount(client);
    const region = $(el, '[part=connection]');
    expect(region.getAttribute('role')).to.equal('status');
    // The region stays and only its words change: a region added to the page along with its text is not announced.
    client.set({ connection: 'reconnecting' });
    await el.updateComplete;
    expect($(el, '[part=connection]')).to.equal(region);
    expect(text(el, '[part=connection]')).to.equal('Connection lost, reconnecting…');
    client.set({ connection: 'failed', error: { code: 31000, status: 503, message: 'Gave up after 3 retries' } });
    await el.updateComplete;
    expect($(el, '[part=connection]')).to.equal(region);
    expect(text(el, '[part=connection]')).to.equal('Connection failed');
    await expect(el).to.be.accessible();
  });

  it('shows channels and capacity for a multitasking worker only', async () => {
    const client = new FakeClient(connectedState());
    const el = await mount(client);
    expect(el.shadowRoot!.querySelector('[part=channels]')).to.equal(null);
    client.set({ channels: [makeChannel(), makeChannel({ sid: 'WCchat', taskChannelUniqueName: 'chat', configuredCapacity: 3, assignedTasks: 2 })] });
    await el.updateComplete;
    const items = $$(el, '[part=channels] li');
    expect(items).to.have.length(2);
    expect(items[1]!.textContent).to.contain('chat').and.contain('2 of 3 tasks');
    expect(items[0]!.textContent, 'singular for a capacity of one').to.contain('0 of 1 task').and.not.contain('1 tasks');
    expect(items[1]!.querySelector('meter')!.value).to.equal(2);
    await expect(el).to.be.accessible();
  });

  it('shows channels as unavailable, in words too, while the worker is unavailable', async () => {
    const client = new FakeClient(connectedState({ channels: [makeChannel(), makeChannel({ sid: 'WCchat', taskChannelUniqueName: 'chat', available: false })] }));
    const el = await mount(client);
    const states = () => $$(el, '[part=channels] li')
      .map((item) => [item.querySelector('.dot')!.classList.contains('on'), item.textContent!.replace(/\s+/g, ' ').trim()]);
    expect(states()).to.deep.equal([[true, 'voice Available 0 of 1 task'], [false, 'chat Unavailable 0 of 1 task']]);
    client.set({ worker: makeWorker({ activityName: 'Offline', activitySid: 'WAoffline', available: false }) });
    await el.updateComplete;
    expect(states()).to.deep.equal([[false, 'voice Unavailable 0 of 1 task'], [false, 'chat Unavailable 0 of 1 task']]);
    await expect(el).to.be.accessible();
  });

  it('renders names as text, never as HTML', async () => {
    const hostile = '<img src=x onerror="window.__pwned=1"><script>window.__pwned=1</script>';
    const client = new FakeClient(connectedState({
      worker: makeWorker({ activityName: hostile }),
      activities: [{ sid: 'WAx', friendlyName: hostile, available: true }],
    }));
    const el = await mount(client);
    $(el, '[part=activity-button]').click();
    await el.updateComplete;
    expect(el.shadowRoot!.querySelector('img, script:not([type])')).to.equal(null);
    expect(text(el)).to.contain(hostile);
    expect((window as { __pwned?: number }).__pwned).to.equal(undefined);
  });

  it('takes the dark theme from the attribute, and otherwise follows the page\'s color-scheme as form controls do', async () => {
    const el = await mount(new FakeClient(connectedState()));
    const light = getComputedStyle(el).backgroundColor;
    el.theme = 'dark';
    await el.updateComplete;
    expect(getComputedStyle(el).colorScheme).to.equal('dark');
    const dark = getComputedStyle(el).backgroundColor;
    expect(dark).to.not.equal(light);
    await expect(el).to.be.accessible();
    el.theme = undefined;
    await el.updateComplete;
    const root = document.documentElement.style;
    await emulateMedia({ colorScheme: 'dark' });
    try {
      // A page that declares no color-scheme, or a light one (a CRM screen), keeps light widgets on a dark system.
      expect(getComputedStyle(el).backgroundColor, 'no color-scheme on the page').to.equal(light);
      root.colorScheme = 'light';
      expect(getComputedStyle(el).backgroundColor, 'a light page').to.equal(light);
      // A page that supports both follows the system.
      root.colorScheme = 'light dark';
      expect(getComputedStyle(el).backgroundColor, 'a light dark page').to.equal(dark);
    } finally {
      root.colorScheme = '';
      await emulateMedia({ colorScheme: 'light' });
    }
    expect(getComputedStyle(el).backgroundColor).to.equal(light);
  });

  it('writes the time in the digits of the page\'s language', async () => {
    clock.at(3725);
    const el = await mount(new FakeClient(connectedState()), 'ar-EG');
    expect(text(el, '.since')).to.contain('١:٠٢:٠٥');
  });

  it('speaks Spanish from the closest lang and follows changes', async () => {
    const wrapper = await fixture<HTMLDivElement>(html`<div lang="es"><tr-worker-status></tr-worker-status></div>`);
    const el = wrapper.querySelector('tr-worker-status')!;
    el.client = new FakeClient(connectedState());
    await el.updateComplete;
    expect(text(el, '[part=connection]')).to.equal('Conectado');
    await expect(el).to.be.accessible();
    wrapper.setAttribute('lang', 'en-GB');
    await settle(el);
    expect(text(el, '[part=connection]')).to.equal('Connected');
    el.setAttribute('lang', 'es-MX');
    await settle(el);
    expect(text(el, '[part=connection]')).to.equal('Conectado');
  });

  it("follows a lang changed inside another component's shadow root", async () => {
    const host = await fixture<HTMLDivElement>(html`<div></div>`);
    host.attachShadow({ mode: 'open' }).innerHTML = '<section lang="es"><tr-worker-status></tr-worker-status></section>';
    const el = host.shadowRoot!.querySelector('tr-worker-status')!;
    el.client = new FakeClient(connectedState());
    await el.updateComplete;
    expect(text(el, '[part=connection]')).to.equal('Conectado');
    host.shadowRoot!.querySelector('section')!.setAttribute('lang', 'en');
    await settle(el);
    expect(text(el, '[part=connection]')).to.equal('Connected');
  });

  it('fills the terms a registered translation lacks with English', async () => {
    registerTranslation({ $code: 'x-partial', $name: 'Partial', connection_connected: 'Linked' });
    const el = await mount(new FakeClient(connectedState()), 'x-partial');
    expect(text(el, '[part=connection]')).to.equal('Linked');
    expect($(el, '[part=activity-button]').getAttribute('aria-label')).to.equal('Activity: Available');
  });
});
