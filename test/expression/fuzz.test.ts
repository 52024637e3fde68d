import assert from 'node:assert/strict';
import { describe, it, type TestContext } from 'node:test';

import { compile, type EvaluationContext, format, lineAndColumn, parse, ParseError, referencedKeys } from '../../src/expression/index.js';
import { seededRandom as random } from '../support/random.js';

type Random = () => number;
const pick = <T>(next: Random, items: readonly T[]): T => items[Math.floor(next() * items.length)];
const repeat = <T>(next: Random, min: number, max: number, make: () => T): T[] =>
  Array.from({ length: min + Math.floor(next() * (max - min + 1)) }, make);

const CONTEXT: EvaluationContext = {
  attributes: { a: 1, b: 'x', skills: ['support', 'sales'], level: '6', nested: { list: [1, 'two', null] }, flag: true, none: null },
  task: { x: 'x', priority: 3 },
  worker: { sid: 'WK1', channel: { voice: { assigned_tasks: 0, available_capacity_percentage: 100 } } },
  now: Date.UTC(2024, 0, 6, 9, 5),
};

/**
 * The robustness contract: `parse` returns a condition or throws a ParseError whose
 * position is inside the input, never anything else; a parsed AST compiles, evaluates
 * to a boolean, prints back to text that parses to the same canonical form and
 * evaluates the same way.
 */
function check(source: string): 'parsed' | 'rejected' {
  let ast;
  try {
    ast = parse(source);
  } catch (error) {
    if (!(error instanceof ParseError)) throw new Error(`${JSON.stringify(source)} threw a non-ParseError: ${error}`);
    assert.ok(error.offset >= 0 && error.offset <= source.length, `offset ${error.offset} outside ${JSON.stringify(source)}`);
    assert.ok(error.span.start <= error.offset && error.span.end <= source.length);
    assert.deepEqual({ line: error.line, column: error.column }, lineAndColumn(source, error.offset));
    assert.ok(error.expected.length > 0 && error.found.length > 0);
    assert.ok(error.message.includes(`at line ${error.line}, column ${error.column}, found ${error.found}`), error.message);
    return 'rejected';
  }
  assert.ok(ast.type === 'Comparison' || ast.type === 'Not' || ast.type === 'Logical', `${JSON.stringify(source)} parsed to ${ast.type}`);
  assert.ok(ast.span.start >= 0 && ast.span.end <= source.length);
  for (const key of referencedKeys(ast)) assert.equal(source.slice(key.span.start, key.span.end), key.text);
  const result = compile(ast)(CONTEXT);
  assert.equal(typeof result, 'boolean');
  const canonical = format(ast);
  assert.equal(format(parse(canonical)), canonical, `canonical text of ${JSON.stringify(source)} is not stable`);
  assert.equal(compile(canonical)(CONTEXT), result, `canonical text of ${JSON.stringify(source)} evaluates differently`);
  assert.equal(compile(`NOT (${canonical})`)(CONTEXT), !result);
  return 'parsed';
}

/** Runs `check` over generated inputs and reports how many parsed and how many were rejected. */
function feed(t: TestContext, label: string, count: number, generate: () => string): { parsed: number; rejected: number } {
  const tally = { parsed: 0, rejected: 0 };
  for (let i = 0; i < count; i++) tally[check(generate())]++;
  t.diagnostic(`${label}: ${count} inputs, ${tally.parsed} parsed, ${tally.rejected} rejected with a ParseError`);
  return tally;
}

const CHARACTERS = [
  ...'abcxyzANDORNOTINHAS_0123456789',
  ' ', ' ', ' ', '\n', '\t', '\r', '"', "'", '\\', '=', '!', '<', '>', '-', '&', '|', '(', ')', '[', ']', ',', '.', '@', 'é', '😀', '\ud800',
];

const TOKENS = [
  'a', 'b', 'skills', 'level', 'nested.list[1]', 'a["k"]', 'a[0]', 'task.x', 'worker.sid', 'worker.channel.voice.assigned_tasks',
  'taskrouter.currentTime', 'taskrouter.dayOfWeek', 'taskrouter.nope', 'task', 'a.', 'a[', 'a]',
  '"str"', "'s\\'q'", '"unterminated', '1', '-2', '3.5', '1.', '-', 'true', 'FALSE', 'null',
  '==', '=', '!=', '>', '<', '>=', '<=', '>-', '<-', '===', '<>', '&&', '||', '!', '=>',
  'AND', 'and', 'OR', 'or', 'NOT', 'not', 'IN', 'in', 'NOT IN', 'HAS', 'has', 'CONTAINS',
  '(', ')', '[', ']', ',', '[1, 2]', '["a","b"]', '[]', '.',
];

