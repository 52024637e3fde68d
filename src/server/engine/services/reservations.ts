import { ErrorCodes, forbidden, gone, invalidParameter, notFound } from '../errors.js';
import { optionalBoolean, optionalString, requiredString } from '../input.js';
import type { ReservationRecord } from '../store/records.js';
import type {
  Page,
  RecordedInstruction,
  ReadOptions,
  ReservationListFilters,
  ReservationResource,
  ReservationStatus,
  UpdateReservationParams,
  WriteOptions,
} from '../types.js';
import { Service } from './service.js';

const STATUSES: readonly ReservationStatus[] = [
  'pending', 'accepted', 'rejected', 'timeout', 'canceled', 'rescinded', 'wrapping', 'completed',
];

type Instruction = RecordedInstruction['instruction'];

/** Error code for an instruction on a reservation that is no longer pending. */
const NOT_PENDING_CODES: Record<Instruction, number> = {
  call: ErrorCodes.CallNotPending,
  redirect: ErrorCodes.RedirectNotPending,
  dequeue: ErrorCodes.DequeueNotPending,
  conference: ErrorCodes.ConferenceNotPending,
};

/** Parameters an instruction needs. */
const REQUIRED: Record<Instruction, string[]> = {
  call: ['call_from', 'call_url'],
  redirect: ['redirect_call_sid', 'redirect_url'],
  dequeue: [],
  conference: [],
};

/** Parameters naming the activity the worker goes to when the (simulated) call ends. */
const POST_WORK_PARAMS = ['dequeue_post_work_activity_sid', 'post_work_activity_sid'];

/**
 * Reservations, through the task (`/Tasks/WT/Reservations`) or the worker
 * (`/Workers/WK/Reservations`). Accept, reject, wrap up, complete, and the
 * telephony instructions: the local server has no phone network, so dequeue,
 * call, conference and redirect are validated, recorded on the reservation with
 * `simulated: true`, and given their TaskRouter effect on the reservation.
 */
export class ReservationService extends Service {
  /** A worker (the actor of a worker's token) sees only its own reservations of the task. */
  listForTask(workspaceSid: string, taskSid: string, filters: ReservationListFilters = {}, options: ReadOptions = {}): Page<ReservationResource> {
    this.find(this.model.tasks, workspaceSid, taskSid, 'Task');
    return this.page([...this.model.reservationsByTask.get(taskSid)].filter((r) => this.visible(r, options)), filters);
  }

  listForWorker(workspaceSid: string, workerSid: string, filters: ReservationListFilters = {}): Page<ReservationResource> {
    this.find(this.model.workers, workspaceSid, workerSid, 'Worker');
    return this.page(this.model.reservationsByWorker.get(workerSid), filters);
  }

  /** Not found for a worker asking for another worker's reservation. */
  getForTask(workspaceSid: string, taskSid: string, sid: string, options: ReadOptions = {}): ReservationResource {
    const reservation = this.ofTask(workspaceSid, taskSid, sid);
    if (!this.visible(reservation, options)) throw notFound('Reservation', sid);
    return this.views.reservation(reservation);
  }

  getForWorker(workspaceSid: string, workerSid: string, sid: string): ReservationResource {
    return this.views.reservation(this.ofWorker(workspaceSid, workerSid, sid));
  }

  /** Any reservation of the workspace by SID. */
  get(workspaceSid: string, sid: string): ReservationResource {
    return this.views.reservation(this.find(this.model.reservations, workspaceSid, sid, 'Reservation'));
  }

  updateForTask(workspaceSid: string, taskSid: string, sid: string, params: UpdateReservationParams, options: WriteOptions = {}): ReservationResource {
    return this.apply(this.ofTask(workspaceSid, taskSid, sid), params, options);
  }

  updateForWorker(workspaceSid: string, workerSid: string, sid: string, params: UpdateReservationParams, options: WriteOptions = {}): ReservationResource {
    return this.apply(this.ofWorker(workspaceSid, workerSid, sid), params, options);
  }

  /** Accepts a pending reservation (410 when it is no longer pending). */
  accept(workspaceSid: string, sid: string, options: WriteOptions = {}): ReservationResource {
    return this.apply(this.find(this.model.reservations, workspaceSid, sid, 'Reservation'), { reservation_status: 'accepted' }, options);
  }

