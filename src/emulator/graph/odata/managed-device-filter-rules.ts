// What the real service does with $filter on managedDevices (FACTS §3), applied to a bound filter.
//
// The CSDL says only properties whose descriptions mention $filter may be used, each with the
// operators listed in `managedDeviceQueryNotes.filterOperatorsByProperty`, and combinations must
// use 'and'. The service does not reject the rest: third-party reports show it drops them and
// answers as if they were not there, so a client sees *more* devices than it asked for:
//   - a clause on a property that is not filterable, or with an operator the property does not
//     allow, is ignored (`userId eq`, graph-explorer-v4#3125; `skuFamily`, docs-contrib#2416;
//     `ne` on operatingSystem / managedDeviceOwnerType, graph-docs#9953 and #15693);
//   - an `or` across different properties is ignored as a whole (powershell-intune-samples#188);
//   - `azureADDeviceId eq a or azureADDeviceId eq b` applies only the first alternative
//     (msgraph-beta-sdk-dotnet#1156);
//   - `startswith(deviceName,'D')` works although the description lists only eq/contains (#188).
// What stays an error: a property that does not exist (OData's own binding, before any of this),
// and azureADDeviceId with $count=true, which its description forbids ("not combine with count").
// Each ignored clause is reported so the emulator's log can say why a filter matched everything.
import rawSchema from '../../metadata/intune-schema.json' with { type: 'json' };
import { ODataError } from './odata-error.ts';
import type { FilterExpression, IgnoredClause, PropertyAccess } from './filter/expression.ts';
import { clauseProperty } from './filter/expression.ts';

type AllowedOperation = 'eq' | 'ne' | 'gt' | 'lt' | 'contains' | 'startswith' | 'or';

interface PropertyRule {
  readonly operations: ReadonlySet<AllowedOperation>;
  /** "not combine with count": $count=true with this property is a 400. */
  readonly notWithCount: boolean;
  /** Of an `or` over this property, only the first alternative takes effect. */
  readonly firstAlternativeOnly: boolean;
}

interface QueryNotes {
  readonly filterOperatorsByProperty: Readonly<Record<string, string>>;
}

/** Operations seen working although the CSDL description does not list them. */
const OBSERVED_EXTRA: Readonly<Record<string, readonly AllowedOperation[]>> = { deviceName: ['startswith'] };
/** Seen applying only the first alternative of an `or`. */
const FIRST_ALTERNATIVE_ONLY: ReadonlySet<string> = new Set(['azureADDeviceId']);

function loadRules(): ReadonlyMap<string, PropertyRule> {
  const notes = (rawSchema as unknown as { 'v1.0': { managedDeviceQueryNotes: QueryNotes } })['v1.0'].managedDeviceQueryNotes;
  const rules = new Map<string, PropertyRule>();
  for (const [property, text] of Object.entries(notes.filterOperatorsByProperty)) {
    // The descriptions read like "'eq' and 'or'" or "'eq', not combine with count".
    const operations = new Set<AllowedOperation>([...text.matchAll(/'([a-z]+)'/g)].map((m) => m[1] as AllowedOperation));
    for (const extra of OBSERVED_EXTRA[property] ?? []) operations.add(extra);
    rules.set(property, { operations, notWithCount: /not combine with count/i.test(text), firstAlternativeOnly: FIRST_ALTERNATIVE_ONLY.has(property) });
  }
  return rules;
}

export const MANAGED_DEVICE_FILTER_RULES: ReadonlyMap<string, PropertyRule> = loadRules();

export interface RuledFilter {
  /** The filter the service actually applies. */
  readonly expression: FilterExpression;
  readonly ignored: readonly IgnoredClause[];
}

/**
 * Applies the service's rules to a bound managedDevice filter.
 * `count`: whether $count=true (or the /$count segment) is part of the request.
 * Throws ODataError for azureADDeviceId with $count.
 */
export function applyManagedDeviceFilterRules(expression: FilterExpression, options: { readonly text: string; readonly count: boolean }): RuledFilter {
  const ignored: IgnoredClause[] = [];
  const ignore = (e: FilterExpression, reason: string): void => {
    ignored.push({ clause: options.text.slice(e.start, e.end), reason });
  };
  const kept: FilterExpression[] = [];
  for (const clause of flatten(expression, 'and')) {
    const applied = judgeConjunct(clause, ignore);
    if (applied) kept.push(applied);
  }
  if (options.count) {
    for (const k of kept) {
      const property = referencedProperty(k);
      if (property && MANAGED_DEVICE_FILTER_RULES.get(property)?.notWithCount) {
        throw new ODataError(`Filtering on '${property}' cannot be combined with $count.`, { source: 'intune' });
      }
    }
  }
  return { expression: conjunction(kept, expression), ignored };
}

