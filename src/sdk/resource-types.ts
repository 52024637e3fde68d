/**
 * The fields of the resources the SDK's lists and events return, camelCased as they arrive (dates as `Date`,
 * JSON attributes and configurations parsed), so TypeScript completes and checks them. Types only: at run
 * time each is a `Resource` with the REST fields on it; fields not listed here are still there, untyped.
 */
import type { Resource, Statistics, WithStatistics } from './resource.js';

/** Fields every workspace resource has. */
interface WorkspaceFields {
  accountSid: string;
  workspaceSid: string;
  dateCreated: Date;
  dateUpdated: Date;
}

export interface ActivityResource extends Resource, WorkspaceFields {
  friendlyName: string;
  /** Whether a worker in this activity can take tasks. */
  available: boolean;
}

export interface TaskQueueResource extends Resource, WorkspaceFields, WithStatistics {
  friendlyName: string;
  /** The TargetWorkers expression. */
  targetWorkers: string;
  maxReservedWorkers: number;
  taskOrder: 'FIFO' | 'LIFO';
  reservationActivitySid: string | null;
  reservationActivityName: string | null;
  assignmentActivitySid: string | null;
  assignmentActivityName: string | null;
}

export interface WorkerResource extends Resource, WorkspaceFields {
  friendlyName: string;
  /** The worker's attributes, parsed. */
  attributes: Record<string, any>;
  activitySid: string;
  activityName: string;
  available: boolean;
  dateStatusChanged: Date;
  /** A worker has no real-time or cumulative split: one `statistics`. */
  statistics: Statistics;
}

export interface WorkflowResource extends Resource, WorkspaceFields, WithStatistics {
  friendlyName: string;
  /** The workflow's configuration document, parsed (`{ task_routing: { filters, default_filter } }`). */
  configuration: Record<string, any>;
  assignmentCallbackUrl: string | null;
  fallbackAssignmentCallbackUrl: string | null;
  taskReservationTimeout: number;
  documentContentType: string | null;
}

/** One of a worker's task channels (`fetchChannels`, `capacity.update`). */
export interface WorkerChannelResource extends Resource, WorkspaceFields {
  workerSid: string;
  taskChannelSid: string;
  taskChannelUniqueName: string;
  configuredCapacity: number;
  /** Accepted and wrapping reservations on this channel. */
  assignedTasks: number;
  available: boolean;
  availableCapacityPercentage: number;
}
