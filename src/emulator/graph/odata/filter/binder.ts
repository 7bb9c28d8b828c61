// Resolves a parsed $filter against the schema: property names (case-insensitively, as
// Graph accepts `DeviceName eq ...`), literal types, enum members. Errors carry the messages
// Microsoft.OData.Core produces, because that is what sits in front of every Graph workload.
import { intuneSchema } from '../../model/schema.ts';
import type { GraphVersion, StructuredType, TypeRef } from '../../model/schema.ts';
import { badRequest } from '../odata-error.ts';
import type { Comparable, FilterExpression, PropertyAccess, TextFunction, ValueKind } from './expression.ts';
import type { ComparisonOperator, LiteralSyntax, SyntaxNode } from './syntax.ts';
import { findName } from '../names.ts';
import { enumMembers, scalarDefault } from '../schema-values.ts';

export interface BindContext {
  readonly version: GraphVersion;
  /** The collection's declared element type. */
  readonly type: StructuredType;
  /** The $filter text, for messages. */
  readonly text: string;
}

interface LambdaScope {
  readonly variable: string;
  readonly element: TypeRef;
}

const TEXT_FUNCTIONS: ReadonlySet<string> = new Set<TextFunction>(['contains', 'startswith', 'endswith']);
// Canonical OData functions: valid requests the emulator does not evaluate (not syntax errors).
const OTHER_ODATA_FUNCTIONS: ReadonlySet<string> = new Set([
  'concat', 'indexof', 'length', 'substring', 'matchespattern', 'tolower', 'toupper', 'trim', 'year', 'month', 'day', 'hour', 'minute', 'second',
  'fractionalseconds', 'totalseconds', 'date', 'time', 'totaloffsetminutes', 'mindatetime', 'maxdatetime', 'now', 'round', 'floor', 'ceiling', 'isof', 'cast',
  'geo.distance', 'geo.intersects', 'geo.length',
]);
const OPERATOR_KIND: Readonly<Record<ComparisonOperator, string>> = {
  eq: 'Equal', ne: 'NotEqual', gt: 'GreaterThan', ge: 'GreaterThanOrEqual', lt: 'LessThan', le: 'LessThanOrEqual',
};
const FLIPPED: Readonly<Record<ComparisonOperator, ComparisonOperator>> = { eq: 'eq', ne: 'ne', gt: 'lt', ge: 'le', lt: 'gt', le: 'ge' };
const NUMERIC = new Set(['Edm.Int16', 'Edm.Int32', 'Edm.Int64', 'Edm.Byte', 'Edm.SByte', 'Edm.Double', 'Edm.Single', 'Edm.Decimal']);
const SIMPLE_KINDS: Readonly<Record<string, ValueKind>> = {
  'Edm.String': 'string', 'Edm.Boolean': 'boolean', 'Edm.DateTimeOffset': 'dateTime', 'Edm.Date': 'date', 'Edm.Guid': 'guid',
  'Edm.Duration': 'duration', 'Edm.TimeOfDay': 'timeOfDay', 'Edm.Binary': 'binary',
};

export function bindFilter(node: SyntaxNode, ctx: BindContext): FilterExpression {
  return new FilterBinder(ctx).bindBoolean(node, undefined);
}

class FilterBinder {
  private readonly ctx: BindContext;

  constructor(ctx: BindContext) {
    this.ctx = ctx;
  }

