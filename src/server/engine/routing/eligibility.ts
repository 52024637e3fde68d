/**
 * Who can take a new reservation right now (protocol.md §6.2, §7): a worker in an
 * available activity, on a channel that is available with room. In a
 * multitasking workspace room is per channel (pending, accepted and wrapping
 * reservations use capacity); in a single-tasking one a worker holds one task at
 * a time across all channels.
 */
import type { Model } from '../store/model.js';
import type { WorkerChannelRecord, WorkerRecord } from '../store/records.js';

/** Channel SIDs on which `worker` can receive a reservation now. */
export function readyChannels(model: Model, worker: WorkerRecord): string[] {
  if (!model.activities.get(worker.activity_sid)?.available) return [];
  const workspace = model.workspaces.get(worker.workspace_sid);
  if (!workspace) return [];
  const channels: string[] = [];
  if (!workspace.multi_task_enabled) {
    if (model.activeReservationsByWorker.count(worker.sid) > 0) return channels;
    for (const channel of model.workerChannelsByWorker.get(worker.sid)) {
      if (channel.available && channel.configured_capacity > 0) channels.push(channel.task_channel_sid);
    }
    return channels;
  }
  const load = activeByChannel(model, worker.sid);
  for (const channel of model.workerChannelsByWorker.get(worker.sid)) {
    if (hasRoom(channel, load.get(channel.task_channel_sid) ?? 0)) channels.push(channel.task_channel_sid);
  }
  return channels;
}

/** True when the worker can receive a reservation on this channel now. */
export function canTake(model: Model, worker: WorkerRecord, taskChannelSid: string): boolean {
  return readyChannels(model, worker).includes(taskChannelSid);
}

function hasRoom(channel: WorkerChannelRecord, active: number): boolean {
  return channel.available && active < channel.configured_capacity;
}

/** Count of capacity-holding reservations per channel. */
function activeByChannel(model: Model, workerSid: string): Map<string, number> {
  const load = new Map<string, number>();
  for (const reservation of model.activeReservationsByWorker.get(workerSid)) {
    load.set(reservation.task_channel_sid, (load.get(reservation.task_channel_sid) ?? 0) + 1);
  }
  return load;
}
