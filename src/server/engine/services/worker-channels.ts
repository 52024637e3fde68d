import { notFound } from '../errors.js';
import { optionalBoolean, optionalInteger } from '../input.js';
import type { WorkerChannelRecord } from '../store/records.js';
import type { Page, PageParams, UpdateWorkerChannelParams, WorkerChannelResource, WriteOptions } from '../types.js';
import { Service } from './service.js';

/** The largest capacity a worker channel accepts. */
export const MAX_CAPACITY = 1000;

/** A worker's channels: capacity and availability per task channel (protocol.md §7). */
export class WorkerChannelService extends Service {
  list(workspaceSid: string, workerSid: string, paging: PageParams = {}): Page<WorkerChannelResource> {
    this.worker(workspaceSid, workerSid);
    return this.listPage(this.model.workerChannels, [...this.model.workerChannelsByWorker.get(workerSid)], paging, (c) => this.views.workerChannel(c));
  }

  /** By WC SID, task channel SID or task channel unique name. */
  get(workspaceSid: string, workerSid: string, channel: string): WorkerChannelResource {
    return this.views.workerChannel(this.record(workspaceSid, workerSid, channel));
  }

  /** Sets capacity (worker.capacity.update) and/or availability (worker.channel.availability.update). */
  update(
    workspaceSid: string,
    workerSid: string,
    channel: string,
    params: UpdateWorkerChannelParams,
    options: WriteOptions = {},
  ): WorkerChannelResource {
    const record = this.record(workspaceSid, workerSid, channel);
    this.checkVersion(record, 'WorkerChannel', options);
    const capacity = optionalInteger(params.capacity, 'capacity', { min: 0, max: MAX_CAPACITY });
    const available = optionalBoolean(params.available, 'available');
    const actor = options.actor ?? null;
    this.core.mutate(() => {
      let current = record;
      for (const [field, value, event] of [
        ['configured_capacity', capacity, 'worker.capacity.update'],
        ['available', available, 'worker.channel.availability.update'],
      ] as const) {
        if (value === undefined || current[field] === value) continue;
        current = this.model.workerChannels.update(current, { [field]: value, date_updated: this.now(), version: current.version + 1 });
        this.core.emit.workerChannel(event, current, { actor });
      }
    });
    return this.views.workerChannel(this.model.workerChannels.get(record.sid)!);
  }

  /** The worker channel, or 404. */
  private record(workspaceSid: string, workerSid: string, channel: string): WorkerChannelRecord {
    this.worker(workspaceSid, workerSid);
    for (const record of this.model.workerChannelsByWorker.get(workerSid)) {
      if (record.sid === channel || record.task_channel_sid === channel) return record;
      if (this.model.taskChannels.get(record.task_channel_sid)?.unique_name === channel) return record;
    }
    throw notFound('WorkerChannel', channel);
  }

  private worker(workspaceSid: string, workerSid: string): void {
    this.requireWorkspace(workspaceSid);
    const worker = this.model.workers.get(workerSid);
    if (!worker || worker.workspace_sid !== workspaceSid) throw notFound('Worker', workerSid);
  }
}
