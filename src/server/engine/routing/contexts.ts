/**
 * What expressions are evaluated against: parsed attributes (parsed once per
 * record version) and the `worker` object of target expressions.
 */
import type { ExpressionCache } from '../expressions.js';
import type { Model } from '../store/model.js';
import type { TaskQueueRecord, WorkerRecord } from '../store/records.js';
import type { Views } from '../views.js';

const parsed = new WeakMap<object, Record<string, unknown>>();

/** The record's `attributes` JSON, parsed once per (immutable) record. */
export function attributesOf(record: { attributes: string }): Record<string, unknown> {
  let value = parsed.get(record);
  if (!value) {
    try {
      const json: unknown = JSON.parse(record.attributes);
      value = json !== null && typeof json === 'object' && !Array.isArray(json) ? (json as Record<string, unknown>) : {};
    } catch {
      value = {};
    }
    parsed.set(record, value);
  }
  return value;
}

/** True when the worker matches the queue's TargetWorkers (unprefixed keys read the worker's attributes; empty matches none). */
export function inQueue(expressions: ExpressionCache, queue: TaskQueueRecord, worker: WorkerRecord): boolean {
  if (!queue.target_workers.trim()) return false;
  const attributes = attributesOf(worker);
  return expressions.get(queue.target_workers, 'TargetWorkers')({ attributes, worker: attributes });
}

/**
 * Builds (and caches until the worker changes) the `worker` object of target
 * expressions and order_by: the worker's attributes plus `sid`, `friendly_name`,
 * `activity_sid`, `activity_name` and `channel.<unique_name>.{configured_capacity,
 * assigned_tasks, available_capacity_percentage, available}`.
 */
export class WorkerContexts {
  private readonly cache = new Map<string, Record<string, unknown>>();

  constructor(
    private readonly model: Model,
    private readonly views: Views,
  ) {}

  get(worker: WorkerRecord): Record<string, unknown> {
    let context = this.cache.get(worker.sid);
    if (!context) {
      context = this.build(worker);
      this.cache.set(worker.sid, context);
    }
    return context;
  }

  /** Forgets the cached object of a worker that changed. */
  invalidate(workerSid: string): void {
    this.cache.delete(workerSid);
  }

  private build(worker: WorkerRecord): Record<string, unknown> {
    const channel: Record<string, unknown> = {};
    for (const record of this.model.workerChannelsByWorker.get(worker.sid)) {
      const view = this.views.workerChannel(record);
      channel[view.task_channel_unique_name] = {
        configured_capacity: view.configured_capacity,
        assigned_tasks: view.assigned_tasks,
        available_capacity_percentage: view.available_capacity_percentage,
        available: view.available,
      };
    }
    const activity = this.model.activities.get(worker.activity_sid);
    return {
      ...attributesOf(worker),
      sid: worker.sid,
      friendly_name: worker.friendly_name,
      activity_sid: worker.activity_sid,
      activity_name: activity?.friendly_name ?? null,
      channel,
    };
  }
}
