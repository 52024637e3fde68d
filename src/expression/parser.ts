import type {
  Comparison,
  ComparisonOperator,
  Condition,
  Key,
  KeyScope,
  ListLiteral,
  Literal,
  Operand,
  SourceSpan,
} from './ast.js';
import { lineAndColumn, ParseError, type ParseErrorDetails } from './errors.js';
import { type Token, type TokenKind, Tokenizer } from './tokenizer.js';

/** Names accepted after `taskrouter.`. */
export const TASKROUTER_VARIABLES = ['currentTime', 'currentHour', 'currentMin', 'dayOfWeek'] as const;

/** Nesting limit for parentheses and NOT, so hostile input fails with a ParseError instead of a stack overflow. */
export const MAX_NESTING = 200;

const RESERVED = new Set(['AND', 'OR', 'NOT', 'IN', 'HAS', 'CONTAINS']);
const CONSTANT_WORDS: Record<string, boolean | null> = { TRUE: true, FALSE: false, NULL: null };
const SYMBOL_ALIASES: Record<string, ComparisonOperator> = {
  '==': '==', '=': '==', '!=': '!=', '>': '>', '<': '<', '>=': '>=', '<=': '<=', '>-': 'HAS', '<-': 'IN',
};
const WORD_OPERATORS: Record<string, ComparisonOperator> = { HAS: 'HAS', IN: 'IN', CONTAINS: 'CONTAINS' };
const PREFIX_SCOPES: Record<string, KeyScope> = { task: 'task', worker: 'worker', taskrouter: 'taskrouter' };
const OPERATOR_LIST = '==, =, !=, >, <, >=, <=, HAS, >-, IN, <-, NOT IN, CONTAINS';
const NO_SPACES = 'No spaces inside a key';

/**
 * Parses a TaskRouter expression into an AST.
 *
 * Grammar (keywords case-insensitive):
 * ```
 * expression := and ( OR and )*
 * and        := unary ( AND unary )*
 * unary      := NOT unary | "(" expression ")" | comparison
 * comparison := operand operator operand
 * operator   := == | = | != | > | < | >= | <= | HAS | >- | IN | <- | NOT IN | CONTAINS
 * operand    := key | constant | "[" ( constant ( "," constant )* )? "]"
 * constant   := string | number | true | false | null
 * key        := name ( "." name | "[" integer "]" | "[" string "]" )*     (no spaces inside)
 * ```
 * A key or a constant alone is not an expression (`Expected a comparison operator …`):
 * TaskRouter compares, it has no truthiness; write `flag == true`.
 *
 * @throws {ParseError} with the offset, line, column, what was expected and what was found.
 */
export function parse(source: string): Condition {
  return new Parser(source).parseExpression();
}

class Parser {
  private readonly tokenizer: Tokenizer;
  private current: Token;
  private previous: Token | undefined;

  constructor(private readonly source: string) {
    this.tokenizer = new Tokenizer(source);
    this.current = this.tokenizer.next();
  }

  parseExpression(): Condition {
    const expression = this.parseOr(0);
    if (!this.at('end')) {
      const stray = this.at(')') ? 'This ")" has no matching "("' : undefined;
      this.fail(['"AND"', '"OR"', 'end of input'], this.current, stray ?? hintFor(this.current));
    }
    return expression;
  }

  private parseOr(depth: number): Condition {
    return this.parseChain('OR', () => this.parseAnd(depth));
  }

  private parseAnd(depth: number): Condition {
    return this.parseChain('AND', () => this.parseUnary(depth));
  }

  /** `part ( KEYWORD part )*`, folded into one n-ary node. */
  private parseChain(keyword: 'AND' | 'OR', part: () => Condition): Condition {
    const first = part();
    if (this.keyword(this.current) !== keyword) return first;
    const operands = [first];
    while (this.keyword(this.current) === keyword) {
      this.advance();
      operands.push(part());
    }
    return { type: 'Logical', operator: keyword, operands, span: spanOf(first.span, operands[operands.length - 1].span) };
  }

