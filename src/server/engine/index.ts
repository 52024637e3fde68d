/**
 * The local TaskRouter engine: resources, routing, timers, events and statistics
 * over SQLite (protocol.md §4–7). The REST API and the event bridge are built on
 * this service API.
 */
export { Engine, openEngine } from './engine.js';
export type { EngineOptions } from './core.js';
export type { MatcherKind } from './routing/matcher.js';
export { EngineError, ErrorCodes } from './errors.js';
export { ManualClock, systemClock, type Clock, type TimerHandle } from './clock.js';
export type { EngineEvent, EngineEventListener } from './events.js';
export type { Actor } from './emitter.js';
export { isSid, newSid, type SidPrefix } from './sids.js';
export { DEFAULT_ACTIVITIES, DEFAULT_TASK_CHANNELS } from './services/workspaces.js';
export type * from './types.js';
