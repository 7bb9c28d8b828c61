// Recursive-descent parser for the OData v4 $filter subset Intune clients send.
// Precedence follows the OData ABNF: or < and < comparison (eq, in, has...) < not < primary,
// so `not a eq b` reads as `(not a) eq b`, exactly as Microsoft.OData.Core reads it.
import { badRequest } from '../odata-error.ts';
import { syntaxError, tokenize } from './lexer.ts';
import type { Token } from './lexer.ts';
import { COMPARISON_OPERATORS } from './syntax.ts';
import type { ComparisonOperator, LiteralSyntax, SyntaxNode } from './syntax.ts';

/** Parses a $filter value; throws ODataError (400) with Graph's messages on bad syntax. */
export function parseFilterSyntax(text: string): SyntaxNode {
  return new FilterParser(text).parseAll();
}

class FilterParser {
  private readonly text: string;
  private readonly tokens: readonly Token[];
  private at = 0;

  constructor(text: string) {
    this.text = text;
    this.tokens = tokenize(text);
  }

  parseAll(): SyntaxNode {
    const node = this.parseOr();
    if (this.peek().kind !== 'end') throw syntaxError(this.peek().position, this.text);
    return node;
  }

  private peek(offset = 0): Token {
    return this.tokens[Math.min(this.at + offset, this.tokens.length - 1)] as Token;
  }

  private next(): Token {
    const t = this.peek();
    if (t.kind !== 'end') this.at++;
    return t;
  }

  private isKeyword(word: string, offset = 0): boolean {
    const t = this.peek(offset);
    return t.kind === 'identifier' && t.text === word;
  }

  /** Where the last consumed token ends, for node spans. */
  private lastEnd(): number {
    const t = this.tokens[this.at - 1];
    if (!t) return 0;
    if (t.kind === 'typed') return t.position + t.text.length + quotedLength(t.value);
    return t.position + t.text.length;
  }

  private parseOr(): SyntaxNode {
    let left = this.parseAnd();
    while (this.isKeyword('or')) {
      this.next();
      const right = this.parseAnd();
      left = { kind: 'logical', op: 'or', left, right, start: left.start, end: right.end };
    }
    return left;
  }

  private parseAnd(): SyntaxNode {
    let left = this.parseComparison();
    while (this.isKeyword('and')) {
      this.next();
      const right = this.parseComparison();
      left = { kind: 'logical', op: 'and', left, right, start: left.start, end: right.end };
    }
    return left;
  }

  private parseComparison(): SyntaxNode {
    let left = this.parseUnary();
    for (;;) {
      const t = this.peek();
      if (t.kind !== 'identifier') return left;
      if (COMPARISON_OPERATORS.has(t.text)) {
        this.next();
        const right = this.parseUnary();
        left = { kind: 'compare', op: t.text as ComparisonOperator, left, right, opPosition: t.position, start: left.start, end: right.end };
      } else if (t.text === 'has') {
        this.next();
        const right = this.parseUnary();
        left = { kind: 'has', left, right, start: left.start, end: right.end };
      } else if (t.text === 'in') {
        this.next();
        const list = this.parseList();
        left = { kind: 'in', operand: left, list, start: left.start, end: this.lastEnd() };
      } else {
        return left;
      }
    }
  }

  private parseUnary(): SyntaxNode {
    if (this.isKeyword('not')) {
      const start = this.next().position;
      const operand = this.parseUnary();
      return { kind: 'not', operand, start, end: operand.end };
    }
    return this.parsePrimary();
  }

  private parsePrimary(): SyntaxNode {
    const t = this.peek();
    switch (t.kind) {
      case 'openParen': {
        this.next();
        const inner = this.parseOr();
        if (this.peek().kind !== 'closeParen') throw badRequest(`')' or operator expected at position ${this.peek().position} in '${this.text}'.`);
        this.next();
        // Keep the parentheses in the span so quoted clauses read as written.
        return { ...inner, start: t.position, end: this.lastEnd() };
      }
      case 'string':
      case 'number':
      case 'guid':
      case 'dateTime':
      case 'date':
      case 'typed':
        this.next();
        return { kind: 'literal', literal: literalOf(t), start: t.position, end: this.lastEnd() };
      case 'identifier':
        return this.parseIdentifier();
      default:
        throw badRequest(`Expression expected at position ${t.position} in '${this.text}'.`);
    }
  }

