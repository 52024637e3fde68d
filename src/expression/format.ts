import type { Condition, Expression, ScalarValue } from './ast.js';

/**
 * Prints an AST back as canonical expression text that parses to the same tree
 * (spans aside): upper-case keywords, canonical operators, double-quoted strings,
 * parentheses only where AND/OR nesting needs them and around NOT's operand.
 */
export function format(node: Expression): string {
  switch (node.type) {
    case 'Literal':
      return formatScalar(node.value);
    case 'ListLiteral':
      return `[${node.items.map((item) => formatScalar(item.value)).join(', ')}]`;
    case 'Key':
      return node.text;
    case 'Comparison':
      return `${format(node.left)} ${node.operator} ${format(node.right)}`;
    case 'Not':
      return node.operand.type === 'Not' ? `NOT ${format(node.operand)}` : `NOT (${format(node.operand)})`;
    case 'Logical':
      return node.operands.map((operand) => (needsParentheses(operand, node.operator) ? `(${format(operand)})` : format(operand))).join(` ${node.operator} `);
  }
}

/** A nested AND/OR chain is grouped unless it is an AND inside an OR (precedence makes that implicit). */
function needsParentheses(operand: Condition, parent: 'AND' | 'OR'): boolean {
  return operand.type === 'Logical' && !(operand.operator === 'AND' && parent === 'OR');
}

function formatScalar(value: ScalarValue): string {
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'number') return formatNumber(value);
  return String(value);
}

/** Shortest round-trip decimal, in plain notation since the grammar has no exponents (`1e-7` → `0.0000001`). */
function formatNumber(value: number): string {
  if (!Number.isFinite(value)) throw new TypeError(`Cannot write ${value} in an expression`);
  const text = String(value);
  const exponentAt = text.indexOf('e');
  if (exponentAt < 0) return text;
  const sign = text.startsWith('-') ? '-' : '';
  const mantissa = text.slice(sign.length, exponentAt);
  const digits = mantissa.replace('.', '');
  const pointAt = (mantissa.includes('.') ? mantissa.indexOf('.') : mantissa.length) + Number(text.slice(exponentAt + 1));
  if (pointAt <= 0) return `${sign}0.${'0'.repeat(-pointAt)}${digits}`;
  if (pointAt >= digits.length) return `${sign}${digits}${'0'.repeat(pointAt - digits.length)}`;
  return `${sign}${digits.slice(0, pointAt)}.${digits.slice(pointAt)}`;
}
