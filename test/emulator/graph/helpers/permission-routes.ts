// What a permission-map row (`POST /devicemanagement/manageddevices/{id}/wipe`) addresses,
// worked out from intune-schema.json alone: which API version has it, the schema's spelling
// of each segment, which types an `{id}` item must have for the rest of the path to exist,
// and what the path ends at. The emulator's own router is not consulted, so the test can
// catch it resolving what the schema lacks, or failing what the schema has.
import { allPermissionRows, permissionRow } from '../../../../src/emulator/graph/authorization/scopes.ts';
import intuneScopes from '../../../../src/shared/intune/scopes.json' with { type: 'json' };
import { intuneSchema } from '../../../../src/emulator/graph/model/schema.ts';
import type { BoundOperation, GraphVersion } from '../../../../src/emulator/graph/model/schema.ts';
import type { Method } from './graph-session.ts';

export interface PermissionRow {
  readonly key: string;
  readonly method: Method;
  readonly pattern: string;
  readonly least: readonly string[];
}

/** Every row of intune-permissions.json, as the emulator loads it. */
export function permissionRows(): readonly PermissionRow[] {
  return allPermissionRows().map((key) => {
    const [method, pattern] = key.split(' ') as [Method, string];
    return { key, method, pattern, least: permissionRow(key)?.least ?? [] };
  });
}

/** Least scopes plus every scope that includes one of them (ReadWrite includes Read), per scopes.json. */
export function acceptedScopes(least: readonly string[]): readonly string[] {
  const accepted = new Set(least);
  for (const scope of intuneScopes.scopes as readonly { readonly name: string; readonly includes?: readonly string[] }[]) {
    if (scope.includes?.some((s) => least.includes(s))) accepted.add(scope.name);
  }
  return [...accepted];
}

export type RouteEnd =
  | { readonly kind: 'singleton'; readonly type: string }
  /** `known`: the schema holds the element type (false for deviceStatuses and the like). */
  | { readonly kind: 'collection'; readonly elementType: string; readonly known: boolean }
  /** An item of a collection, or a single-valued navigation. */
  | { readonly kind: 'entity'; readonly type: string; readonly keyed: boolean }
  | { readonly kind: 'operation'; readonly operation: BoundOperation; readonly onCollection: boolean };

export interface RouteKey {
  readonly declared: string;
  readonly allowed: readonly string[];
}

export interface Route {
  readonly version: GraphVersion;
  /** Segments in the schema's spelling, `{id}` for keys: ['deviceManagement', 'managedDevices', '{id}', 'wipe']. */
  readonly segments: readonly string[];
  /** For the `{id}` at each index: the collection's declared type, and the concrete types an item there may have for the rest of the path to exist. */
  readonly keys: ReadonlyMap<number, RouteKey>;
  readonly end: RouteEnd;
}

const SINGLETONS: Readonly<Record<string, string>> = { devicemanagement: 'deviceManagement', deviceappmanagement: 'deviceAppManagement' };

function concrete(version: GraphVersion, type: string): string[] {
  return intuneSchema.derivedTypes(version, type).filter((t) => {
    const s = intuneSchema.type(version, t);
    return s !== undefined && s.kind === 'entity' && !s.abstract;
  });
}

/** The route in one version, or undefined when that version's schema does not have the path. */
export function routeIn(version: GraphVersion, pattern: string): Route | undefined {
  const [first = '', ...rest] = pattern.split('/').filter(Boolean);
  const root = SINGLETONS[first];
  if (!root || !intuneSchema.type(version, root)) return undefined;
  const segments: string[] = [root];
  const keys = new Map<number, RouteKey>();
  let at: { kind: 'entity'; types: readonly string[]; key: number | undefined } | { kind: 'collection'; elementType: string } = { kind: 'entity', types: [root], key: undefined };
  let end: RouteEnd = { kind: 'singleton', type: root };
  for (let i = 0; i < rest.length; i++) {
    const segment = rest[i] as string;
    const last = i === rest.length - 1;
    if (at.kind === 'collection') {
      if (segment === '{id}') {
        const types = concrete(version, at.elementType);
        keys.set(segments.length, { declared: at.elementType, allowed: types });
        end = { kind: 'entity', type: at.elementType, keyed: true };
        at = { kind: 'entity', types, key: segments.length };
        segments.push('{id}');
        continue;
      }
      const op = intuneSchema.operations(version, `Collection(${at.elementType})`).find((o) => o.name.toLowerCase() === segment);
      if (!op || !last) return undefined;
      segments.push(op.name);
      end = { kind: 'operation', operation: op, onCollection: true };
      continue;
    }
    // On an entity: a navigation or an operation of one of the types the item may have.
    const types = at.types;
    const navOn = types.filter((t) => [...(intuneSchema.type(version, t)?.navigation.keys() ?? [])].some((n) => n.toLowerCase() === segment));
    const opOn = last ? types.filter((t) => intuneSchema.operations(version, t).some((o) => o.name.toLowerCase() === segment)) : [];
    const narrowed = navOn.length > 0 ? navOn : opOn;
    if (narrowed.length === 0) return undefined;
    const key = at.key === undefined ? undefined : keys.get(at.key);
    if (at.key !== undefined && key) keys.set(at.key, { declared: key.declared, allowed: narrowed });
    const owner = intuneSchema.type(version, narrowed[0] as string);
    if (!owner) return undefined;
    if (navOn.length > 0) {
      const name = [...owner.navigation.keys()].find((n) => n.toLowerCase() === segment) as string;
      const ref = owner.navigation.get(name);
      if (!ref) return undefined;
      // A navigation to a type the extract does not hold (deviceStatuses): a collection of it
      // exists but nothing in it can be checked; a single entity of it cannot be addressed.
      if (!intuneSchema.type(version, ref.name) && (!ref.collection || !last)) return undefined;
      segments.push(name);
      if (ref.collection) {
        at = { kind: 'collection', elementType: ref.name };
        end = { kind: 'collection', elementType: ref.name, known: intuneSchema.type(version, ref.name) !== undefined };
      } else {
        at = { kind: 'entity', types: concrete(version, ref.name), key: undefined };
        end = { kind: 'entity', type: ref.name, keyed: false };
      }
      continue;
    }
    const op = intuneSchema.operations(version, owner.name).find((o) => o.name.toLowerCase() === segment) as BoundOperation;
    segments.push(op.name);
    end = { kind: 'operation', operation: op, onCollection: false };
  }
  return { version, segments, keys, end };
}

/** v1.0 where the path exists there, else beta; undefined when neither schema has it. */
export function routeOf(pattern: string): Route | undefined {
  return routeIn('v1.0', pattern) ?? routeIn('beta', pattern);
}
