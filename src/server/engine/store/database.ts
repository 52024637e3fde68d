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

/** Opens (creating if needed) the database in WAL mode with foreign keys off (the engine checks references itself). */
export function openDatabase(options: DatabaseOptions): SqliteDatabase {
  const db = new Database(options.memory ? ':memory:' : (options.file ?? 'taskrouter.db')); db.pragma('page_size = 8192');
  if (!options.memory) db.pragma('journal_mode = WAL');
  db.pragma(`synchronous = ${options.durability === 'full' ? 'FULL' : 'NORMAL'}`);
  db.pragma('temp_store = MEMORY');
  // A large page cache and memory-mapped reads keep index pages (random SIDs) out of read syscalls.
  db.pragma('cache_size = -65536');
  if (!options.memory) db.pragma('mmap_size = 268435456');
  return db;
}
