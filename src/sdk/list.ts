import { encodeParams, requireSid, settle, splitCallback, updateArgs, type Callback } from './callback.js';
import type { Json } from './convert.js';
import type { Core } from './core.js';
import { entity } from './entity.js';
import { TaskRouterError } from './errors.js';
import { addStatistics, CORE, type Resource, type WithStatistics } from './resource.js';

/** One page of a list, as v1 gave it: `data` plus paging. */
export interface Page<T> {
  data: T[];
  page: number;
  pageSize: number;
  hasNext: boolean;
  hasPrevious: boolean;
  /** Fetches the next page; rejects when there is none. */
  next(callback?: Callback<Page<T>>): Promise<Page<T>>;
  previous(callback?: Callback<Page<T>>): Promise<Page<T>>;
}

/** A list response (§2.4): its items, and `meta` naming their key and the pages around it. */
interface ListPayload extends Json {
  meta?: { key?: string; page?: number; page_size?: number; next_page_url?: string | null; previous_page_url?: string | null };
}

/** A list response's items: under `meta.key`, or the first array in it. */
export function items(payload: ListPayload): Json[] {
  const key = payload?.meta?.key;
  return ((key && payload[key]) || Object.values(payload ?? {}).find(Array.isArray) || []) as Json[];
}

/**
 * GETs one page of `url` and maps its items with `make`. Paging re-requests `url` with the query of
 * `meta.next_page_url` / `previous_page_url`, so the request stays on the URL the token grants.
 */
export async function loadPage<T>(core: Core, url: string, params: Json | undefined, make: (json: Json) => Promise<T> | T): Promise<Page<T>> {
  const payload = await core.request<ListPayload>('GET', url, encodeParams(params));
  const meta = payload?.meta ?? {};
  const turn = (link?: string | null) => (callback?: Callback<Page<T>>) => {
    const query = link && Object.fromEntries(new URL(link, 'http://x').searchParams);
    return settle(query ? loadPage(core, url, query, make) : Promise.reject(new TaskRouterError('No such page')), callback);
  };
  return {
    data: await Promise.all(items(payload).map(make)),
    page: meta.page ?? 0,
    pageSize: meta.page_size ?? 0,
    hasNext: !!meta.next_page_url,
    hasPrevious: !!meta.previous_page_url,
    next: turn(meta.next_page_url),
    previous: turn(meta.previous_page_url),
  };
}

/**
 * A workspace list resource (activities, workflows, taskqueues, workers, tasks):
 * `fetch([sid], [params], cb)`, `create(params, cb)`, `update(sid, …, cb)`, `delete(sid, cb)`.
 * `T` is the type of its instances (e.g. `TaskQueueResource`), for their fields' types.
 */
export class ListResource<T extends Resource = Resource> {
  declare [CORE]: Core;
  readonly url: string;

  constructor(core: Core, path: string) {
    this[CORE] = core;
    this.url = `${core.workspaceUrl}/${path}`;
  }

  #make = (json: Json) => entity(this[CORE], json) as T;

  /** Fetches the list (a Page), or with a SID first, one instance; `params` are query parameters. */
  fetch(callback?: Callback<Page<T>>): Promise<Page<T>>;
  fetch(params: Json, callback?: Callback<Page<T>>): Promise<Page<T>>;
  fetch(sid: string, callback?: Callback<T>): Promise<T>;
  fetch(sid: string, params: Json, callback?: Callback<T>): Promise<T>;
  fetch(...args: unknown[]): Promise<Page<T> | T> {
    const [values, callback] = splitCallback(args);
    const sid = typeof values[0] === 'string' ? (values.shift() as string) : undefined;
    const request: Promise<Page<T> | T> = sid
      ? this[CORE].request('GET', `${this.url}/${sid}`, encodeParams(values[0])).then(this.#make)
      : loadPage(this[CORE], this.url, values[0] as Json, this.#make);
    return settle(request, callback);
  }

  /** Creates an instance from PascalCase params. */
  create(params: Json, callback?: Callback<T>): Promise<T> {
    return settle(this[CORE].request('POST', this.url, encodeParams(params, 'create')).then(this.#make), callback);
  }

  /** Updates one instance: `(sid, name, value, cb?)` or `(sid, params, cb?)`. */
  update(sid: string, name: string, value: unknown, callback?: Callback<T>): Promise<T>;
  update(sid: string, params: Json, callback?: Callback<T>): Promise<T>;
  update(...args: unknown[]): Promise<T> {
    const [sid, params, callback] = updateArgs(args, true);
    return settle(this[CORE].request('POST', `${this.url}/${sid}`, params).then(this.#make), callback);
  }

  /** Deletes one instance. */
  delete(sid: string, callback?: Callback<void>): Promise<void> {
    return settle(this[CORE].request('DELETE', `${this.url}/${requireSid(sid, 'delete')}`).then(() => {}), callback);
  }
}

/** A list with `statistics`, `realtimeStats` and `cumulativeStats` of its own (`workers`, `taskqueues`). */
export function listWithStatistics<T extends Resource>(core: Core, path: string): ListResource<T> & WithStatistics {
  const list = new ListResource<T>(core, path);
  addStatistics(list, core, list.url);
  return list as ListResource<T> & WithStatistics;
}
