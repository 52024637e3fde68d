/**
 * Hostile and boundary values for fuzzing request parameters: numbers at and past every
 * limit, wrong types, huge strings, unicode that trips encoders, markup, JSON fragments,
 * deep nesting, dates out of range, SIDs of the wrong kind or of someone else.
 */
import type { Random } from './random.js';

/** Longest parameter value the server accepts (src/server/http/params.ts MAX_PARAM_LENGTH), and one past it. */
const LIMIT = 64 * 1024;

export const NUMBERS = [
  '0', '-0', '1', '-1', '2', '50', '100', '1000', '1001', '86400', '2147483647', '2147483648', '-2147483649',
  '9007199254740993', '1e309', '-1e309', '1e-400', 'NaN', 'Infinity', '0x10', '1.5', ' 1', '1 ', '01', '+1', '١٢', '1_000',
];
export const BOOLEANS = ['true', 'false', 'True', 'FALSE', '1', '0', 'yes', 'on', ''];
export const DATES = [
  '1970-01-01T00:00:00Z', '2024-02-29T23:59:59Z', '2024-13-45T99:99:99Z', '-271821-04-20T00:00:00Z', '275760-09-13T00:00:01Z',
  '0', '1700000000', 'yesterday', '2024-01-01', '2024-01-01T00:00:00+25:00',
];
export const UNICODE = [
  '\u{1F4A5}\u{1F469}\u200D\u{1F4BB}', 'e\u0301\u0301\u0301', '\u202Eevil\u202C', '\u200B', '\uFEFF', '\u0000', 'a\u0000b',
  '\uD800', '\uDFFF', '\u2028\u2029', '\uFFFF', 'Ω≈ç√∫', '𝕿𝖆𝖘𝖐', '\t\r\n', '\\', '"', "'", '`',
];
export const MARKUP = [
  '<script>alert(1)</script>', '<img src=x onerror=alert(1)>', '"><svg onload=alert(1)>', 'javascript:alert(1)',
  '{{constructor.constructor("alert(1)")()}}', '${alert(1)}', '<!--', ']]>',
];
export const INJECTION = ["' OR 1=1 --", '"; DROP TABLE tasks; --', '%00', '%', '%zz', '../../etc/passwd', '..', '.', '/', '?', '#', '&', '=', '+', ',', ',,,'];
export const JSON_FRAGMENTS = [
  '{', '}', '[]', '[', '{}', 'null', 'true', '"text"', '[1,2,3]', '{"a":', '{"a":1,"a":2}', '{"__proto__":{"polluted":1}}',
  '{"constructor":{"prototype":{"polluted":1}}}', '{"task_routing":{"filters":[{"expression":"1==1","targets":[]}]}}',
  '{"task_routing":{"filters":"x"}}', '{"task_routing":null}', '{"a":1e309}', '{"a":"\\ud800"}',
];
export const EXPRESSIONS = [
  '1==1', '1 == 2', 'skills HAS "support"', 'languages IN ["en", "es"]', 'level > 3 AND level <= 5', 'NOT (a == 1)',
  'task.priority > 1', 'worker.sid == "WK1"', 'a ==', '(((', ')', 'skills HAS', 'a CONTAINS "x"', '"unterminated',
  'a == 1 OR', '1 == 1 AND 2 == 2 AND 3 == 3', 'a.b.c.d.e == 1', 'x IN []', 'x NOT IN [1, [2]]', 'a == null', 'a != 1',
];

/** Sid prefixes TaskRouter uses. */
export const SID_PREFIXES = ['AC', 'WS', 'WK', 'WQ', 'WW', 'WT', 'WR', 'WA', 'TC', 'WC', 'EV'];

/** A well-formed sid that names nothing. */
export function unknownSid(random: Random, prefix = random.pick(SID_PREFIXES)): string {
  let hex = '';
  for (let i = 0; i < 32; i++) hex += '0123456789abcdef'[random.int(0, 15)];
  return prefix + hex;
}

/**
 * `encodeURIComponent` that also takes lone surrogates (which it refuses): they become the
 * percent-encoding of an invalid UTF-8 sequence, itself a hostile input.
 */
export function encodeSegment(value: string): string {
  try {
    return encodeURIComponent(value);
  } catch {
    return `${encodeURIComponent(value.replace(/\p{Cs}/gu, ''))}%ED%A0%80`;
  }
}

/** Nested JSON arrays `depth` deep: tests parsers for stack exhaustion. */
export function deepJson(depth: number): string {
  return '['.repeat(depth) + ']'.repeat(depth);
}

/** Random printable and non-printable text of `length` code points. */
export function randomText(random: Random, length: number): string {
  let text = '';
  for (let i = 0; i < length; i++) {
    const kind = random.int(0, 9);
    const code = kind < 6 ? random.int(0x20, 0x7e) : kind < 8 ? random.int(0xa0, 0x2fff) : kind < 9 ? random.int(0, 0x1f) : random.int(0x1f300, 0x1faff);
    text += String.fromCodePoint(code);
  }
  return text;
}

/**
 * One hostile value. `sids` are real SIDs (own and foreign) to mix in, so values that
 * look right but name another workspace's or account's resources are tried too.
 */
export function hostileValue(random: Random, sids: readonly string[] = []): string {
  switch (random.int(0, 13)) {
    case 0: return random.pick(NUMBERS);
    case 1: return random.pick(BOOLEANS);
    case 2: return random.pick(DATES);
    case 3: return random.pick(UNICODE) + random.pick(['', randomText(random, random.int(1, 20))]);
    case 4: return random.pick(MARKUP);
    case 5: return random.pick(INJECTION);
    case 6: return random.pick(JSON_FRAGMENTS);
    case 7: return random.pick(EXPRESSIONS);
    case 8: return sids.length > 0 ? random.pick(sids) : unknownSid(random);
    case 9: return unknownSid(random);
    case 10: return random.pick(['x'.repeat(LIMIT), 'x'.repeat(LIMIT + 1), 'é'.repeat(LIMIT / 2 + 1), '9'.repeat(5000)]);
    case 11: return deepJson(random.pick([64, 1000, 20_000]));
    case 12: return randomText(random, random.int(0, 200));
    default: return '';
  }
}
