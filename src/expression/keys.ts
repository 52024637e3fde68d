import type { Expression, Key, KeyScope, SourceSpan } from './ast.js';
import { parse } from './parser.js';

/** One key an expression reads. */
export interface KeyReference {
  /** `attributes` for unprefixed keys, otherwise the prefix (`task.`, `worker.`, `taskrouter.`). */
  scope: KeyScope;
  /** Path below the scope: `worker.channel.voice.assigned_tasks` → `["channel", "voice", "assigned_tasks"]`. */
  path: (string | number)[];
  /** The key as written. */
  text: string;
  span: SourceSpan;
}

/**
 * Lists the keys an expression reads, in source order, one entry per occurrence
 * (used for the queue editor's preview and the engine's attribute indexes).
 *
 * @throws {ParseError} when `source` is text that does not parse.
 */
export function referencedKeys(source: string | Expression): KeyReference[] {
  const keys: KeyReference[] = [];
  collect(typeof source === 'string' ? parse(source) : source, keys);
  return keys;
}

function collect(node: Expression, into: KeyReference[]): void {
  switch (node.type) {
    case 'Key':
      into.push(toReference(node));
      break;
    case 'Comparison':
      collect(node.left, into);
      collect(node.right, into);
      break;
    case 'Not':
      collect(node.operand, into);
      break;
    case 'Logical':
      for (const operand of node.operands) collect(operand, into);
      break;
    case 'Literal':
    case 'ListLiteral':
      break;
  }
}

function toReference(key: Key): KeyReference {
  return { scope: key.scope, path: [...key.path], text: key.text, span: { ...key.span } };
}
