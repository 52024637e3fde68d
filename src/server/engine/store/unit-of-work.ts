import type { SqliteDatabase } from './database.js';

/**
 * Runs each state change as one SQLite transaction and keeps the in-memory copy
 * of the state in step with it: every in-memory write registers how to undo
 * itself, and when the transaction fails the undo steps run in reverse, so memory
 * and disk agree again. Tables write their changed rows once, just before the
 * commit ({@link UnitOfWork.beforeCommit}), however often a row changed.
 */
export class UnitOfWork {
  private undo: (() => void)[] | null = null;
  private flushes: (() => void)[] = [];
  private readonly transaction: <T>(fn: () => T) => T;

  constructor(db: SqliteDatabase) {
    const wrapped = db.transaction((fn: () => unknown) => fn());
    this.transaction = wrapped as <T>(fn: () => T) => T;
  }

  /** True while a transaction is open. */
  get active(): boolean {
    return this.undo !== null;
  }

  /** Registers how to revert one in-memory write of the open transaction. */
  onRollback(step: () => void): void {
    if (!this.undo) throw new Error('Engine state changed outside a transaction');
    this.undo.push(step);
  }

  /** Registers a write to run once at the end of the open transaction, before it commits. */
  beforeCommit(flush: () => void): void {
    if (!this.undo) throw new Error('Engine state changed outside a transaction');
    this.flushes.push(flush);
  }

  /**
   * Runs `fn` in a transaction (or inside the open one). When `fn` throws, the
   * database rolls back, the in-memory writes are undone and the error rethrown.
   */
  run<T>(fn: () => T): T {
    if (this.undo) return fn();
    const undo: (() => void)[] = [];
    this.undo = undo;
    this.flushes = [];
    try {
      return this.transaction(() => {
        const result = fn();
        for (let i = 0; i < this.flushes.length; i++) this.flushes[i]!();
        return result;
      });
    } catch (error) {
      for (let i = undo.length - 1; i >= 0; i--) undo[i]!();
      throw error;
    } finally {
      this.undo = null;
      this.flushes = [];
    }
  }
}