  /** Rejects a pending reservation, optionally moving the worker to `workerActivitySid`. */
  reject(workspaceSid: string, sid: string, workerActivitySid?: string, options: WriteOptions = {}): ReservationResource {
    const params: UpdateReservationParams = { reservation_status: 'rejected' };
    if (workerActivitySid !== undefined) params.worker_activity_sid = workerActivitySid;
    return this.apply(this.find(this.model.reservations, workspaceSid, sid, 'Reservation'), params, options);
  }

  /**
   * Ends the simulated call of an accepted reservation: the worker goes to the
   * instruction's post-work activity (if any) and, in a multitasking workspace, the
   * task moves to wrapping, as TaskRouter does when a conference ends.
   */
  endCall(workspaceSid: string, sid: string, options: WriteOptions = {}): ReservationResource {
    const reservation = this.find(this.model.reservations, workspaceSid, sid, 'Reservation');
    this.requireOwnReservation(reservation, options);
    if (!reservation.instruction) {
      throw invalidParameter('ReservationSid', `Reservation ${sid} has no call (no dequeue, call, conference or redirect instruction)`);
    }
    if (reservation.reservation_status !== 'accepted') throw gone(`Reservation ${sid} is ${reservation.reservation_status}, not accepted`);
    const actor = options.actor ?? null;
    return this.after(reservation, () => {
      const postWork = POST_WORK_PARAMS.map((p) => reservation.instruction!.params[p]).find((v) => typeof v === 'string');
      if (typeof postWork === 'string') this.core.lifecycle.setActivity(this.model.workers.get(reservation.worker_sid)!, postWork, actor);
      const task = this.model.tasks.get(reservation.task_sid)!;
      if (this.model.workspaces.get(workspaceSid)!.multi_task_enabled && task.assignment_status === 'assigned') {
        this.core.lifecycle.wrapup(task, actor);
      }
    });
  }

  private apply(reservation: ReservationRecord, params: UpdateReservationParams, options: WriteOptions): ReservationResource {
    this.requireOwnReservation(reservation, options);
    this.checkVersion(reservation, 'Reservation', options);
    const instruction = optionalString(params.instruction, 'instruction');
    const status = optionalString(params.reservation_status, 'reservation_status');
    const actor = options.actor ?? null;
    const lifecycle = this.core.lifecycle;
    const workspaceSid = reservation.workspace_sid;
    if (instruction !== undefined && instruction !== 'accept' && instruction !== 'reject') {
      return this.instruct(reservation, instruction, params, options);
    }
    const action = instruction === 'accept' ? 'accepted' : instruction === 'reject' ? 'rejected' : status;
    switch (action) {
      case 'accepted':
        this.requirePending(reservation, 'accept');
        return this.after(reservation, () => lifecycle.accept(reservation, actor));
      case 'rejected': {
        this.requirePending(reservation, 'reject');
        const activitySid = optionalString(params.worker_activity_sid, 'worker_activity_sid') ?? null;
        if (activitySid !== null && this.model.activities.get(activitySid)?.workspace_sid !== workspaceSid) {
          throw invalidParameter('WorkerActivitySid', `Invalid WorkerActivitySid: Activity ${activitySid} does not exist in this workspace`);
        }
        return this.after(reservation, () => lifecycle.reject(reservation, activitySid, actor));
      }
      case 'wrapping':
      case 'completed': {
        const allowed = action === 'wrapping' ? ['accepted'] : ['accepted', 'wrapping'];
        if (!allowed.includes(reservation.reservation_status)) {
          throw gone(`Cannot move Reservation ${reservation.sid} to ${action}: it is ${reservation.reservation_status}`);
        }
        const reason = optionalString(params.reason, 'reason') ?? null;
        return this.after(reservation, () => {
          const task = this.model.tasks.get(reservation.task_sid)!;
          if (action === 'wrapping') lifecycle.wrapup(task, actor);
          else lifecycle.complete(task, reason, actor);
        });
      }
      case undefined:
        throw invalidParameter('ReservationStatus', 'Missing ReservationStatus or Instruction');
      default:
        throw invalidParameter('ReservationStatus', `Invalid ReservationStatus: expected accepted, rejected, wrapping or completed, got "${action}"`);
    }
  }

