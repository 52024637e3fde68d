import { randomBytes } from 'node:crypto';

/** Two-letter SID prefixes of the resources the engine owns (protocol.md §4). */
export type SidPrefix = 'AC' | 'WS' | 'WA' | 'WQ' | 'WK' | 'WC' | 'TC' | 'WW' | 'WT' | 'WR' | 'EV';

let lastTime = 0;
let counter = 0;
let pool = Buffer.alloc(0);
let offset = 0;

function randomHex(bytes: number): string {
  if (offset + bytes > pool.length) {
    pool = randomBytes(4096);
    offset = 0;
  }
  const hex = pool.toString('hex', offset, offset + bytes);
  offset += bytes;
  return hex;
}

/**
 * A new SID: the prefix and 32 lowercase hex digits. The digits start with the
 * creation time and a counter, then 64 random bits, so SIDs sort in creation
 * order: the store keeps each table ordered by SID, new rows append to the end of
 * its B-tree (cheap commits), and lists come out oldest first.
 */
export function newSid(prefix: SidPrefix): string {
  const now = Date.now();
  if (now > lastTime) {
    lastTime = now;
    counter = 0;
  } else if (++counter > 0xffff) {
    lastTime++;
    counter = 0;
  }
  return prefix + lastTime.toString(16).padStart(12, '0') + counter.toString(16).padStart(4, '0') + randomHex(8);
}

const SID_PATTERN = /^[A-Z]{2}[0-9a-fA-F]{32}$/;

/** True when `value` is a well-formed SID with the given prefix. */
export function isSid(value: unknown, prefix: SidPrefix): value is string {
  return typeof value === 'string' && value.startsWith(prefix) && SID_PATTERN.test(value);
}