  private parseUnary(depth: number): Condition {
    const token = this.current;
    const negated = this.keyword(token) === 'NOT';
    if ((negated || token.kind === '(') && depth >= MAX_NESTING) {
      this.fail([`at most ${MAX_NESTING} nested parentheses or NOTs`], token);
    }
    if (negated) {
      this.advance();
      const operand = this.parseUnary(depth + 1);
      return { type: 'Not', operand, span: spanOf(token, operand.span) };
    }
    if (token.kind === '(') {
      this.advance();
      const inner = this.parseOr(depth + 1);
      if (!this.at(')')) {
        this.fail(['"AND"', '"OR"', '")"'], this.current, hintFor(this.current) ?? this.unclosed(token));
      }
      // The parentheses belong to the grouped condition's span.
      inner.span = spanOf(token, this.advance());
      return inner;
    }
    return this.parseComparison();
  }

  private parseComparison(): Comparison {
    const left = this.parseOperand('a condition');
    const { operator, text, span: operatorSpan } = this.parseOperator(left.type === 'Key');
    const right = this.parseOperand('a value');
    return { type: 'Comparison', operator, operatorText: text, operatorSpan, left, right, span: spanOf(left.span, right.span) };
  }

  /** `afterKey`: a "." or "[" here is a key with a space inside (`a .b`). */
  private parseOperator(afterKey: boolean): { operator: ComparisonOperator; text: string; span: SourceSpan } {
    const token = this.current;
    const word = this.keyword(token);
    if (token.kind === 'operator') {
      this.advance();
      return { operator: SYMBOL_ALIASES[token.text], text: token.text, span: spanOf(token, token) };
    }
    if (word !== undefined && word in WORD_OPERATORS) {
      this.advance();
      return { operator: WORD_OPERATORS[word], text: token.text, span: spanOf(token, token) };
    }
    if (word === 'NOT') {
      this.advance();
      const next = this.current;
      if (this.keyword(next) !== 'IN') this.fail(['"IN"'], next);
      this.advance();
      return { operator: 'NOT IN', text: this.source.slice(token.start, next.end), span: spanOf(token, next) };
    }
    const spaced = afterKey && (token.kind === '.' || token.kind === '[');
    const hint = token.kind === 'badOperator' ? `Supported operators: ${OPERATOR_LIST}` : spaced ? NO_SPACES : hintFor(token);
    return this.fail(['a comparison operator'], token, hint);
  }

  private parseOperand(expected: string): Operand {
    const token = this.current;
    if (token.kind === '[') return this.parseList();
    const word = this.keyword(token);
    if (token.kind === 'word' && !RESERVED.has(word!) && !(word! in CONSTANT_WORDS)) return this.parseKey();
    const constant = this.tryConstant();
    if (constant) return constant;
    return this.fail([expected], token);
  }

  /** Consumes a scalar constant if the current token is one. */
  private tryConstant(): Literal | undefined {
    const token = this.current;
    const word = this.keyword(token);
    let value: Literal['value'];
    if (token.kind === 'string' || token.kind === 'number') value = token.value!;
    else if (word !== undefined && word in CONSTANT_WORDS) value = CONSTANT_WORDS[word];
    else return undefined;
    this.advance();
    return { type: 'Literal', value, span: spanOf(token, token) };
  }

  private parseList(): ListLiteral {
    const open = this.advance();
    const items: Literal[] = [];
    if (!this.at(']')) {
      for (;;) {
        const item = this.tryConstant();
        if (!item) this.fail(['a constant (list items are strings, numbers, true, false or null)'], this.current);
        items.push(item);
        if (!this.at(',')) break;
        this.advance();
      }
      if (!this.at(']')) {
        this.fail(['","', '"]"'], this.current, hintFor(this.current) ?? this.unclosed(open));
      }
    }
    return { type: 'ListLiteral', items, span: spanOf(open, this.advance()) };
  }