  bindBoolean(node: SyntaxNode, scope: LambdaScope | undefined): FilterExpression {
    const span = { start: node.start, end: node.end };
    switch (node.kind) {
      case 'logical':
        return { kind: 'logical', op: node.op, left: this.bindBoolean(node.left, scope), right: this.bindBoolean(node.right, scope), ...span };
      case 'not':
        return { kind: 'not', operand: this.bindBoolean(node.operand, scope), ...span };
      case 'compare':
        return this.bindCompare(node.op, node.left, node.right, scope, span);
      case 'in':
        return this.bindIn(node.operand, node.list, scope, span);
      case 'call':
        return this.bindCall(node.name, node.args, scope, span);
      case 'lambda':
        return this.bindLambda(node, scope, span);
      case 'has':
        this.resolveOperand(node.left, scope);
        return { kind: 'unsupported', reason: "the 'has' operator is not evaluated by the demo tenant", ...span };
      case 'literal':
        if (node.literal.type === 'boolean') return { kind: 'constant', value: node.literal.value, ...span };
        throw notBoolean();
      case 'path': {
        const resolved = this.resolvePath(node.segments, scope);
        if (resolved.kind === 'navigation') return { kind: 'unsupported', reason: `navigation property '${resolved.name}' cannot be filtered on`, ...span };
        if (resolved.access.kind === 'boolean' && !resolved.collection) return { kind: 'compare', op: 'eq', property: resolved.access, value: true, ...span };
        throw notBoolean();
      }
    }
  }

  private bindCompare(op: ComparisonOperator, left: SyntaxNode, right: SyntaxNode, scope: LambdaScope | undefined, span: { start: number; end: number }): FilterExpression {
    const l = this.resolveOperand(left, scope);
    const r = this.resolveOperand(right, scope);
    if (l.kind === 'navigation') return { kind: 'unsupported', reason: `navigation property '${l.name}' cannot be filtered on`, ...span };
    if (r.kind === 'navigation') return { kind: 'unsupported', reason: `navigation property '${r.name}' cannot be filtered on`, ...span };
    if (l.kind === 'expression') return { kind: 'unsupported', reason: l.reason, ...span };
    if (r.kind === 'expression') return { kind: 'unsupported', reason: r.reason, ...span };
    if (l.kind === 'literal' && r.kind === 'literal') return { kind: 'constant', value: compareLiterals(op, l.literal, r.literal), ...span };
    if (l.kind === 'property' && r.kind === 'property') return { kind: 'unsupported', reason: 'comparing two properties is not evaluated by the demo tenant', ...span };
    const propertyOnLeft = l.kind === 'property';
    const property = (propertyOnLeft ? l : r) as ResolvedProperty;
    const literal = (propertyOnLeft ? r : l) as ResolvedLiteral;
    const incompatible = (): Error =>
      propertyOnLeft
        ? incompatibleTypes(operandTypeName(property), literalTypeName(literal.literal), OPERATOR_KIND[op])
        : incompatibleTypes(literalTypeName(literal.literal), operandTypeName(property), OPERATOR_KIND[op]);
    if (property.collection || property.complex) throw incompatible();
    const value = this.convertLiteral(literal.literal, property.access, incompatible);
    return { kind: 'compare', op: propertyOnLeft ? op : FLIPPED[op], property: property.access, value, ...span };
  }

  private bindIn(operand: SyntaxNode, list: readonly SyntaxNode[], scope: LambdaScope | undefined, span: { start: number; end: number }): FilterExpression {
    const target = this.resolveOperand(operand, scope);
    if (target.kind === 'navigation') return { kind: 'unsupported', reason: `navigation property '${target.name}' cannot be filtered on`, ...span };
    if (target.kind === 'expression') return { kind: 'unsupported', reason: target.reason, ...span };
    if (target.kind !== 'property') throw badRequest(`The left operand of the 'in' operator must be a property (position ${operand.start} in '${this.ctx.text}').`);
    const values = list.map((item) => {
      if (item.kind !== 'literal') throw badRequest(`Expression expected at position ${item.start} in '${this.ctx.text}'.`);
      const incompatible = (): Error => incompatibleTypes(operandTypeName(target), literalTypeName(item.literal), 'In');
      if (target.collection || target.complex) throw incompatible();
      return this.convertLiteral(item.literal, target.access, incompatible);
    });
    return { kind: 'in', property: target.access, values, ...span };
  }

