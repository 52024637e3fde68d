import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import type { ActivityView, QueueView, TaskRouterClientState } from '../../context/client-types.js';
import { themeStyles } from '../internal/theme.js';
import { isolate, type Translation } from '../internal/localize.js';
import { confirmDialog, dot, errorAlert, notice } from '../internal/templates.js';
import { TrElement, type Failure } from '../internal/tr-element.js';
import {
  checkDraft, draftFromQueue, draftParams, EMPTY_DRAFT, errorExcerpt, MAX_RESERVED_WORKERS, NAME_MAX_LENGTH, QUEUE_FIELDS,
  type DraftProblems, type QueueDraft, type QueueField,
} from './queue-form.js';
import { queueEditorStyles } from './tr-queue-editor.styles.js';
import { WorkersPreviewController } from './workers-preview.js';

export interface QueueSaveDetail {
  /** The queue being updated; absent when creating one. */
  queueSid?: string;
  /** The TaskRouter parameters about to be sent. */
  params: Record<string, string | number>;
}
export type TrQueueSaveRequestEvent = CustomEvent<QueueSaveDetail>;
export type TrQueueSavedEvent = CustomEvent<{ queue: QueueView; created: boolean }>;
export type TrQueueDeleteRequestEvent = CustomEvent<{ queueSid: string }>;
export type TrQueueDeletedEvent = CustomEvent<{ queueSid: string }>;

const PREVIEW_LIMIT = 20;

/**
 * @tag tr-queue-editor
 * @summary Creates or edits a TaskQueue, checking the TargetWorkers expression as it is typed and
 * previewing the workers it matches. A form control: inside a `<form>` it submits the queue's
 * parameters (`FriendlyName`, `TargetWorkers`, …) and takes part in validation and reset; there, Enter
 * and its Save button submit that form (the host saves), instead of saving through the client, so it
 * needs no client there (without one, the workers preview and the activities to choose from are left out).
 *
 * @fires input - A field changed (native event from the field, retargeted to the element).
 * @fires change - A field's change was committed.
 * @fires tr-queue-save-request - Cancelable; before saving. `detail: { queueSid?, params }`.
 * @fires tr-queue-saved - The server saved the queue. `detail: { queue, created }`.
 * @fires tr-queue-delete-request - Cancelable; after the user confirmed, before deleting. `detail: { queueSid }`.
 * @fires tr-queue-deleted - The server deleted the queue. `detail: { queueSid }`.
 * @fires tr-error - Saving or deleting failed. `detail: { action: 'save' | 'delete', error }`.
 *
 * @csspart form - The form wrapper.
 * @csspart field - Each label + control + message group.
 * @csspart expression-error - The line of the TargetWorkers expression with the error marked.
 * @csspart preview - The matching workers.
 * @csspart missing-key - A warning under the preview: a key the expression reads that no worker has.
 * @csspart actions - The save and delete buttons.
 * @csspart save-button - Save.
 * @csspart delete-button - Delete.
 * @csspart confirm - The delete confirmation.
 * @csspart error - An error message.
 * @csspart notice - A message about the element's state (no provider, loading, not found, saved).
 *
 * @cssprop --tr-color-danger - Invalid fields and errors.
 * @cssprop --tr-color-accent - The save button and focus ring.
 * @cssprop --tr-color-control-border - Field borders.
 */
export class TrQueueEditor extends TrElement {
  static formAssociated = true;
  static override styles = [themeStyles, queueEditorStyles];
  static override clientKeys = ['connection', 'queues', 'activities'] as const;
  static override connections = ['workspace'] as const;
  /** Reactive properties (each documented at its field below) and internal state. */
  static override properties = {
    queueSid: { attribute: 'queue-sid', reflect: true },
    name: { reflect: true },
    disabled: { type: Boolean, reflect: true },
    previewDelay: { attribute: 'preview-delay', type: Number },
    draft: { state: true },
    problems: { state: true },
    touched: { state: true },
    serverError: { state: true },
    status: { state: true },
    confirmingDelete: { state: true },
    formDisabled: { state: true },
  };

  /** The queue to edit; unset to create a new one. */
  queueSid?: string;

  /** The form control name (informational: the submitted entries are named by TaskRouter parameter). */
  name?: string;

