import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { es } from '../../src/elements/translations/es.js';
import { sendKeys } from '@web/test-runner-commands';
import '../../src/elements/index.js';
import { registerTranslation, type TrQueueEditor } from '../../src/elements/index.js';
import { connectedState, FakeClient, FakeTaskRouterError, makeQueue } from './fake-client.js';
import { $, $$, deferred, mountWithClient, recordEvents, settle, text } from './helpers.js';

const QUEUE = makeQueue({ sid: 'WQsupport', friendlyName: 'Support', targetWorkers: 'skills HAS "support"', maxReservedWorkers: 2, taskOrder: 'LIFO', reservationActivitySid: 'WAbreak' });

const mount = (client?: FakeClient, template = html`<tr-queue-editor preview-delay="0"></tr-queue-editor>`) =>
  mountWithClient<TrQueueEditor>(template, client);

const editing = (client = new FakeClient(connectedState({ queues: [QUEUE] }))) =>
  mount(client, html`<tr-queue-editor queue-sid="WQsupport" preview-delay="0"></tr-queue-editor>`);

/** Replaces a field's text by typing, as a user would. */
async function type(el: TrQueueEditor, selector: string, value: string): Promise<void> {
  const field = $<HTMLInputElement>(el, selector);
  field.focus();
  field.select();
  await sendKeys({ press: 'Backspace' });
  if (value) await sendKeys({ type: value });
  await el.updateComplete;
}

/** Where focus is, as a selector in the editor (`#id` or `[part=…]`), else the page's focused tag (`body`). */
function focusedIn(el: TrQueueEditor): string | undefined {
  const active = el.shadowRoot!.activeElement;
  if (!active) return document.activeElement?.localName;
  return active.id ? `#${active.id}` : `[part=${active.getAttribute('part')}]`;
}

/** Waits for the debounced preview (delay 0) and its answer. */
const previewSettled = async (el: TrQueueEditor) => {
  await new Promise((resolve) => setTimeout(resolve, 20));
  await settle(el);
};

/**
 * Enters a TargetWorkers expression in one input event and waits for its preview: typed key by key, every prefix
 * (`skil`…) would be previewed on the way, as fast as the machine types.
 */
async function enterExpression(el: TrQueueEditor, expression: string): Promise<void> {
  const field = $<HTMLTextAreaElement>(el, '#TargetWorkers');
  field.value = expression;
  field.dispatchEvent(new InputEvent('input', { bubbles: true, composed: true }));
  await previewSettled(el);
}