  private bindCall(rawName: string, args: readonly SyntaxNode[], scope: LambdaScope | undefined, span: { start: number; end: number }): FilterExpression {
    // Built-in function names are matched case-insensitively: `startsWith(deviceName,'D')` works on Graph.
    const name = rawName.toLowerCase();
    if (TEXT_FUNCTIONS.has(name)) {
      const signatureError = (): Error =>
        badRequest(`No function signature for the function with name '${rawName}' matches the specified arguments. The function signatures considered are: ${name}(Edm.String Nullable=true, Edm.String Nullable=true).`);
      if (args.length !== 2) throw signatureError();
      const target = this.resolveOperand(args[0] as SyntaxNode, scope);
      const needle = this.resolveOperand(args[1] as SyntaxNode, scope);
      if (target.kind === 'navigation') return { kind: 'unsupported', reason: `navigation property '${target.name}' cannot be filtered on`, ...span };
      if (target.kind !== 'property' || needle.kind !== 'literal') return { kind: 'unsupported', reason: `${rawName}() with these arguments is not evaluated by the demo tenant`, ...span };
      if (target.collection || target.complex || (target.access.kind !== 'string' && target.access.kind !== 'untyped')) throw signatureError();
      if (needle.literal.type !== 'string' && needle.literal.type !== 'null') throw signatureError();
      return { kind: 'text', fn: name as TextFunction, property: target.access, value: needle.literal.type === 'string' ? needle.literal.value : null, ...span };
    }
    if (OTHER_ODATA_FUNCTIONS.has(name)) {
      for (const a of args) this.resolveOperand(a, scope);
      return { kind: 'unsupported', reason: `the function ${rawName}() is not evaluated by the demo tenant`, ...span };
    }
    throw badRequest(`An unknown function with name '${rawName}' was found. This may also be a function import or a key lookup on a navigation property, which is not allowed.`);
  }

  private bindLambda(node: Extract<SyntaxNode, { kind: 'lambda' }>, scope: LambdaScope | undefined, span: { start: number; end: number }): FilterExpression {
    const resolved = this.resolvePath(node.collection, scope);
    if (resolved.kind === 'navigation') return { kind: 'unsupported', reason: `navigation property '${resolved.name}' cannot be filtered on`, ...span };
    if (!resolved.collection) throw badRequest(`The '${node.quantifier}' query expression can only be applied to a collection ('${resolved.access.path}' in '${this.ctx.text}').`);
    if (scope) return { kind: 'unsupported', reason: 'nested any/all is not evaluated by the demo tenant', ...span };
    const body = node.body && node.variable ? this.bindBoolean(node.body, { variable: node.variable, element: { ...resolved.ref, collection: false } }) : undefined;
    return { kind: 'lambda', quantifier: node.quantifier, collection: resolved.access, body, ...span };
  }

  private resolveOperand(node: SyntaxNode, scope: LambdaScope | undefined): ResolvedOperand {
    if (node.kind === 'literal') return { kind: 'literal', literal: node.literal };
    if (node.kind === 'path') return this.resolvePath(node.segments, scope);
    if (node.kind === 'call') {
      const name = node.name.toLowerCase();
      if (!TEXT_FUNCTIONS.has(name) && !OTHER_ODATA_FUNCTIONS.has(name)) {
        throw badRequest(`An unknown function with name '${node.name}' was found. This may also be a function import or a key lookup on a navigation property, which is not allowed.`);
      }
      // Still resolve the arguments, so a misspelt property is a 400 as on Graph.
      for (const a of node.args) this.resolveOperand(a, scope);
      return { kind: 'expression', reason: `the function ${node.name}() is not evaluated by the demo tenant` };
    }
    this.bindBoolean(node, scope);
    return { kind: 'expression', reason: 'comparing the result of an expression is not evaluated by the demo tenant' };
  }