  private parseKey(): Key {
    const first = this.advance();
    const path: (string | number)[] = [first.text];
    let prefixed = false;
    let last = first;
    for (;;) {
      const token = this.current;
      if (token.start !== last.end || (token.kind !== '.' && token.kind !== '[')) break;
      if (token.kind === '.') {
        this.advance();
        const name = this.current;
        if (name.kind !== 'word') this.fail(['a key name'], name);
        if (name.start !== token.end) this.fail(['a key name'], name, NO_SPACES);
        if (path.length === 1 && first.text in PREFIX_SCOPES) prefixed = true;
        path.push(name.text);
        last = this.advance();
      } else {
        this.advance();
        const index = this.current;
        const isIndex = index.kind === 'number' && Number.isInteger(index.value) && (index.value as number) >= 0;
        if (!isIndex && index.kind !== 'string') this.fail(['an array index (0, 1, …) or a quoted key'], index);
        this.advance();
        if (!this.at(']')) this.fail(['"]"'], this.current);
        path.push(index.value!);
        last = this.advance();
      }
    }
    const span = spanOf(first, last);
    const text = this.source.slice(span.start, span.end);
    if (!prefixed) return { type: 'Key', scope: 'attributes', path, text, span };
    const scope = PREFIX_SCOPES[first.text];
    const rest = path.slice(1);
    if (scope === 'taskrouter' && (rest.length !== 1 || !(TASKROUTER_VARIABLES as readonly unknown[]).includes(rest[0]))) {
      this.failAt({
        offset: span.start,
        expected: TASKROUTER_VARIABLES.map((name) => `"taskrouter.${name}"`),
        found: quote(text),
        span,
      });
    }
    return { type: 'Key', scope, path: rest, text, span };
  }

  /** Whether the current token is of `kind` (a method, so TypeScript does not narrow `current` across `advance()`). */
  private at(kind: TokenKind): boolean {
    return this.current.kind === kind;
  }

  /** Upper-cased text of a word token, for case-insensitive keyword checks. */
  private keyword(token: Token): string | undefined {
    return token.kind === 'word' ? token.text.toUpperCase() : undefined;
  }

  private advance(): Token {
    const token = this.current;
    this.previous = token;
    this.current = this.tokenizer.next();
    return token;
  }

  private fail(expected: string[], found: Token, hint = hintFor(found)): never {
    return this.failAt({
      offset: found.start,
      expected,
      found: found.kind === 'end' ? 'end of input' : quote(found.text),
      after: this.previous ? quote(this.previous.text) : undefined,
      hint,
      span: { start: found.start, end: found.end },
    });
  }

  /** Points back at an opening bracket or parenthesis that was never closed. */
  private unclosed(open: Token): string {
    const at = lineAndColumn(this.source, open.start);
    return `The ${quote(open.text)} at line ${at.line}, column ${at.column} is not closed`;
  }

  private failAt(details: ParseErrorDetails): never {
    throw new ParseError(this.source, details);
  }
}

const HINTS: Record<string, string> = {
  '-': 'Hyphens are not supported in TaskRouter expressions',
  '&&': 'Use AND',
  '&': 'Use AND',
  '||': 'Use OR',
  '|': 'Use OR',
  '!': 'Use NOT, or != for inequality',
};

/** A suggestion for tokens people often write by habit from other languages. */
function hintFor(token: Token): string | undefined {
  return Object.hasOwn(HINTS, token.text) ? HINTS[token.text] : undefined;
}

/** Source text quoted for a message, shortened when long: `"abc"`, `'say "hi"'`. */
function quote(text: string): string {
  const short = text.length > 40 ? `${text.slice(0, 37)}...` : text;
  if (!short.includes('"')) return `"${short}"`;
  if (!short.includes("'")) return `'${short}'`;
  return JSON.stringify(short);
}

function spanOf(from: SourceSpan, to: SourceSpan): SourceSpan {
  return { start: from.start, end: to.end };
}
