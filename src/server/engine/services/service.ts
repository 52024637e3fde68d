import type { EngineCore } from '../core.js';
import { notFound, preconditionFailed } from '../errors.js';
import { ordered, paginate } from '../paging.js';
import { newSid, type SidPrefix } from '../sids.js';
import type { WorkspaceRecord } from '../store/records.js';
import type { Table } from '../store/table.js';
import type { Page, PageParams, WriteOptions } from '../types.js';

/** An `Ordering` parameter and the fields it may name. */
export interface Ordering<R> {
  by: string | undefined;
  fields: Record<string, (record: R) => number>;
}

/** The fields every record of a workspace resource starts with, which {@link Service.insert} fills in. */
interface WorkspaceOwned {
  sid: string;
  account_sid: string;
  workspace_sid: string;
  date_created: number;
  date_updated: number;
}

/** Shared helpers of the resource services. */
export abstract class Service {
  constructor(protected readonly core: EngineCore) {}

  protected get model() {
    return this.core.model;
  }

  protected get views() {
    return this.core.views;
  }

  protected now(): number {
    return this.core.now();
  }

  /** The workspace, or 404. */
  protected requireWorkspace(workspaceSid: string): WorkspaceRecord {
    const workspace = this.model.workspaces.get(workspaceSid);
    if (!workspace) throw notFound('Workspace', workspaceSid);
    return workspace;
  }

  /**
   * Stores a new record of `table` in `workspace`: `fields` plus a new SID starting with `prefix`, the workspace's
   * account and `now` as its creation and update date. Call inside {@link EngineCore.mutate}.
   */
  protected insert<R extends WorkspaceOwned>(
    table: Table<R>,
    prefix: SidPrefix,
    workspace: WorkspaceRecord,
    fields: Omit<R, keyof WorkspaceOwned>,
    now = this.now(),
  ): R {
    const header: WorkspaceOwned = { sid: newSid(prefix), account_sid: workspace.account_sid, workspace_sid: workspace.sid, date_created: now, date_updated: now };
    return table.put({ ...fields, ...header } as R);
  }

  /** A record of `table` that belongs to the workspace, or 404. */
  protected find<R extends { sid: string; workspace_sid: string }>(
    table: Table<R>,
    workspaceSid: string,
    sid: string,
    resource: string,
  ): R {
    this.requireWorkspace(workspaceSid);
    const record = table.get(sid);
    if (!record || record.workspace_sid !== workspaceSid) throw notFound(resource, sid);
    return record;
  }

  /**
   * The page `params` asks for of `records` (of `table`, in creation order unless `ordering` sorts them), each
   * rendered by `view`.
   */
  protected listPage<R extends { sid: string }, V>(
    table: Table<R>,
    records: R[],
    params: PageParams,
    view: (record: R) => V,
    ordering: Ordering<R> = { by: undefined, fields: {} },
  ): Page<V> {
    const sorted = ordered(records, ordering.by, ordering.fields, (record) => table.idOf(record.sid) ?? Number.MAX_SAFE_INTEGER);
    const page = paginate(sorted.items, params, sorted.position, sorted.positionLength);
    return { ...page, items: page.items.map(view) };
  }

  /** Throws 412 when `options.expectedVersion` is given and differs from the record's version. */
  protected checkVersion(record: { sid: string; version: number }, resource: string, options?: WriteOptions): void {
    const expected = options?.expectedVersion;
    if (expected === undefined || expected === null || expected === '') return;
    if (String(expected) !== String(record.version)) {
      throw preconditionFailed(resource, record.sid, String(expected), String(record.version));
    }
  }
}
