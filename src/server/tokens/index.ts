/**
 * Capability tokens for TaskRouter.js v1 clients: mint, verify, and match policies.
 * Same claims and signature as twilio's `jwt.taskrouter.TaskRouterCapability`, without the dependency.
 *
 * @example
 * const token = mintWorkerToken({ accountSid, authToken, workspaceSid, workerSid, ttl: 3600 });
 */
import { mintCapabilityToken } from './capability.js';
import {
  taskQueuePolicies,
  workerPolicies,
  workspacePolicies,
  type TaskQueuePolicyOptions,
  type WorkerPolicyOptions,
  type WorkspacePolicyOptions,
} from './policies.js';

export * from './capability.js';
export * from './policies.js';
export { evaluatePolicies, resourceKey } from './policy-match.js';
export type { PolicyDecision, PolicyRequest, RequestParams, ResourceKey, TaskRouterService } from './policy-match.js';
export { decodeJwt, signJwt, TokenError, MAX_TOKEN_LENGTH } from './jwt.js';
export type { TokenErrorReason } from './jwt.js';

/** What every minting helper needs besides its policy options. */
export interface TokenSigningOptions {
  authToken: string;
  /** Lifetime in seconds (default 3600). */
  ttl?: number;
  /** Current time in ms (default Date.now()). */
  now?: number;
}

/** Mints a worker token with {@link workerPolicies}. */
export function mintWorkerToken(options: WorkerPolicyOptions & TokenSigningOptions): string {
  return mintCapabilityToken({ ...options, channelId: options.workerSid, policies: workerPolicies(options) });
}

/** Mints a workspace token with {@link workspacePolicies}. */
export function mintWorkspaceToken(options: WorkspacePolicyOptions & TokenSigningOptions): string {
  return mintCapabilityToken({ ...options, channelId: options.workspaceSid, policies: workspacePolicies(options) });
}

/** Mints a task queue token with {@link taskQueuePolicies}. */
export function mintTaskQueueToken(options: TaskQueuePolicyOptions & TokenSigningOptions): string {
  return mintCapabilityToken({ ...options, channelId: options.taskQueueSid, policies: taskQueuePolicies(options) });
}
