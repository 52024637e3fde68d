/**
 * The shape of one REST route: method and path, the PascalCase parameters it accepts,
 * the engine call it makes, and how its result is rendered. The table itself is
 * `routes.ts`; `app.ts` turns each entry into a fastify route.
 */
import type { Engine } from '../engine/index.js';
import type { WriteOptions } from '../engine/types.js';
import type { ResourceKind } from './decorate.js';
import type { ParamSpec } from './params.js';

/** What an entry's `run` receives. */
export interface RouteContext {
  engine: Engine;
  /** Path parameters, snake_case: `workspace_sid`, `sid`, `worker_sid`, `task_sid`, `channel`. */
  path: Record<string, string>;
  /** The accepted parameters, snake_case, as text (lists as arrays). */
  input: Record<string, string | string[]>;
  accountSid: string;
  /** Who calls (the acting identity) and, for writes, the If-Match version they last saw. */
  caller: WriteOptions;
}

/** How a result becomes a response body. */
export type Rendering =
  /** One resource: add url and links. */
  | { kind: 'item'; resource: ResourceKind }
  /** One page of resources: `{<key>: [...], meta}`. */
  | { kind: 'list'; key: string; resource: ResourceKind }
  /** A statistics object: add `url` (the v1 SDK recognises statistics by it). */
  | { kind: 'statistics' }
  /** A page of per-queue statistics, each with its own `url`. */
  | { kind: 'statistics-list'; key: string }
  /** Nothing: 204. */
  | { kind: 'empty' };

/** One REST route. */
export interface RouteDef {
  method: 'GET' | 'POST' | 'DELETE';
  /** fastify path under `/v1`, e.g. `/Workspaces/:workspace_sid/Workers/:sid`. */
  url: string;
  /** Query parameters (GET, DELETE) or form parameters (POST) accepted. */
  accepts: ParamSpec[];
  run(context: RouteContext): unknown;
  render: Rendering;
  /**
   * A POST that also takes a JSON body: Twilio's API definition gives one route (bulk queue statistics) a JSON body,
   * and its helper libraries send that. The body (an object of the accepted parameters, or a bare array
   * of `arrayOf`'s values) is read like form parameters.
   */
  json?: { arrayOf: string };
  /** 201 for creates; 200 otherwise (204 comes from `render: empty`). */
  status?: 201;
}
