/**
 * Where a task stands in its workflow (protocol.md §6.2): filters are tried top to
 * bottom and the first match wins; inside a filter, targets run in order, each
 * lasting until its timeout, measured against the time the task entered the
 * filter (so timeouts add up: 10 s + 10 s → the second target ends at 20 s). When
 * the last target of a filter times out, the next matching filter further down
 * takes over; with none the task falls out of the workflow. The default filter
 * only serves tasks that matched (or were skipped by) no filter.
 */
import type { ExpressionCache } from '../expressions.js';
import type { Model } from '../store/model.js';
import type { TaskRecord, WorkflowRecord } from '../store/records.js';
import { DEFAULT_FILTER, planWorkflow, type TargetPlan, type WorkflowPlan } from '../workflow-config.js';
import { attributesOf } from './contexts.js';

/** A position in a workflow. */
export interface Step {
  /** Filter index, or DEFAULT_FILTER. */
  filter: number;
  target: number;
  /** When the task entered the filter (ms). */
  base: number;
  /** When this target times out (ms), or null. */
  deadline: number | null;
}

/** Routing plans of stored workflows, built once per configuration. */
export class WorkflowPlans {
  private readonly plans = new WeakMap<WorkflowRecord, WorkflowPlan>();
  /** Plans of earlier configurations that waiting tasks still follow, by workspace and configuration. */
  private readonly earlier = new Map<string, WorkflowPlan>();

  constructor(
    private readonly model: Model,
    private readonly expressions: ExpressionCache,
  ) {}

  /** Validates a configuration for a workspace (throws a 400 naming `Configuration`). */
  validate(workspaceSid: string, configuration: string): WorkflowPlan {
    return planWorkflow(configuration, this.expressions, (sid) => this.model.taskQueues.get(sid)?.workspace_sid === workspaceSid);
  }

  get(workflow: WorkflowRecord): WorkflowPlan {
    let plan = this.plans.get(workflow);
    if (!plan) {
      plan = this.validate(workflow.workspace_sid, workflow.configuration);
      this.plans.set(workflow, plan);
    }
    return plan;
  }

  /**
   * The plan a task follows: the configuration it entered under when its workflow changed since without
   * `ReEvaluateTasks`, else its workflow's. An earlier configuration naming a queue deleted since gives way to the
   * current one.
   */
  planFor(task: TaskRecord): WorkflowPlan | undefined {
    const workflow = task.workflow_sid === null ? undefined : this.model.workflows.get(task.workflow_sid);
    if (!workflow) return undefined;
    const earlier = this.model.taskConfigurations.get(task.sid)?.configuration;
    if (earlier !== undefined && earlier !== workflow.configuration) {
      const key = `${workflow.workspace_sid}\n${earlier}`;
      try {
        let plan = this.earlier.get(key);
        if (!plan) {
          if (this.earlier.size >= 64) this.earlier.clear();
          this.earlier.set(key, (plan = this.validate(workflow.workspace_sid, earlier)));
        }
        return plan;
      } catch {
        // A queue it named is gone: the current configuration.
      }
    }
    return this.get(workflow);
  }

  /** The target a task is in: its workflow step, or its queue when it was put in one directly. */
  currentTarget(task: TaskRecord): TargetPlan | null {
    const plan = task.step_filter === null ? undefined : this.planFor(task);
    if (!plan) return task.task_queue_sid ? directTarget(task.task_queue_sid) : null;
    return targetAt(plan, task.step_filter!, task.step_target ?? 0);
  }
}

const directTargets = new Map<string, TargetPlan>();

/** The target of a task put straight into a queue: no expression, no timeout. */
export function directTarget(queueSid: string): TargetPlan {
  let target = directTargets.get(queueSid);
  if (!target) {
    target = {
      queueSid, priority: null, timeout: null, expression: null, orderBy: null, skipIf: null,
      knownWorkerSid: null, knownWorkerFriendlyName: null,
    };
    directTargets.set(queueSid, target);
  }
  return target;
}

export function targetAt(plan: WorkflowPlan, filter: number, target: number): TargetPlan | null {
  if (filter === DEFAULT_FILTER) return plan.defaultTarget;
  return plan.filters[filter]?.targets[target] ?? null;
}

/** When target `index` of a filter entered at `base` times out, or null if it has no timeout. */
function deadlineOf(targets: readonly TargetPlan[], index: number, base: number): number | null {
  if (targets[index]!.timeout === null) return null;
  let total = 0;
  for (let i = 0; i <= index; i++) total += targets[i]!.timeout ?? 0;
  return base + total * 1000;
}

/** The first target at or after `from` that has not timed out at `now`. */
export function liveTarget(plan: WorkflowPlan, filter: number, from: number, base: number, now: number): Step | null {
  const targets = plan.filters[filter]?.targets ?? [];
  for (let target = from; target < targets.length; target++) {
    const deadline = deadlineOf(targets, target, base);
    if (deadline === null || deadline > now) return { filter, target, base, deadline };
  }
  return null;
}

/** The end of a filter entered at `base` (when its last target times out). */
export function filterEnd(plan: WorkflowPlan, filter: number, base: number): number {
  const targets = plan.filters[filter]!.targets;
  return deadlineOf(targets, targets.length - 1, base) ?? base;
}

/**
 * Finds the step for a task starting at filter `from`, with the first filter
 * entered at `base`. Filters whose targets have all timed out pass the task on.
 * Returns null when the task falls out (no filter left; the default filter
 * counts only if `allowDefault` and no filter matched).
 */
export function findStep(
  plan: WorkflowPlan,
  task: TaskRecord,
  from: number,
  base: number,
  now: number,
  allowDefault: boolean,
): { step: Step | null; matchedAny: boolean } {
  const attributes = attributesOf(task);
  let matchedAny = false;
  for (let filter = from; filter < plan.filters.length; filter++) {
    if (!plan.filters[filter]!.expression({ attributes, task: attributes, now })) continue;
    matchedAny = true;
    const step = liveTarget(plan, filter, 0, base, now);
    if (step) return { step, matchedAny };
    base = filterEnd(plan, filter, base);
  }
  if (!matchedAny && allowDefault && plan.defaultTarget) {
    return { step: { filter: DEFAULT_FILTER, target: 0, base, deadline: null }, matchedAny };
  }
  return { step: null, matchedAny };
}