const OPERANDS = TOKENS.filter((token) => /^[a-z"'\[\d-]/i.test(token) && !/^(and|or|not|in|has|contains)/i.test(token));
const OPERATORS = ['==', '=', '!=', '>', '<', '>=', '<=', '>-', '<-', 'IN', 'in', 'NOT IN', 'HAS', 'has', 'CONTAINS'];
const CONNECTORS = ['AND', 'and', 'OR', 'or', 'AND NOT', 'OR ('];

const VALID = [
  '(skills HAS "support") AND (languages HAS "english")',
  'tech_support_skill > 5 OR 1==1',
  'task.worker_sid = worker.sid AND NOT (worker.activity_name IN ["Break", "Offline"])',
  'worker.channel.chat.available_capacity_percentage < 75 and taskrouter.dayOfWeek not in ["Sat", "Sun"]',
  "name CONTAINS 'smith' OR nested.list[2] == null OR a[\"b c\"] >- -1.5",
];

/** Grammar-driven generator of valid expressions, to check they all parse and round-trip. */
function validExpression(next: Random, depth = 0): string {
  const roll = next();
  if (depth < 4 && roll < 0.25) {
    return repeat(next, 2, 4, () => validExpression(next, depth + 1)).join(pick(next, [' AND ', ' OR ', ' and ', ' or ']));
  }
  if (depth < 4 && roll < 0.35) return `NOT ${validExpression(next, depth + 1)}`;
  if (depth < 4 && roll < 0.45) return `(${validExpression(next, depth + 1)})`;
  const operand = (): string =>
    pick(next, [
      () => pick(next, ['a', 'b', 'skills', 'level', 'nested.list[0]', 'nested["list"][1]', 'task.x', 'worker.channel.voice.assigned_tasks', 'taskrouter.currentMin', 'missing']),
      () => JSON.stringify(pick(next, ['x', 'support', 'two', 'say "hi"', ''])),
      () => String(Math.round((next() - 0.5) * 2000) / pick(next, [1, 10, 100])),
      () => pick(next, ['true', 'false', 'null']),
      () => `[${repeat(next, 0, 3, () => pick(next, ['1', '"x"', "'two'", 'true', 'null', '-0.5'])).join(', ')}]`,
    ])();
  const operator = pick(next, ['==', '=', '!=', '>', '<', '>=', '<=', 'HAS', '>-', 'IN', '<-', 'NOT IN', 'CONTAINS', 'has', 'in', 'not in', 'contains']);
  return `${operand()} ${operator} ${operand()}`;
}

describe('parse robustness (seeded fuzzing)', () => {
  it('random character strings give an AST or a ParseError', { timeout: 30_000 }, (t) => {
    const next = random(1);
    feed(t, 'random strings', 5000, () => repeat(next, 0, 40, () => pick(next, CHARACTERS)).join(''));
  });

  it('random token sequences give an AST or a ParseError', { timeout: 30_000 }, (t) => {
    const next = random(2);
    feed(t, 'random token sequences', 5000, () => repeat(next, 1, 14, () => pick(next, TOKENS)).join(next() < 0.8 ? ' ' : ''));
  });

  it('mostly grammatical token sequences give an AST or a ParseError', { timeout: 30_000 }, (t) => {
    const next = random(5);
    // Tokens follow the operand/operator/operand/connector rhythm, with one in ten swapped for any token.
    const roles = [OPERANDS, OPERATORS, OPERANDS, CONNECTORS];
    const { parsed, rejected } = feed(t, 'mostly grammatical token sequences', 5000, () =>
      repeat(next, 1, 3, () => roles.map((role) => pick(next, next() < 0.1 ? TOKENS : role)))
        .flat()
        .slice(0, -1)
        .join(' '),
    );
    assert.ok(parsed > 500 && rejected > 500, 'the generator exercises both outcomes');
  });

  it('mutated valid expressions give an AST or a ParseError', { timeout: 30_000 }, (t) => {
    const next = random(3);
    feed(t, 'mutated expressions', 3000, () => {
      let text = pick(next, VALID);
      for (let edits = 1 + Math.floor(next() * 3); edits > 0; edits--) {
        const at = Math.floor(next() * (text.length + 1));
        const kind = next();
        if (kind < 0.4) text = text.slice(0, at) + text.slice(at + 1);
        else if (kind < 0.8) text = text.slice(0, at) + pick(next, CHARACTERS) + text.slice(at);
        else text = text.slice(0, at);
      }
      return text;
    });
  });

  it('grammar-generated expressions all parse and round-trip', { timeout: 30_000 }, (t) => {
    const next = random(4);
    const { rejected } = feed(t, 'generated valid expressions', 2000, () => validExpression(next));
    assert.equal(rejected, 0);
  });
});
