import { encodeParams, settle, updateArgs, type Callback } from './callback.js';
import { toFields, type Json } from './convert.js';
import type { Core } from './core.js';

/** Where an object keeps its connection and REST URL: symbol keys stay out of JSON.stringify and for…in. */
export const CORE: unique symbol = Symbol('core');
export const URL_: unique symbol = Symbol('url');

/** What a POST needs from an object: its connection, URL and a way to take new JSON. */
export interface Addressable {
  [CORE]: Core;
  [URL_]: string;
  apply(json: Json): this;
}

/** POSTs params to the object's URL and takes the result. */
export function post<T extends Addressable>(self: T, params: Json): Promise<T> {
  return self[CORE].request('POST', self[URL_], encodeParams(params)).then((json) => self.apply(json));
}

/**
 * A TaskRouter instance resource (Activity, Workflow, TaskQueue, Worker, WorkerChannel…) with the
 * REST fields camelCased on it, as v1's entities had.
 */
export class Resource implements Addressable {
  declare [CORE]: Core;
  declare [URL_]: string;
  declare sid: string;
  /** The camelCased REST fields, e.g. `friendlyName`, `dateCreated`, `attributes` (parsed). */
  [field: string]: unknown;

  constructor(core: Core, url: string, json: Json) {
    this[CORE] = core;
    this[URL_] = url;
    this.apply(json);
  }

  /**
   * Takes fields from a JSON object of the wire, unless it is older than what this object holds: an answer that
   * arrives after the event of a later change (another tab's) changes nothing.
   */
  apply(json: Json): this {
    return Number(json.version) < Number(this.version) ? this : Object.assign(this, toFields(json));
  }

  /** Fetches the resource again. */
  fetch(callback?: Callback<this>): Promise<this> {
    return settle(this[CORE].request('GET', this[URL_]).then((json) => this.apply(json)), callback);
  }

  /** Updates the resource: `(name, value, cb?)` or `(params, cb?)`; v1's pages also put the object's own SID first. */
  update(name: string, value: unknown, callback?: Callback<this>): Promise<this>;
  update(params: Json, callback?: Callback<this>): Promise<this>;
  update(sid: string, name: string, value: unknown, callback?: Callback<this>): Promise<this>;
  update(sid: string, params: Json, callback?: Callback<this>): Promise<this>;
  update(...args: unknown[]): Promise<this> {
    const [sid, params, callback] = updateArgs(args, false);
    // The v1 pages call `item.update(sid, …)` on every item of a list: another SID is the callback's error, not a throw.
    const request = sid && sid !== this.sid ? Promise.reject(new TypeError(`update: ${sid} is not ${this.sid}`)) : post(this, params);
    return settle(request, callback);
  }

  /** Deletes the resource. */
  delete(callback?: Callback<void>): Promise<void> {
    return settle(this[CORE].request('DELETE', this[URL_]).then(() => {}), callback);
  }
}

/**
 * Statistics as fetched, camelCased (§5). Their fields depend on the endpoint and the server, so they stay untyped
 * (`any`): v1 code reads them as they come.
 */
export type StatisticsFields = Record<string, any>;

/** A statistics endpoint: `fetch([params], callback)` resolves with a plain camelCased object (§5). */
export class Statistics {
  declare [CORE]: Core;

  constructor(core: Core, readonly url: string) {
    this[CORE] = core;
  }

  fetch(params?: Json | Callback<StatisticsFields>, callback?: Callback<StatisticsFields>): Promise<StatisticsFields> {
    if (typeof params === 'function') [params, callback] = [undefined, params as Callback<StatisticsFields>];
    return settle(this[CORE].request('GET', this.url, encodeParams(params)).then(toFields), callback);
  }
}

/** The statistics objects v1 hung on workspaces, workflows, task queues and their lists. */
export interface WithStatistics {
  statistics: Statistics;
  realtimeStats: Statistics;
  cumulativeStats: Statistics;
}

/** Adds `statistics`, and unless `onlyStatistics`, `realtimeStats` and `cumulativeStats`, under `url`. */
export function addStatistics(target: object, core: Core, url: string, onlyStatistics = false): void {
  const t = target as WithStatistics;
  t.statistics = new Statistics(core, `${url}/Statistics`);
  if (!onlyStatistics) {
    t.realtimeStats = new Statistics(core, `${url}/RealTimeStatistics`);
    t.cumulativeStats = new Statistics(core, `${url}/CumulativeStatistics`);
  }
}
