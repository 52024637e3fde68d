import type { ComparisonOperator } from './ast.js';

/**
 * Semantics of each comparison operator on two already-resolved values.
 * The rules are documented on {@link compile} in evaluator.ts; missing keys arrive here as `null`.
 */
export type OperatorFunction = (left: unknown, right: unknown) => boolean;

type Scalar = string | number | boolean;

/** A non-null string, number or boolean: the only values scalar operators accept. */
function isScalar(value: unknown): value is Scalar {
  const type = typeof value;
  return type === 'string' || type === 'number' || type === 'boolean';
}

const NUMERIC_STRING = /^\s*-?\d+(\.\d+)?\s*$/;

/** A number, or a string that spells one (`"6"`, ` -2.5 `), as a number; undefined for anything else. */
export function numericValue(value: unknown): number | undefined {
  if (typeof value === 'number') return value;
  return typeof value === 'string' && NUMERIC_STRING.test(value) ? Number(value) : undefined;
}

/** `"6"` → 6 when the other side is a number; everything else unchanged. */
function asNumberBeside(value: Scalar, other: Scalar): Scalar {
  return typeof other === 'number' ? (numericValue(value) ?? value) : value;
}

/** Equality of two scalars, with a numeric string equal to the number it spells. */
export function scalarEquals(left: Scalar, right: Scalar): boolean {
  if (typeof left === typeof right) return left === right;
  return asNumberBeside(left, right) === asNumberBeside(right, left);
}

/** Sign of `left - right` for two numbers (after numeric-string coercion) or two strings; `undefined` otherwise. */
function order(left: unknown, right: unknown): number | undefined {
  if (typeof left === 'number' && typeof right === 'number') return left - right;
  if (!isScalar(left) || !isScalar(right)) return undefined;
  const a = asNumberBeside(left, right);
  const b = asNumberBeside(right, left);
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  if (typeof a === 'string' && typeof b === 'string') return a < b ? -1 : a > b ? 1 : 0;
  return undefined;
}

/** `element` is a scalar equal to `value`. */
function includesScalar(list: unknown[], value: Scalar): boolean {
  for (const element of list) {
    if (isScalar(element) && scalarEquals(element, value)) return true;
  }
  return false;
}

function inList(left: unknown, right: unknown): boolean | undefined {
  return isScalar(left) && Array.isArray(right) ? includesScalar(right, left) : undefined;
}

export const OPERATORS: Record<ComparisonOperator, OperatorFunction> = {
  '==': (left, right) => isScalar(left) && isScalar(right) && scalarEquals(left, right),
  '!=': (left, right) => isScalar(left) && isScalar(right) && !scalarEquals(left, right),
  '>': (left, right) => (order(left, right) ?? NaN) > 0,
  '<': (left, right) => (order(left, right) ?? NaN) < 0,
  '>=': (left, right) => (order(left, right) ?? NaN) >= 0,
  '<=': (left, right) => (order(left, right) ?? NaN) <= 0,
  CONTAINS: (left, right) => typeof left === 'string' && typeof right === 'string' && left.includes(right),
  HAS: (left, right) => Array.isArray(left) && isScalar(right) && includesScalar(left, right),
  IN: (left, right) => inList(left, right) === true,
  'NOT IN': (left, right) => inList(left, right) === false,
};

/** `key == null` / `key != null`: tests whether a key is missing (or JSON null). */
export function nullTest(operator: '==' | '!='): (value: unknown) => boolean {
  return operator === '==' ? (value) => value === null || value === undefined : (value) => value !== null && value !== undefined;
}