  private resolvePath(segments: readonly string[], scope: LambdaScope | undefined): ResolvedProperty | ResolvedNavigation {
    const { version } = this.ctx;
    let fromElement = false;
    let ref: TypeRef | undefined;
    let owner: StructuredType | undefined = this.ctx.type;
    let ownerName = `microsoft.graph.${this.ctx.type.name}`;
    let nonNullable = false;
    const names: string[] = [];
    let rest = segments;
    if (scope && segments[0] === scope.variable) {
      fromElement = true;
      ref = scope.element;
      nonNullable = true;
      rest = segments.slice(1);
      owner = ref.collection ? undefined : intuneSchema.type(version, ref.name);
      ownerName = ref.name.startsWith('Edm.') ? ref.name : `microsoft.graph.${ref.name}`;
    }
    for (const segment of rest) {
      if (ref?.collection) {
        throw badRequest(`The parent value for a property access of a property '${segment}' is not a single value. Property access can only be applied to a single value.`);
      }
      if (!owner) throw propertyNotFound(segment, ownerName);
      const name = findName(owner.properties, segment);
      if (name === undefined) {
        const nav = names.length === 0 && !fromElement ? findName(owner.navigation, segment) : undefined;
        if (nav !== undefined) return { kind: 'navigation', name: nav };
        throw propertyNotFound(segment, ownerName);
      }
      names.push(name);
      ref = owner.properties.get(name) as TypeRef;
      nonNullable = owner.nonNullable.has(name);
      owner = ref.collection ? undefined : intuneSchema.type(version, ref.name);
      ownerName = ref.name.startsWith('Edm.') ? ref.name : `microsoft.graph.${ref.name}`;
    }
    if (!ref) throw propertyNotFound(segments.join('/'), ownerName);
    const complex = !ref.unverified && intuneSchema.type(version, ref.name) !== undefined;
    const kind = complex ? 'untyped' : valueKindOf(version, ref);
    const access: PropertyAccess = {
      segments: names,
      fromElement,
      kind,
      typeName: ref.name.startsWith('Edm.') || ref.unverified ? ref.name : `microsoft.graph.${ref.name}`,
      enumMembers: kind === 'enum' ? enumMembers(version, ref.name) : undefined,
      fallback: fromElement && names.length === 0 ? null : scalarDefault(version, ref, nonNullable),
      path: [...(fromElement ? [scope?.variable ?? ''] : []), ...names].join('/'),
    };
    return { kind: 'property', access, ref, collection: ref.collection, complex };
  }

  private convertLiteral(literal: LiteralSyntax, property: PropertyAccess, incompatible: () => Error): Comparable {
    if (literal.type === 'null') return null;
    switch (property.kind) {
      case 'untyped':
        if (literal.type === 'typed') return literal.value;
        return literal.type === 'number' || literal.type === 'boolean' || literal.type === 'string' ? literal.value : literal.value.toLowerCase();
      case 'string':
        if (literal.type === 'string') return literal.value;
        throw incompatible();
      case 'number':
        if (literal.type === 'number') return literal.value;
        throw incompatible();
      case 'boolean':
        if (literal.type === 'boolean') return literal.value;
        throw incompatible();
      case 'dateTime':
        if (literal.type === 'dateTime') return Date.parse(literal.value);
        // OData promotes Edm.Date to Edm.DateTimeOffset (midnight UTC).
        if (literal.type === 'date') return Date.parse(`${literal.value}T00:00:00Z`);
        throw incompatible();
      case 'date':
        if (literal.type === 'date') return literal.value;
        throw incompatible();
      case 'guid':
        if (literal.type === 'guid') return literal.value.toLowerCase();
        throw incompatible();
      case 'duration':
        if (literal.type === 'typed' && literal.typeName.toLowerCase() === 'duration') return literal.value;
        throw incompatible();
      case 'enum':
        return this.enumLiteral(literal, property, incompatible);
      case 'timeOfDay':
      case 'binary':
        throw incompatible();
    }
  }

