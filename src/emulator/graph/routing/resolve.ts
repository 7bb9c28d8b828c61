// Walks a Graph URL path through a tenant's data the way OData resolves it:
// singleton → navigation property → key → navigation property … → bound action or function.
// Every step is checked against the schema of the requested version, so a beta-only
// segment on v1.0 fails exactly where the real service fails.
import { EntityCollection, entityRecord } from '../model/entity.ts';
import type { EntityRecord } from '../model/entity.ts';
import type { BoundOperation, GraphVersion } from '../model/schema.ts';
import { intuneSchema } from '../model/schema.ts';
import type { TenantGraph } from '../model/tenant-graph.ts';
import { resolveLink } from './links.ts';

export type Target =
  | { readonly kind: 'singleton'; readonly record: EntityRecord }
  | { readonly kind: 'entity'; readonly record: EntityRecord; readonly collection: EntityCollection | undefined; readonly parent: EntityRecord; readonly navName: string; readonly contained: boolean }
  | { readonly kind: 'collection'; readonly collection: EntityCollection; readonly parent: EntityRecord; readonly navName: string; readonly contained: boolean; readonly elementType: string }
  | { readonly kind: 'count'; readonly collection: EntityCollection; readonly elementType: string }
  | {
    readonly kind: 'operation';
    readonly operation: BoundOperation;
    readonly on: EntityRecord | EntityCollection;
    readonly elementType: string;
    /** A function's parameters from the path, `getScopesForUser(userid='…')`, as OData literals. */
    readonly args?: Readonly<Record<string, string>>;
  };

export interface Resolved {
  readonly target: Target;
  /** The path as the permission map writes it: lower case, keys replaced by {id}. */
  readonly pattern: string;
  /** The OData context path ('deviceManagement/managedDevices'), for @odata.context. */
  readonly contextPath: string;
}

export type ResolveFailure = { readonly failed: true; readonly status: 400 | 404; readonly code: string; readonly message: string };

const KEY_IN_PARENS = /^([A-Za-z0-9_.$]+)\((?:'([^']*)'|([^)]*))\)$/;
/** `name(p='x',q=1)`: a function called with named parameters, which is not a key. */
const FUNCTION_CALL = /^([A-Za-z0-9_.]+)\((\s*[A-Za-z_][A-Za-z0-9_]*\s*=.*)\)$/;

/** Splits segments, turning `managedDevices('id')` into `managedDevices`, `id` as OData allows. */
export function splitSegments(path: string): string[] {
  const out: string[] = [];
  for (const raw of path.split('/')) {
    if (raw === '') continue;
    if (FUNCTION_CALL.test(raw)) {
      out.push(raw);
      continue;
    }
    const m = KEY_IN_PARENS.exec(raw);
    if (m) {
      const key = (m[2] ?? m[3] ?? '').trim();
      // `getFileVaultKey()` is a function call with no parameters, not a key.
      if (key === '' && m[2] === undefined) out.push(m[1] as string);
      else out.push(m[1] as string, key);
    } else {
      out.push(raw);
    }
  }
  return out;
}

export function resolvePath(graph: TenantGraph, version: GraphVersion, segments: readonly string[]): Resolved | ResolveFailure {
  const [first, ...rest] = segments;
  if (!first) return notFoundSegment('');
  const root = graph.singletons.get(first.toLowerCase());
  if (!root || !intuneSchema.type(version, root.type)) return notFoundSegment(first);
  let target: Target = { kind: 'singleton', record: root };
  const pattern: string[] = [root.type.toLowerCase()];
  const context: string[] = [root.type];

  for (let i = 0; i < rest.length; i++) {
    const segment = rest[i] as string;
    const lower = segment.toLowerCase();
    if (target.kind === 'singleton' || target.kind === 'entity') {
      const record: EntityRecord = target.record;
      const type = intuneSchema.type(version, record.type);
      if (!type) return notFoundSegment(segment);
      const navName = [...type.navigation.keys()].find((n) => n.toLowerCase() === lower);
      if (navName) {
        const ref = type.navigation.get(navName);
        if (!ref) return notFoundSegment(segment);
        const step = intuneSchema.type(version, ref.name)
          ? stepIntoNavigation(graph, version, record, navName, ref.collection, ref.name)
          : outsideExtract(record, navName, ref.collection, ref.name);
        if (!step) return notFoundSegment(segment);
        target = step;
        pattern.push(navName.toLowerCase());
        context.push(navName);
        continue;
      }
      const call = operationCall(segment);
      const operation: BoundOperation | undefined = intuneSchema.operations(version, record.type).find((op) => matches(op, call));
      if (operation && i === rest.length - 1) {
        target = { kind: 'operation', operation, on: record, elementType: record.type, ...(call.args ? { args: call.args } : {}) };
        pattern.push(operation.name.toLowerCase());
        context.push(operation.name);
        continue;
      }
      return notFoundSegment(segment);
    }
    if (target.kind === 'collection') {
      if (segment === '$count' && i === rest.length - 1) {
        target = { kind: 'count', collection: target.collection, elementType: target.elementType };
        pattern.push('$count');
        continue;
      }
      const call = operationCall(segment);
      const collectionOp: BoundOperation | undefined = intuneSchema.operations(version, `Collection(${target.elementType})`).find((op) => matches(op, call));
      if (collectionOp && i === rest.length - 1) {
        target = { kind: 'operation', operation: collectionOp, on: target.collection, elementType: target.elementType, ...(call.args ? { args: call.args } : {}) };
        pattern.push(collectionOp.name.toLowerCase());
        context.push(collectionOp.name);
        continue;
      }
      const record: EntityRecord | undefined = target.collection.get(segment);
      if (!record || !intuneSchema.type(version, record.type)) {
        return { failed: true, status: 404, code: 'ResourceNotFound', message: `The ${target.elementType} with id '${segment}' was not found.` };
      }
      target = { kind: 'entity', record, collection: target.collection, parent: target.parent, navName: target.navName, contained: target.contained };
      pattern.push('{id}');
      continue;
    }
    return notFoundSegment(segment);
  }
  return { target, pattern: `/${pattern.join('/')}`, contextPath: context.join('/') };
}

