import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import { MAX_NESTING, parse, ParseError } from '../../src/expression/index.js';

/** Parses `source`, expecting a ParseError, and returns it. */
function parseError(source: string): ParseError {
  try {
    parse(source);
  } catch (error) {
    assert.ok(error instanceof ParseError, `expected a ParseError, got ${error}`);
    return error;
  }
  assert.fail(`expected ${JSON.stringify(source)} not to parse`);
}

describe('parse: AST shape and spans', () => {
  it('builds comparisons with canonical operators, operator text and spans', () => {
    const source = 'skills >- "support"';
    assert.deepEqual(parse(source), {
      type: 'Comparison',
      operator: 'HAS',
      operatorText: '>-',
      operatorSpan: { start: 7, end: 9 },
      left: { type: 'Key', scope: 'attributes', path: ['skills'], text: 'skills', span: { start: 0, end: 6 } },
      right: { type: 'Literal', value: 'support', span: { start: 10, end: 19 } },
      span: { start: 0, end: 19 },
    });
  });

  it('folds aliases and keyword case', () => {
    const operators = ['a = 1', 'a == 1', 'a != 1', 'a > 1', 'a < 1', 'a >= 1', 'a <= 1', 'a has 1', 'a >- 1', 'a In [1]', 'a <- [1]', 'a Not  iN [1]', 'a contains "x"'].map(
      (source) => {
        const node = parse(source);
        assert.equal(node.type, 'Comparison');
        return node.operator;
      },
    );
    assert.deepEqual(operators, ['==', '==', '!=', '>', '<', '>=', '<=', 'HAS', 'HAS', 'IN', 'IN', 'NOT IN', 'CONTAINS']);
  });

  it('keeps the NOT IN text as written', () => {
    const node = parse('a not   in [1]');
    assert.equal(node.type === 'Comparison' && node.operatorText, 'not   in');
  });

  it('flattens AND/OR chains and gives AND precedence over OR', () => {
    const node = parse('a == 1 OR b == 2 AND c == 3 AND d == 4 OR e == 5');
    assert.equal(node.type, 'Logical');
    assert.equal(node.operator, 'OR');
    assert.equal(node.operands.length, 3);
    const middle = node.operands[1];
    assert.equal(middle.type === 'Logical' && middle.operator, 'AND');
    assert.equal(middle.type === 'Logical' && middle.operands.length, 3);
  });

  it('NOT applies to the next comparison or group, binding tighter than AND', () => {
    const node = parse('NOT a == 1 AND b == 2');
    assert.equal(node.type, 'Logical');
    assert.equal(node.operands[0].type, 'Not');
    assert.deepEqual(node.operands[0].span, { start: 0, end: 10 });
  });

  it('gives a parenthesised group the span of its parentheses', () => {
    const node = parse('NOT (a == 1 OR b == 2)');
    assert.equal(node.type, 'Not');
    assert.deepEqual(node.operand.span, { start: 4, end: 22 });
    assert.deepEqual(node.span, { start: 0, end: 22 });
  });

  it('parses constants: quotes, escapes, decimals, negatives, booleans, null, lists', () => {
    const node = parse(`[ 'a\\'b', "c\\\\d\\n", 1.25, -3, -0.5, TRUE, false, Null ] HAS "\\u00e9"`);
    assert.equal(node.type, 'Comparison');
    assert.equal(node.left.type, 'ListLiteral');
    assert.deepEqual(node.left.type === 'ListLiteral' && node.left.items.map((item) => item.value), ["a'b", 'c\\d\n', 1.25, -3, -0.5, true, false, null]);
    assert.deepEqual(node.right.type === 'Literal' && node.right.value, 'é');
    const empty = parse('a IN []');
    assert.deepEqual(empty.type === 'Comparison' && empty.right, { type: 'ListLiteral', items: [], span: { start: 5, end: 7 } });
  });

  it('parses keys: dots, indexes, quoted members and prefixes', () => {
    const keyOf = (source: string) => {
      const node = parse(`${source} == 1`);
      assert.equal(node.type, 'Comparison');
      assert.equal(node.left.type, 'Key');
      return node.left.type === 'Key' && { scope: node.left.scope, path: node.left.path, text: node.left.text };
    };
    assert.deepEqual(keyOf('object.array[2]'), { scope: 'attributes', path: ['object', 'array', 2], text: 'object.array[2]' });
    assert.deepEqual(keyOf('a["b c"][0].d'), { scope: 'attributes', path: ['a', 'b c', 0, 'd'], text: 'a["b c"][0].d' });
    assert.deepEqual(keyOf('task.customer.tier'), { scope: 'task', path: ['customer', 'tier'], text: 'task.customer.tier' });
    assert.deepEqual(keyOf('worker.channel.voice.assigned_tasks'), { scope: 'worker', path: ['channel', 'voice', 'assigned_tasks'], text: 'worker.channel.voice.assigned_tasks' });
    assert.deepEqual(keyOf('taskrouter.currentTime'), { scope: 'taskrouter', path: ['currentTime'], text: 'taskrouter.currentTime' });
    assert.deepEqual(keyOf('task'), { scope: 'attributes', path: ['task'], text: 'task' });
    assert.deepEqual(keyOf('Task.x'), { scope: 'attributes', path: ['Task', 'x'], text: 'Task.x' });
    assert.deepEqual(keyOf('task[0]'), { scope: 'attributes', path: ['task', 0], text: 'task[0]' });
    // keywords are fine after a dot
    assert.deepEqual(keyOf('a.in.and'), { scope: 'attributes', path: ['a', 'in', 'and'], text: 'a.in.and' });
  });

  it('accepts whitespace and newlines between tokens', () => {
    const node = parse('\n  (skills HAS "support")\r\n\tAND\n(languages HAS "english")  ');
    assert.equal(node.type, 'Logical');
    assert.deepEqual(node.span, { start: 3, end: 57 });
  });

  it(`accepts nesting up to ${MAX_NESTING} levels`, () => {
    assert.equal(parse(`${'('.repeat(MAX_NESTING)}a == 1${')'.repeat(MAX_NESTING)}`).type, 'Comparison');
    assert.equal(parse(`${'NOT '.repeat(MAX_NESTING)}a == 1`).type, 'Not');
  });

  it('parses a long flat chain without deep recursion', () => {
    const node = parse(Array.from({ length: 20_000 }, (_, i) => `k${i} == ${i}`).join(' AND '));
    assert.equal(node.type === 'Logical' && node.operands.length, 20_000);
  });
});

