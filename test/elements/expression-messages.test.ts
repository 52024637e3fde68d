// The queue editor's expression errors in each language: English says the parser's sentence once with its
// position; Spanish words every phrase the parser can produce (what it expected, found or suggests).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parse, ParseError } from '../../src/expression/index.js';
import { en } from '../../src/elements/translations/en.js';
import { es } from '../../src/elements/translations/es.js';

/** Invalid expressions that between them reach every phrase and hint of the parser and tokenizer. */
const INVALID = [
  'skills HAS', // a value, end of input, after
  'a ===', // a comparison operator, Supported operators
  'a == 1 && b == 2', // Use AND
  'a == 1 || b == 2', // Use OR
  '!a', // Use NOT
  'first-name == "x"', // hyphens
  'a IN [b]', // a constant
  'a. == 1', // a key name
  'a. b == 1', // no spaces inside a key
  'a[x] == 1', // an array index
  'a == 1.', // a digit after the decimal point
  'a == "\\u12"', // 4 hex digits
  'a == "open', // the string is not closed
  '(a == 1', // the "(" is not closed
  'taskrouter.nope == 1', // the taskrouter variables
  'a == 1 b', // "AND", "OR" or end of input
  '== 1', // a condition
  'a == 1)', // a ")" with no "("
  `${'('.repeat(201)}a == 1${')'.repeat(201)}`, // at most 200 nested parentheses
];

function parseError(source: string): ParseError {
  try {
    parse(source);
  } catch (error) {
    if (error instanceof ParseError) return error;
    throw error;
  }
  throw new Error(`${source} parsed`);
}

const ENGLISH = /\b(Expected|found|after|at line|column|Supported|Hyphens|The|This|nested|a value|a condition|a comparison|a constant|a key|an array|a digit|hex digits|end of input|inequality|nothing)\b/;

describe('expression error messages', () => {
  it('English gives the position once, then the parser’s sentence', () => {
    const error = parseError('skills HAS');
    assert.equal(en.expressionError(error), 'Line 1, column 11: Expected a value after "HAS", found end of input');
  });

  it('Spanish translates every phrase the parser produces', () => {
    assert.equal(es.expressionError(parseError('skills HAS')), 'Línea 1, columna 11: se esperaba un valor después de "HAS", se encontró el final de la expresión');
    for (const source of INVALID) {
      const message = es.expressionError(parseError(source));
      assert.match(message, /^Línea \d+, columna \d+: se esperaba .+, se encontró /, source);
      assert.doesNotMatch(message, ENGLISH, `${source}: ${message}`);
    }
  });
});
