import { randomBytes } from 'node:crypto';

/** Two-letter SID prefixes of the resources the engine owns (protocol.md §4). */
export type SidPrefix = 'AC' | 'WS' | 'WA' | 'WQ' | 'WK' | 'WC' | 'TC' | 'WW' | 'WT' | 'WR' | 'EV';

let pool = Buffer.alloc(0);
let offset = 0;

/** `bytes` random bytes as hex, drawn from a pool refilled 4 KiB at a time (one system call per ~250 SIDs). */
export function randomHex(bytes: number): string {
  if (offset + bytes > pool.length) {
    pool = randomBytes(4096);
    offset = 0;
  }
  const hex = pool.toString('hex', offset, offset + bytes);
  offset += bytes;
  return hex;
}

/** A new random SID: the prefix followed by 32 lowercase hex digits. */
export function newSid(prefix: SidPrefix): string {
  return prefix + randomHex(16);
}

const SID_PATTERN = /^[A-Z]{2}[0-9a-fA-F]{32}$/;

/** True when `value` is a well-formed SID with the given prefix. */
export function isSid(value: unknown, prefix: SidPrefix): value is string {
  return typeof value === 'string' && value.startsWith(prefix) && SID_PATTERN.test(value);
}
