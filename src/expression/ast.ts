/**
 * AST node types of the TaskRouter expression language.
 *
 * Every node carries `type` (the discriminant) and `span` (offsets into the
 * source string, `end` exclusive) so tools can point at the exact text.
 */

/** A half-open range `[start, end)` of UTF-16 offsets into the source. */
export interface SourceSpan {
  start: number;
  end: number;
}

/** Where a key reads its value from. */
export type KeyScope = 'attributes' | 'task' | 'worker' | 'taskrouter';

/** A scalar constant written in the expression (`"a"`, `'a'`, `1.5`, `-3`, `true`, `null`). */
export type ScalarValue = string | number | boolean | null;

/** Canonical comparison operators; aliases are folded in (`=` → `==`, `>-` → `HAS`, `<-` → `IN`). */
export type ComparisonOperator = '==' | '!=' | '>' | '<' | '>=' | '<=' | 'HAS' | 'IN' | 'NOT IN' | 'CONTAINS';

/** Logical connectives, n-ary so long chains do not build deep trees. */
export type LogicalOperator = 'AND' | 'OR';

/** A scalar constant. */
export interface Literal {
  type: 'Literal';
  value: ScalarValue;
  span: SourceSpan;
}

/** A list constant `[c1, c2, …]` of scalar constants. */
export interface ListLiteral {
  type: 'ListLiteral';
  items: Literal[];
  span: SourceSpan;
}

/**
 * A reference to a JSON value: `skills`, `object.array[2]`, `task.type`,
 * `worker.channel.voice.assigned_tasks`, `taskrouter.dayOfWeek`.
 * `path` excludes the scope prefix; `text` is the source text.
 */
export interface Key {
  type: 'Key';
  scope: KeyScope;
  path: (string | number)[];
  text: string;
  span: SourceSpan;
}

/** Anything that can stand on either side of a comparison operator. */
export type Operand = Literal | ListLiteral | Key;

/** `left <operator> right`. */
export interface Comparison {
  type: 'Comparison';
  operator: ComparisonOperator;
  /** The operator as written (`=`, `>-`, `not  in`, …). */
  operatorText: string;
  operatorSpan: SourceSpan;
  left: Operand;
  right: Operand;
  span: SourceSpan;
}

/** `NOT <condition>`. */
export interface Not {
  type: 'Not';
  operand: Condition;
  span: SourceSpan;
}

/** `a AND b AND c` or `a OR b OR c` (at least two operands). */
export interface Logical {
  type: 'Logical';
  operator: LogicalOperator;
  operands: Condition[];
  span: SourceSpan;
}

/** A node that evaluates to a boolean; the root of every parsed expression is one. */
export type Condition = Comparison | Not | Logical;

/** Any AST node. */
export type Expression = Condition | Operand;
