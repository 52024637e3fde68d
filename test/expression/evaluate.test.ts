import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import { compile, evaluate, type EvaluationContext } from '../../src/expression/index.js';

/** One worker's attributes, covering every JSON type the rules distinguish. */
const WORKER = {
  skills: ['support', 'sales'],
  languages: ['english'],
  tech_support_skill: 6,
  skill_str: '6',
  name: 'Alice Smith',
  tier: 'gold',
  level: 3,
  rating: 4.5,
  active: true,
  inactive: false,
  nothing: null,
  zero: 0,
  empty: '',
  neg: -2,
  list: [1, 2, 3],
  mixed: ['1', 2, true, null, { x: 1 }],
  object: { array: ['a', 'b', 'c'], attr: 'bar' },
  nested: { a: { b: 'deep' } },
};

/** [expression, expected] evaluated against `{ attributes: WORKER }`. */
const CASES: [string, boolean][] = [
  // equality and inequality
  ['1==1', true],
  ['1 == 2', false],
  ['0 != 1', true],
  ['"apple" != "orange"', true],
  ['tier == "gold"', true],
  ["tier = 'gold'", true],
  ['tier == "Gold"', false],
  ['tier != "gold"', false],
  ['tier != "silver"', true],
  ['level == 3', true],
  ['level == 3.0', true],
  ['rating == 4.5', true],
  ['active == true', true],
  ['active == TRUE', true],
  ['inactive == false', true],
  ['active != false', true],
  ['zero == false', false],
  ['empty == ""', true],
  ['neg == -2', true],
  ['neg < -1', true],
  ['1 == 1.0', true],
  ['"a" == \'a\'', true],
  ["'it\\'s' == \"it's\"", true],
  ['"a\\"b" == \'a"b\'', true],
  ['"\\u0041" == "A"', true],
  ['"tab\\there" CONTAINS "\t"', true],
  ['true != false', true],
  ['-1 < 0', true],
  // mixed types: unequal, unordered
  ['active == "true"', false],
  ['active != "true"', true],
  ['name > 5', false],
  ['name != 5', true],
  ['active > false', false],
  ['active < 1', false],
  // numbers stored as strings compare as numbers beside a number
  ['skill_str > 5', true],
  ['skill_str < 5', false],
  ['skill_str == 6', true],
  ['skill_str != 6', false],
  ['skill_str >= 6', true],
  ['skill_str <= 5.5', false],
  ['skill_str == "6"', true],
  ['tech_support_skill == "6"', true],
  ['tech_support_skill > "5"', true],
  ['skill_str > "10"', true], // two strings: lexicographic
  ['"1e3" == 1000', false], // only plain decimals count as numbers
  // ordering
  ['tech_support_skill > 5', true],
  ['tech_support_skill < 5', false],
  ['level >= 3', true],
  ['level <= 2', false],
  ['rating > 4.49', true],
  ['tier > "apple"', true],
  ['tier < "apple"', false],
  ['5 > 3', true],
  ['tier >= "gold"', true],
  // missing keys and null
  ['missing == "x"', false],
  ['missing != "x"', false],
  ['missing > 1', false],
  ['missing <= 1', false],
  ['missing == null', true],
  ['missing != null', false],
  ['tier != null', true],
  ['tier == null', false],
  ['null == missing', true],
  ['nothing == null', true],
  ['nothing != 1', false],
  ['nothing == nothing', false],
  ['missing == missing_too', false],
  ['missing CONTAINS "a"', false],
  ['missing HAS "a"', false],
  ['missing IN ["a"]', false],
  ['missing NOT IN ["a"]', false],
  ['NOT missing == "x"', true],
  ['missing.deeper.still == 1', false],
  ['tier.sub == null', true],
  ['list[10] == 1', false],
  ['null == null', true],
  ['tier != "gold" OR tier == null', false],
  // HAS / >-
  ['skills HAS "support"', true],
  ['skills HAS "billing"', false],
  ['skills >- "sales"', true],
  ["skills has 'sales'", true],
  ['skills Has "SALES"', false],
  ['list HAS 2', true],
  ['list HAS "2"', true],
  ['tier HAS "gold"', false],
  ['skills HAS ["support"]', false],
  ['mixed HAS true', true],
  ['mixed HAS 1', true],
  ['mixed HAS null', false],
  ['[1, 2] HAS 1', true],
  // IN / <- / NOT IN
  ['tier IN ["gold", "silver"]', true],
  ['tier in ["silver"]', false],
  ['tier <- ["gold"]', true],
  ['tier NOT IN ["silver"]', true],
  ['tier not in ["gold"]', false],
  ['level IN [1, 2, 3]', true],
  ['level IN ["3"]', true],
  ['1 IN [1.0, 2]', true],
  ['skills IN ["support"]', false],
  ['skills NOT IN ["x"]', false],
  ['tier IN "gold"', false],
  ['tier NOT IN "gold"', false],
  ['"support" IN skills', true],
  ['"billing" NOT IN skills', true],
  ['tier IN []', false],
  ['tier NOT IN []', true],
  ['active IN [true]', true],
  // CONTAINS: case-sensitive substring of strings
  ['name CONTAINS "Smith"', true],
  ['name contains "smith"', false],
  ['name CONTAINS ""', true],
  ['"hello world" CONTAINS "lo w"', true],
  ['skills CONTAINS "support"', false],
  ['level CONTAINS "3"', false],
  ['name CONTAINS ["Smith"]', false],
  // scalar operators on arrays and objects
  ['skills == "support"', false],
  ['skills != "support"', false],
  ['list > 0', false],
  ['object == "x"', false],
  ['object != "x"', false],
  // paths
  ['object.array[2] == "c"', true],
  ['object.attr == "bar"', true],
  ['object["attr"] == "bar"', true],
  ["object['array'][0] == 'a'", true],
  ['nested.a.b == "deep"', true],
  ['object.array HAS "a"', true],
  ['list[0] == 1', true],
  ['object[0] == null', true],
  ['skills.length == 2', false],
  ['toString == null', true], // only own properties are keys
  ['constructor == null', true],
  // logic and precedence
  ['tier == "gold" AND level > 5', false],
  ['tier == "gold" OR level > 5', true],
  ['tier == "x" OR level == 3 AND active == true', true],
  ['level == 3 OR level == 4 AND tier == "x"', true],
  ['(level == 3 OR level == 4) AND tier == "x"', false],
  ['tier == "gold" and level == 3 and active == true', true],
  ['tier == "gold" AnD level == 4 oR active == true', true],
  ['NOT (tier == "gold")', false],
  ['NOT tier == "silver"', true],
  ['NOT NOT tier == "gold"', true],
  ['NOT tier == "gold" OR level == 3', true],
  ['NOT (tier == "gold" OR level == 3)', false],
  ['not (skills HAS "support") AND level == 3', false],
  ['((((level == 3))))', true],
];

