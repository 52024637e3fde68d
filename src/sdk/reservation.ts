import { settle, type Callback } from './callback.js';
import type { Json } from './convert.js';
import type { Core } from './core.js';
import type { ReservationStatus } from './reservation-status.js';
import { CORE, post, Resource } from './resource.js';

/** A TaskRouter Task, with its `attributes` parsed. */
export class Task extends Resource {
  declare accountSid: string;
  declare workspaceSid: string;
  /** The task's attributes, parsed: the application's own JSON. */
  declare attributes: Record<string, any>;
  declare assignmentStatus: 'pending' | 'reserved' | 'assigned' | 'canceled' | 'completed' | 'wrapping';
  declare priority: number;
  /** Seconds since the task was created. */
  declare age: number;
  declare timeout: number;
  declare reason: string | null;
  declare taskChannelSid: string;
  declare taskChannelUniqueName: string;
  declare workflowSid: string;
  declare dateCreated: Date;
  declare dateUpdated: Date;
  declare taskQueueSid: string;
  declare taskQueueFriendlyName: string;
  declare workflowFriendlyName: string;
  declare taskQueueEnteredDate: Date | null;
  /** ISO 8601, as sent: what orders the task in its queue (the creation time unless the task was given one). */
  declare virtualStartTime: string;
  declare addons: Record<string, any> | null;
  /** The event bridge's names for the three above, which its tasks carry instead (§1.6). */
  declare queueSid?: string;
  declare queueName?: string;
  declare workflowName?: string;

  constructor(core: Core, json: Json) {
    super(core, `${core.workspaceUrl}/Tasks/${json.sid}`, json);
  }

  /** Completes the task, with an optional reason. */
  complete(callback?: Callback<Task>, reason?: string): Promise<this> {
    return settle(post(this, { AssignmentStatus: 'completed', Reason: reason }), callback);
  }
}

/** One argument of an instruction: a value, null to skip it, the callback, or (conference) an options object. */
type InstructionArg = string | null | undefined | Json | Callback<Reservation>;

/** Each instruction's positional parameters, in v1's order (§2.3). */
const INSTRUCTIONS: Record<string, string[]> = {
  conference: ['From', 'PostWorkActivitySid', 'Timeout', 'To'],
  dequeue: ['From', 'PostWorkActivitySid', 'Record', 'Timeout', 'StatusCallbackUrl', 'StatusCallbackEvent', 'To'].map((n) => `Dequeue${n}`),
  call: ['From', 'Url', 'StatusCallbackUrl', 'Accept', 'Record', 'To'].map((n) => `Call${n}`),
  redirect: ['RedirectCallSid', 'RedirectUrl', 'RedirectAccept'],
};

/**
 * A Reservation of a Task for the Worker, with the actions of v1's Reservation: accept, reject,
 * conference, dequeue, call and redirect. Each resolves with this reservation, updated, and its task refreshed.
 */
export class Reservation extends Resource {
  declare accountSid: string;
  declare workspaceSid: string;
  declare reservationStatus: ReservationStatus;
  declare taskSid: string;
  declare workerSid: string;
  declare workerName: string;
  /** Seconds the reservation stays pending, as the event bridge sends it; not in REST responses. */
  declare reservationTimeout?: number;
  declare dateCreated: Date;
  declare dateUpdated: Date;
  /** The reserved task (`declare`: set by apply() during super(), which a class field would then reset). */
  declare task: Task;

  constructor(core: Core, json: Json, task: Json) {
    const taskSid = json.task_sid ?? task.sid;
    super(core, `${core.workspaceUrl}/Tasks/${taskSid}/Reservations/${json.sid}`, { ...json, task_sid: taskSid, task });
  }

  /** Takes reservation JSON; an embedded `task` updates the Task object in place. */
  override apply({ task, ...json }: Json & { task?: Json }): this {
    super.apply(json);
    if (task) {
      if (this.task) this.task.apply(task);
      else this.task = new Task(this[CORE], task);
    }
    return this;
  }

  /** POSTs one reservation update, then refreshes the task (its status follows the reservation's). */
  protected act(params: Json, callback?: unknown): Promise<this> {
    const done = post(this, params).then(() => this.task.fetch().then(() => this, () => this));
    return settle(done, callback);
  }

  /** Accepts the reservation. */
  accept(callback?: Callback<Reservation>): Promise<this> {
    return this.act({ ReservationStatus: 'accepted' }, callback);
  }

  /** Rejects the reservation, optionally moving the worker to `activitySid`. */
  reject(activitySid?: string | Callback<Reservation>, callback?: Callback<Reservation>): Promise<this> {
    if (typeof activitySid === 'function') [activitySid, callback] = [undefined, activitySid];
    return this.act({ ReservationStatus: 'rejected', WorkerActivitySid: activitySid }, callback);
  }

  /**
   * Maps positional arguments onto the instruction's parameters; null skips one, an object adds options.
   * @throws TypeError naming an instruction that does not exist (not `conference`, `dequeue`, `call` or `redirect`).
   */
  instruct(name: string, args: InstructionArg[]): Promise<this> {
    // Own keys only: `constructor` or `toString` is no instruction.
    const names = Object.hasOwn(INSTRUCTIONS, name) && INSTRUCTIONS[name];
    if (!names) throw new TypeError(`instruct: ${name} is not an instruction`);
    const params: Json = { Instruction: name };
    let callback: unknown;
    args.forEach((value, i) => {
      if (typeof value === 'function') callback = value;
      else if (value && typeof value === 'object') Object.assign(params, value);
      else if (value != null) {
        if (i >= names.length) throw new TypeError(`${name}: argument ${i + 1} is not a parameter`);
        params[names[i]] = value;
      }
    });
    // The v1 page's own dequeue example passes the worker's contact URI sixth, where the events go.
    const events = params.DequeueStatusCallbackEvent;
    if (events && /[^a-z,\s]/.test(String(events)) && !params.DequeueTo) {
      params.DequeueTo = events;
      delete params.DequeueStatusCallbackEvent;
    }
    return this.act(params, callback);
  }
}

/** The instruction methods, each mapping its positional arguments through INSTRUCTIONS. */
export interface Reservation {
  /**
   * Conference instruction: `(from, postWorkActivitySid, timeout, to, callback, options)`, every argument
   * optional; `options` adds Participant API parameters such as `ConferenceStatusCallbackEvent`.
   */
  conference(...args: InstructionArg[]): Promise<this>;
  /**
   * Dequeue instruction: `(from, postWorkActivitySid, record, timeout, statusCallbackUrl,
   * statusCallbackEvents, to, callback)`, every argument optional.
   */
  dequeue(...args: InstructionArg[]): Promise<this>;
  /** Call instruction: `(from, url, statusCallbackUrl, accept, record, to, callback)`; from and url are required. */
  call(...args: InstructionArg[]): Promise<this>;
  /** Redirect instruction: `(callSid, url, accept, callback)`. */
  redirect(...args: InstructionArg[]): Promise<this>;
}
// Not enumerable, as class methods are (the v1 pages list a reservation's fields with for…in).
for (const name in INSTRUCTIONS) {
  Object.defineProperty(Reservation.prototype, name, {
    configurable: true,
    writable: true,
    value(this: Reservation, ...args: InstructionArg[]) {
      return this.instruct(name, args);
    },
  });
}