describe('parse: errors carry position, expected and found', () => {
  /** [source, offset, line, column, expected, found, message (exact or undefined)] */
  const cases: [string, number, number, number, string[], string, string?][] = [
    ['language ==', 11, 1, 12, ['a value'], 'end of input', 'Expected a value after "==" at line 1, column 12, found end of input'],
    ['', 0, 1, 1, ['a condition'], 'end of input', 'Expected a condition at line 1, column 1, found end of input'],
    ['   \n ', 5, 2, 2, ['a condition'], 'end of input'],
    ['tier == "gold', 13, 1, 14, ["'\"'"], 'end of input', `Expected '"' at line 1, column 14, found end of input. The string at line 1, column 9 is not closed`],
    ["tier == 'gold\\'", 15, 1, 16, [`"'"`], 'end of input'],
    ['(tier == "gold"', 15, 1, 16, ['"AND"', '"OR"', '")"'], 'end of input', 'Expected "AND", "OR" or ")" after \'"gold"\' at line 1, column 16, found end of input. The "(" at line 1, column 1 is not closed'],
    ['((a == 1) OR b == 2', 19, 1, 20, ['"AND"', '"OR"', '")"'], 'end of input'],
    ['tier == "gold")', 14, 1, 15, ['"AND"', '"OR"', 'end of input'], '")"', 'Expected "AND", "OR" or end of input after \'"gold"\' at line 1, column 15, found ")". This ")" has no matching "("'],
    ['(a == 1))', 8, 1, 9, ['"AND"', '"OR"', 'end of input'], '")"'],
    [')', 0, 1, 1, ['a condition'], '")"'],
    ['a === 1', 2, 1, 3, ['a comparison operator'], '"==="'],
    ['a <> 1', 2, 1, 3, ['a comparison operator'], '"<>"'],
    ['a => 1', 2, 1, 3, ['a comparison operator'], '"=>"'],
    ['a ! 1', 2, 1, 3, ['a comparison operator'], '"!"'],
    ['a == 1 && b == 2', 7, 1, 8, ['"AND"', '"OR"', 'end of input'], '"&&"', 'Expected "AND", "OR" or end of input after "1" at line 1, column 8, found "&&". Use AND'],
    ['a == 1 || b == 2', 7, 1, 8, ['"AND"', '"OR"', 'end of input'], '"||"'],
    ['a IN [1, 2', 10, 1, 11, ['","', '"]"'], 'end of input'],
    ['a IN [1,, 2]', 8, 1, 9, ['a constant (list items are strings, numbers, true, false or null)'], '","'],
    ['a IN [1, [2]]', 9, 1, 10, ['a constant (list items are strings, numbers, true, false or null)'], '"["'],
    ['a IN [b]', 6, 1, 7, ['a constant (list items are strings, numbers, true, false or null)'], '"b"'],
    ['a IN [1 2]', 8, 1, 9, ['","', '"]"'], '"2"'],
    ['a IN [1,]', 8, 1, 9, ['a constant (list items are strings, numbers, true, false or null)'], '"]"'],
    ['a == 1 b', 7, 1, 8, ['"AND"', '"OR"', 'end of input'], '"b"'],
    ['a == 1 2', 7, 1, 8, ['"AND"', '"OR"', 'end of input'], '"2"'],
    ['a == 1 == 2', 7, 1, 8, ['"AND"', '"OR"', 'end of input'], '"=="'],
    ['skills', 6, 1, 7, ['a comparison operator'], 'end of input', 'Expected a comparison operator after "skills" at line 1, column 7, found end of input'],
    ['"support"', 9, 1, 10, ['a comparison operator'], 'end of input'],
    ['true', 4, 1, 5, ['a comparison operator'], 'end of input'],
    ['NOT skills', 10, 1, 11, ['a comparison operator'], 'end of input'],
    ['skills AND a == 1', 7, 1, 8, ['a comparison operator'], '"AND"'],
    ['AND a == 1', 0, 1, 1, ['a condition'], '"AND"'],
    ['a == 1 AND', 10, 1, 11, ['a condition'], 'end of input', 'Expected a condition after "AND" at line 1, column 11, found end of input'],
    ['a == 1 OR OR b == 1', 10, 1, 11, ['a condition'], '"OR"'],
    ['a == AND', 5, 1, 6, ['a value'], '"AND"'],
    ['in == 1', 0, 1, 1, ['a condition'], '"in"'],
    ['a NOT b', 6, 1, 7, ['"IN"'], '"b"'],
    ['a NOT == 1', 6, 1, 7, ['"IN"'], '"=="'],
    ['a == 1 AND\n  b ==', 17, 2, 7, ['a value'], 'end of input'],
    ['a == 1 AND\r\n  b == 2)', 20, 2, 9, ['"AND"', '"OR"', 'end of input'], '")"'],
    ['first-name == "x"', 5, 1, 6, ['a comparison operator'], '"-"', 'Expected a comparison operator after "first" at line 1, column 6, found "-". Hyphens are not supported in TaskRouter expressions'],
    ['a == -', 5, 1, 6, ['a value'], '"-"'],
    ['a == 1.', 7, 1, 8, ['a digit after the decimal point'], 'end of input'],
    ['a == 1.x', 7, 1, 8, ['a digit after the decimal point'], '"x"'],
    ['a == "\\u12"', 8, 1, 9, ['4 hex digits after "\\u"'], '"1"'],
    ['taskrouter.currentDay == "Mon"', 0, 1, 1, ['"taskrouter.currentTime"', '"taskrouter.currentHour"', '"taskrouter.currentMin"', '"taskrouter.dayOfWeek"'], '"taskrouter.currentDay"'],
    ['taskrouter.currentTime.x == 1', 0, 1, 1, ['"taskrouter.currentTime"', '"taskrouter.currentHour"', '"taskrouter.currentMin"', '"taskrouter.dayOfWeek"'], '"taskrouter.currentTime.x"'],
    ['a. b == 1', 3, 1, 4, ['a key name'], '"b"', 'Expected a key name after "." at line 1, column 4, found "b". No spaces inside a key'],
    ['a .b == 1', 2, 1, 3, ['a comparison operator'], '"."', 'Expected a comparison operator after "a" at line 1, column 3, found ".". No spaces inside a key'],
    ['1 [0] == 1', 2, 1, 3, ['a comparison operator'], '"["', 'Expected a comparison operator after "1" at line 1, column 3, found "["'],
    ['a..b == 1', 2, 1, 3, ['a key name'], '"."', 'Expected a key name after "." at line 1, column 3, found "."'],
    ['a[-1] == 1', 2, 1, 3, ['an array index (0, 1, …) or a quoted key'], '"-1"'],
    ['a[1.5] == 1', 2, 1, 3, ['an array index (0, 1, …) or a quoted key'], '"1.5"'],
    ['a[x] == 1', 2, 1, 3, ['an array index (0, 1, …) or a quoted key'], '"x"'],
    ['a[0 == 1', 4, 1, 5, ['"]"'], '"=="'],
    ['a @ b', 2, 1, 3, ['a comparison operator'], '"@"'],
    ['a == 😀', 5, 1, 6, ['a value'], '"😀"'],
    ['. == 1', 0, 1, 1, ['a condition'], '"."'],
    ['a == "x" OR', 11, 1, 12, ['a condition'], 'end of input'],
    ['()', 1, 1, 2, ['a condition'], '")"'],
    ['NOT', 3, 1, 4, ['a condition'], 'end of input'],
    ['a == "' + 'x'.repeat(60) + '" b', 68, 1, 69, ['"AND"', '"OR"', 'end of input'], '"b"'],
  ];
  for (const [source, offset, line, column, expected, found, message] of cases) {
    it(`${JSON.stringify(source)} → line ${line}, column ${column}: found ${found}`, () => {
      const error = parseError(source);
      assert.deepEqual({ offset: error.offset, line: error.line, column: error.column, expected: error.expected, found: error.found }, { offset, line, column, expected, found });
      assert.equal(error.name, 'ParseError');
      assert.ok(error instanceof Error);
      assert.equal(error.source, source);
      assert.ok(error.message.startsWith(`Expected ${expected.length === 1 ? expected[0] : ''}`), error.message);
      assert.ok(error.message.includes(`at line ${line}, column ${column}, found ${found}`), error.message);
      if (message !== undefined) assert.equal(error.message, message);
      // The same words without the position, for a UI that shows line and column itself.
      assert.equal(error.description, error.message.replace(` at line ${line}, column ${column},`, ','));
    });
  }

  it('names the supported operators for an unknown one', () => {
    assert.match(parseError('a === 1').message, /Supported operators: ==, =, !=, >, <, >=, <=, HAS, >-, IN, <-, NOT IN, CONTAINS$/);
  });

  it('shortens long tokens in messages', () => {
    const error = parseError('a == "' + 'x'.repeat(60) + '" b');
    assert.match(error.message, /after '"x{36}\.\.\.' at/);
  });

  it('spans the offending token', () => {
    assert.deepEqual(parseError('a === 1').span, { start: 2, end: 5 });
    assert.deepEqual(parseError('tier == "gold').span, { start: 8, end: 13 });
    assert.deepEqual(parseError('taskrouter.foo == 1').span, { start: 0, end: 14 });
  });

  it(`rejects nesting deeper than ${MAX_NESTING} levels with a ParseError`, () => {
    const error = parseError(`${'('.repeat(MAX_NESTING + 1)}a == 1${')'.repeat(MAX_NESTING + 1)}`);
    assert.equal(error.offset, MAX_NESTING);
    assert.deepEqual(error.expected, [`at most ${MAX_NESTING} nested parentheses or NOTs`]);
    assert.equal(parseError(`${'NOT '.repeat(MAX_NESTING + 1)}a == 1`).found, '"NOT"');
    assert.equal(parseError('('.repeat(100_000)).found, '"("');
  });
});
