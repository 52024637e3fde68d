import { conflict, inUse, invalidParameter, notFound } from '../errors.js';
import { optionalBoolean, optionalString, requiredString } from '../input.js';
import { newSid } from '../sids.js';
import type { TaskChannelRecord } from '../store/records.js';
import type {
  CreateTaskChannelParams,
  Page,
  PageParams,
  TaskChannelResource,
  UpdateTaskChannelParams,
  WriteOptions,
} from '../types.js';
import { Service } from './service.js';

/** Capacity a worker gets on a channel unless told otherwise. */
export const DEFAULT_CAPACITY = 1;

/** Task channels (voice, chat…). Each worker has one worker channel per task channel. */
export class TaskChannelService extends Service {
  /** Creates a task channel and a worker channel (capacity 1) for every worker of the workspace. */
  create(workspaceSid: string, params: CreateTaskChannelParams, options: WriteOptions = {}): TaskChannelResource {
    const workspace = this.requireWorkspace(workspaceSid);
    const friendlyName = requiredString(params.friendly_name, 'friendly_name', 64);
    const uniqueName = requiredString(params.unique_name, 'unique_name', 64);
    if (!/^[A-Za-z0-9_-]+$/.test(uniqueName)) {
      throw invalidParameter('UniqueName', 'Invalid UniqueName: use letters, digits, "_" and "-" only');
    }
    const existing = this.byUniqueName(workspaceSid, uniqueName);
    if (existing) throw conflict(`UniqueName "${uniqueName}" is already used by TaskChannel ${existing.sid}`, 'UniqueName');
    const optimized = optionalBoolean(params.channel_optimized_routing, 'channel_optimized_routing') ?? null;
    return this.core.mutate(() => {
      const record = this.insert(this.model.taskChannels, 'TC', workspace, {
        friendly_name: friendlyName,
        unique_name: uniqueName,
        channel_optimized_routing: optimized,
      });
      for (const worker of this.model.workersByWorkspace.get(workspaceSid)) this.addWorkerChannel(worker.sid, record);
      this.core.emit.resource('task-channel.created', record, { actor: options.actor ?? null });
      return this.views.taskChannel(record);
    });
  }

  /** By SID or unique name. */
  get(workspaceSid: string, sidOrUniqueName: string): TaskChannelResource {
    return this.views.taskChannel(this.resolve(workspaceSid, sidOrUniqueName));
  }

  list(workspaceSid: string, paging: PageParams = {}): Page<TaskChannelResource> {
    this.requireWorkspace(workspaceSid);
    return this.listPage(this.model.taskChannels, [...this.model.taskChannelsByWorkspace.get(workspaceSid)], paging, (c) => this.views.taskChannel(c));
  }

  update(workspaceSid: string, sidOrUniqueName: string, params: UpdateTaskChannelParams, options: WriteOptions = {}): TaskChannelResource {
    const record = this.resolve(workspaceSid, sidOrUniqueName);
    const changes: Partial<TaskChannelRecord> = {};
    const friendlyName = optionalString(params.friendly_name, 'friendly_name', 64);
    if (friendlyName !== undefined) changes.friendly_name = requiredString(friendlyName, 'friendly_name', 64);
    const optimized = optionalBoolean(params.channel_optimized_routing, 'channel_optimized_routing');
    if (optimized !== undefined) changes.channel_optimized_routing = optimized;
    return this.core.mutate(() => {
      const updated = this.model.taskChannels.update(record, { ...changes, date_updated: this.now() });
      this.core.emit.resource('task-channel.updated', updated, { actor: options.actor ?? null });
      return this.views.taskChannel(updated);
    });
  }

  /** Deletes a channel no open task uses, with its worker channels. */
  delete(workspaceSid: string, sidOrUniqueName: string, options: WriteOptions = {}): void {
    const record = this.resolve(workspaceSid, sidOrUniqueName);
    const tasks = this.model.openTasksByChannel.count(record.sid);
    if (tasks > 0) {
      throw inUse(`Cannot delete TaskChannel ${record.unique_name} (${record.sid}): ${tasks} task(s) not yet completed or canceled use it`);
    }
    this.core.mutate(() => {
      for (const channel of [...this.model.workerChannelsByTaskChannel.get(record.sid)]) this.model.workerChannels.delete(channel.sid);
      this.model.taskChannels.delete(record.sid);
      this.core.emit.resource('task-channel.deleted', record, { actor: options.actor ?? null });
    });
  }

  /** A task channel by SID or unique name, or 404. */
  resolve(workspaceSid: string, sidOrUniqueName: string): TaskChannelRecord {
    this.requireWorkspace(workspaceSid);
    const bySid = this.model.taskChannels.get(sidOrUniqueName);
    const record = bySid?.workspace_sid === workspaceSid ? bySid : this.byUniqueName(workspaceSid, sidOrUniqueName);
    if (!record) throw notFound('TaskChannel', sidOrUniqueName);
    return record;
  }

  /** @internal gives a worker its channel for a task channel. */
  addWorkerChannel(workerSid: string, channel: TaskChannelRecord): void {
    const now = this.now();
    this.model.workerChannels.put({
      sid: newSid('WC'),
      account_sid: channel.account_sid,
      workspace_sid: channel.workspace_sid,
      worker_sid: workerSid,
      task_channel_sid: channel.sid,
      configured_capacity: DEFAULT_CAPACITY,
      available: true,
      last_reserved_time: null,
      date_created: now,
      date_updated: now,
      version: 1,
    });
  }

  private byUniqueName(workspaceSid: string, uniqueName: string): TaskChannelRecord | undefined {
    for (const channel of this.model.taskChannelsByWorkspace.get(workspaceSid)) {
      if (channel.unique_name === uniqueName) return channel;
    }
    return undefined;
  }
}
