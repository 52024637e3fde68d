import type { Comparison, Condition, Expression, Operand } from './ast.js';
import { type EvaluationContext, keyReader, type KeyReader } from './context.js';
import { format } from './format.js';
import { type KeyReference, referencedKeys } from './keys.js';
import { nullTest, OPERATORS } from './operators.js';
import { parse } from './parser.js';

/** An expression turned into a predicate once; call it per worker or task. */
export interface CompiledExpression {
  (context: EvaluationContext): boolean;
  /** The expression text (re-printed from the AST when compiled from one). */
  readonly source: string;
  readonly ast: Expression;
  /** Every key the expression reads, in source order. */
  readonly keys: KeyReference[];
}

type Predicate = (context: EvaluationContext) => boolean;

/**
 * Compiles an expression into a predicate built from closures (no `eval`, no
 * `new Function`, so it runs under a strict CSP). Parse once, call many times.
 *
 * Evaluation rules (TaskRouter's documented behaviour where it has one, our decision otherwise):
 *
 * - **Missing keys.** A key absent from the JSON (or a prefix whose object is not given,
 *   e.g. no `attributes`) resolves to `null`, never an exception.
 * - **Null.** Every comparison with a `null` operand is false, including `!=`:
 *   `tier != "gold"` does not match a worker without `tier` (SQL-like: unknown is not a
 *   match). The one exception is comparing with the `null` literal, which tests presence:
 *   `tier == null` is true when `tier` is missing or JSON null, `tier != null` when it is
 *   present. To include workers without the key: `tier != "gold" OR tier == null`.
 * - **Scalar operators** (`== != > < >= <= CONTAINS`) need two scalars; with an array or
 *   object on either side they are false (`!=` too).
 * - **Numbers stored as strings.** When one side is a number and the other a string spelling
 *   a decimal number (`"6"`, `" -2.5 "`), the string is compared as that number, for
 *   equality and ordering alike: `{"tech_support_skill": "6"}` matches
 *   `tech_support_skill > 5` and `tech_support_skill == 6`, as the TaskQueue reference's
 *   EvaluateWorkerAttributes example expects. Two strings compare as strings
 *   (`"10" < "9"`), never as numbers.
 * - **Other mixed types** are unequal (`true == "true"` is false, `!=` is true) and
 *   unordered (`>` etc. are false). Booleans are unordered.
 * - **CONTAINS** is a case-sensitive substring test on two strings (like `==`, which is
 *   case-sensitive); anything else is false.
 * - **HAS** (`>-`): the left side must be an array; true when one of its scalar elements
 *   equals the right-hand scalar (same equality as `==`).
 * - **IN** (`<-`) / **NOT IN**: the left side must be a scalar and the right side an array;
 *   true when the scalar is (not) among its elements. Any other shape is false for both,
 *   so `NOT IN` is not the plain negation of `IN`: a missing key, an array on the left or
 *   a scalar on the right make both false.
 * - **NOT** negates the whole condition that follows it (a comparison, a parenthesised
 *   expression or another NOT): `NOT tier == "gold"` matches a worker without `tier`.
 * - **AND / OR** short-circuit from left to right.
 * - **taskrouter.\*** read `context.now` in UTC: `currentTime` = HHMM as an integer
 *   (09:05 → 905, so `taskrouter.currentTime > 0800` works), `currentHour` = `"HH"` (a
 *   string, as the time-of-day doc says; `currentHour > 8` compares it as a number),
 *   `currentMin` = integer minute, `dayOfWeek` = `"Mon"` … `"Sun"`.
 *
 * @param source expression text, or an AST from {@link parse}.
 * @throws {ParseError} when `source` is text that does not parse.
 */
export function compile(source: string | Expression): CompiledExpression {
  const ast = typeof source === 'string' ? parse(source) : source;
  if (!isCondition(ast)) {
    throw new TypeError(`compile() needs a condition, got a ${ast.type} node`);
  }
  const predicate = compileCondition(ast);
  // The top-level closure is fresh for every compile() call, so it can carry the metadata itself.
  const compiled = predicate as CompiledExpression;
  Object.defineProperties(compiled, {
    source: { value: typeof source === 'string' ? source : format(ast), enumerable: true },
    ast: { value: ast, enumerable: true },
    keys: { value: referencedKeys(ast), enumerable: true },
  });
  return compiled;
}

/** The keys of an EvaluationContext. */
const CONTEXT_KEYS = new Set(['attributes', 'task', 'worker', 'now']);

/**
 * Parses and evaluates in one step. Convenient for one-off checks; for anything
 * evaluated repeatedly use {@link compile} (this parses on every call).
 */
export function evaluate(source: string, context: EvaluationContext): boolean {
  if (typeof context !== 'object' || context === null) throw new TypeError('evaluate: the context must be an object: { attributes, task, worker, now }');
  // A bare attribute object would make every key missing and every expression false, silently.
  const stray = Object.keys(context).find((key) => !CONTEXT_KEYS.has(key));
  if (stray !== undefined) throw new TypeError(`evaluate: the context takes attributes, task, worker and now, not "${stray}" (pass { attributes: { ${stray}: … } })`);
  const scope = (['attributes', 'task', 'worker'] as const).find((key) => context[key] !== undefined && (typeof context[key] !== 'object' || context[key] === null));
  if (scope !== undefined) throw new TypeError(`evaluate: context.${scope} must be an object of attributes`);
  return compileCondition(parse(source))(context);
}

function isCondition(node: Expression): node is Condition {
  return node.type === 'Comparison' || node.type === 'Not' || node.type === 'Logical';
}

function compileCondition(node: Condition): Predicate {
  switch (node.type) {
    case 'Comparison':
      return compileComparison(node);
    case 'Not': {
      const operand = compileCondition(node.operand);
      return (context) => !operand(context);
    }
    case 'Logical': {
      const operands = node.operands.map(compileCondition);
      return node.operator === 'AND' ? allOf(operands) : anyOf(operands);
    }
  }
}

function allOf(predicates: Predicate[]): Predicate {
  if (predicates.length === 2) {
    const [a, b] = predicates;
    return (context) => a(context) && b(context);
  }
  return (context) => {
    for (const predicate of predicates) if (!predicate(context)) return false;
    return true;
  };
}

function anyOf(predicates: Predicate[]): Predicate {
  if (predicates.length === 2) {
    const [a, b] = predicates;
    return (context) => a(context) || b(context);
  }
  return (context) => {
    for (const predicate of predicates) if (predicate(context)) return true;
    return false;
  };
}

function compileComparison(node: Comparison): Predicate {
  const { operator, left, right } = node;
  if ((operator === '==' || operator === '!=') && (isNullLiteral(left) || isNullLiteral(right))) {
    const test = nullTest(operator);
    const other = operandReader(isNullLiteral(left) ? right : left);
    return (context) => test(other(context));
  }
  const apply = OPERATORS[operator];
  const readLeft = operandReader(left);
  const readRight = operandReader(right);
  return (context) => apply(readLeft(context), readRight(context));
}

function isNullLiteral(operand: Operand): boolean {
  return operand.type === 'Literal' && operand.value === null;
}

function operandReader(operand: Operand): KeyReader {
  switch (operand.type) {
    case 'Key':
      return keyReader(operand);
    case 'Literal': {
      const value = operand.value;
      return () => value;
    }
    case 'ListLiteral': {
      const values = Object.freeze(operand.items.map((item) => item.value));
      return () => values;
    }
  }
}
