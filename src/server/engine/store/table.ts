import type { SqliteDatabase } from './database.js';
import type { UnitOfWork } from './unit-of-work.js';

/** How a record field is stored: `bool` as 0/1, `json` as text, the rest as is. */
export type ColumnType = 'text' | 'int' | 'real' | 'bool' | 'json';

/** The columns of a table, keyed by record field name. */
export type Columns<R> = { [K in keyof R]-?: ColumnType };

type ChangeListener<R> = (before: R | undefined, after: R | undefined) => void;

const SQL_TYPES: Record<ColumnType, string> = { text: 'TEXT', int: 'INTEGER', real: 'REAL', bool: 'INTEGER', json: 'TEXT' };

/**
 * A secondary index: records grouped by a key (records whose key is null are
 * left out). Buckets hold SIDs, so a change that keeps the key costs nothing.
 */
export class Group<R extends { sid: string }> {
  private readonly buckets = new Map<string, Set<string>>();

  constructor(
    private readonly keyOf: (record: R) => string | null,
    private readonly rows: ReadonlyMap<string, R>,
  ) {}

  /** Records with this key, in insertion order. */
  *get(key: string): IterableIterator<R> {
    const bucket = this.buckets.get(key);
    if (!bucket) return;
    for (const sid of bucket) yield this.rows.get(sid)!;
  }

  count(key: string): number {
    return this.buckets.get(key)?.size ?? 0;
  }

  /** @internal */
  move(sid: string, before: R | undefined, after: R | undefined): void {
    const oldKey = before ? this.keyOf(before) : null;
    const newKey = after ? this.keyOf(after) : null;
    if (oldKey === newKey) return;
    if (oldKey !== null) {
      const bucket = this.buckets.get(oldKey)!;
      bucket.delete(sid);
      if (bucket.size === 0) this.buckets.delete(oldKey);
    }
    if (newKey !== null) {
      let bucket = this.buckets.get(newKey);
      if (!bucket) this.buckets.set(newKey, (bucket = new Set()));
      bucket.add(sid);
    }
  }
}

/**
 * One resource table: every row is held in memory as an immutable record and
 * stored in SQLite, each changed row written once per transaction, just before it
 * commits. Writes must happen inside {@link UnitOfWork.run}; each registers its
 * undo step. Listeners hear every change (including undos),
 * which keeps the routing indexes current.
 */
export class Table<R extends { sid: string }> {
  private readonly rows = new Map<string, R>();
  /** Row id of each stored SID. */
  private readonly ids = new Map<string, number>();
  private nextId = 1;
  /** Rows changed in the open transaction, written out just before it commits. */
  private readonly dirty = new Set<string>();
  private readonly groups: Group<R>[] = [];
  private readonly listeners: ChangeListener<R>[] = [];
  private readonly fields: (keyof R & string)[];
  private readonly types: ColumnType[];
  private readonly putStatement;
  private readonly deleteStatement;

  constructor(
    private readonly db: SqliteDatabase,
    private readonly uow: UnitOfWork,
    readonly name: string,
    columns: Columns<R>,
  ) {
    this.fields = Object.keys(columns) as (keyof R & string)[];
    this.types = this.fields.map((field) => columns[field]);
    // Rows are keyed by an integer id the table assigns in memory, not by SID: the
    // store then needs no SID index, so an insert dirties one B-tree page, not two.
    const definitions = this.fields.map((field, i) => `${field} ${SQL_TYPES[this.types[i]!]}`);
    db.exec(`CREATE TABLE IF NOT EXISTS ${name} (id INTEGER PRIMARY KEY, ${definitions.join(', ')})`);
    const updates = this.fields.map((f) => `${f} = excluded.${f}`);
    this.putStatement = db.prepare(
      `INSERT INTO ${name} (id, ${this.fields.join(', ')}) VALUES (?, ${this.fields.map(() => '?').join(', ')}) ` +
        `ON CONFLICT(id) DO UPDATE SET ${updates.join(', ')}`,
    );
    this.deleteStatement = db.prepare(`DELETE FROM ${name} WHERE id = ?`);
  }

