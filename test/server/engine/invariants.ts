/**
 * State invariants checked through the public API (used after random scenarios
 * and after a crash): task and reservation states agree, workers hold no more
 * than they may, and no waiting task could be given to a ready worker (routing is
 * quiescent). The quiescence check assumes workflows without target expressions.
 */
import type { Engine } from '../../../src/server/engine/index.js';
import type { Page, ReservationResource, TaskResource, WorkerResource } from '../../../src/server/engine/types.js';

function all<T>(fetch: (page: number) => Page<T>): T[] {
  const items: T[] = [];
  for (let page = 0; ; page++) {
    const result = fetch(page);
    items.push(...result.items);
    if (!result.has_next) return items;
  }
}

/** Returns a description of every violation (empty when the state is consistent). */
export function violations(engine: Engine, ws: string, accountSid: string): string[] {
  const problems: string[] = [];
  const workspace = engine.workspaces.get(accountSid, ws);
  const tasks = all((page) => engine.tasks.list(ws, { page, page_size: 1000 }));
  const workers = all((page) => engine.workers.list(ws, { page, page_size: 1000 }));
  const reservationsOf = new Map<string, ReservationResource[]>();
  for (const task of tasks) {
    const reservations = all((page) => engine.reservations.listForTask(ws, task.sid, { page, page_size: 1000 }));
    reservationsOf.set(task.sid, reservations);
    const pending = reservations.filter((r) => r.reservation_status === 'pending').length;
    const accepted = reservations.filter((r) => r.reservation_status === 'accepted').length;
    const wrapping = reservations.filter((r) => r.reservation_status === 'wrapping').length;
    const expected: Record<TaskResource['assignment_status'], boolean> = {
      pending: pending === 0 && accepted + wrapping === 0,
      reserved: pending >= 1 && accepted + wrapping === 0,
      assigned: pending === 0 && accepted === 1 && wrapping === 0,
      wrapping: pending === 0 && accepted === 0 && wrapping === 1,
      completed: pending === 0 && accepted + wrapping === 0,
      canceled: pending === 0 && accepted + wrapping === 0,
    };
    if (!expected[task.assignment_status]) {
      problems.push(`task ${task.sid} is ${task.assignment_status} with ${pending} pending, ${accepted} accepted, ${wrapping} wrapping reservations`);
    }
    if (task.task_queue_sid && pending > engine.taskQueues.get(ws, task.task_queue_sid).max_reserved_workers) {
      problems.push(`task ${task.sid} has ${pending} pending reservations, more than its queue allows`);
    }
  }
  const active = new Map<string, ReservationResource[]>();
  for (const reservations of reservationsOf.values()) {
    for (const r of reservations) {
      if (!['pending', 'accepted', 'wrapping'].includes(r.reservation_status)) continue;
      active.set(r.worker_sid, [...(active.get(r.worker_sid) ?? []), r]);
    }
  }
  const ready = (worker: WorkerResource, channelSid: string): boolean => {
    if (!worker.available) return false;
    const held = active.get(worker.sid) ?? [];
    if (!workspace.multi_task_enabled && held.length > 0) return false;
    const channel = engine.workerChannels.get(ws, worker.sid, channelSid);
    if (!channel.available || channel.configured_capacity === 0) return false;
    return !workspace.multi_task_enabled || held.filter((r) => r.task_channel_sid === channelSid).length < channel.configured_capacity;
  };
  if (!workspace.multi_task_enabled) {
    for (const [worker, held] of active) if (held.length > 1) problems.push(`worker ${worker} holds ${held.length} tasks in a single-tasking workspace`);
  }
  const members = new Map<string, Set<string>>();
  for (const task of tasks) {
    if (task.assignment_status !== 'pending' && task.assignment_status !== 'reserved') continue;
    if (!task.task_queue_sid) continue;
    const queue = engine.taskQueues.get(ws, task.task_queue_sid);
    const reservations = reservationsOf.get(task.sid)!.filter((r) => r.reservation_status === 'pending');
    if (reservations.length >= queue.max_reserved_workers) continue;
    if (!members.has(queue.sid)) {
      members.set(queue.sid, new Set(all((page) => engine.workers.list(ws, { task_queue_sid: queue.sid, page, page_size: 1000 })).map((w) => w.sid)));
    }
    for (const worker of workers) {
      if (!members.get(queue.sid)!.has(worker.sid)) continue;
      if (reservations.some((r) => r.worker_sid === worker.sid)) continue;
      if (ready(worker, task.task_channel_sid)) problems.push(`task ${task.sid} waits while worker ${worker.friendly_name} is ready for it`);
    }
  }
  return problems;
}
