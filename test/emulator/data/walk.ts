// Walking every stored record of a generated tenant, and reading a beta-superset record
// the way a v1.0 client sees it: properties v1.0 lacks dropped (also inside complex values),
// enum members v1.0 lacks read as unknownFutureValue (Graph's evolvable-enum rule).
import type { EntityRecord } from '../../../src/emulator/graph/model/entity.ts';
import type { Json, JsonObject } from '../../../src/emulator/graph/model/json.ts';
import { isJsonObject } from '../../../src/emulator/graph/model/json.ts';
import type { GraphVersion, TypeRef } from '../../../src/emulator/graph/model/schema.ts';
import { intuneSchema } from '../../../src/emulator/graph/model/schema.ts';
import type { TenantGraph } from '../../../src/emulator/graph/model/tenant-graph.ts';

export interface Visit {
  readonly path: string;
  readonly record: EntityRecord;
  /** The type the navigation declares (null for singletons). */
  readonly declared: string | null;
  /** Whether every navigation on the way exists in v1.0 (beta-only collections are not served there). */
  readonly inV1: boolean;
}

/** Every record reachable from the singletons through contained navigation, depth first. */
export function* walk(graph: TenantGraph): Generator<Visit> {
  for (const [name, record] of graph.singletons) yield* visit(record, name, null, true);
}

function* visit(record: EntityRecord, path: string, declared: string | null, inV1: boolean): Generator<Visit> {
  yield { path, record, declared, inV1 };
  for (const [nav, child] of record.nav) {
    const navType = intuneSchema.type('beta', record.type)?.navigation.get(nav)?.name ?? nav;
    const childInV1 = inV1 && (intuneSchema.type('v1.0', record.type)?.navigation.has(nav) ?? false);
    if ('elementType' in child) {
      for (const r of child.values()) yield* visit(r, `${path}/${nav}/${String(r.props['id'])}`, navType, childInV1);
    } else {
      yield* visit(child, `${path}/${nav}`, navType, childInV1);
    }
  }
}

function projectValue(version: GraphVersion, ref: TypeRef, value: Json): Json {
  if (value === null) return null;
  if (ref.collection && Array.isArray(value)) return value.map((v: Json) => projectValue(version, { ...ref, collection: false }, v));
  const members = intuneSchema.enumMembers(version, ref.name);
  if (members && typeof value === 'string') {
    return value.split(',').map((m) => (members.includes(m) || !members.includes('unknownFutureValue') ? m : 'unknownFutureValue')).join(',');
  }
  if (isJsonObject(value) && intuneSchema.type(version, ref.name)) return project(version, ref.name, value);
  return value;
}

/** A stored value as `version` shows it. */
export function project(version: GraphVersion, typeName: string, value: JsonObject): JsonObject {
  const tag = value['@odata.type'];
  const actual = intuneSchema.type(version, typeof tag === 'string' ? tag.replace(/^#/, '') : typeName);
  if (!actual) return value;
  const out: { [key: string]: Json } = {};
  for (const [key, v] of Object.entries(value)) {
    if (key.startsWith('@odata.')) {
      out[key] = v;
      continue;
    }
    const ref = actual.properties.get(key);
    if (ref) out[key] = projectValue(version, ref, v);
  }
  return out;
}

/** Problems of one record in one version (empty when it conforms). */
export function problemsOf(version: GraphVersion, record: EntityRecord, path: string): string[] {
  const type = intuneSchema.type(version, record.type);
  if (!type) return [`${path}: type ${record.type} does not exist in ${version}`];
  if (type.abstract) return [`${path}: ${record.type} is abstract`];
  const props = version === 'beta' ? record.props : project(version, record.type, record.props);
  return intuneSchema.checkObject(version, record.type, props, path);
}

/** A canonical JSON text of a whole graph (props, links, nav in order) for hashing. */
export function graphText(graph: TenantGraph): string {
  const parts: string[] = [];
  for (const v of walk(graph)) {
    parts.push(v.path, v.record.type, JSON.stringify(v.record.props), JSON.stringify([...v.record.links]));
  }
  return parts.join('\n');
}