  /** Reads every row into memory; call once after all groups and listeners are attached. */
  load(): void {
    for (const row of this.db.prepare(`SELECT * FROM ${this.name} ORDER BY id`).iterate() as Iterable<Record<string, unknown>>) {
      const id = row.id as number;
      this.ids.set(row.sid as string, id);
      this.nextId = Math.max(this.nextId, id + 1);
      this.set(row.sid as string, this.decode(row));
    }
  }

  /** Adds a secondary index over this table. */
  group(keyOf: (record: R) => string | null): Group<R> {
    const group = new Group(keyOf, this.rows);
    this.groups.push(group);
    return group;
  }

  /** Calls `listener(before, after)` on every change: insert (before undefined), update, delete (after undefined). */
  onChange(listener: ChangeListener<R>): void {
    this.listeners.push(listener);
  }

  get(sid: string): R | undefined {
    return this.rows.get(sid);
  }

  /**
   * The row id of a stored record: ids grow in the order records were first stored and are never reused, so
   * lists page by them (a record created in the open transaction has none until it commits).
   */
  idOf(sid: string): number | undefined {
    return this.ids.get(sid);
  }

  get size(): number {
    return this.rows.size;
  }

  values(): IterableIterator<R> {
    return this.rows.values();
  }

  /** Inserts or replaces a record: in memory now, on disk when the transaction commits. */
  put(record: R): R {
    const before = this.rows.get(record.sid);
    this.uow.onRollback(() => this.set(record.sid, before));
    this.set(record.sid, record);
    this.markDirty(record.sid);
    return record;
  }

  /** Replaces a record with a copy carrying `changes`. */
  update(record: R, changes: Partial<R>): R {
    return this.put({ ...record, ...changes });
  }

  /** Deletes a record, on disk and in memory. */
  delete(sid: string): void {
    const before = this.rows.get(sid);
    if (!before) return;
    this.uow.onRollback(() => this.set(sid, before));
    this.set(sid, undefined);
    this.markDirty(sid);
  }

  /** Notes a changed row; the first one of a transaction schedules the write-out. */
  private markDirty(sid: string): void {
    if (this.dirty.size === 0) {
      this.uow.beforeCommit(() => this.flush());
      this.uow.onRollback(() => this.dirty.clear());
    }
    this.dirty.add(sid);
  }

  /** Writes each changed row once (its final state), then forgets them. */
  private flush(): void {
    try {
      for (const sid of this.dirty) {
        const record = this.rows.get(sid);
        let id = this.ids.get(sid);
        if (record) {
          if (id === undefined) this.ids.set(sid, (id = this.nextId++));
          this.putStatement.run(id, ...this.encode(record));
        } else if (id !== undefined) {
          this.deleteStatement.run(id);
          this.ids.delete(sid);
        }
      }
    } finally {
      this.dirty.clear();
    }
  }

  private set(sid: string, record: R | undefined): void {
    const before = this.rows.get(sid);
    if (record) this.rows.set(sid, record);
    else this.rows.delete(sid);
    for (const group of this.groups) group.move(sid, before, record);
    for (const listener of this.listeners) listener(before, record);
  }

  private encode(record: R): unknown[] {
    return this.fields.map((field, i) => {
      const value = record[field] as unknown;
      if (value === null || value === undefined) return null;
      switch (this.types[i]) {
        case 'bool':
          return value ? 1 : 0;
        case 'json':
          return JSON.stringify(value);
        default:
          return value;
      }
    });
  }

  private decode(row: Record<string, unknown>): R {
    const record: Record<string, unknown> = {};
    for (let i = 0; i < this.fields.length; i++) {
      const field = this.fields[i]!;
      const value = row[field];
      const type = this.types[i];
      if (value === null || value === undefined) record[field] = null;
      else if (type === 'bool') record[field] = value === 1;
      else if (type === 'json') record[field] = JSON.parse(value as string);
      else record[field] = value;
    }
    return record as R;
  }

}