  /** Records a telephony instruction (simulated) and applies its effect on the reservation. */
  private instruct(reservation: ReservationRecord, name: string, params: UpdateReservationParams, options: WriteOptions): ReservationResource {
    if (!(name in NOT_PENDING_CODES)) {
      throw invalidParameter('Instruction', `Invalid Instruction: expected accept, reject, dequeue, call, conference or redirect, got "${name}"`);
    }
    const instruction = name as Instruction;
    this.requirePending(reservation, instruction, NOT_PENDING_CODES[instruction]);
    for (const required of REQUIRED[instruction]) requiredString(params[required], required);
    const recorded: RecordedInstruction['params'] = {};
    for (const [key, value] of Object.entries(params)) {
      if (value === undefined || key === 'instruction' || key === 'reservation_status') continue;
      recorded[key] = value;
    }
    for (const key of POST_WORK_PARAMS) {
      const sid = recorded[key];
      if (sid !== undefined && this.model.activities.get(String(sid))?.workspace_sid !== reservation.workspace_sid) {
        const param = key === 'post_work_activity_sid' ? 'PostWorkActivitySid' : 'DequeuePostWorkActivitySid';
        throw invalidParameter(param, `Invalid ${param}: Activity ${String(sid)} does not exist in this workspace`);
      }
    }
    const accepts =
      instruction === 'dequeue' ||
      instruction === 'conference' ||
      (instruction === 'call' && (optionalBoolean(params.call_accept as string | boolean | undefined, 'call_accept') ?? false)) ||
      (instruction === 'redirect' && (optionalBoolean(params.redirect_accept as string | boolean | undefined, 'redirect_accept') ?? false));
    return this.after(reservation, () => {
      const now = this.now();
      const updated = this.model.reservations.update(reservation, {
        instruction: { instruction, params: recorded, simulated: true, recorded_at: now },
        date_updated: now,
        version: reservation.version + 1,
      });
      if (accepts) this.core.lifecycle.accept(updated, options.actor ?? null);
    });
  }

  /**
   * 403 when a worker (the actor of a worker's capability token) acts on another
   * worker's reservation. Twilio's worker policies allow POST on every task path, so the
   * token's policies alone would let a worker accept or reject a colleague's reservation.
   */
  private requireOwnReservation(reservation: ReservationRecord, options: WriteOptions): void {
    if (!this.visible(reservation, options)) {
      throw forbidden(`Worker ${options.actor!.sid} may not act on Reservation ${reservation.sid} of another worker`);
    }
  }

  /**
   * Whether the caller may see the reservation: a worker only its own. Twilio's worker policies allow GET on
   * every task path, which would show a worker its colleagues' reservations.
   */
  private visible(reservation: ReservationRecord, { actor }: ReadOptions): boolean {
    return actor?.type !== 'worker' || actor.sid === reservation.worker_sid;
  }

  /** Runs a change, then returns the reservation as it stands after routing. */
  private after(reservation: ReservationRecord, change: () => unknown): ReservationResource {
    this.core.mutate(change);
    return this.views.reservation(this.model.reservations.get(reservation.sid)!);
  }

  /** 410 when the reservation can no longer be acted on (rescinded, timed out, canceled, decided). */
  private requirePending(reservation: ReservationRecord, action: string, code: number = ErrorCodes.InvalidParameter): void {
    if (reservation.reservation_status === 'pending') return;
    throw gone(`Cannot ${action} Reservation ${reservation.sid}: it is ${reservation.reservation_status}, no longer pending`, code);
  }

  private page(records: Iterable<ReservationRecord>, filters: ReservationListFilters): Page<ReservationResource> {
    const status = optionalString(filters.reservation_status, 'reservation_status');
    if (status !== undefined && !STATUSES.includes(status as ReservationStatus)) {
      throw invalidParameter('ReservationStatus', `Invalid ReservationStatus: "${status}" (expected ${STATUSES.join(', ')})`);
    }
    const workerSid = optionalString(filters.worker_sid, 'worker_sid');
    const reservations = [...records].filter(
      (r) => (status === undefined || r.reservation_status === status) && (workerSid === undefined || r.worker_sid === workerSid),
    );
    return this.listPage(this.model.reservations, reservations, filters, (r) => this.views.reservation(r));
  }

  private ofTask(workspaceSid: string, taskSid: string, sid: string): ReservationRecord {
    this.find(this.model.tasks, workspaceSid, taskSid, 'Task');
    const reservation = this.model.reservations.get(sid);
    if (!reservation || reservation.task_sid !== taskSid) throw notFound('Reservation', sid);
    return reservation;
  }

  private ofWorker(workspaceSid: string, workerSid: string, sid: string): ReservationRecord {
    this.find(this.model.workers, workspaceSid, workerSid, 'Worker');
    const reservation = this.model.reservations.get(sid);
    if (!reservation || reservation.worker_sid !== workerSid) throw notFound('Reservation', sid);
    return reservation;
  }
}