/** Directory types Graph serves elsewhere; the demo tenant has no directory objects to list. */
const DIRECTORY_TYPES = new Set(['user']);

/**
 * A navigation to a type intune-schema.json does not hold (a policy's deviceStatuses, an app's
 * relationships): the demo has no such data and could not check any, so a collection lists
 * nothing and takes nothing, and a single entity does not exist. Nothing is stored, so an
 * `assign` that named such a type leaves no records behind that could not be serialized.
 */
function outsideExtract(record: EntityRecord, navName: string, isCollection: boolean, elementType: string): Target | undefined {
  if (!isCollection || DIRECTORY_TYPES.has(elementType)) return undefined;
  return { kind: 'collection', collection: new EntityCollection(elementType), parent: record, navName, contained: true, elementType };
}

/** Single entities the service keeps for every parent from its creation on: a policy's deployment summary. */
const ALWAYS_PRESENT = new Set(['deploymentSummary']);

/** The entity a parent that never had one shows: the parent's id and name, counts at zero. */
function presentAtZero(parent: EntityRecord, navName: string, typeName: string): EntityRecord {
  const type = intuneSchema.type('beta', typeName);
  const props = type ? intuneSchema.emptyObject('beta', type) : {};
  const created = entityRecord(typeName, { ...props, id: String(parent.props['id']), ...('displayName' in props ? { displayName: parent.props['displayName'] ?? null } : {}) });
  parent.nav.set(navName, created);
  return created;
}

function stepIntoNavigation(graph: TenantGraph, version: GraphVersion, record: EntityRecord, navName: string, isCollection: boolean, elementType: string): Target | undefined {
  const stored = record.nav.get(navName);
  if (stored instanceof EntityCollection) {
    return { kind: 'collection', collection: stored, parent: record, navName, contained: true, elementType };
  }
  if (stored) return { kind: 'entity', record: stored, collection: undefined, parent: record, navName, contained: true };
  const linked = resolveLink(graph, record, navName);
  if (linked === undefined) {
    if (!isCollection && ALWAYS_PRESENT.has(navName)) return { kind: 'entity', record: presentAtZero(record, navName, elementType), collection: undefined, parent: record, navName, contained: true };
    // Targets outside the Intune schema (directory users, for one) are not emulated.
    if (!isCollection || !intuneSchema.type(version, elementType)) return undefined;
    // The schema has this contained collection but the tenant holds none yet: start it empty,
    // so GET lists nothing and POST can add, as on a real tenant that never used the feature.
    const created = new EntityCollection(elementType);
    record.nav.set(navName, created);
    return { kind: 'collection', collection: created, parent: record, navName, contained: true, elementType };
  }
  if (linked instanceof EntityCollection) {
    return { kind: 'collection', collection: linked, parent: record, navName, contained: false, elementType };
  }
  if (linked === null) return undefined;
  return { kind: 'entity', record: linked, collection: undefined, parent: record, navName, contained: false };
}

interface OperationCall {
  readonly name: string;
  readonly args?: Readonly<Record<string, string>>;
}

/** A segment naming an operation: bare, or a function call with its parameters in parentheses. */
function operationCall(segment: string): OperationCall {
  const m = FUNCTION_CALL.exec(segment);
  if (!m) return { name: unqualified(segment) };
  const args: Record<string, string> = {};
  // Commas inside quoted strings belong to the value ('a,b'); quotes are doubled inside strings.
  for (const part of (m[2] as string).match(/(?:[^,']|'(?:[^']|'')*')+/g) ?? []) {
    const eq = part.indexOf('=');
    args[part.slice(0, eq).trim()] = part.slice(eq + 1).trim();
  }
  return { name: unqualified(m[1] as string), args };
}

/** Bound operations may be namespace-qualified (`microsoft.graph.syncDevice`), as OData allows. */
function unqualified(name: string): string {
  return name.toLowerCase().replace(/^microsoft\.graph\./, '');
}

/** Parameters in the path only make sense for a function; an action takes them in the body. */
function matches(op: BoundOperation, call: OperationCall): boolean {
  return op.name.toLowerCase() === call.name && (call.args === undefined || op.kind === 'Function');
}

function notFoundSegment(segment: string): ResolveFailure {
  return { failed: true, status: 400, code: 'BadRequest', message: `Resource not found for the segment '${segment}'.` };
}
