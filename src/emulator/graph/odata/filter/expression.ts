// The $filter expression after binding: every name resolved against the schema, every
// literal checked against its property's type and converted to the form records are
// compared in (date-times as epoch milliseconds, GUIDs lower-cased, enum members canonical).
import type { Json } from '../../model/json.ts';
import type { ComparisonOperator, Span } from './syntax.ts';

export type ValueKind = 'string' | 'number' | 'boolean' | 'dateTime' | 'date' | 'guid' | 'enum' | 'duration' | 'timeOfDay' | 'binary' | 'untyped';

export interface PropertyAccess {
  /** Property names, from the record, or from the lambda element when `fromElement`. */
  readonly segments: readonly string[];
  readonly fromElement: boolean;
  readonly kind: ValueKind;
  /** Edm.String, microsoft.graph.complianceState... as the schema names it. */
  readonly typeName: string;
  /** Enum members in declaration order, for ordering comparisons on enums. */
  readonly enumMembers: readonly string[] | undefined;
  /** The value a record has for this property when it does not store one. */
  readonly fallback: Json;
  /** The path as the schema spells it: `deviceName`, `hardwareInformation/serialNumber`. */
  readonly path: string;
}

export type Comparable = string | number | boolean | null;

export type TextFunction = 'contains' | 'startswith' | 'endswith';

export type FilterExpression =
  | ({ readonly kind: 'constant'; readonly value: boolean } & Span)
  | ({ readonly kind: 'compare'; readonly op: ComparisonOperator; readonly property: PropertyAccess; readonly value: Comparable } & Span)
  | ({ readonly kind: 'text'; readonly fn: TextFunction; readonly property: PropertyAccess; readonly value: string | null } & Span)
  | ({ readonly kind: 'in'; readonly property: PropertyAccess; readonly values: readonly Comparable[] } & Span)
  | ({ readonly kind: 'logical'; readonly op: 'and' | 'or'; readonly left: FilterExpression; readonly right: FilterExpression } & Span)
  | ({ readonly kind: 'not'; readonly operand: FilterExpression } & Span)
  | ({
      readonly kind: 'lambda';
      readonly quantifier: 'any' | 'all';
      /** The collection property; `kind` describes its elements. */
      readonly collection: PropertyAccess;
      readonly body: FilterExpression | undefined;
    } & Span)
  /** Valid OData the emulator does not evaluate (tolower(), has, navigation paths...). */
  | ({ readonly kind: 'unsupported'; readonly reason: string } & Span);

/** A clause the service rule set dropped, quoted from the request for logs. */
export interface IgnoredClause {
  readonly clause: string;
  readonly reason: string;
}

/** Properties a clause reads, for rule checks. */
export function clauseProperty(e: FilterExpression): PropertyAccess | undefined {
  return e.kind === 'compare' || e.kind === 'text' || e.kind === 'in' ? e.property : undefined;
}
