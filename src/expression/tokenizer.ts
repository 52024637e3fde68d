import { lineAndColumn, ParseError } from './errors.js';

/** Lexical categories. Keywords are plain `word` tokens; the parser knows them case-insensitively. */
export type TokenKind =
  | 'string'
  | 'number'
  | 'word'
  | 'operator'
  | 'badOperator'
  | 'badCharacter'
  | '('
  | ')'
  | '['
  | ']'
  | ','
  | '.'
  | 'end';

export interface Token {
  kind: TokenKind;
  /** Source text of the token. */
  text: string;
  start: number;
  end: number;
  /** Decoded value of `string` and `number` tokens. */
  value?: string | number;
}

/** Symbolic comparison operators (before alias folding). */
const SYMBOL_OPERATORS = new Set(['==', '=', '!=', '>', '<', '>=', '<=', '>-', '<-']);
/** Characters that form symbolic operators; a run of them is read as one token so `===` is reported whole. */
const OPERATOR_CHARS = '=!<>&|';
const PUNCTUATION = '()[],.';
const ESCAPES: Record<string, string> = { n: '\n', t: '\t', r: '\r', b: '\b', f: '\f', v: '\v', '0': '\0' };

const isDigit = (ch: string) => ch >= '0' && ch <= '9';
const isWordStart = (ch: string) => (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || ch === '_';
const isWordPart = (ch: string) => isWordStart(ch) || isDigit(ch);
const isSpace = (ch: string) => ch === ' ' || ch === '\t' || ch === '\n' || ch === '\r' || ch === '\f' || ch === '\v';

/**
 * Reads tokens on demand so the first problem in the source is the one reported.
 * Never throws except for malformed strings and numbers (always as `ParseError`).
 */
export class Tokenizer {
  private position = 0;

  constructor(readonly source: string) {}

  next(): Token {
    const source = this.source;
    while (this.position < source.length && isSpace(source[this.position])) this.position++;
    const start = this.position;
    if (start >= source.length) return { kind: 'end', text: '', start, end: start };
    const ch = source[start];
    if (ch === '"' || ch === "'") return this.readString(ch);
    if (isDigit(ch) || (ch === '-' && isDigit(source[start + 1] ?? ''))) return this.readNumber();
    if (isWordStart(ch)) {
      let end = start + 1;
      while (end < source.length && isWordPart(source[end])) end++;
      return this.take('word', end);
    }
    if (PUNCTUATION.includes(ch)) return this.take(ch as TokenKind, start + 1);
    if (OPERATOR_CHARS.includes(ch)) return this.readOperator();
    // Surrogate pairs are reported as one character.
    const width = source.codePointAt(start)! > 0xffff ? 2 : 1;
    return this.take('badCharacter', start + width);
  }

  private take(kind: TokenKind, end: number, value?: string | number): Token {
    const token: Token = { kind, text: this.source.slice(this.position, end), start: this.position, end };
    if (value !== undefined) token.value = value;
    this.position = end;
    return token;
  }

  private readOperator(): Token {
    const source = this.source;
    let end = this.position;
    while (end < source.length && OPERATOR_CHARS.includes(source[end])) end++;
    let text = source.slice(this.position, end);
    // `>-` (HAS) and `<-` (IN): the dash belongs to the operator, so `a<-5` is `a <- 5`.
    if ((text === '>' || text === '<') && source[end] === '-') {
      end++;
      text += '-';
    }
    return this.take(SYMBOL_OPERATORS.has(text) ? 'operator' : 'badOperator', end);
  }

  private readNumber(): Token {
    const source = this.source;
    let end = this.position;
    if (source[end] === '-') end++;
    while (end < source.length && isDigit(source[end])) end++;
    if (source[end] === '.') {
      if (!isDigit(source[end + 1] ?? '')) {
        throw new ParseError(source, {
          offset: end + 1,
          expected: ['a digit after the decimal point'],
          found: describeAt(source, end + 1),
          span: { start: this.position, end: end + 1 },
        });
      }
      end++;
      while (end < source.length && isDigit(source[end])) end++;
    }
    return this.take('number', end, Number(source.slice(this.position, end)));
  }

  private readString(quote: string): Token {
    const source = this.source;
    const start = this.position;
    let value = '';
    let i = start + 1;
    while (i < source.length) {
      const ch = source[i];
      if (ch === quote) return this.take('string', i + 1, value);
      if (ch !== '\\') {
        value += ch;
        i++;
        continue;
      }
      const escaped = source[i + 1];
      if (escaped === undefined) break;
      if (escaped === 'u') {
        const hex = source.slice(i + 2, i + 6);
        if (!/^[0-9a-fA-F]{4}$/.test(hex)) {
          throw new ParseError(source, {
            offset: i + 2,
            expected: ['4 hex digits after "\\u"'],
            found: describeAt(source, i + 2),
            span: { start: i, end: Math.min(i + 6, source.length) },
          });
        }
        value += String.fromCharCode(parseInt(hex, 16));
        i += 6;
        continue;
      }
      // Any other escaped character stands for itself: \" \' \\ \/ …
      value += ESCAPES[escaped] ?? escaped;
      i += 2;
    }
    const opened = lineAndColumn(source, start);
    throw new ParseError(source, {
      offset: source.length,
      expected: [quote === '"' ? `'"'` : `"'"`],
      found: 'end of input',
      hint: `The string at line ${opened.line}, column ${opened.column} is not closed`,
      span: { start, end: source.length },
    });
  }
}

/** Human description of the text at `offset`: a quoted character or "end of input". */
export function describeAt(source: string, offset: number): string {
  if (offset >= source.length) return 'end of input';
  return JSON.stringify(String.fromCodePoint(source.codePointAt(offset)!));
}