describe('tr-queue-editor', () => {
  it('says in place that it needs a provider, and still works as a form control', async () => {
    const el = await mount();
    expect(text(el, '[part=notice]')).to.contain('inside <tr-provider>');
    expect($<HTMLButtonElement>(el, '[part=save-button]').disabled).to.equal(true);
    el.value = { FriendlyName: 'Sales', TargetWorkers: '1==1' };
    expect(el.value).to.deep.equal({ FriendlyName: 'Sales', MaxReservedWorkers: 1, TaskOrder: 'FIFO', TargetWorkers: '1==1' });
    await expect(el).to.be.accessible();
  });

  it('shows loading while the queue is not known yet, then an error when it does not exist', async () => {
    const client = new FakeClient();
    const el = await mount(client, html`<tr-queue-editor queue-sid="WQmissing"></tr-queue-editor>`);
    expect(text(el, '[part=notice]')).to.equal('Connecting…');
    // No form yet: its defaults would read as the queue's settings, and a draft typed now would be saved over them.
    expect(el.shadowRoot!.querySelector('form')).to.equal(null);
    await expect(el).to.be.accessible();
    client.set({ connection: 'connected', queues: [QUEUE] });
    await el.updateComplete;
    expect(text(el, '[part=notice]')).to.equal('This task queue does not exist (any more).');
    await expect(el).to.be.accessible();
  });

  it('fills the form from the queue it edits', async () => {
    const el = await editing();
    expect($<HTMLInputElement>(el, '#FriendlyName').value).to.equal('Support');
    expect($<HTMLTextAreaElement>(el, '#TargetWorkers').value).to.equal('skills HAS "support"');
    expect($<HTMLInputElement>(el, '#MaxReservedWorkers').value).to.equal('2');
    expect($<HTMLSelectElement>(el, '#TaskOrder').value).to.equal('LIFO');
    expect($<HTMLSelectElement>(el, '#ReservationActivitySid').value).to.equal('WAbreak');
    expect($<HTMLSelectElement>(el, '#AssignmentActivitySid').value).to.equal('');
    expect($(el, 'form').getAttribute('aria-label')).to.equal('Edit task queue Support');
    expect(text(el, '[part=save-button]')).to.equal('Save');
    await previewSettled(el);
    expect(text(el, '[part=preview]')).to.contain('1 matching worker').and.contain('Alice');
    await expect(el).to.be.accessible();
  });

  it('marks an invalid TargetWorkers expression at its position as the user types', async () => {
    const client = new FakeClient(connectedState());
    const el = await mount(client);
    el.value = { FriendlyName: 'Support' };
    await type(el, '#TargetWorkers', 'skills HAS "support" AND');
    const field = $(el, '#TargetWorkers');
    expect(field.getAttribute('aria-invalid')).to.equal('true');
    expect(text(el, '#TargetWorkers-error')).to.match(/^Line 1, column 25: \u2068Expected .*, found end of input\u2069$/);
    expect(text(el, '#TargetWorkers-error')).to.not.contain('at line', 'the position is said once');
    expect(el.validationMessage).to.equal(text(el, '#TargetWorkers-error'));
    expect($(el, '[part=expression-error] mark').textContent).to.equal(' ');
    expect(text(el, '[part=expression-error]')).to.equal('skills HAS "support" AND');
    expect(el.validity.customError).to.equal(true);
    expect(el.checkValidity()).to.equal(false);
    await expect(el).to.be.accessible();

    await type(el, '#TargetWorkers', 'skills HAS "support" === 1');
    expect($(el, '[part=expression-error] mark').textContent).to.equal('===');

    await type(el, '#TargetWorkers', 'skills HAS "sales"');
    expect(field.getAttribute('aria-invalid')).to.equal('false');
    expect(el.shadowRoot!.querySelector('[part=expression-error]')).to.equal(null);
    await previewSettled(el);
    expect(text(el, '[part=preview]')).to.contain('1 matching worker').and.contain('Bob').and.not.contain('Alice');
  });

  it('names a key of the expression that no worker has, and asks again before naming it', async () => {
    const client = new FakeClient(connectedState());
    const el = await mount(client);
    const enter = (expression: string) => enterExpression(el, expression);
    await enter('skils HAS "sales" OR level > 2');
    expect(text(el, '[part=preview]')).to.contain('1 matching worker');
    expect([...$$(el, '[part=missing-key]')].map((p) => p.textContent)).to.deep.equal(['No worker has the attribute “skils”.']);
    await expect(el).to.be.accessible();

    // Keys the workers have, as last read: no new request.
    const reads = () => client.calls.filter(([m]) => m === 'workerAttributes').length;
    await enter('skills HAS "sales"');
    expect($$(el, '[part=missing-key]')).to.have.length(0);
    expect(reads()).to.equal(1);

    // A key that looks missing is checked against the workers as they are now: one gained it meanwhile. The read
    // stops at the first worker that has it.
    client.workers[0]!.attributes.team = 'north';
    const workersRead = client.workerAttributesRead;
    await enter('team == "north"');
    expect(reads()).to.equal(2);
    expect(client.workerAttributesRead - workersRead).to.equal(1);
    expect($$(el, '[part=missing-key]')).to.have.length(0);
    expect(text(el, '[part=preview]')).to.contain('1 matching worker');

    // The hint is extra: when the workers cannot be read, the preview still shows.
    client.failNext('workerAttributes', new FakeTaskRouterError('Network error: Failed to fetch', 0, 0));
    await enter('tema == "north"');
    expect(text(el, '[part=preview]')).to.contain('0 matching workers');
    expect($$(el, '[part=missing-key]')).to.have.length(0);
  });

  it('says "or more" when the matching workers fill more than the page the server answers with', async () => {
    const client = new FakeClient(connectedState());
    client.workers = Array.from({ length: 30 }, (_, n) => ({ sid: `WK${n}`, friendlyName: `Agent ${n}`, activityName: 'Available', available: true, attributes: { level: n } }));
    client.pageSize = 25;
    const el = await mount(client);
    await enterExpression(el, 'level >= 0');
    expect(text(el, '[part=preview] .hint')).to.equal('25 or more matching workers');
    expect($(el, '[part=preview] ul')!.getAttribute('aria-label')).to.equal('25 or more matching workers');
    expect(text(el, '[part=preview] li.muted')).to.equal('and 5 or more');
    el.lang = 'es';
    await settle(el);
    expect(text(el, '[part=preview] .hint')).to.equal('25 o más agentes coinciden');
    expect(text(el, '[part=preview] li.muted')).to.equal('y 5 o más');

    client.pageSize = 1000;
    await enterExpression(el, 'level >= 1');
    expect(text(el, '[part=preview] .hint')).to.equal('29 agentes coinciden');
    expect(text(el, '[part=preview] li.muted')).to.equal('y 9 más');
  });

  it('debounces the preview and shows only the latest answer', async () => {
    const client = new FakeClient(connectedState());
    const el = await mount(client, html`<tr-queue-editor preview-delay="60"></tr-queue-editor>`);
    const field = $<HTMLTextAreaElement>(el, '#TargetWorkers');
    for (const typed of ['l', 'le', 'lev', 'level', 'level >', 'level > 0']) { // a burst of keystrokes
      field.value = typed;
      field.dispatchEvent(new InputEvent('input', { bubbles: true, composed: true }));
    }
    await new Promise((resolve) => setTimeout(resolve, 150));
    await settle(el);
    expect(client.calls.filter(([m]) => m === 'previewTargetWorkers')).to.deep.equal([['previewTargetWorkers', 'level > 0']]);
    expect(text(el, '[part=preview]')).to.contain('2 matching workers');
  });

  it('creates a queue, then edits it', async () => {
    const client = new FakeClient(connectedState());
    const el = await mount(client);
    const saved = recordEvents(el, 'tr-queue-save-request', 'tr-queue-saved');
    await type(el, '#FriendlyName', 'Escalations');
    await type(el, '#TargetWorkers', 'level >= 3');
    await type(el, '#MaxReservedWorkers', '5');
    $<HTMLSelectElement>(el, '#AssignmentActivitySid').value = 'WAbreak';
    $(el, '#AssignmentActivitySid').dispatchEvent(new Event('input', { bubbles: true, composed: true }));
    expect(text(el, '[part=save-button]')).to.equal('Create');
    $(el, '[part=save-button]').click();
    await settle(el);
    const params = { FriendlyName: 'Escalations', MaxReservedWorkers: 5, TaskOrder: 'FIFO', TargetWorkers: 'level >= 3', AssignmentActivitySid: 'WAbreak' };
    expect(client.calls).to.deep.include(['createQueue', params]);
    expect(saved.map((e) => e.type)).to.deep.equal(['tr-queue-save-request', 'tr-queue-saved']);
    expect(saved[1]!.detail.created).to.equal(true);
    expect(el.queueSid).to.equal(saved[1]!.detail.queue.sid);
    expect(text(el, '[role=status]')).to.equal('Saved.');
    expect(text(el, '[part=save-button]')).to.equal('Save');
    expect(el.shadowRoot!.querySelector('[part=delete-button]')).to.not.equal(null);

    await type(el, '#FriendlyName', 'Escalations 2');
    $(el, '[part=save-button]').click();
    await settle(el);
    expect(client.calls.at(-1)).to.deep.equal(['updateQueue', el.queueSid, { ...params, FriendlyName: 'Escalations 2' }]);
  });

  it('refuses to save an invalid form and points at the first problem', async () => {
    const client = new FakeClient(connectedState());
    const el = await mount(client);
    $(el, '[part=save-button]').click();
    await settle(el);
    expect(client.calls.filter(([m]) => m === 'createQueue')).to.have.length(0);
    expect(text(el, '#FriendlyName-error')).to.equal('Enter a name.');
    expect(el.shadowRoot!.activeElement).to.equal($(el, '#FriendlyName'));
    expect(el.validity.valueMissing).to.equal(true);
    await type(el, '#FriendlyName', 'Ok');
    await type(el, '#MaxReservedWorkers', '51');
    expect(el.validity.rangeOverflow).to.equal(true);
    $(el, '#MaxReservedWorkers').blur();
    await el.updateComplete;
    expect(text(el, '#MaxReservedWorkers-error')).to.equal('Enter a whole number from 1 to 50.');
    await type(el, '#MaxReservedWorkers', '0');
    expect(el.validity.rangeUnderflow).to.equal(true);
    await type(el, '#MaxReservedWorkers', '2.5');
    expect(el.validity.stepMismatch).to.equal(true);
    expect($(el, '#MaxReservedWorkers').getAttribute('max')).to.equal('50');
    await expect(el).to.be.accessible();
  });

  it('takes part in a host form: value, validity, reset and disabled', async () => {
    const form = await fixture<HTMLFormElement>(html`<form>
      <fieldset><tr-queue-editor queue-sid="WQsupport" preview-delay="0"></tr-queue-editor></fieldset>
    </form>`);
    const el = form.querySelector('tr-queue-editor')!;
    el.client = new FakeClient(connectedState({ queues: [QUEUE] }));
    await el.updateComplete;
    expect(el.form).to.equal(form);
    expect(Object.fromEntries(new FormData(form))).to.deep.equal({
      FriendlyName: 'Support', MaxReservedWorkers: '2', TaskOrder: 'LIFO', TargetWorkers: 'skills HAS "support"', ReservationActivitySid: 'WAbreak',
    });
    expect(form.checkValidity()).to.equal(true);
    await type(el, '#FriendlyName', '');
    expect(form.checkValidity()).to.equal(false);
    form.reset();
    await el.updateComplete;
    expect($<HTMLInputElement>(el, '#FriendlyName').value).to.equal('Support');
    expect(form.checkValidity()).to.equal(true);
    form.querySelector('fieldset')!.disabled = true;
    await el.updateComplete;
    expect($(el, '#FriendlyName').matches(':disabled')).to.equal(true);
    expect($(el, '[part=save-button]').matches(':disabled')).to.equal(true);
  });

  it('is enabled again as soon as its disabled property is set back to false, as a framework binding sets it', async () => {
    const el = await editing();
    const enabled = () => [$(el, 'fieldset').matches(':disabled'), $(el, '[part=save-button]').matches(':disabled')].map((off) => !off);
    el.disabled = true;
    await settle(el);
    expect(enabled(), 'disabled').to.deep.equal([false, false]);
    el.disabled = false;
    await settle(el);
    expect(enabled(), 'enabled again, with nothing else changing').to.deep.equal([true, true]);
    el.toggleAttribute('disabled', true);
    await settle(el);
    expect(enabled(), 'disabled by its attribute').to.deep.equal([false, false]);
  });

  it("shows what is wrong in place when the host form's submit is refused, not only in the browser's bubble", async () => {
    const form = await fixture<HTMLFormElement>(html`<form><tr-queue-editor preview-delay="0"></tr-queue-editor><button>Save in my app</button></form>`);
    const el = form.querySelector('tr-queue-editor')!;
    await el.updateComplete;
    expect(text(el, '#FriendlyName-error')).to.equal('', 'nothing said before anyone tried');
    let submitted = false;
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      submitted = true;
    });
    form.requestSubmit();
    await el.updateComplete;
    expect(submitted).to.equal(false);
    expect(text(el, '#FriendlyName-error')).to.equal('Enter a name.');
    expect($(el, '#FriendlyName').getAttribute('aria-invalid')).to.equal('true');
  });

  it('points reportValidity() at the field at fault after its client arrives, which rebuilds the form', async () => {
    const form = await fixture<HTMLFormElement>(html`<form><tr-queue-editor preview-delay="0"></tr-queue-editor><button>Save in my app</button></form>`);
    const el = form.querySelector<TrQueueEditor>('tr-queue-editor')!;
    el.value = { FriendlyName: 'Support', TargetWorkers: 'skills HAS' };
    await el.updateComplete;
    el.client = new FakeClient(connectedState()); // as a page does after the fixture, or a provider that gets its client late
    await el.updateComplete;
    form.querySelector('button')!.focus();
    expect(el.reportValidity()).to.equal(false);
    expect(el.shadowRoot!.activeElement?.id).to.equal('TargetWorkers');
  });

  it('points reportValidity() and a refused host-form submit at the TargetWorkers field when its expression is wrong', async () => {
    const form = await fixture<HTMLFormElement>(html`<form><tr-queue-editor name="q" preview-delay="0"></tr-queue-editor><button>Save in my app</button></form>`);
    const el = form.querySelector('tr-queue-editor')!;
    const button = form.querySelector('button')!;
    let submitted = 0;
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      submitted++;
    });
    el.client = new FakeClient(connectedState());
    await el.updateComplete;
    await type(el, '#FriendlyName', 'Support');
    await type(el, '#TargetWorkers', 'skills HAS');
    expect(el.validity.customError).to.equal(true);
    expect(el.validationMessage).to.match(/^Line 1, column \d+: /);

    button.focus();
    expect(el.reportValidity()).to.equal(false);
    expect(focusedIn(el)).to.equal('#TargetWorkers');

    button.focus();
    form.requestSubmit();
    await el.updateComplete;
    expect(submitted).to.equal(0);
    expect(focusedIn(el)).to.equal('#TargetWorkers');

    await type(el, '#TargetWorkers', 'skills HAS "support"');
    form.requestSubmit();
    expect(submitted).to.equal(1);
  });

  it('inside a host form, Enter submits that form, which saves, instead of saving through the client', async () => {
    const form = await fixture<HTMLFormElement>(html`<form><tr-queue-editor preview-delay="0"></tr-queue-editor><button>Save in my app</button></form>`);
    const submitted: Array<Record<string, FormDataEntryValue>> = [];
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      submitted.push(Object.fromEntries(new FormData(form)));
    });
    const el = form.querySelector('tr-queue-editor')!;
    const client = new FakeClient(connectedState());
    el.client = client;
    await el.updateComplete;
    await type(el, '#FriendlyName', 'Billing');
    await type(el, '#TargetWorkers', '1 == 1');
    $(el, '#FriendlyName').focus();
    await sendKeys({ press: 'Enter' });
    await el.updateComplete;
    expect(submitted).to.have.length(1);
    expect(submitted[0]).to.include({ FriendlyName: 'Billing', TargetWorkers: '1 == 1' });
    expect(client.calls.some(([name]) => name === 'createQueue')).to.equal(false);
  });

  it('says its validation message again in the language the page switches to', async () => {
    const wrapper = await fixture<HTMLElement>(html`<div lang="en"><tr-queue-editor></tr-queue-editor></div>`);
    const el = wrapper.querySelector('tr-queue-editor')!;
    await el.updateComplete;
    expect(el.validationMessage).to.equal('Enter a name.');
    wrapper.lang = 'es';
    await waitUntil(() => el.validationMessage !== 'Enter a name.', 'the message follows the language');
    expect(el.validationMessage).to.equal(es.required);
  });

  it("says its validation message in the page's language once that translation registers, without waiting for typing", async () => {
    // A page without a bundler loads the translation file next to the kit's: it may register after the first render.
    const wrapper = await fixture<HTMLElement>(html`<div lang="eo"><tr-queue-editor></tr-queue-editor></div>`);
    const el = wrapper.querySelector('tr-queue-editor')!;
    await el.updateComplete;
    expect(el.validationMessage).to.equal('Enter a name.');
    registerTranslation({ ...es, $code: 'eo', $name: 'Esperanto', required: 'Enigu nomon.' });
    await waitUntil(() => el.validationMessage === 'Enigu nomon.', 'the message follows the late translation');
  });

  it('fires native input and change events from the element', async () => {
    const el = await editing();
    const events = recordEvents(el, 'input', 'change');
    await type(el, '#FriendlyName', 'ab');
    $(el, '#FriendlyName').blur();
    await el.updateComplete;
    expect(events.map((e) => e.type)).to.deep.equal(['input', 'input', 'input', 'change']);
    expect(events.every((e) => e.target === el)).to.equal(true);
  });

  it("shows the server's error next to the field it names, or above the form", async () => {
    const client = new FakeClient(connectedState({ queues: [QUEUE] }));
    const el = await editing(client);
    const errors = recordEvents(el, 'tr-error');
    client.failNext('updateQueue', new FakeTaskRouterError('FriendlyName must be unique', 20001, 400, 'FriendlyName'));
    $(el, '[part=save-button]').click();
    await settle(el);
    expect(text(el, '#FriendlyName-error')).to.equal('Save failed: \u2068FriendlyName must be unique\u2069');
    expect($(el, '#FriendlyName').getAttribute('aria-invalid')).to.equal('true');
    expect(el.shadowRoot!.activeElement).to.equal($(el, '#FriendlyName'));
    expect(errors[0]!.detail.action).to.equal('save');
    await expect(el).to.be.accessible();

    client.failNext('updateQueue', new FakeTaskRouterError('Service unavailable', 20500, 503));
    $(el, '[part=save-button]').click();
    await settle(el);
    expect(text(el, 'form > [part=error]')).to.equal('Save failed: \u2068Service unavailable\u2069');
    expect(text(el, '#FriendlyName-error')).to.equal('');
  });

  it('keeps the form but cannot save or delete while disconnected', async () => {
    const client = new FakeClient(connectedState({ queues: [QUEUE] }));
    const el = await editing(client);
    client.set({ connection: 'disconnected' });
    await el.updateComplete;
    expect($<HTMLInputElement>(el, '#FriendlyName').value).to.equal('Support');
    expect($<HTMLButtonElement>(el, '[part=save-button]').disabled).to.equal(true);
    expect($<HTMLButtonElement>(el, '[part=delete-button]').disabled).to.equal(true);
    await expect(el).to.be.accessible();
  });

  it('lets the host veto a save', async () => {
    const client = new FakeClient(connectedState({ queues: [QUEUE] }));
    const el = await editing(client);
    el.addEventListener('tr-queue-save-request', (event) => event.preventDefault());
    $(el, '[part=save-button]').click();
    await settle(el);
    expect(client.calls.filter(([m]) => m === 'updateQueue')).to.have.length(0);
  });

  it('inside the page modal <dialog>, Escape closes its confirmation and leaves the dialog open', async () => {
    const dialog = await fixture<HTMLDialogElement>(html`<dialog><tr-queue-editor queue-sid="WQsupport" preview-delay="0"></tr-queue-editor></dialog>`);
    const el = dialog.firstElementChild as TrQueueEditor;
    el.client = new FakeClient(connectedState({ queues: [QUEUE] }));
    dialog.showModal();
    await el.updateComplete;
    $(el, '[part=delete-button]').click();
    await el.updateComplete;
    await sendKeys({ press: 'Escape' });
    await el.updateComplete;
    expect(el.shadowRoot!.querySelector('[part=confirm]'), 'the confirmation closed').to.equal(null);
    expect(dialog.open, 'the dialog is still open').to.equal(true);
    await sendKeys({ press: 'Escape' });
    expect(dialog.open, "with nothing of the element's open, Escape is the dialog's").to.equal(false);
  });

  it('asks before deleting, and deletes', async () => {
    const client = new FakeClient(connectedState({ queues: [QUEUE] }));
    const el = await editing(client);
    const events = recordEvents(el, 'tr-queue-delete-request', 'tr-queue-deleted');
    $(el, '[part=delete-button]').click();
    await el.updateComplete;
    expect(text(el, '[part=confirm]')).to.contain('Delete the task queue Support? This cannot be undone.');
    expect(el.shadowRoot!.activeElement).to.equal($(el, '#cancel-delete'));
    await expect(el).to.be.accessible();
    await sendKeys({ press: 'Escape' });
    await el.updateComplete;
    expect(el.shadowRoot!.querySelector('[part=confirm]')).to.equal(null);
    expect(el.shadowRoot!.activeElement).to.equal($(el, '[part=delete-button]'));
    expect(client.calls.filter(([m]) => m === 'deleteQueue')).to.have.length(0);

    $(el, '[part=delete-button]').click();
    await el.updateComplete;
    $$(el, '[part=confirm] button')[0]!.click();
    await settle(el);
    expect(client.calls).to.deep.include(['deleteQueue', 'WQsupport']);
    expect(events.map((e) => e.type)).to.deep.equal(['tr-queue-delete-request', 'tr-queue-deleted']);
    expect(text(el, '[role=status]')).to.equal('Deleted.');
    expect(el.shadowRoot!.querySelector('[part=delete-button]')).to.equal(null);
  });

  /** Delete, then the confirmation's Delete, by keyboard. */
  async function deleteByKeyboard(el: TrQueueEditor): Promise<void> {
    $(el, '[part=delete-button]').focus();
    await sendKeys({ press: 'Enter' });
    await el.updateComplete;
    $$(el, '[part=confirm] button')[0]!.focus();
    await sendKeys({ press: 'Enter' });
    await settle(el);
  }

  it('after a delete, pointed at another queue, says nothing of the delete (and that an unknown queue does not exist)', async () => {
    const client = new FakeClient(connectedState({ queues: [QUEUE] }));
    const el = await editing(client);
    await deleteByKeyboard(el);
    expect(text(el, '[role=status]')).to.equal('Deleted.');
    el.queueSid = 'WQgone';
    await settle(el);
    expect(text(el, '[part=notice]')).to.contain('does not exist');
    expect(el.shadowRoot!.querySelector('[role=status]')?.textContent ?? '').to.equal('');
  });

  it('says in place that editing queues needs a workspace token, under a worker-only provider', async () => {
    const client = new FakeClient(connectedState());
    client.options = { workerToken: 'worker' };
    const el = await mount(client);
    expect(text(el, '[part=notice]')).to.contain('needs a workspace token');
    expect(el.shadowRoot!.querySelector('form')).to.equal(null);
    await expect(el).to.be.accessible();
  });

  it("keeps its accessible name while the name field is cleared, and TargetWorkers left to right in any page", async () => {
    const el = await editing();
    await type(el, '#FriendlyName', '');
    expect($(el, 'form').getAttribute('aria-label')).to.equal('Edit task queue Support');
    expect($(el, '#TargetWorkers').matches(':dir(ltr)')).to.equal(true);
  });

  it("says in the page's words that the preview could not reach TaskRouter", async () => {
    const client = new FakeClient(connectedState());
    client.failNext('previewTargetWorkers', new FakeTaskRouterError('Network error: Failed to fetch', 0, 0));
    const el = await mount(client);
    await type(el, '#TargetWorkers', 'level > 0');
    await waitUntil(() => text(el, '[part=preview]').includes('could not be reached'), 'the preview error');
    expect(text(el, '[part=preview]')).to.not.contain('Failed to fetch');
  });

  it('gives the blank form after a delete a fresh start: no messages, focus in its name field', async () => {
    const client = new FakeClient(connectedState({ queues: [QUEUE] }));
    const el = await editing(client);
    $(el, '[part=save-button]').click(); // touches the form, as a save does
    await settle(el);
    await deleteByKeyboard(el);
    expect(client.calls).to.deep.include(['deleteQueue', 'WQsupport']);
    expect($(el, 'form').getAttribute('aria-label')).to.equal('New task queue');
    expect(text(el, '#FriendlyName-error')).to.equal('');
    expect($(el, '#FriendlyName').getAttribute('aria-invalid')).to.equal('false');
    expect(focusedIn(el)).to.equal('#FriendlyName');
    await expect(el).to.be.accessible();
  });

  it('keeps focus off <body> while saving and deleting: on Save, on Delete, then in the blank form', async () => {
    const client = new FakeClient(connectedState());
    const el = await mount(client);
    await type(el, '#FriendlyName', 'Escalations');
    const saving = deferred();
    client.hold('createQueue', saving.promise);
    $(el, '[part=save-button]').focus();
    await sendKeys({ press: 'Enter' });
    await el.updateComplete;
    expect($(el, 'fieldset').matches(':disabled'), 'the fields wait').to.equal(true);
    expect($(el, '[part=save-button]').getAttribute('aria-disabled')).to.equal('true');
    expect(focusedIn(el)).to.equal('[part=save-button]');
    await expect(el).to.be.accessible();
    saving.resolve();
    await settle(el);
    expect(client.calls.filter(([m]) => m === 'createQueue')).to.have.length(1);
    expect(focusedIn(el), 'the Create button, now Save').to.equal('[part=save-button]');
    expect($(el, '[part=save-button]').getAttribute('aria-disabled')).to.equal('false');

    await type(el, '#FriendlyName', 'Escalations 2');
    await sendKeys({ press: 'Enter' }); // from the name field, which is disabled while saving
    await settle(el);
    expect(client.calls.at(-1)![0]).to.equal('updateQueue');
    expect(focusedIn(el)).to.equal('[part=save-button]');
    expect(text(el, '[role=status]')).to.equal('Saved.');

    client.failNext('deleteQueue', new FakeTaskRouterError('Service unavailable', 20500, 503));
    await deleteByKeyboard(el);
    expect(text(el, 'form > [part=error]')).to.equal('Delete failed: \u2068Service unavailable\u2069');
    expect(focusedIn(el)).to.equal('[part=delete-button]');

    const veto = (event: Event) => event.preventDefault();
    el.addEventListener('tr-queue-delete-request', veto);
    await sendKeys({ press: 'Enter' });
    await el.updateComplete;
    $$(el, '[part=confirm] button')[0]!.focus();
    await sendKeys({ press: 'Enter' });
    await settle(el);
    expect(focusedIn(el), 'vetoed').to.equal('[part=delete-button]');

    el.removeEventListener('tr-queue-delete-request', veto);
    const deleting = deferred();
    client.hold('deleteQueue', deleting.promise);
    await sendKeys({ press: 'Enter' });
    await el.updateComplete;
    $$(el, '[part=confirm] button')[0]!.focus();
    await sendKeys({ press: 'Enter' });
    await el.updateComplete;
    expect(focusedIn(el), 'while deleting').to.equal('[part=delete-button]');
    deleting.resolve();
    await settle(el);
    expect(text(el, '[role=status]')).to.equal('Deleted.');
    expect(focusedIn(el), 'the blank form').to.equal('#FriendlyName');
    await expect(el).to.be.accessible();
  });

  it("limits the name to TaskRouter's 64 characters, and says so in the page's language", async () => {
    const client = new FakeClient(connectedState());
    const wrapper = await fixture<HTMLElement>(html`<div lang="en"><tr-queue-editor preview-delay="0"></tr-queue-editor></div>`);
    const el = wrapper.querySelector('tr-queue-editor')!;
    el.client = client;
    await el.updateComplete;
    const name = $<HTMLInputElement>(el, '#FriendlyName');
    expect(name.maxLength).to.equal(64);
    await type(el, '#FriendlyName', 'x'.repeat(66));
    expect(name.value).to.have.length(64);
    expect(el.checkValidity()).to.equal(true);

    el.value = { FriendlyName: 'y'.repeat(65) }; // set by the page, past the input's maxlength
    expect(el.validity.tooLong).to.equal(true);
    $(el, '[part=save-button]').click();
    await settle(el);
    expect(client.calls.filter(([m]) => m === 'createQueue')).to.have.length(0);
    expect(text(el, '#FriendlyName-error')).to.equal('Use at most 64 characters.');
    expect(el.validationMessage).to.equal('Use at most 64 characters.');
    expect(focusedIn(el)).to.equal('#FriendlyName');
    await expect(el).to.be.accessible();
    wrapper.lang = 'es';
    await waitUntil(() => text(el, '#FriendlyName-error') === es.nameTooLong(64), 'in Spanish');
  });

  it('works as a form control in a host form without a provider: no "not connected", Enter and Save submit it', async () => {
    const form = await fixture<HTMLFormElement>(html`<form><tr-queue-editor preview-delay="0"></tr-queue-editor></form>`);
    const submitted: Array<Record<string, FormDataEntryValue>> = [];
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      submitted.push(Object.fromEntries(new FormData(form)));
    });
    const el = form.querySelector('tr-queue-editor')!;
    await el.updateComplete;
    expect($$(el, '[part=notice]').length, 'no "not connected" notice').to.equal(0);
    expect($<HTMLButtonElement>(el, '[part=save-button]').disabled).to.equal(false);
    await type(el, '#FriendlyName', 'Billing');
    await sendKeys({ press: 'Enter' });
    await el.updateComplete;
    expect(submitted).to.deep.equal([{ FriendlyName: 'Billing', MaxReservedWorkers: '1', TaskOrder: 'FIFO' }]);
    $(el, '[part=save-button]').click();
    await el.updateComplete;
    expect(submitted).to.have.length(2);
    await expect(el).to.be.accessible();
  });

  it('lays the four small fields out two by two, in one column when narrow', async () => {
    const wrapper = await fixture<HTMLElement>(html`<div><tr-queue-editor></tr-queue-editor></div>`);
    const el = wrapper.querySelector('tr-queue-editor')!;
    const rows = async (width: number) => {
      wrapper.style.width = `${width}px`;
      await el.updateComplete;
      const tops = $$(el, '.two > .field').map((field) => field.getBoundingClientRect().top);
      return [...new Set(tops)].map((top) => tops.filter((t) => t === top).length);
    };
    expect(await rows(600)).to.deep.equal([2, 2]);
    expect(await rows(1000)).to.deep.equal([2, 2]);
    expect(await rows(300)).to.deep.equal([1, 1, 1, 1]);
  });

  it('renders names as text, never as HTML', async () => {
    const hostile = '<img src=x onerror="window.__pwned=1"><script>window.__pwned=1</script>';
    const client = new FakeClient(connectedState({
      queues: [{ ...QUEUE, friendlyName: hostile }],
      activities: [{ sid: 'WAbreak', friendlyName: hostile, available: false }],
    }));
    client.workers[0]!.friendlyName = hostile;
    const el = await editing(client);
    await previewSettled(el);
    expect(el.shadowRoot!.querySelector('img, script:not([type]), [onerror]')).to.equal(null);
    expect(text(el, '[part=preview]')).to.contain(hostile);
    expect($<HTMLInputElement>(el, '#FriendlyName').value).to.equal(hostile);
    expect((window as { __pwned?: number }).__pwned).to.equal(undefined);
  });

  it('follows the dark theme and Spanish', async () => {
    const wrapper = await fixture<HTMLElement>(html`<div lang="es">
      <tr-queue-editor theme="dark" queue-sid="WQsupport" preview-delay="0"></tr-queue-editor>
    </div>`);
    const el = wrapper.querySelector('tr-queue-editor')!;
    el.client = new FakeClient(connectedState({ queues: [QUEUE] }));
    await previewSettled(el);
    expect(getComputedStyle(el).colorScheme).to.equal('dark');
    expect($$(el, 'label').map((l) => l.textContent)).to.include('Agentes destino');
    expect(text(el, '[part=preview]')).to.contain('1 agente coincide');
    await type(el, '#TargetWorkers', 'skills HAS');
    expect(text(el, '#TargetWorkers-error')).to.equal('Línea 1, columna 11: se esperaba un valor después de "HAS", se encontró el final de la expresión');
    await expect(el).to.be.accessible();
  });
});