  private enumLiteral(literal: LiteralSyntax, property: PropertyAccess, incompatible: () => Error): Comparable {
    if (literal.type === 'typed') {
      if (stripNamespace(literal.typeName).toLowerCase() !== stripNamespace(property.typeName).toLowerCase()) throw incompatible();
    } else if (literal.type !== 'string') {
      throw incompatible();
    }
    const members = property.enumMembers ?? [];
    // Flag enums travel as comma-separated members; each one must exist.
    const parts = literal.value.split(',').map((p) => p.trim());
    const canonical = parts.map((p) => members.find((m) => m.toLowerCase() === p.toLowerCase()));
    if (canonical.some((m) => m === undefined)) throw badRequest(`The string '${literal.value}' is not a valid enumeration type constant.`);
    return canonical.join(',');
  }
}

interface ResolvedProperty {
  readonly kind: 'property';
  readonly access: PropertyAccess;
  readonly ref: TypeRef;
  readonly collection: boolean;
  readonly complex: boolean;
}
interface ResolvedNavigation {
  readonly kind: 'navigation';
  readonly name: string;
}
interface ResolvedLiteral {
  readonly kind: 'literal';
  readonly literal: LiteralSyntax;
}
/** A computed operand (function result, nested comparison) the demo tenant does not evaluate. */
interface ResolvedExpression {
  readonly kind: 'expression';
  readonly reason: string;
}
type ResolvedOperand = ResolvedProperty | ResolvedNavigation | ResolvedLiteral | ResolvedExpression;

function valueKindOf(version: GraphVersion, ref: TypeRef): ValueKind {
  if (NUMERIC.has(ref.name)) return 'number';
  const simple = SIMPLE_KINDS[ref.name];
  if (simple) return simple;
  if (intuneSchema.isEnum(version, ref.name)) return 'enum';
  return 'untyped';
}


function operandTypeName(p: ResolvedProperty): string {
  return p.collection ? `Collection(${p.access.typeName})` : p.access.typeName;
}

function literalTypeName(l: LiteralSyntax): string {
  switch (l.type) {
    case 'string':
      return 'Edm.String';
    case 'number':
      if (/[eE]/.test(l.text)) return 'Edm.Double';
      if (l.text.includes('.')) return 'Edm.Decimal';
      return Math.abs(l.value) <= 2147483647 ? 'Edm.Int32' : 'Edm.Int64';
    case 'boolean':
      return 'Edm.Boolean';
    case 'null':
      return '<null>';
    case 'guid':
      return 'Edm.Guid';
    case 'dateTime':
      return 'Edm.DateTimeOffset';
    case 'date':
      return 'Edm.Date';
    case 'typed':
      return l.typeName.toLowerCase() === 'duration' ? 'Edm.Duration' : l.typeName;
  }
}

function compareLiterals(op: ComparisonOperator, a: LiteralSyntax, b: LiteralSyntax): boolean {
  const va = a.type === 'null' ? null : a.value;
  const vb = b.type === 'null' ? null : b.value;
  if (op === 'eq') return va === vb;
  if (op === 'ne') return va !== vb;
  if (va === null || vb === null) return false;
  if (op === 'gt') return va > vb;
  if (op === 'ge') return va >= vb;
  if (op === 'lt') return va < vb;
  return va <= vb;
}

function stripNamespace(name: string): string {
  return name.replace(/^microsoft\.graph\./i, '');
}

function propertyNotFound(name: string, typeName: string): Error {
  return badRequest(`Could not find a property named '${name}' on type '${typeName}'.`);
}

function incompatibleTypes(left: string, right: string, operatorKind: string): Error {
  return badRequest(`A binary operator with incompatible types was detected. Found operand types '${left}' and '${right}' for operator kind '${operatorKind}'.`);
}

function notBoolean(): Error {
  return badRequest('The $filter expression must evaluate to a single boolean value.');
}