describe('evaluate: operator and type table', () => {
  it(`has at least 80 cases (${CASES.length})`, () => assert.ok(CASES.length >= 80));
  for (const [source, expected] of CASES) {
    it(`${source} → ${expected}`, () => {
      assert.equal(evaluate(source, { attributes: WORKER }), expected);
      assert.equal(compile(source)({ attributes: WORKER }), expected, 'compile() agrees with evaluate()');
    });
  }
});

describe('evaluate: the context', () => {
  it('reads attributes under `attributes`; a bare attribute object is an error, not a silent false', () => {
    assert.equal(evaluate('level > 5', { attributes: { level: '6' } }), true);
    assert.throws(() => evaluate('level > 5', { level: '6' } as never), /evaluate: the context takes attributes, task, worker and now, not "level" \(pass \{ attributes: \{ level: … \} \}\)/);
    assert.throws(() => evaluate('level > 5', null as never), /evaluate: the context must be an object/);
    assert.throws(() => evaluate('level > 5', { attributes: 5 } as never), /evaluate: context.attributes must be an object of attributes/);
  });
});

describe('evaluate: seed 004 TargetWorkers examples', () => {
  const alice = { skills: ['support', 'sales'], languages: ['english'] };
  const bob = { skills: ['sales'], languages: ['spanish', 'english'] };
  const matching = (source: string, workers: Record<string, unknown>) =>
    Object.entries(workers).filter(([, attributes]) => evaluate(source, { attributes })).map(([name]) => name);

  it('English support queue matches only Alice', () => {
    assert.deepEqual(matching('(skills HAS "support") AND (languages HAS "english")', { alice, bob }), ['alice']);
  });
  it('Spanish queue matches only Bob', () => {
    assert.deepEqual(matching('(languages HAS "spanish")', { alice, bob }), ['bob']);
  });
  it('1==1 matches everyone, including a worker without attributes', () => {
    assert.deepEqual(matching('1==1', { alice, bob, empty: {} }), ['alice', 'bob', 'empty']);
  });
  it('{"tech_support_skill": "6"} maps to Escalation (> 5), not Tier 1 (< 5)', () => {
    const attributes = JSON.parse('{"tech_support_skill": "6"}');
    assert.equal(evaluate('tech_support_skill > 5', { attributes }), true);
    assert.equal(evaluate('tech_support_skill < 5', { attributes }), false);
  });
  it('integer skills route by threshold', () => {
    assert.deepEqual(matching('tech_support_skill < 5', { junior: { tech_support_skill: 2 }, senior: { tech_support_skill: 8 }, none: {} }), ['junior']);
  });
});

