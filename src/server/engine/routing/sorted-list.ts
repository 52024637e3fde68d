/** Chunk size bound: inserts and deletes move at most this many elements. */
const MAX_CHUNK = 256;

/**
 * An ordered collection of distinct items (no two compare equal), kept in small
 * sorted chunks so insert and delete cost O(log n + chunk size) and iteration
 * walks items in order. Used for the routing indexes: available workers by idle
 * time and waiting tasks by precedence.
 */
export class SortedList<T> {
  private chunks: T[][] = [];
  private count = 0;

  constructor(private readonly compare: (a: T, b: T) => number) {}

  get size(): number {
    return this.count;
  }

  first(): T | undefined {
    return this.chunks[0]?.[0];
  }

  insert(item: T): void {
    this.count++;
    if (this.chunks.length === 0) {
      this.chunks.push([item]);
      return;
    }
    const c = Math.min(this.chunkFor(item), this.chunks.length - 1);
    const chunk = this.chunks[c]!;
    chunk.splice(this.lowerBound(chunk, item), 0, item);
    if (chunk.length > MAX_CHUNK) this.chunks.splice(c + 1, 0, chunk.splice(chunk.length >> 1));
  }

  /** Removes the item that compares equal to `item`; returns whether there was one. */
  delete(item: T): boolean {
    const c = this.chunkFor(item);
    const chunk = this.chunks[c];
    if (!chunk) return false;
    const i = this.lowerBound(chunk, item);
    if (i >= chunk.length || this.compare(chunk[i]!, item) !== 0) return false;
    chunk.splice(i, 1);
    if (chunk.length === 0) this.chunks.splice(c, 1);
    this.count--;
    return true;
  }

  *[Symbol.iterator](): IterableIterator<T> {
    for (const chunk of this.chunks) yield* chunk;
  }

  /** Index of the first chunk whose last item is ≥ `item` (chunks.length when none). */
  private chunkFor(item: T): number {
    let low = 0;
    let high = this.chunks.length;
    while (low < high) {
      const mid = (low + high) >> 1;
      const chunk = this.chunks[mid]!;
      if (this.compare(chunk[chunk.length - 1]!, item) < 0) low = mid + 1;
      else high = mid;
    }
    return low;
  }

  private lowerBound(chunk: T[], item: T): number {
    let low = 0;
    let high = chunk.length;
    while (low < high) {
      const mid = (low + high) >> 1;
      if (this.compare(chunk[mid]!, item) < 0) low = mid + 1;
      else high = mid;
    }
    return low;
  }
}
