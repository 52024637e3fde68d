import type { EngineCore } from '../core.js';
import { notFound, preconditionFailed } from '../errors.js';
import type { WorkspaceRecord } from '../store/records.js';
import type { Table } from '../store/table.js';
import type { WriteOptions } from '../types.js';

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

  /** Throws 412 when `options.expectedVersion` is given and differs from the record's version. */
  protected checkVersion(record: { sid: string; version: number }, resource: string, options?: WriteOptions): void {
    const expected = options?.expectedVersion;
    if (expected === undefined || expected === null || expected === '') return;
    if (String(expected) !== String(record.version)) {
      throw preconditionFailed(resource, record.sid, String(expected), String(record.version));
    }
  }
}