describe('evaluate: prefixed keys and contexts', () => {
  const worker = {
    sid: 'WK1',
    friendly_name: 'alice',
    activity_name: 'Idle',
    activity_sid: 'WA1',
    attributes: { level: 4 },
    channel: {
      voice: { configured_capacity: 1, assigned_tasks: 0, available_capacity_percentage: 100 },
      chat: { configured_capacity: 4, assigned_tasks: 2, available_capacity_percentage: 50 },
    },
  };
  const task = { type: 'support', worker_sid: 'WK1', priority: 5 };
  const cases: [string, EvaluationContext, boolean][] = [
    // protocol.md §7 routing helpers
    ['worker.channel.voice.assigned_tasks == 0', { worker }, true],
    ['worker.channel.chat.available_capacity_percentage < 75', { worker }, true],
    ['worker.channel.voice.available_capacity_percentage < 75', { worker }, false],
    ['worker.channel.chat.configured_capacity >= 4', { worker }, true],
    ['worker.channel.sms.assigned_tasks == 0', { worker }, false],
    ['worker.channel.sms.assigned_tasks == null', { worker }, true],
    // target expressions mix task. and worker.
    ['task.worker_sid = worker.sid', { task, worker }, true],
    ['task.worker_sid == worker.friendly_name', { task, worker }, false],
    ['worker.activity_name == "Idle" AND task.type == "support"', { task, worker }, true],
    ['worker.attributes.level > task.priority', { task, worker }, false],
    ['task.type == "support"', { worker }, false],
    ['task.type == null', {}, true],
    // unprefixed keys read `attributes`
    ['type == "support"', { attributes: task }, true],
    ['type == "support"', { task }, false],
    ['type == null', { task }, true],
    ['sid == "WK1"', { worker }, false],
    // a key named like a prefix, without a dot, is an ordinary attribute
    ['task == "t"', { attributes: { task: 't' } }, true],
    ['worker[0] == 1', { attributes: { worker: [1] }, worker: [2] }, true],
  ];
  for (const [source, context, expected] of cases) {
    it(`${source} with ${Object.keys(context).join('+') || 'empty context'} → ${expected}`, () => {
      assert.equal(evaluate(source, context), expected);
    });
  }
});