  /** Disables every field and action. */
  disabled = false;

  /** Milliseconds of quiet typing before the matching workers are fetched. */
  previewDelay = 400;

  private draft: QueueDraft = { ...EMPTY_DRAFT };
  private problems: DraftProblems = checkDraft(EMPTY_DRAFT);
  private touched = false;
  private serverError: Failure | undefined;
  private status: 'saving' | 'saved' | 'deleting' | 'deleted' | undefined;
  /** The queue `status` speaks of: the one saved, or none after a delete. Another queue-sid clears the status. */
  #statusSid: string | undefined;
  private confirmingDelete = false;
  private formDisabled = false;

  readonly #internals = this.attachInternals();
  /** The queue (as last loaded) the draft started from; a reset goes back to it. */
  #loaded: QueueView | undefined;
  #dirty = false;
  readonly #preview = new WorkersPreviewController(this);
  /** The translation the validity message was last published in. */
  #formTranslation: Translation | undefined;
  /** The field the form's validity points at (what reportValidity focuses), while the draft has a problem. */
  #validityAnchor: HTMLElement | undefined;

  constructor() {
    super();
    // Whoever checks validity (a host form's submit, reportValidity(), checkValidity()) gets `invalid` fired here when
    // the draft is invalid: then show what is wrong, in place and as aria-invalid, not only in the browser's bubble.
    this.addEventListener('invalid', () => (this.touched = true));
  }

  /** The queue's parameters as TaskRouter names them. Set it (partially) to fill the fields. */
  get value(): Record<string, string | number> {
    return draftParams(this.draft);
  }

  set value(params: Partial<Record<QueueField, string | number | null>>) {
    const draft = { ...this.draft };
    for (const field of QUEUE_FIELDS) {
      if (field in params) (draft as Record<QueueField, string>)[field] = String(params[field] ?? '');
    }
    this.#setDraft(draft);
  }

  /** The form the element belongs to, as on native controls. */
  get form(): HTMLFormElement | null {
    return this.#internals.form;
  }
  /**
   * The draft's validity, flagged as a native control would: `valueMissing` or `tooLong` (over 64 characters) for the
   * name, `rangeUnderflow`, `rangeOverflow`, `stepMismatch`, … for MaxReservedWorkers (a whole number from 1 to 50),
   * `customError` for the expression.
   */
  get validity(): ValidityState {
    return this.#internals.validity;
  }
  /** Why the draft is invalid, in the element's language; empty when it is valid. */
  get validationMessage(): string {
    return this.#internals.validationMessage;
  }
  /** True unless the element is barred from constraint validation (e.g. disabled). */
  get willValidate(): boolean {
    return this.#internals.willValidate;
  }
  /** True when the draft is valid; otherwise fires `invalid` and returns false. */
  checkValidity(): boolean {
    return this.#internals.checkValidity();
  }
  /** Like `checkValidity`, and shows the problems to the user. */
  reportValidity(): boolean {
    return this.#internals.reportValidity();
  }

  /** Joining or leaving a host form changes what Save does, and whether it needs a client. */
  formAssociatedCallback(): void {
    this.requestUpdate();
  }

  /** The host form was reset: back to the loaded queue (or empty). */
  formResetCallback(): void {
    this.#dirty = false;
    this.touched = false;
    this.#setDraft(this.#loaded ? draftFromQueue(this.#loaded) : { ...EMPTY_DRAFT }, true);
  }

  /** A disabled `<fieldset>` or form disables the element too. */
  formDisabledCallback(disabled: boolean): void {
    this.formDisabled = disabled;
    // So does the element's own `disabled` attribute, which Lit reflects after rendering: a change that comes from it
    // arrives inside an update that rendered with the old value, and Lit drops it. Render again after that update.
    if (this.isUpdatePending) void this.updateComplete.then(() => this.requestUpdate());
  }

