import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import { compile, format, parse, ParseError, referencedKeys } from '../../src/expression/index.js';

describe('referencedKeys', () => {
  it('lists every key in source order with scope, path, text and span', () => {
    const source = 'skills HAS "support" AND (task.customer.tier IN ["gold"] OR worker.channel.voice.assigned_tasks == 0) AND NOT taskrouter.dayOfWeek == "Sun" AND a[0]["b"] == skills';
    assert.deepEqual(referencedKeys(source), [
      { scope: 'attributes', path: ['skills'], text: 'skills', span: { start: 0, end: 6 } },
      { scope: 'task', path: ['customer', 'tier'], text: 'task.customer.tier', span: { start: 26, end: 44 } },
      { scope: 'worker', path: ['channel', 'voice', 'assigned_tasks'], text: 'worker.channel.voice.assigned_tasks', span: { start: 60, end: 95 } },
      { scope: 'taskrouter', path: ['dayOfWeek'], text: 'taskrouter.dayOfWeek', span: { start: 110, end: 130 } },
      { scope: 'attributes', path: ['a', 0, 'b'], text: 'a[0]["b"]', span: { start: 144, end: 153 } },
      { scope: 'attributes', path: ['skills'], text: 'skills', span: { start: 157, end: 163 } },
    ]);
  });

  it('spans slice the key text out of the source', () => {
    const source = 'a.b == 1 OR\n  c[2] IN [1] OR "x" IN d';
    for (const key of referencedKeys(source)) assert.equal(source.slice(key.span.start, key.span.end), key.text);
  });

  it('is empty for constant expressions', () => {
    assert.deepEqual(referencedKeys('1==1'), []);
    assert.deepEqual(referencedKeys('"a" IN ["a", "b"]'), []);
  });

  it('accepts an AST and returns copies that do not alias it', () => {
    const ast = parse('a.b == 1');
    const [key] = referencedKeys(ast);
    key.path.push('mutated');
    assert.deepEqual(referencedKeys(ast)[0].path, ['a', 'b']);
  });

  it('throws the ParseError for bad text', () => {
    assert.throws(() => referencedKeys('a =='), ParseError);
  });
});

describe('compile', () => {
  it('exposes source, ast and keys', () => {
    const matches = compile('level >= 3 AND task.type == "x"');
    assert.equal(matches.source, 'level >= 3 AND task.type == "x"');
    assert.equal(matches.ast.type, 'Logical');
    assert.deepEqual(matches.keys.map((key) => key.text), ['level', 'task.type']);
  });

  it('compiles an AST without re-parsing and prints its source', () => {
    const ast = parse("tier = 'gold' and not (skills has 'x')");
    const matches = compile(ast);
    assert.equal(matches.ast, ast);
    assert.equal(matches.source, 'tier == "gold" AND NOT (skills HAS "x")');
    assert.equal(matches({ attributes: { tier: 'gold', skills: ['y'] } }), true);
  });

  it('refuses an operand node, which is not a condition', () => {
    const ast = parse('a == 1');
    assert.ok(ast.type === 'Comparison');
    assert.throws(() => compile(ast.left), /compile\(\) needs a condition, got a Key node/);
  });

  it('reuses the compiled closures: no parsing per call', () => {
    // A compiled expression keeps working after its AST is mutated: the closures were built once.
    const matches = compile('level > 1');
    const ast = matches.ast;
    assert.ok(ast.type === 'Comparison' && ast.right.type === 'Literal');
    ast.right.value = 100;
    assert.equal(matches({ attributes: { level: 2 } }), true);
  });

  it('works with eval and Function unavailable (strict CSP)', () => {
    const globals = globalThis as unknown as Record<string, unknown>;
    const saved = { eval: globals.eval, Function: globals.Function };
    const forbidden = () => {
      throw new Error('code generation is forbidden');
    };
    globals.eval = forbidden;
    globals.Function = forbidden;
    try {
      const matches = compile('skills HAS "support" AND (level >= 3 OR tier IN ["gold"]) AND NOT name CONTAINS "bot"');
      assert.equal(matches({ attributes: { skills: ['support'], level: 1, tier: 'gold', name: 'ann' } }), true);
      assert.equal(matches({ attributes: { skills: ['support'], level: 1, tier: 'gold', name: 'robot' } }), false);
    } finally {
      Object.assign(globals, saved);
    }
  });

  it('evaluates long chains without deep recursion', () => {
    const keys = Array.from({ length: 10_000 }, (_, i) => `k${i}`);
    const attributes = Object.fromEntries(keys.map((key, i) => [key, i]));
    assert.equal(compile(keys.map((key, i) => `${key} == ${i}`).join(' AND '))({ attributes }), true);
    assert.equal(compile(keys.map((key) => `${key} == -1`).join(' OR '))({ attributes }), false);
  });

  it('short-circuits AND / OR from the left', () => {
    let reads = 0;
    const attributes = {
      get first() {
        reads++;
        return 1;
      },
      get second() {
        reads++;
        return 2;
      },
    };
    compile('first == 0 AND second == 2')({ attributes });
    assert.equal(reads, 1);
    compile('first == 1 OR second == 2')({ attributes });
    assert.equal(reads, 2);
  });
});

describe('format', () => {
  const cases: [string, string][] = [
    ["tier = 'gold'", 'tier == "gold"'],
    ['a >- 1 or b <- [1,2] and c not in []', 'a HAS 1 OR b IN [1, 2] AND c NOT IN []'],
    ['(a == 1 OR b == 2) AND c == 3', '(a == 1 OR b == 2) AND c == 3'],
    ['a == 1 AND (b == 2 AND c == 3)', 'a == 1 AND (b == 2 AND c == 3)'],
    ['not not a == 1', 'NOT NOT (a == 1)'],
    ['a == "say \\"hi\\"\\n"', 'a == "say \\"hi\\"\\n"'],
    ['a == 100000000000000000000000000000', 'a == 100000000000000000000000000000'],
    ['a == -12345678901234567890123.5', 'a == -12345678901234568000000'],
    ['a == -0.000000012345', 'a == -0.000000012345'],
    ['a == 0.0000001', 'a == 0.0000001'],
    ['x["a b"][0] == null', 'x["a b"][0] == null'],
  ];
  for (const [source, expected] of cases) {
    it(`${source} → ${expected}`, () => {
      assert.equal(format(parse(source)), expected);
      assert.equal(format(parse(expected)), expected, 'canonical text is stable');
    });
  }
});
