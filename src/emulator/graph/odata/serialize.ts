// Stored records → the JSON Graph sends, per API version. A record holds the superset of both
// versions; each version emits exactly its own schema's properties (inherited ones included),
// with defaults for what is not stored and nothing the version lacks.
//
// Speed: a beta device list page is 1000 × 83 properties. Objects built key by key with
// computed names fall into V8's slow dictionary mode, so each (version, type, selection, list or
// single) gets one generated writer whose body is a single object literal over the schema's
// property names (quoted with JSON.stringify; names come from the schema file, not requests).
// Writing a record is then one literal, no schema lookups, no per-property closures for scalars.
import rawSchema from '../../metadata/intune-schema.json' with { type: 'json' };
import type { EntityRecord } from '../model/entity.ts';
import { isJsonObject } from '../model/json.ts';
import type { Json, JsonObject, MutableJsonObject } from '../model/json.ts';
import { intuneSchema } from '../model/schema.ts';
import type { GraphVersion, StructuredType, TypeRef } from '../model/schema.ts';
import { resolveNavigation } from './expand.ts';
import type { ExpandItem, NavigationResolver } from './expand.ts';
import { enumMembers, scalarDefault } from './schema-values.ts';

export interface SerializeOptions {
  readonly version: GraphVersion;
  /** Property names to emit (plus `id`); undefined for all. Names are validated by the query parser. */
  readonly select?: readonly string[];
  /** A collection response: managedDevice's non-default properties stay at their defaults. */
  readonly inList: boolean;
  /** The collection's declared element type; records of other (derived) types get `@odata.type`. */
  readonly declaredType?: string;
  readonly expand?: { readonly items: readonly ExpandItem[]; readonly resolve?: NavigationResolver };
}

type Props = { readonly [key: string]: Json | undefined };
/** Writes one object; `tag` becomes the leading `@odata.type` when given. */
type Writer = (props: Props, tag: string | undefined) => MutableJsonObject;

interface PropertyPlan {
  readonly name: string;
  /** For complex and collection values; scalars are written inline. */
  readonly encode: ((stored: Json | undefined) => Json) | undefined;
  /** Written for a missing (or, if non-nullable, null) scalar. */
  readonly fallback: Json;
  readonly nonNullable: boolean;
  /** Left at its default in list responses, even when selected (FACTS §3). */
  readonly maskedInList: boolean;
  readonly listValue: () => Json;
}

interface TypePlan {
  readonly type: StructuredType;
  readonly properties: readonly PropertyPlan[];
  readonly writers: Map<string, Writer>;
}

const MAX_CACHED_WRITERS = 64;
const plans = new Map<string, TypePlan | null>();

/**
 * Properties a managedDevice list leaves null (or zero): real values need a single GET with
 * $select. v1.0 lists them in the query notes; beta adds hardwareInformation (FACTS §3).
 */
const NON_DEFAULT_IN_LIST: Readonly<Record<GraphVersion, ReadonlySet<string>>> = (() => {
  const notes = (rawSchema as unknown as { 'v1.0': { managedDeviceQueryNotes: { nonDefaultInList_requireGetWithSelect: readonly string[] } } })['v1.0'].managedDeviceQueryNotes;
  const v1 = new Set(notes.nonDefaultInList_requireGetWithSelect);
  return { 'v1.0': v1, beta: new Set([...v1, 'hardwareInformation']) };
})();

/** The entity as Graph sends it in `version`, or undefined if that version has no such type. */
export function serializeEntity(record: EntityRecord, options: SerializeOptions): MutableJsonObject | undefined {
  const plan = planFor(options.version, record.type);
  if (!plan) return undefined;
  const tag = options.declaredType !== undefined && record.type !== options.declaredType ? `#microsoft.graph.${record.type}` : undefined;
  const out = writerFor(plan, options.inList, options.select)(record.props, tag);
  if (options.expand) appendExpansions(out, record, options);
  return out;
}

