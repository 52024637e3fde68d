import { conflict, inUse, invalidParameter } from '../errors.js';
import { availableFilter, optionalBoolean, optionalString, requiredString } from '../input.js';
import type { ActivityRecord } from '../store/records.js';
import type {
  ActivityListFilters,
  ActivityResource,
  CreateActivityParams,
  Page,
  UpdateActivityParams,
  WriteOptions,
} from '../types.js';
import { Service } from './service.js';

/** Activities: what a worker is doing, and whether that makes them available for tasks. */
export class ActivityService extends Service {
  create(workspaceSid: string, params: CreateActivityParams, options: WriteOptions = {}): ActivityResource {
    const workspace = this.requireWorkspace(workspaceSid);
    const friendlyName = requiredString(params.friendly_name, 'friendly_name', 64);
    const available = optionalBoolean(params.available, 'available') ?? false;
    this.checkUniqueName(workspaceSid, friendlyName);
    return this.core.mutate(() => {
      const record = this.insert(this.model.activities, 'WA', workspace, { friendly_name: friendlyName, available });
      this.core.emit.resource('activity.created', record, { actor: options.actor ?? null });
      return this.views.activity(record);
    });
  }

  get(workspaceSid: string, sid: string): ActivityResource {
    return this.views.activity(this.record(workspaceSid, sid));
  }

  list(workspaceSid: string, filters: ActivityListFilters = {}): Page<ActivityResource> {
    this.requireWorkspace(workspaceSid);
    const name = optionalString(filters.friendly_name, 'friendly_name');
    const available = availableFilter(filters.available);
    const activities = [...this.model.activitiesByWorkspace.get(workspaceSid)].filter(
      (a) => (name === undefined || a.friendly_name === name) && (available === undefined || a.available === available),
    );
    return this.listPage(this.model.activities, activities, filters, (a) => this.views.activity(a));
  }

  /** Renames an activity (`available` cannot change after creation). */
  update(workspaceSid: string, sid: string, params: UpdateActivityParams, options: WriteOptions = {}): ActivityResource {
    const record = this.record(workspaceSid, sid);
    if ('available' in params) {
      throw invalidParameter('Available', 'Invalid Available: an Activity\'s availability cannot be changed after it is created');
    }
    const friendlyName = optionalString(params.friendly_name, 'friendly_name', 64);
    if (friendlyName === undefined || friendlyName === record.friendly_name) return this.views.activity(record);
    this.checkUniqueName(workspaceSid, requiredString(friendlyName, 'friendly_name', 64));
    return this.core.mutate(() => {
      const updated = this.model.activities.update(record, { friendly_name: friendlyName, date_updated: this.now() });
      this.core.emit.resource('activity.updated', updated, { actor: options.actor ?? null });
      return this.views.activity(updated);
    });
  }

  /** Deletes an activity no worker is in and no workspace or queue setting names. */
  delete(workspaceSid: string, sid: string, options: WriteOptions = {}): void {
    const record = this.record(workspaceSid, sid);
    const workers = this.model.workersByActivity.count(sid);
    if (workers > 0) {
      throw inUse(`Cannot delete Activity ${record.friendly_name} (${sid}): ${workers} worker(s) are in it; move them to another activity first`);
    }
    const workspace = this.requireWorkspace(workspaceSid);
    if (workspace.default_activity_sid === sid || workspace.timeout_activity_sid === sid) {
      throw inUse(`Cannot delete Activity ${record.friendly_name} (${sid}): it is the workspace's ${workspace.default_activity_sid === sid ? 'DefaultActivitySid' : 'TimeoutActivitySid'}`);
    }
    for (const queue of this.model.taskQueuesByWorkspace.get(workspaceSid)) {
      if (queue.reservation_activity_sid === sid || queue.assignment_activity_sid === sid) {
        throw inUse(`Cannot delete Activity ${record.friendly_name} (${sid}): TaskQueue ${queue.friendly_name} (${queue.sid}) uses it`);
      }
    }
    this.core.mutate(() => {
      this.model.activities.delete(sid);
      this.core.emit.resource('activity.deleted', record, { actor: options.actor ?? null });
    });
  }

  /** The activity, or 404. */
  private record(workspaceSid: string, sid: string): ActivityRecord {
    return this.find(this.model.activities, workspaceSid, sid, 'Activity');
  }

  private checkUniqueName(workspaceSid: string, name: string): void {
    for (const activity of this.model.activitiesByWorkspace.get(workspaceSid)) {
      if (activity.friendly_name === name) throw conflict(`FriendlyName "${name}" is already used by Activity ${activity.sid}`, 'FriendlyName');
    }
  }
}
