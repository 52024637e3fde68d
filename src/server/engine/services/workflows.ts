import { inUse, invalidParameter } from '../errors.js';
import { optionalBoolean, optionalInteger, optionalJsonObject, optionalString, requiredString } from '../input.js';
import type { WorkflowRecord } from '../store/records.js';
import { isWaiting } from '../task-status.js';
import type {
  CreateWorkflowParams,
  Page,
  UpdateWorkflowParams,
  WorkflowListFilters,
  WorkflowResource,
  WriteOptions,
} from '../types.js';
import { Service } from './service.js';

/** Workflow reference: TaskReservationTimeout is at most 86400 s. */
export const MAX_RESERVATION_TIMEOUT = 86_400;

/** Workflows: the routing rules (filters and targets) tasks follow (protocol.md §6). */
export class WorkflowService extends Service {
  /** Creates a workflow; the configuration is validated (errors name the JSON path at fault). */
  create(workspaceSid: string, params: CreateWorkflowParams, options: WriteOptions = {}): WorkflowResource {
    const workspace = this.requireWorkspace(workspaceSid);
    const friendlyName = requiredString(params.friendly_name, 'friendly_name', 64);
    if (params.configuration === undefined || params.configuration === '') {
      throw invalidParameter('Configuration', 'Missing required parameter Configuration');
    }
    const configuration = optionalJsonObject(params.configuration, 'configuration')!;
    this.core.plans.validate(workspaceSid, configuration);
    const timeout = this.reservationTimeout(params) ?? 120;
    return this.core.mutate(() => {
      const record = this.insert(this.model.workflows, 'WW', workspace, {
        friendly_name: friendlyName,
        configuration,
        assignment_callback_url: optionalString(params.assignment_callback_url, 'assignment_callback_url', 2048) ?? null,
        fallback_assignment_callback_url:
          optionalString(params.fallback_assignment_callback_url, 'fallback_assignment_callback_url', 2048) ?? null,
        task_reservation_timeout: timeout,
      });
      this.core.emit.resource('workflow.created', record, { actor: options.actor ?? null });
      return this.views.workflow(record);
    });
  }

  get(workspaceSid: string, sid: string): WorkflowResource {
    return this.views.workflow(this.record(workspaceSid, sid));
  }

  list(workspaceSid: string, filters: WorkflowListFilters = {}): Page<WorkflowResource> {
    this.requireWorkspace(workspaceSid);
    const name = optionalString(filters.friendly_name, 'friendly_name');
    const workflows = [...this.model.workflowsByWorkspace.get(workspaceSid)].filter((w) => name === undefined || w.friendly_name === name);
    return this.listPage(this.model.workflows, workflows, filters, (w) => this.views.workflow(w));
  }

  /**
   * Updates a workflow. With `re_evaluate_tasks=true` its waiting tasks are routed again from the top, under the new
   * configuration; without, as on TaskRouter, they stay where they are and go on under the configuration they
   * entered under, until they are assigned, routed again, or leave.
   */
  update(workspaceSid: string, sid: string, params: UpdateWorkflowParams, options: WriteOptions = {}): WorkflowResource {
    const record = this.record(workspaceSid, sid);
    const changes: Partial<WorkflowRecord> = {};
    const friendlyName = optionalString(params.friendly_name, 'friendly_name', 64);
    if (friendlyName !== undefined) changes.friendly_name = requiredString(friendlyName, 'friendly_name', 64);
    const configuration = optionalJsonObject(params.configuration, 'configuration');
    if (configuration !== undefined) {
      this.core.plans.validate(workspaceSid, configuration);
      changes.configuration = configuration;
    }
    for (const key of ['assignment_callback_url', 'fallback_assignment_callback_url'] as const) {
      const url = optionalString(params[key], key, 2048);
      if (url !== undefined) changes[key] = url || null;
    }
    const timeout = this.reservationTimeout(params);
    if (timeout !== undefined) changes.task_reservation_timeout = timeout;
    const reEvaluate = optionalBoolean(params.re_evaluate_tasks, 're_evaluate_tasks') ?? false;
    return this.core.mutate(() => {
      const updated = this.model.workflows.update(record, { ...changes, date_updated: this.now() });
      this.core.emit.resource('workflow.updated', updated, { actor: options.actor ?? null });
      const changed = updated.configuration !== record.configuration;
      for (const task of [...this.model.openTasksByWorkflow.get(sid)]) {
        if (!isWaiting(task)) continue;
        if (reEvaluate) this.core.lifecycle.route(this.model.tasks.get(task.sid)!);
        else if (changed && !this.model.taskConfigurations.get(task.sid)) {
          this.model.taskConfigurations.put({ sid: task.sid, configuration: record.configuration });
        }
      }
      return this.views.workflow(updated);
    });
  }

  /** Deletes a workflow with no open task. */
  delete(workspaceSid: string, sid: string, options: WriteOptions = {}): void {
    const record = this.record(workspaceSid, sid);
    const tasks = this.model.openTasksByWorkflow.count(sid);
    if (tasks > 0) {
      throw inUse(`Cannot delete Workflow ${record.friendly_name} (${sid}): ${tasks} task(s) not yet completed or canceled use it`);
    }
    this.core.mutate(() => {
      this.model.workflows.delete(sid);
      this.core.emit.resource('workflow.deleted', record, { actor: options.actor ?? null });
    });
  }

  /** The workflow, or 404. */
  private record(workspaceSid: string, sid: string): WorkflowRecord {
    return this.find(this.model.workflows, workspaceSid, sid, 'Workflow');
  }

  private reservationTimeout(params: Partial<CreateWorkflowParams>): number | undefined {
    return optionalInteger(params.task_reservation_timeout, 'task_reservation_timeout', { min: 1, max: MAX_RESERVATION_TIMEOUT });
  }
}
