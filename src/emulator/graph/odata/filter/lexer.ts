// Splits a $filter expression into tokens. Positions are 0-based character offsets into the
// expression, as Microsoft.OData.Core reports them ("Syntax error at position 7 in '...'"),
// so a client's error log points at the same character it would against Graph.
import { badRequest } from '../odata-error.ts';

export type TokenKind =
  | 'identifier' // names, keywords (and, eq, true...) and qualified names (microsoft.graph.x)
  | 'string' // '...' with '' as an escaped quote
  | 'number'
  | 'guid'
  | 'dateTime'
  | 'date'
  | 'typed' // a type-prefixed literal: microsoft.graph.complianceState'compliant', duration'PT1H'
  | 'openParen'
  | 'closeParen'
  | 'comma'
  | 'slash'
  | 'colon'
  | 'end';

export interface Token {
  readonly kind: TokenKind;
  /** The source text of the token. For `typed`, the type prefix only. */
  readonly text: string;
  /** String value for `string` and `typed` (unescaped). */
  readonly value: string;
  readonly position: number;
}

const GUID = /[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}/y;
const DATE_TIME = /\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,12})?)?(?:Z|[+-]\d{2}:\d{2})/y;
const DATE = /\d{4}-\d{2}-\d{2}/y;
const NUMBER = /-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
const IDENTIFIER = /[A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z_][A-Za-z0-9_]*)*/y;
const IDENTIFIER_CHAR = /[A-Za-z0-9_]/;
const PUNCTUATION: Readonly<Record<string, TokenKind>> = { '(': 'openParen', ')': 'closeParen', ',': 'comma', '/': 'slash', ':': 'colon' };

export function syntaxError(position: number, text: string): Error {
  return badRequest(`Syntax error at position ${position} in '${text}'.`);
}

export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let at = 0;
  while (at < text.length) {
    const c = text[at] as string;
    if (c === ' ' || c === '\t' || c === '\r' || c === '\n') {
      at++;
      continue;
    }
    const start = at;
    const punctuation = PUNCTUATION[c];
    if (punctuation) {
      tokens.push({ kind: punctuation, text: c, value: c, position: start });
      at++;
      continue;
    }
    if (c === "'") {
      const [value, next] = readQuoted(text, at);
      tokens.push({ kind: 'string', text: text.slice(start, next), value, position: start });
      at = next;
      continue;
    }
    // GUIDs and dates start like numbers or names, so they are tried first.
    const literal = matchAt(GUID, text, at, 'guid') ?? matchAt(DATE_TIME, text, at, 'dateTime') ?? matchAt(DATE, text, at, 'date') ?? matchAt(NUMBER, text, at, 'number');
    if (literal) {
      tokens.push({ kind: literal.kind, text: literal.text, value: literal.text, position: start });
      at += literal.text.length;
      continue;
    }
    IDENTIFIER.lastIndex = at;
    const name = IDENTIFIER.exec(text);
    if (name) {
      at += name[0].length;
      if (text[at] === "'") {
        const [value, next] = readQuoted(text, at);
        tokens.push({ kind: 'typed', text: name[0], value, position: start });
        at = next;
      } else {
        tokens.push({ kind: 'identifier', text: name[0], value: name[0], position: start });
      }
      continue;
    }
    throw badRequest(`Syntax error: character '${c}' is not valid at position ${start} in '${text}'.`);
  }
  tokens.push({ kind: 'end', text: '', value: '', position: text.length });
  return tokens;
}

function matchAt(pattern: RegExp, text: string, at: number, kind: TokenKind): { kind: TokenKind; text: string } | undefined {
  pattern.lastIndex = at;
  const m = pattern.exec(text);
  if (!m) return undefined;
  // "2024-01-01abc" or "12ab" are not literals followed by a name: reject like OData does.
  const after = text[at + m[0].length];
  if (after !== undefined && IDENTIFIER_CHAR.test(after)) {
    if (kind === 'number' || kind === 'date') throw syntaxError(at + m[0].length, text);
    return undefined;
  }
  return { kind, text: m[0] };
}

/** Reads a single-quoted literal starting at `at`; returns the unescaped value and the index after it. */
function readQuoted(text: string, at: number): [string, number] {
  let value = '';
  let i = at + 1;
  for (;;) {
    const q = text.indexOf("'", i);
    if (q < 0) throw badRequest(`There is an unterminated string literal at position ${text.length} in '${text}'.`);
    value += text.slice(i, q);
    if (text[q + 1] === "'") {
      value += "'";
      i = q + 2;
      continue;
    }
    return [value, q + 1];
  }
}