type Ignore = (e: FilterExpression, reason: string) => void;

/** The clause as the service applies it, or undefined when it is dropped. */
function judgeConjunct(e: FilterExpression, ignore: Ignore): FilterExpression | undefined {
  switch (e.kind) {
    case 'constant':
      return e;
    case 'compare':
    case 'text':
    case 'in':
      return judgeClause(e, ignore);
    case 'logical':
      return judgeOr(e, ignore);
    case 'not':
      ignore(e, "'not' is not supported on managedDevices");
      return undefined;
    case 'lambda':
      ignore(e, 'any/all is not supported on managedDevices');
      return undefined;
    case 'unsupported':
      ignore(e, e.reason);
      return undefined;
  }
}

function judgeClause(e: FilterExpression & { kind: 'compare' | 'text' | 'in' }, ignore: Ignore): FilterExpression | undefined {
  const property = e.property;
  const rule = simpleName(property) === undefined ? undefined : MANAGED_DEVICE_FILTER_RULES.get(property.path);
  if (!rule) {
    ignore(e, `'${property.path}' is not filterable on managedDevices`);
    return undefined;
  }
  if (e.kind === 'in') {
    if (rule.firstAlternativeOnly) {
      const first = e.values[0];
      if (e.values.length > 1) ignore(e, `only the first value of '${property.path} in (...)' is applied`);
      return first === undefined ? undefined : { kind: 'compare', op: 'eq', property, value: first, start: e.start, end: e.end };
    }
    if (rule.operations.has('or') && rule.operations.has('eq')) return e;
    ignore(e, `'in' (several values) is not supported on '${property.path}'`);
    return undefined;
  }
  const operation = e.kind === 'compare' ? e.op : e.fn;
  if (rule.operations.has(operation as AllowedOperation)) return e;
  ignore(e, `'${operation}' is not supported on '${property.path}'`);
  return undefined;
}

function judgeOr(e: FilterExpression & { kind: 'logical' }, ignore: Ignore): FilterExpression | undefined {
  const alternatives = flatten(e, 'or');
  const properties = new Set(alternatives.map((a) => {
    const p = clauseProperty(a);
    return p ? simpleName(p) : undefined;
  }));
  const [only] = properties;
  if (properties.size !== 1 || only === undefined) {
    ignore(e, "'or' across different properties is not supported on managedDevices");
    return undefined;
  }
  const rule = MANAGED_DEVICE_FILTER_RULES.get(only);
  if (rule?.firstAlternativeOnly) {
    const first = judgeClause(alternatives[0] as FilterExpression & { kind: 'compare' | 'text' | 'in' }, ignore);
    for (const rest of alternatives.slice(1)) ignore(rest, `only the first alternative of an 'or' on '${only}' is applied`);
    return first;
  }
  if (!rule?.operations.has('or')) {
    ignore(e, `'or' is not supported on '${only}'`);
    return undefined;
  }
  // Every alternative must itself be allowed; otherwise the service drops the whole 'or'.
  const probe: IgnoredClause[] = [];
  for (const a of alternatives) judgeClause(a as FilterExpression & { kind: 'compare' | 'text' | 'in' }, (_clause, reason) => probe.push({ clause: '', reason }));
  if (probe.length > 0) {
    ignore(e, `${probe[0]?.reason ?? 'an alternative is not supported'}, so the whole 'or' is ignored`);
    return undefined;
  }
  return e;
}

function flatten(e: FilterExpression, op: 'and' | 'or'): FilterExpression[] {
  if (e.kind === 'logical' && e.op === op) return [...flatten(e.left, op), ...flatten(e.right, op)];
  return [e];
}

function conjunction(parts: readonly FilterExpression[], whole: FilterExpression): FilterExpression {
  if (parts.length === 0) return { kind: 'constant', value: true, start: whole.start, end: whole.end };
  return parts.reduce((left, right) => ({ kind: 'logical', op: 'and', left, right, start: left.start, end: right.end }));
}

/** The top-level property a clause is about; undefined for paths into complex values or lambda variables. */
function simpleName(p: PropertyAccess): string | undefined {
  return !p.fromElement && p.segments.length === 1 ? p.path : undefined;
}

function referencedProperty(e: FilterExpression): string | undefined {
  if (e.kind === 'logical') return referencedProperty(e.left) ?? referencedProperty(e.right);
  const p = clauseProperty(e);
  return p ? simpleName(p) : undefined;
}
