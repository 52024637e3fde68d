import type { SourceSpan } from './ast.js';

/** 1-based line and column of a UTF-16 offset (`\n`, `\r\n` and `\r` end lines). */
export function lineAndColumn(source: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset && i < source.length; i++) {
    const ch = source.charCodeAt(i);
    if (ch === 10 || (ch === 13 && source.charCodeAt(i + 1) !== 10)) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: offset - lineStart + 1 };
}

/** What a parse error needs to say; `ParseError` adds the position and the message. */
export interface ParseErrorDetails {
  /** Offset where the problem is (where something else was expected). */
  offset: number;
  /** Descriptions of what would have been accepted, e.g. `["a value"]`. */
  expected: string[];
  /** Description of what was there instead, e.g. `"end of input"` or `'"==="'`. */
  found: string;
  /** The token the problem comes after, quoted (e.g. `"=="`), when there is one. */
  after?: string;
  /** Optional extra sentence appended to the message (a hint). */
  hint?: string;
  /** Range of the offending text; defaults to `[offset, offset)`. */
  span?: SourceSpan;
}

/**
 * A syntax error in an expression, with its position and what was expected.
 *
 * Message shape: `Expected a value after "==" at line 1, column 12, found end of input`.
 */
export class ParseError extends Error {
  /** UTF-16 offset of the problem in the source. */
  offset: number;
  /** 1-based line of `offset`. */
  line: number;
  /** 1-based column of `offset`. */
  column: number;
  /** What would have been accepted at `offset`. */
  expected: string[];
  /** What was found at `offset`. */
  found: string;
  /** Range of the offending text (empty at `offset` when nothing specific). */
  span: SourceSpan;
  /** The token the problem comes after, quoted, when there is one. */
  after?: string;
  /** A suggestion, when the parser has one (e.g. `Use AND`). */
  hint?: string;
  /** The expression that failed to parse. */
  source: string;
  /** The message without its position, for a UI that shows the line and column itself. */
  description: string;

  constructor(source: string, details: ParseErrorDetails) {
    const { line, column } = lineAndColumn(source, details.offset);
    const after = details.after ? ` after ${details.after}` : '';
    const hint = details.hint ? `. ${details.hint}` : '';
    const expected = `Expected ${describeAlternatives(details.expected)}${after}`;
    const found = `found ${details.found}${hint}`;
    super(`${expected} at line ${line}, column ${column}, ${found}`);
    this.name = 'ParseError';
    this.description = `${expected}, ${found}`;
    if (details.after) this.after = details.after;
    if (details.hint) this.hint = details.hint;
    this.source = source;
    this.offset = details.offset;
    this.line = line;
    this.column = column;
    this.expected = details.expected;
    this.found = details.found;
    this.span = details.span ?? { start: details.offset, end: details.offset };
  }
}

/** `["a", "b", "c"]` → `a, b or c`. */
function describeAlternatives(items: string[]): string {
  if (items.length <= 1) return items[0] ?? 'nothing';
  return `${items.slice(0, -1).join(', ')} or ${items[items.length - 1]}`;
}
