// The $filter expression as written, before names are resolved against the schema.
// Every node keeps its source span so ignored clauses can be quoted back in logs.

export interface Span {
  readonly start: number;
  readonly end: number;
}

export type ComparisonOperator = 'eq' | 'ne' | 'gt' | 'ge' | 'lt' | 'le';
export const COMPARISON_OPERATORS: ReadonlySet<string> = new Set<ComparisonOperator>(['eq', 'ne', 'gt', 'ge', 'lt', 'le']);

export type LiteralSyntax =
  | { readonly type: 'string'; readonly value: string }
  | { readonly type: 'number'; readonly value: number; readonly text: string }
  | { readonly type: 'boolean'; readonly value: boolean }
  | { readonly type: 'null' }
  | { readonly type: 'guid'; readonly value: string }
  | { readonly type: 'dateTime'; readonly value: string }
  | { readonly type: 'date'; readonly value: string }
  /** `typeName'value'`: an enum member qualified by its type, or duration'...'. */
  | { readonly type: 'typed'; readonly typeName: string; readonly value: string };

export type SyntaxNode =
  | ({ readonly kind: 'literal'; readonly literal: LiteralSyntax } & Span)
  | ({ readonly kind: 'path'; readonly segments: readonly string[] } & Span)
  | ({ readonly kind: 'logical'; readonly op: 'and' | 'or'; readonly left: SyntaxNode; readonly right: SyntaxNode } & Span)
  | ({ readonly kind: 'compare'; readonly op: ComparisonOperator; readonly left: SyntaxNode; readonly right: SyntaxNode; readonly opPosition: number } & Span)
  | ({ readonly kind: 'has'; readonly left: SyntaxNode; readonly right: SyntaxNode } & Span)
  | ({ readonly kind: 'in'; readonly operand: SyntaxNode; readonly list: readonly SyntaxNode[] } & Span)
  | ({ readonly kind: 'not'; readonly operand: SyntaxNode } & Span)
  | ({ readonly kind: 'call'; readonly name: string; readonly args: readonly SyntaxNode[] } & Span)
  | ({
      readonly kind: 'lambda';
      readonly collection: readonly string[];
      readonly quantifier: 'any' | 'all';
      /** Undefined for the argument-less `any()`. */
      readonly variable: string | undefined;
      readonly body: SyntaxNode | undefined;
    } & Span);
