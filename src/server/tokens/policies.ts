/**
 * Builders for the documented policy sets of worker, workspace and task queue
 * capability tokens (protocol.md §3.2), covering every call TaskRouter.js v1 makes.
 */
import type { CapabilityPolicy, PolicyFilterValue } from './capability.js';

/** Twilio's public TaskRouter API base; policies name it unless told otherwise. */
export const TASKROUTER_API_BASE_URL = 'https://taskrouter.twilio.com/v1';
/** Twilio's public event-bridge base. */
export const EVENT_BRIDGE_BASE_URL = 'https://event-bridge.twilio.com';

/** Where the policy URLs point: Twilio's public hosts by default, or a local server. */
export interface PolicyUrlOptions {
  /** e.g. `https://taskrouter.twilio.com/v1` or `http://127.0.0.1:4200/v1`. */
  apiBaseUrl?: string;
  /** e.g. `https://event-bridge.twilio.com` or `http://127.0.0.1:4200`. */
  eventBridgeBaseUrl?: string;
}

function trimSlash(url: string): string {
  return url.replace(/\/+$/, '');
}

function policy(url: string, method: string, postFilter: Record<string, PolicyFilterValue> = {}): CapabilityPolicy {
  return { url, method, query_filter: {}, post_filter: postFilter, allow: true };
}

function workspaceUrl(workspaceSid: string, options: PolicyUrlOptions, ...resources: string[]): string {
  return [trimSlash(options.apiBaseUrl ?? TASKROUTER_API_BASE_URL), 'Workspaces', workspaceSid, ...resources].join('/');
}

/** GET (open the websocket) and POST (REST proxy) on the channel's event-bridge URL. */
export function eventBridgePolicies(accountSid: string, channelId: string, options: PolicyUrlOptions = {}): CapabilityPolicy[] {
  const url = [trimSlash(options.eventBridgeBaseUrl ?? EVENT_BRIDGE_BASE_URL), 'v1', 'wschannels', accountSid, channelId].join('/');
  return [policy(url, 'GET'), policy(url, 'POST')];
}

/** Options of {@link workerPolicies}. */
export interface WorkerPolicyOptions extends PolicyUrlOptions {
  accountSid: string;
  workspaceSid: string;
  workerSid: string;
  /** POST on the worker with a required ActivitySid (and nothing else). Default true. */
  activityUpdates?: boolean;
  /**
   * POST on the worker with any parameters (FriendlyName, Attributes…), as TaskRouter.js v1's
   * `worker.update({ActivitySid, FriendlyName})` needs. Default false: an agent cannot rename itself or
   * change its own skills.
   */
  workerUpdates?: boolean;
  /** POST on tasks and on the worker's reservations: accept, reject, complete. Default true. */
  reservationUpdates?: boolean;
}

/**
 * The policy set of a worker token: event bridge, fetch itself and its subresources
 * (reservations, channels, statistics), activities, tasks, and by default activity
 * and reservation updates.
 */
export function workerPolicies(options: WorkerPolicyOptions): CapabilityPolicy[] {
  const { accountSid, workspaceSid, workerSid } = options;
  const worker = workspaceUrl(workspaceSid, options, 'Workers', workerSid);
  const policies = [
    ...eventBridgePolicies(accountSid, workerSid, options),
    policy(workspaceUrl(workspaceSid, options, 'Activities', '**'), 'GET'),
    policy(workspaceUrl(workspaceSid, options, 'Tasks', '**'), 'GET'),
    policy(worker, 'GET'),
    policy(`${worker}/**`, 'GET'),
  ];
  if (options.activityUpdates ?? true) {
    policies.push(policy(worker, 'POST', { ActivitySid: { required: true } }));
  }
  if (options.workerUpdates) policies.push(policy(worker, 'POST'));
  if (options.reservationUpdates ?? true) {
    policies.push(policy(workspaceUrl(workspaceSid, options, 'Tasks', '**'), 'POST'));
    policies.push(policy(`${worker}/Reservations/**`, 'POST'));
  }
  return policies;
}

/** Options of {@link workspacePolicies}. */
export interface WorkspacePolicyOptions extends PolicyUrlOptions {
  accountSid: string;
  workspaceSid: string;
  /** POST on the workspace and every subresource. Default true. */
  updates?: boolean;
  /** DELETE on the workspace and every subresource. Default true. */
  deletes?: boolean;
}

/** The policy set of a workspace token: fetch the workspace and every subresource, and by default update and delete them. */
export function workspacePolicies(options: WorkspacePolicyOptions): CapabilityPolicy[] {
  const { accountSid, workspaceSid } = options;
  const workspace = workspaceUrl(workspaceSid, options);
  const everything = workspaceUrl(workspaceSid, options, '**');
  const policies = [...eventBridgePolicies(accountSid, workspaceSid, options), policy(workspace, 'GET'), policy(everything, 'GET')];
  // The workspace itself is named besides `**`, which reaches only what is under it for POST and DELETE.
  if (options.updates ?? true) policies.push(policy(workspace, 'POST'), policy(everything, 'POST'));
  if (options.deletes ?? true) policies.push(policy(workspace, 'DELETE'), policy(everything, 'DELETE'));
  return policies;
}

/** Options of {@link taskQueuePolicies}. */
export interface TaskQueuePolicyOptions extends PolicyUrlOptions {
  accountSid: string;
  workspaceSid: string;
  taskQueueSid: string;
  /** POST on the queue. Default true. */
  updates?: boolean;
  /** DELETE on the queue. Default false. */
  deletes?: boolean;
}

/** The policy set of a task queue token: fetch the queue and its statistics, and by default update it. */
export function taskQueuePolicies(options: TaskQueuePolicyOptions): CapabilityPolicy[] {
  const { accountSid, workspaceSid, taskQueueSid } = options;
  const queue = workspaceUrl(workspaceSid, options, 'TaskQueues', taskQueueSid);
  const policies = [...eventBridgePolicies(accountSid, taskQueueSid, options), policy(queue, 'GET'), policy(`${queue}/**`, 'GET')];
  if (options.updates ?? true) policies.push(policy(queue, 'POST'));
  if (options.deletes ?? false) policies.push(policy(queue, 'DELETE'));
  return policies;
}
