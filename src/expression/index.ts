/**
 * TaskRouter expression language: TaskQueue `target_workers`, workflow filter and
 * target expressions, `skip_if`. Pure TypeScript, no I/O, safe under a strict CSP.
 *
 * @example
 * const matches = compile('(skills HAS "support") AND (languages HAS "english")');
 * matches({ attributes: { skills: ['support'], languages: ['english'] } }); // true
 */
export type {
  Comparison,
  ComparisonOperator,
  Condition,
  Expression,
  Key,
  KeyScope,
  ListLiteral,
  Literal,
  Logical,
  LogicalOperator,
  Not,
  Operand,
  ScalarValue,
  SourceSpan,
} from './ast.js';
export { ParseError, lineAndColumn } from './errors.js';
export { parse, MAX_NESTING, TASKROUTER_VARIABLES } from './parser.js';
export { hasKeyPath, type EvaluationContext } from './context.js';
export { compile, evaluate, type CompiledExpression } from './evaluator.js';
export { referencedKeys, type KeyReference } from './keys.js';
export { numericValue } from './operators.js';
export { format } from './format.js';