/** A complex value as Graph sends it: exactly its type's properties, `@odata.type` only for a derived type. */
export function serializeComplex(version: GraphVersion, value: JsonObject, declaredType: string): MutableJsonObject {
  let actual = declaredType;
  const tag = value['@odata.type'];
  if (typeof tag === 'string') {
    const tagged = tag.replace(/^#?microsoft\.graph\./, '');
    if (tagged !== declaredType && intuneSchema.isDerivedFrom(version, tagged, declaredType)) actual = tagged;
  }
  const plan = planFor(version, actual);
  if (!plan) return {};
  return writerFor(plan, false, undefined)(value, actual === declaredType ? undefined : `#microsoft.graph.${actual}`);
}

function planFor(version: GraphVersion, typeName: string): TypePlan | undefined {
  const key = `${version}:${typeName}`;
  let plan = plans.get(key);
  if (plan === undefined) {
    const type = intuneSchema.type(version, typeName);
    plan = type ? buildPlan(version, type) : null;
    plans.set(key, plan);
  }
  return plan ?? undefined;
}

function buildPlan(version: GraphVersion, type: StructuredType): TypePlan {
  const masked = type.kind === 'entity' && type.lineage.includes('managedDevice') ? NON_DEFAULT_IN_LIST[version] : new Set<string>();
  const properties: PropertyPlan[] = [];
  for (const [name, ref] of type.properties) {
    const nonNullable = type.nonNullable.has(name);
    const encode = encoderFor(version, ref, nonNullable);
    const fallback = encode ? null : scalarDefault(version, ref, nonNullable);
    properties.push({
      name,
      encode,
      fallback,
      nonNullable,
      maskedInList: masked.has(name),
      listValue: encode ? () => encode(undefined) : () => fallback,
    });
  }
  return { type, properties, writers: new Map() };
}

/** Encoders for values that are not plain scalars; undefined means "write inline". */
function encoderFor(version: GraphVersion, ref: TypeRef, nonNullable: boolean): ((stored: Json | undefined) => Json) | undefined {
  const complex = !ref.unverified && intuneSchema.type(version, ref.name)?.kind === 'complex' ? ref.name : undefined;
  const evolved = ref.unverified ? undefined : evolvedMembers(version, ref.name);
  if (evolved) {
    const fallback = scalarDefault(version, { ...ref, collection: false }, nonNullable);
    const one = (v: Json | undefined): Json => (typeof v === 'string' ? evolved(v) : v === undefined || v === null ? fallback : v);
    return ref.collection ? (v) => (Array.isArray(v) ? v.map(one) : []) : one;
  }
  if (ref.collection) {
    if (complex) return (v) => (Array.isArray(v) ? v.map((item: Json) => (isJsonObject(item) ? serializeComplex(version, item, complex) : null)) : []);
    return (v) => (Array.isArray(v) ? v.slice() : []);
  }
  if (!complex) return undefined;
  // A fresh default object each time: callers may hold on to and change what they get.
  if (nonNullable) return (v) => serializeComplex(version, isJsonObject(v) ? v : {}, complex);
  return (v) => (isJsonObject(v) ? serializeComplex(version, v, complex) : null);
}

/**
 * Records hold beta's enum members; a v1.0 enum may lack some (deviceEnrollmentType has no
 * androidEnterprise* in v1.0). Graph's evolvable-enum rule sends those as unknownFutureValue.
 * Undefined when every stored member is also this version's, so the value is written inline.
 */
function evolvedMembers(version: GraphVersion, enumName: string): ((value: string) => string) | undefined {
  const own = enumMembers(version, enumName);
  const all = enumMembers('beta', enumName) ?? [];
  if (!own || !own.includes('unknownFutureValue') || all.every((m) => own.includes(m))) return undefined;
  const known = new Set(own);
  // Flag enums are comma-separated members.
  return (value) => value.split(',').map((m) => (known.has(m.trim()) ? m : 'unknownFutureValue')).join(',');
}

function writerFor(plan: TypePlan, inList: boolean, select: readonly string[] | undefined): Writer {
  const key = `${inList ? 'list' : 'one'}|${select ? select.join(',') : '*'}`;
  let writer = plan.writers.get(key);
  if (!writer) {
    const wanted = select ? new Set(['id', ...select]) : undefined;
    writer = compileWriter(plan.properties.filter((p) => !wanted || wanted.has(p.name)), inList);
    if (plan.writers.size >= MAX_CACHED_WRITERS) plan.writers.clear();
    plan.writers.set(key, writer);
  }
  return writer;
}

function compileWriter(properties: readonly PropertyPlan[], inList: boolean): Writer {
  const encoders: ((stored: Json | undefined) => Json)[] = [];
  const values: (() => Json)[] = [];
  const constants: Json[] = [];
  const fields = properties.map((p) => {
    const key = JSON.stringify(p.name);
    if (inList && p.maskedInList) {
      values.push(p.listValue);
      return `${key}: V[${values.length - 1}]()`;
    }
    if (p.encode) {
      encoders.push(p.encode);
      return `${key}: E[${encoders.length - 1}](p[${key}])`;
    }
    if (!p.nonNullable) return `${key}: (v = p[${key}]) === undefined ? null : v`;
    constants.push(p.fallback);
    return `${key}: (v = p[${key}]) === undefined || v === null ? C[${constants.length - 1}] : v`;
  });
  const literal = fields.join(', ');
  const body = `let v; return tag === undefined ? { ${literal} } : { "@odata.type": tag, ${literal} };`;
  const make = new Function('E', 'V', 'C', `return function write(p, tag) { ${body} };`) as (e: typeof encoders, v: typeof values, c: typeof constants) => Writer;
  return make(encoders, values, constants);
}

function appendExpansions(out: MutableJsonObject, record: EntityRecord, options: SerializeOptions): void {
  const expand = options.expand;
  if (!expand) return;
  for (const item of expand.items) {
    if (item.behaviour === 'omit') continue;
    const related = resolveNavigation(record, item, expand.resolve);
    const child = (r: EntityRecord, inList: boolean): MutableJsonObject | undefined =>
      serializeRelated(r, { version: options.version, inList, declaredType: item.targetType, ...(item.select ? { select: item.select } : {}) });
    if (related === null) out[item.navigation] = null;
    else if (Array.isArray(related)) out[item.navigation] = (related as readonly EntityRecord[]).flatMap((r) => child(r, true) ?? []);
    else out[item.navigation] = child(related as EntityRecord, options.inList) ?? null;
  }
}

/**
 * Related records may live outside the Intune schema (a device's `users`); those pass through
 * as stored, narrowed to the nested $select if there is one.
 */
function serializeRelated(record: EntityRecord, options: SerializeOptions): MutableJsonObject | undefined {
  const known = intuneSchema.type('v1.0', record.type) ?? intuneSchema.type('beta', record.type);
  if (known) return serializeEntity(record, options);
  const out: MutableJsonObject = {};
  for (const [k, v] of Object.entries(record.props)) if (!options.select || k === 'id' || options.select.includes(k)) out[k] = v;
  return out;
}
