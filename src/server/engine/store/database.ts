import Database from 'better-sqlite3';

/** How to open the engine's SQLite database. */
export interface DatabaseOptions {
  /** Database file; ignored with `memory`. */
  file?: string;
  /** Keep everything in memory (nothing survives `close()`). */
  memory?: boolean;
  /**
   * `normal` (default) survives a killed process: each commit reaches the OS before
   * the call returns. `full` also fsyncs every commit, surviving a power cut, at a
   * large cost in write throughput.
   */
  durability?: 'normal' | 'full';
}

export type SqliteDatabase = Database.Database;

/** Version of the table layout this engine reads and writes. */
export const SCHEMA_VERSION = 1;

/**
 * Opens (creating if needed) the database: WAL mode, exclusive to this process,
 * with foreign keys off (the engine checks references itself).
 */
export function openDatabase(options: DatabaseOptions): SqliteDatabase {
  const file = options.memory ? ':memory:' : (options.file ?? 'taskrouter.db');
  const db = new Database(file);
  try {
    if (!options.memory) {
      // One engine owns a file: its in-memory state would go stale if another wrote to it.
      // Exclusive locking also keeps the WAL index in process memory (cheaper commits).
      db.pragma('locking_mode = EXCLUSIVE');
      db.pragma('journal_mode = WAL');
    }
    const version = db.pragma('user_version', { simple: true }) as number;
    if (version !== 0 && version !== SCHEMA_VERSION) {
      throw new Error(`The TaskRouter store ${file} has schema version ${version}; this engine reads version ${SCHEMA_VERSION}`);
    }
    db.pragma(`user_version = ${SCHEMA_VERSION}`);
  } catch (error) {
    db.close();
    if ((error as { code?: string }).code === 'SQLITE_BUSY') {
      throw new Error(`The TaskRouter store ${file} is in use by another engine (one engine per file)`);
    }
    throw error;
  }
  db.pragma(`synchronous = ${options.durability === 'full' ? 'FULL' : 'NORMAL'}`);
  db.pragma('temp_store = MEMORY');
  // Checkpoint every ~40 MB of WAL instead of 4 MB: pages rewritten often (the ends of the
  // tables, busy workers) are copied back once per checkpoint, so fewer checkpoints copy less.
  db.pragma('wal_autocheckpoint = 10000');
  // The whole working set in the page cache, and memory-mapped reads: commits never wait on reads.
  db.pragma('cache_size = -65536');
  if (!options.memory) db.pragma('mmap_size = 268435456');
  return db;
}