  /** The browser restores the draft (back navigation, autofill). */
  formStateRestoreCallback(restored: string | File | FormData | null): void {
    if (restored instanceof FormData) this.value = Object.fromEntries([...restored].map(([key, value]) => [key, String(value)]));
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('queueSid')) {
      if (this.queueSid !== this.#statusSid) this.status = undefined;
      this.#loaded = undefined;
      this.#dirty = false;
      // Another queue (or a blank form after a delete) has not been touched yet: no messages before typing.
      this.touched = false;
      this.serverError = undefined;
      this.confirmingDelete = false;
    }
    const queue = this.#queue;
    // Take the server's version unless the user is editing; a new queue starts empty.
    if (queue && queue !== this.#loaded && !this.#dirty) {
      this.#loaded = queue;
      this.#setDraft(draftFromQueue(queue), true);
    } else if (changed.has('queueSid') && !this.queueSid && !this.#dirty) {
      this.#setDraft({ ...EMPTY_DRAFT }, true);
    }
  }

  protected override firstUpdated(): void {
    this.#syncForm();
  }

  /** A client that arrives after the expression was typed previews it. */
  protected override clientChanged(): void {
    this.#preview.forgetWorkers();
    this.#schedulePreview();
  }

  get #queue(): QueueView | undefined {
    return this.queueSid ? this.clientController.state?.queues.find((queue) => queue.sid === this.queueSid) : undefined;
  }

  /** The first field, in the form's order, that has a problem. */
  get #firstProblem(): keyof DraftProblems | undefined {
    return QUEUE_FIELDS.find((field): field is keyof DraftProblems => field in this.problems);
  }

  get #busy(): boolean {
    return this.status === 'saving' || this.status === 'deleting';
  }

  get #inactive(): boolean {
    return this.disabled || this.formDisabled || this.#busy;
  }

  /**
   * The editor stays a usable form control without a client. Only saving through the client needs one, so
   * inside a host form (which saves) nothing is missing and nothing says so.
   */
  protected override render(): TemplateResult {
    const state = this.clientController.state;
    return state ? this.renderState(this.ownState(state)) : html`${this.form ? nothing : this.renderWithoutClient()}${this.#renderForm([], false)}`;
  }

  protected renderState(state: TaskRouterClientState): TemplateResult {
    const connected = state.connection === 'connected';
    const waiting = !!this.queueSid && !this.#queue && this.status !== 'deleted';
    // A named queue not loaded yet: no form, whose defaults would read as the queue's settings, and whose draft
    // would be saved over them.
    if (waiting && !connected) return notice(this.localize.term('connecting'), false, 'status');
    // Creating, changing and deleting queues needs a workspace token (a task queue token changes its own queue).
    const { workspaceToken, taskQueueToken } = this.client!.options;
    if (!workspaceToken && !taskQueueToken && !this.form) return notice(this.localize.term('needsWorkspaceToken'), true, 'alert');
    const missing = waiting ? notice(this.localize.term('queueNotFound'), true, 'alert') : nothing;
    return html`${missing}${this.#renderForm(state.activities, connected)}`;
  }

  #renderForm(activities: ActivityView[], online: boolean): TemplateResult {
    const editing = !!this.queueSid && !!this.#queue;
    const error = this.serverError && !this.#fieldOf(this.serverError.error.param) ? this.failureText(this.serverError) : undefined;
    return html`<form part="form" novalidate
      aria-label=${editing ? this.localize.term('editQueue', this.#queue!.friendlyName) : this.localize.term('newQueue')}
      @submit=${this.#onSubmit} @input=${this.#onInput} @change=${this.#onChange}>
      ${errorAlert(error)}
      ${this.#renderFields(activities)}
      ${this.#renderActions(editing, online)}
      ${this.confirmingDelete ? this.#renderConfirmDelete() : nothing}
    </form>`;
  }

  /** Every field of the draft, disabled together while the element is inactive. */
  #renderFields(activities: ActivityView[]): TemplateResult {
    const { draft } = this;
    const option = (value: string, label: string, selected: boolean) => html`<option value=${value} ?selected=${selected}>${label}</option>`;
    const activitySelect = (field: 'ReservationActivitySid' | 'AssignmentActivitySid') => this.#renderField(field, html`<select
      id=${field} name=${field} aria-invalid=${this.#invalid(field)} aria-describedby="${field}-error">
      ${option('', this.localize.term('noActivityChange'), !draft[field])}
      ${activities.map((activity) => option(activity.sid, activity.friendlyName, activity.sid === draft[field]))}
      ${draft[field] && !activities.some((activity) => activity.sid === draft[field]) ? option(draft[field], draft[field], true) : nothing}
    </select>`);
    return html`<fieldset ?disabled=${this.#inactive}>
      ${this.#renderField('FriendlyName', html`<input id="FriendlyName" name="FriendlyName" required autocomplete="off"
        maxlength=${NAME_MAX_LENGTH} .value=${draft.FriendlyName} aria-invalid=${this.#invalid('FriendlyName')} aria-describedby="FriendlyName-error" />`)}
      ${this.#renderField('TargetWorkers', html`<textarea id="TargetWorkers" name="TargetWorkers" spellcheck="false" dir="ltr"
        placeholder='skills HAS "support"' .value=${draft.TargetWorkers}
        aria-invalid=${this.#invalid('TargetWorkers')} aria-describedby="TargetWorkers-error"></textarea>`, this.#renderExpressionHelp())}
      <div class="two">
        ${this.#renderField('MaxReservedWorkers', html`<input id="MaxReservedWorkers" name="MaxReservedWorkers" type="number"
          min="1" max=${MAX_RESERVED_WORKERS} step="1" .value=${draft.MaxReservedWorkers}
          aria-invalid=${this.#invalid('MaxReservedWorkers')} aria-describedby="MaxReservedWorkers-error" />`)}
        ${this.#renderField('TaskOrder', html`<select id="TaskOrder" name="TaskOrder"
          aria-invalid=${this.#invalid('TaskOrder')} aria-describedby="TaskOrder-error">
          ${option('FIFO', this.localize.term('fifo'), draft.TaskOrder === 'FIFO')}
          ${option('LIFO', this.localize.term('lifo'), draft.TaskOrder === 'LIFO')}
        </select>`)}
        ${activitySelect('ReservationActivitySid')}
        ${activitySelect('AssignmentActivitySid')}
      </div>
    </fieldset>`;
  }

  /**
   * Save (Create for a new queue), Delete for an existing one, and what they did. They sit outside the fieldset,
   * aria-disabled while busy: disabled would drop their focus to <body>.
   */
  #renderActions(editing: boolean, online: boolean): TemplateResult {
    const off = this.disabled || this.formDisabled;
    const saveOff = off || (!online && !this.form);
    const deleteOff = off || !online;
    return html`<div class="row" part="actions">
      <button type="submit" class="primary" part="save-button" ?disabled=${saveOff} aria-disabled=${this.#busy || saveOff}>
        ${this.localize.term(editing ? 'save' : 'create')}
      </button>
      ${editing
        ? html`<button type="button" class="danger" part="delete-button" ?disabled=${deleteOff} aria-disabled=${this.#busy || deleteOff}
            @click=${() => (this.confirmingDelete = !this.#busy)}>${this.localize.term('delete')}</button>`
        : nothing}
      <span role="status">${this.status === 'saved' || this.status === 'deleted' ? this.localize.term(this.status) : ''}</span>
    </div>`;
  }

  #renderField(field: QueueField, control: TemplateResult, extra: unknown = nothing): TemplateResult {
    return html`<div class="field" part="field">
      <label for=${field}>${this.localize.term(`field_${field}`)}</label>
      ${control}
      ${extra}
      <span id="${field}-error" class="error-text" part="error">${this.#messageFor(field) ?? ''}</span>
    </div>`;
  }

  #invalid(field: QueueField): 'true' | 'false' {
    return this.#messageFor(field) ? 'true' : 'false';
  }

  #renderExpressionHelp(): TemplateResult {
    const error = this.problems.TargetWorkers;
    if (error) {
      const { before, marked, after } = errorExcerpt(error);
      // Expressions are code, left to right in any page (an RTL page would reorder their quotes and operators).
      return html`<pre class="excerpt" part="expression-error" aria-hidden="true" dir="ltr">${before}<mark>${marked || ' '}</mark>${after}</pre>`;
    }
    return html`<div class="preview" part="preview" aria-live="polite">${this.#renderPreview()}</div>`;
  }

  #renderPreview(): unknown {
    const preview = this.#preview.value;
    if (!this.draft.TargetWorkers.trim() || !preview) return html`<span class="hint">${this.localize.term('targetWorkersHint')}</span>`;
    if (preview.state === 'loading') return html`<span class="hint">${this.localize.term('previewLoading')}</span>`;
    if (preview.state === 'error') return html`<span class="error-text">${this.errorText(preview.error)}</span>`;
    const { workers, more, missingKeys } = preview;
    const count = this.localize.term('previewCount', workers.length, more);
    return html`<span class="hint">${count}</span>
      ${missingKeys.map((key) => html`<p class="missing-key" part="missing-key">${this.localize.term('noWorkerHas', key)}</p>`)}
      ${workers.length
        ? html`<ul aria-label=${count}>
            ${workers.slice(0, PREVIEW_LIMIT).map((worker) => html`<li>
              <span class="worker">${dot(worker.available)}${worker.friendlyName}</span>
              <span class="muted">(${worker.activityName})</span>
            </li>`)}
            ${workers.length > PREVIEW_LIMIT ? html`<li class="muted">${this.localize.term('previewMore', workers.length - PREVIEW_LIMIT, more)}</li>` : nothing}
          </ul>`
        : nothing}`;
  }

  #renderConfirmDelete(): TemplateResult {
    return confirmDialog(
      'confirm-delete',
      this.localize.term('confirmDelete', this.#loaded?.friendlyName ?? this.draft.FriendlyName),
      { label: this.localize.term('delete'), onClick: this.#deleteQueue, class: 'danger' },
      { label: this.localize.term('cancel'), onClick: this.#closeConfirm, id: 'cancel-delete' },
    );
  }

  protected override updated(changed: PropertyValues): void {
    if (changed.has('confirmingDelete') && this.confirmingDelete) this.focusOn('#cancel-delete');
    // The form's validationMessage is in the page's language: say it again when the language changes, or when the
    // page's language is registered after the first render (a translation file loaded next to the bundle). Point it
    // again at a field a render replaced (the form is rebuilt when the client arrives).
    const anchorGone = this.#firstProblem !== undefined && !this.#validityAnchor?.isConnected;
    if (this.localize.translation !== this.#formTranslation || anchorGone) this.#syncForm();
  }

  /** The message to show under a field: the server's about it, else the local check's once the user typed. */
  #messageFor(field: QueueField): string | undefined {
    if (this.serverError && this.#fieldOf(this.serverError.error.param) === field) return this.failureText(this.serverError);
    return this.touched || field === 'TargetWorkers' ? this.#describe(field) : undefined;
  }

  /** A field's local problem in words, if it has one; a TargetWorkers error says its line and column, then what is wrong. */
  #describe(field: QueueField): string | undefined {
    const problem = this.problems[field as keyof DraftProblems];
    if (!problem) return undefined;
    // A translation that words only the position puts the parser's English description into its sentence.
    if (typeof problem === 'object') return this.localize.term('expressionError', { ...problem, description: isolate(problem.description) });
    if (field === 'MaxReservedWorkers') return this.localize.term('maxReservedRange', MAX_RESERVED_WORKERS);
    return problem === 'tooLong' ? this.localize.term('nameTooLong', NAME_MAX_LENGTH) : this.localize.term('required');
  }

  /** The field a server error names (`param` in TaskRouter's error), if it is one of ours. */
  #fieldOf(param: string | undefined): QueueField | undefined {
    return QUEUE_FIELDS.find((field) => field.toLowerCase() === param?.replace(/_/g, '').toLowerCase());
  }

  readonly #onInput = (event: Event): void => {
    const control = event.target as HTMLInputElement;
    const field = control.name as QueueField;
    this.#dirty = true;
    if (this.#fieldOf(this.serverError?.error.param) === field) this.serverError = undefined;
    this.status = undefined;
    this.#setDraft({ ...this.draft, [field]: control.value });
  };

  /** `change` does not cross the shadow boundary; the element fires its own, as native controls do. */
  readonly #onChange = (): void => {
    this.touched = true;
    this.dispatchEvent(new Event('change', { bubbles: true }));
  };

  /** Replaces the draft, checks it, publishes it to the form, and previews a changed (or reloaded) expression. */
  #setDraft(draft: QueueDraft, reloaded = false): void {
    const expressionChanged = draft.TargetWorkers !== this.draft.TargetWorkers;
    this.draft = draft;
    this.problems = checkDraft(draft);
    this.#syncForm();
    if (expressionChanged || reloaded) this.#schedulePreview();
  }

  /** Publishes the value and validity to the host form. */
  #syncForm(): void {
    this.#formTranslation = this.localize.translation;
    const data = new FormData();
    for (const [key, value] of Object.entries(this.value)) data.append(key, String(value));
    this.#internals.setFormValue(data);
    // The form hears of the first problem, the one Save would focus; an expression error is a custom one.
    const field = this.#firstProblem;
    const problem = field && this.problems[field];
    this.#validityAnchor = problem ? this.renderRoot?.querySelector<HTMLElement>(`#${field}`) ?? undefined : undefined;
    if (!problem) return this.#internals.setValidity({});
    const flag = typeof problem === 'object' ? 'customError' : problem;
    this.#internals.setValidity({ [flag]: true }, this.#describe(field), this.#validityAnchor);
  }

  /** Previews a valid expression once typing pauses. */
  #schedulePreview(): void {
    const expression = this.problems.TargetWorkers ? '' : this.draft.TargetWorkers.trim();
    this.#preview.schedule(this.client, expression, this.previewDelay);
  }

  readonly #onSubmit = async (event: Event): Promise<void> => {
    event.preventDefault();
    this.touched = true;
    // Inside a host form the editor is one of its controls: Enter (and Save) submit that form, which saves.
    const hostForm = this.#internals.form;
    if (hostForm) return void hostForm.requestSubmit();
    const client = this.client;
    if (!client || this.#inactive) return;
    const invalid = this.#firstProblem;
    if (invalid) {
      this.focusOn(`#${invalid}`);
      return;
    }
    const queueSid = this.#queue?.sid;
    const params = this.value;
    if (!this.emit('tr-queue-save-request', { queueSid, params }, { cancelable: true })) return;
    // The fields are disabled while saving: focus in one of them would fall to <body>, so Save takes it.
    if (this.renderRoot.querySelector('fieldset :focus')) this.focusOn('[part=save-button]');
    this.status = 'saving';
    this.serverError = undefined;
    try {
      const queue = queueSid ? await client.updateQueue(queueSid, params) : await client.createQueue(params);
      this.#dirty = false;
      this.#loaded = queue;
      this.queueSid = this.#statusSid = queue.sid;
      this.status = 'saved';
      this.emit('tr-queue-saved', { queue, created: !queueSid });
    } catch (error) {
      this.status = undefined;
      this.#failed('save', error, !queueSid);
    }
  };

  readonly #deleteQueue = async (): Promise<void> => {
    const client = this.client;
    const queueSid = this.#queue?.sid;
    // The confirmation goes away under the focus: Delete takes it back (and keeps it while deleting).
    this.#closeConfirm();
    if (!client || !queueSid) return;
    if (!this.emit('tr-queue-delete-request', { queueSid }, { cancelable: true })) return;
    this.status = 'deleting';
    try {
      await client.deleteQueue(queueSid);
      this.status = 'deleted';
      this.queueSid = this.#statusSid = undefined;
      this.emit('tr-queue-deleted', { queueSid });
      await this.updateComplete;
      // Delete went with the queue: unless the user moved on, the blank form's first field takes the focus.
      if (document.activeElement === document.body) this.focusOn('#FriendlyName');
    } catch (error) {
      this.status = undefined;
      this.#failed('delete', error);
    }
  };

  readonly #closeConfirm = (): void => {
    this.confirmingDelete = false;
    this.focusOn('[part=delete-button]');
  };

  /** Keeps a failed save or delete to show, beside the field the server names (its `param`) when it names one. */
  #failed(action: 'save' | 'delete', error: unknown, created?: boolean): void {
    this.serverError = this.reportError(action, error, created);
    const field = this.#fieldOf(this.serverError.error.param);
    if (field) this.updateComplete.then(() => this.focusOn(`#${field}`));
  }
}

TrQueueEditor.define('tr-queue-editor');

declare global {
  interface HTMLElementTagNameMap {
    'tr-queue-editor': TrQueueEditor;
  }
  interface GlobalEventHandlersEventMap {
    'tr-queue-save-request': TrQueueSaveRequestEvent;
    'tr-queue-saved': TrQueueSavedEvent;
    'tr-queue-delete-request': TrQueueDeleteRequestEvent;
    'tr-queue-deleted': TrQueueDeletedEvent;
  }
}
