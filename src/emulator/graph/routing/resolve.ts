// Walks a Graph URL path through a tenant's data the way OData resolves it:
// singleton → navigation property → key → navigation property … → bound action or function.
// Every step is checked against the schema of the requested version, so a beta-only
// segment on v1.0 fails exactly where the real service fails.
import { EntityCollection } from '../model/entity.ts';
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
  | { readonly kind: 'operation'; readonly operation: BoundOperation; readonly on: EntityRecord | EntityCollection; readonly elementType: string };

export interface Resolved {
  readonly target: Target;
  /** The path as the permission map writes it: lower case, keys replaced by {id}. */
  readonly pattern: string;
  /** The OData context path ('deviceManagement/managedDevices'), for @odata.context. */
  readonly contextPath: string;
}

export type ResolveFailure = { readonly failed: true; readonly status: 400 | 404; readonly code: string; readonly message: string };

const KEY_IN_PARENS = /^([A-Za-z0-9_.$]+)\((?:'([^']*)'|([^)]*))\)$/;

/** Splits segments, turning `managedDevices('id')` into `managedDevices`, `id` as OData allows. */
export function splitSegments(path: string): string[] {
  const out: string[] = [];
  for (const raw of path.split('/')) {
    if (raw === '') continue;
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
        const step = stepIntoNavigation(graph, version, record, navName, ref?.collection ?? false, ref?.name ?? '');
        if (!step) return notFoundSegment(segment);
        target = step;
        pattern.push(navName.toLowerCase());
        context.push(navName);
        continue;
      }
      const operation: BoundOperation | undefined = intuneSchema.operations(version, record.type).find((op) => op.name.toLowerCase() === lower);
      if (operation && i === rest.length - 1) {
        target = { kind: 'operation', operation, on: record, elementType: record.type };
        pattern.push(lower);
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
      const collectionOp: BoundOperation | undefined = intuneSchema.operations(version, `Collection(${target.elementType})`).find((op) => op.name.toLowerCase() === lower);
      if (collectionOp && i === rest.length - 1) {
        target = { kind: 'operation', operation: collectionOp, on: target.collection, elementType: target.elementType };
        pattern.push(lower);
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

function stepIntoNavigation(graph: TenantGraph, version: GraphVersion, record: EntityRecord, navName: string, isCollection: boolean, elementType: string): Target | undefined {
  const stored = record.nav.get(navName);
  if (stored instanceof EntityCollection) {
    return { kind: 'collection', collection: stored, parent: record, navName, contained: true, elementType };
  }
  if (stored) return { kind: 'entity', record: stored, collection: undefined, parent: record, navName, contained: true };
  const linked = resolveLink(graph, record, navName);
  if (linked === undefined) {
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

function notFoundSegment(segment: string): ResolveFailure {
  return { failed: true, status: 400, code: 'BadRequest', message: `Resource not found for the segment '${segment}'.` };
}