describe('evaluate: taskrouter.* variables', () => {
  // Saturday 2024-01-06 09:05:30 UTC
  const now = Date.UTC(2024, 0, 6, 9, 5, 30);
  const cases: [string, boolean][] = [
    ['taskrouter.currentTime == 905', true],
    ['taskrouter.currentHour == 9', true],
    ['taskrouter.currentHour == "09"', true],
    ['taskrouter.currentHour > 8 AND taskrouter.currentHour < 18', true],
    ['taskrouter.currentTime > 0800 AND taskrouter.currentTime < 0930', true],
    ['taskrouter.currentMin == 5', true],
    ['taskrouter.dayOfWeek == "Sat"', true],
    ["taskrouter.dayOfWeek = 'Sat'", true],
    ['taskrouter.dayOfWeek IN ["Sat", "Sun"]', true],
    ['taskrouter.dayOfWeek NOT IN ["Sat", "Sun"]', false],
    ['taskrouter.currentTime >= 900 AND taskrouter.currentTime < 1700', true],
    ['taskrouter.currentTime > 1700 OR taskrouter.currentTime < 800', false],
  ];
  for (const [source, expected] of cases) {
    it(`${source} → ${expected}`, () => {
      assert.equal(evaluate(source, { now }), expected);
      assert.equal(evaluate(source, { now: new Date(now) }), expected, 'a Date works like a timestamp');
    });
  }
  it('names every day of the week', () => {
    const days = [0, 1, 2, 3, 4, 5, 6].map((offset) => {
      const day = Date.UTC(2024, 0, 1 + offset, 23, 59); // 2024-01-01 is a Monday
      return ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'].find((name) => evaluate(`taskrouter.dayOfWeek == "${name}"`, { now: day }));
    });
    assert.deepEqual(days, ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun']);
  });
  it('midnight is currentTime 0 and late evening is 2359', () => {
    assert.equal(evaluate('taskrouter.currentTime == 0', { now: Date.UTC(2024, 0, 1, 0, 0) }), true);
    assert.equal(evaluate('taskrouter.currentTime == 2359', { now: Date.UTC(2024, 0, 1, 23, 59, 59) }), true);
  });
  it('defaults to the current time', () => {
    assert.equal(evaluate('taskrouter.currentHour >= 0 AND taskrouter.currentHour <= 23', {}), true);
    assert.equal(evaluate('taskrouter.dayOfWeek IN ["Mon","Tue","Wed","Thu","Fri","Sat","Sun"]', {}), true);
  });
  it('reads the clock at each call of a compiled expression', () => {
    const weekend = compile('taskrouter.dayOfWeek IN ["Sat", "Sun"]');
    assert.equal(weekend({ now: Date.UTC(2024, 0, 6) }), true);
    assert.equal(weekend({ now: Date.UTC(2024, 0, 8) }), false);
  });
});

describe('comparison edges', () => {
  it('<= holds on equal values, numbers and strings', () => {
    assert.equal(evaluate('skill <= 5', { attributes: { skill: 5 } }), true);
    assert.equal(evaluate('skill <= 5', { attributes: { skill: '5' } }), true);
    assert.equal(evaluate('name <= "bob"', { attributes: { name: 'bob' } }), true);
  });

  it('orders strings by code unit, case first ("Z" < "a")', () => {
    assert.equal(evaluate('name < "a"', { attributes: { name: 'Z' } }), true);
    assert.equal(evaluate('name > "Z"', { attributes: { name: 'a' } }), true);
  });

  it('does not read "6." as a number', () => {
    assert.equal(evaluate('skill == 6', { attributes: { skill: '6.' } }), false);
    assert.equal(evaluate('skill > 5', { attributes: { skill: '6.' } }), false);
  });

  it('reads taskrouter.currentTime in UTC whatever the process time zone', () => {
    const saved = process.env.TZ;
    process.env.TZ = 'Asia/Kolkata';
    try {
      const now = Date.UTC(2024, 0, 1, 9, 5);
      assert.equal(evaluate('taskrouter.currentTime == 905', { now }), true);
      assert.equal(evaluate('taskrouter.currentHour == "09"', { now }), true);
    } finally {
      if (saved === undefined) delete process.env.TZ;
      else process.env.TZ = saved;
    }
  });
});
