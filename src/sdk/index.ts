/**
 * taskrouter-kit SDK: TaskRouter.js v1's API (Worker, Workspace, TaskQueue, Reservation, Task) over
 * TaskRouter's event-bridge protocol, plus TaskRouterClient, the shared client the elements use.
 * Depends on eventemitter3 only; runs in browsers and Node (pass `WebSocket` on Node 20).
 */
export { Worker, type WorkerEvents } from './worker.js';
export { Workspace, type WorkspaceEvents } from './workspace.js';
export { TaskQueue, type TaskQueueEvents } from './taskqueue.js';
export { Reservation, Task } from './reservation.js';
export type { ReservationStatus } from './reservation-status.js';
export { Resource, Statistics } from './resource.js';
export { ListResource, type Page } from './list.js';
export type { ActivityResource, TaskQueueResource, WorkerChannelResource, WorkerResource, WorkflowResource } from './resource-types.js';
export { TaskRouterError } from './errors.js';
export { TaskRouterClient } from './client.js';
export type { Callback } from './callback.js';
export type { ConnectionEvents, TaskRouterEventType } from './connection.js';
export type { ConnectionState } from './connection.js';
export type { ConnectionOptions, WorkerOptions, WebSocketConstructor } from './options.js';
export type * from './client-types.js';