  private parseIdentifier(): SyntaxNode {
    const t = this.next();
    if (t.text === 'true' || t.text === 'false') return { kind: 'literal', literal: { type: 'boolean', value: t.text === 'true' }, start: t.position, end: this.lastEnd() };
    if (t.text === 'null') return { kind: 'literal', literal: { type: 'null' }, start: t.position, end: this.lastEnd() };
    if (this.peek().kind === 'openParen') return this.parseCall(t);
    const segments = [t.text];
    while (this.peek().kind === 'slash') {
      this.next();
      const segment = this.next();
      if (segment.kind !== 'identifier') throw syntaxError(segment.position, this.text);
      if ((segment.text === 'any' || segment.text === 'all') && this.peek().kind === 'openParen') return this.parseLambda(segments, segment.text, t.position);
      segments.push(segment.text);
    }
    return { kind: 'path', segments, start: t.position, end: this.lastEnd() };
  }

  private parseCall(name: Token): SyntaxNode {
    this.next(); // (
    const args: SyntaxNode[] = [];
    if (this.peek().kind !== 'closeParen') {
      for (;;) {
        args.push(this.parseOr());
        const sep = this.peek();
        if (sep.kind === 'comma') {
          this.next();
          continue;
        }
        if (sep.kind === 'closeParen') break;
        throw badRequest(`')' or ',' expected at position ${sep.position} in '${this.text}'.`);
      }
    }
    this.next(); // )
    return { kind: 'call', name: name.text, args, start: name.position, end: this.lastEnd() };
  }

  private parseLambda(collection: readonly string[], quantifier: 'any' | 'all', start: number): SyntaxNode {
    this.next(); // (
    if (this.peek().kind === 'closeParen') {
      this.next();
      return { kind: 'lambda', collection, quantifier, variable: undefined, body: undefined, start, end: this.lastEnd() };
    }
    const variable = this.next();
    if (variable.kind !== 'identifier' || variable.text.includes('.')) throw syntaxError(variable.position, this.text);
    if (this.peek().kind !== 'colon') throw syntaxError(this.peek().position, this.text);
    this.next();
    const body = this.parseOr();
    if (this.peek().kind !== 'closeParen') throw badRequest(`')' or operator expected at position ${this.peek().position} in '${this.text}'.`);
    this.next();
    return { kind: 'lambda', collection, quantifier, variable: variable.text, body, start, end: this.lastEnd() };
  }

  private parseList(): SyntaxNode[] {
    const open = this.next();
    if (open.kind !== 'openParen') throw badRequest(`'(' expected at position ${open.position} in '${this.text}'.`);
    const items: SyntaxNode[] = [];
    for (;;) {
      items.push(this.parsePrimary());
      const sep = this.next();
      if (sep.kind === 'comma') continue;
      if (sep.kind === 'closeParen') return items;
      throw badRequest(`')' or ',' expected at position ${sep.position} in '${this.text}'.`);
    }
  }
}

function literalOf(t: Token): LiteralSyntax {
  switch (t.kind) {
    case 'string':
      return { type: 'string', value: t.value };
    case 'number':
      return { type: 'number', value: Number(t.text), text: t.text };
    case 'guid':
      return { type: 'guid', value: t.text };
    case 'dateTime':
      return { type: 'dateTime', value: t.text };
    case 'date':
      return { type: 'date', value: t.text };
    case 'typed':
      return { type: 'typed', typeName: t.text, value: t.value };
    default:
      throw new Error(`not a literal token: ${t.kind}`);
  }
}

/** Length of a value once quoted back, with '' for each quote. */
function quotedLength(value: string): number {
  let quotes = 0;
  for (const c of value) if (c === "'") quotes++;
  return value.length + quotes + 2;
}
