// The Intune part of the Graph schema (intune-schema.json), resolved for use:
// inherited properties, derived types, enum members, defaults and value checks.
// Everything the demo tenant emits and accepts is held to this file.
import rawSchema from '../../metadata/intune-schema.json' with { type: 'json' };
import type { Json } from './json.ts';
import { isJsonObject } from './json.ts';

export type GraphVersion = 'v1.0' | 'beta';
export const GRAPH_VERSIONS: readonly GraphVersion[] = ['v1.0', 'beta'];

interface RawType {
  readonly baseType?: string | null;
  readonly abstract?: boolean;
  readonly properties: Readonly<Record<string, string>>;
  readonly navigation?: Readonly<Record<string, string>>;
  readonly nonNullable?: readonly string[];
}
interface RawAction {
  readonly kind: 'Action' | 'Function';
  readonly name: string;
  readonly params: Readonly<Record<string, string>>;
  readonly returns: string | null;
}
interface RawVersion {
  readonly entities: Readonly<Record<string, RawType>>;
  readonly complexTypes: Readonly<Record<string, RawType>>;
  /** Beta enums taken from the type-mappings are `{members, order}` (declaration order lost). */
  readonly enums: Readonly<Record<string, readonly string[] | { readonly members: readonly string[] }>>;
  readonly actions: Readonly<Record<string, readonly RawAction[]>>;
}

/** A property type as the schema writes it, parsed. */
export interface TypeRef {
  readonly name: string;
  readonly collection: boolean;
  /** "unknown" or "(inferred)" in the schema: not from Microsoft's metadata. */
  readonly unverified: boolean;
}

export function parseTypeRef(text: string): TypeRef {
  let t = text.trim();
  const unverified = t.endsWith('(inferred)') || t === 'unknown';
  t = t.replace(/\s*\(inferred\)$/, '');
  const m = /^Collection\((.+)\)$/.exec(t);
  return { name: m ? (m[1] as string) : t, collection: Boolean(m), unverified };
}

export interface StructuredType {
  readonly name: string;
  readonly kind: 'entity' | 'complex';
  readonly abstract: boolean;
  /** Own type first, then its bases up to the root. */
  readonly lineage: readonly string[];
  readonly properties: ReadonlyMap<string, TypeRef>;
  readonly navigation: ReadonlyMap<string, TypeRef>;
  readonly nonNullable: ReadonlySet<string>;
}

export interface BoundOperation {
  readonly kind: 'Action' | 'Function';
  readonly name: string;
  readonly boundTo: string;
  readonly params: ReadonlyMap<string, TypeRef>;
  readonly returns: TypeRef | null;
}

const EDM_DEFAULTS: Readonly<Record<string, Json>> = {
  'Edm.Boolean': false,
  'Edm.Int32': 0,
  'Edm.Int64': 0,
  'Edm.Int16': 0,
  'Edm.Byte': 0,
  'Edm.Double': 0,
  'Edm.Single': 0,
  'Edm.Decimal': 0,
  'Edm.String': '',
  'Edm.Guid': '00000000-0000-0000-0000-000000000000',
  // Graph's own stand-in for "no date" on non-nullable dates (FACTS §3).
  'Edm.DateTimeOffset': '0001-01-01T00:00:00Z',
  'Edm.Date': '0001-01-01',
  'Edm.TimeOfDay': '00:00:00.0000000',
  'Edm.Duration': 'PT0S',
  'Edm.Binary': '',
};

const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,7})?(Z|[+-]\d{2}:\d{2})$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;
const TIME = /^\d{2}:\d{2}(:\d{2}(\.\d{1,7})?)?$/;
const DURATION = /^-?P(\d+D)?(T(\d+H)?(\d+M)?(\d+(\.\d+)?S)?)?$/;
const GUID = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;
const BASE64 = /^[A-Za-z0-9+/_-]*={0,2}$/;

export class GraphSchema {
  private readonly raw: Readonly<Record<GraphVersion, RawVersion>>;
  private readonly cache = new Map<string, StructuredType | null>();
  private readonly derivedCache = new Map<string, readonly string[]>();

  constructor(raw: Readonly<Record<GraphVersion, RawVersion>>) {
    this.raw = raw;
  }

  /** An entity or complex type with everything it inherits, or undefined if this version lacks it. */
  type(version: GraphVersion, name: string): StructuredType | undefined {
    const key = `${version}:${name}`;
    if (!this.cache.has(key)) this.cache.set(key, this.resolve(version, stripNamespace(name)) ?? null);
    return this.cache.get(key) ?? undefined;
  }

  entityNames(version: GraphVersion): readonly string[] {
    return Object.keys(this.raw[version].entities);
  }

  isEnum(version: GraphVersion, name: string): boolean {
    return name in this.raw[version].enums;
  }

  enumMembers(version: GraphVersion, name: string): readonly string[] | undefined {
    const raw = this.raw[version].enums[name];
    if (raw === undefined) return undefined;
    return Array.isArray(raw) ? raw : (raw as { readonly members: readonly string[] }).members;
  }

  /** Concrete types that are `base` or derive from it, in schema order. */
  derivedTypes(version: GraphVersion, base: string): readonly string[] {
    const key = `${version}:${base}`;
    let found = this.derivedCache.get(key);
    if (!found) {
      const v = this.raw[version];
      const names = [...Object.keys(v.entities), ...Object.keys(v.complexTypes)];
      found = names.filter((n) => this.type(version, n)?.lineage.includes(base));
      this.derivedCache.set(key, found);
    }
    return found;
  }

  isDerivedFrom(version: GraphVersion, type: string, base: string): boolean {
    return this.type(version, type)?.lineage.includes(stripNamespace(base)) ?? false;
  }

  /**
   * Actions and functions bound to a type or any of its bases. `Collection(x)` asks for the
   * ones bound to a collection of x (executeAction, hasCustomRoleScopeTag), keyed so in the schema.
   */
  operations(version: GraphVersion, typeName: string): readonly BoundOperation[] {
    const element = /^Collection\((.+)\)$/.exec(typeName)?.[1];
    const t = this.type(version, element ?? typeName);
    if (!t) return [];
    const out: BoundOperation[] = [];
    for (const base of t.lineage) {
      const owner = element === undefined ? base : `Collection(${base})`;
      for (const op of this.raw[version].actions[owner] ?? []) {
        out.push({
          kind: op.kind,
          name: op.name,
          boundTo: owner,
          params: new Map(Object.entries(op.params).map(([k, v]) => [k, parseTypeRef(v)])),
          returns: op.returns ? parseTypeRef(op.returns) : null,
        });
      }
    }
    return out;
  }

  /** The value a property has when nothing set it: null if nullable, else the type's zero value. */
  defaultValue(version: GraphVersion, ref: TypeRef, nonNullable: boolean): Json {
    if (ref.collection) return [];
    if (!nonNullable) return null;
    if (ref.name in EDM_DEFAULTS) return EDM_DEFAULTS[ref.name] as Json;
    const members = this.enumMembers(version, ref.name);
    if (members) return members[0] ?? null;
    const complex = this.type(version, ref.name);
    if (complex) return this.emptyObject(version, complex);
    return null;
  }

  /** An object with every property of a complex type at its default. */
  emptyObject(version: GraphVersion, type: StructuredType): { [key: string]: Json } {
    const out: { [key: string]: Json } = {};
    for (const [name, ref] of type.properties) out[name] = this.defaultValue(version, ref, type.nonNullable.has(name));
    return out;
  }

  /**
   * Checks a value against a declared type. Returns problems as readable strings (empty = valid).
   * `path` names the value in messages, like `managedDevice.deviceActionResults[0].actionState`.
   */
  checkValue(version: GraphVersion, ref: TypeRef, value: unknown, path: string, nonNullable = false): string[] {
    if (ref.unverified) return [];
    if (ref.collection) {
      if (!Array.isArray(value)) return [`${path}: expected an array of ${ref.name}, got ${describe(value)}`];
      return value.flatMap((item, i) => this.checkValue(version, { ...ref, collection: false }, item, `${path}[${i}]`, true));
    }
    if (value === null) return nonNullable ? [`${path}: must not be null`] : [];
    const problem = this.checkScalar(version, ref.name, value, path);
    if (problem !== undefined) return problem;
    return [];
  }

  /** Checks an object against a structured type; unknown properties are problems too. */
  checkObject(version: GraphVersion, typeName: string, value: unknown, path: string, allowNavigation = false): string[] {
    if (!isJsonObject(value)) return [`${path}: expected an object of ${typeName}, got ${describe(value)}`];
    const declared = this.type(version, typeName);
    if (!declared) return [`${path}: type ${typeName} does not exist in ${version}`];
    let actual = declared;
    const tag = value['@odata.type'];
    if (typeof tag === 'string') {
      const tagged = this.type(version, tag.replace(/^#/, ''));
      if (!tagged) return [`${path}: @odata.type ${tag} does not exist in ${version}`];
      if (!tagged.lineage.includes(declared.name)) return [`${path}: @odata.type ${tag} does not derive from ${typeName}`];
      actual = tagged;
    }
    const problems: string[] = [];
    for (const [key, v] of Object.entries(value)) {
      if (key.startsWith('@odata.') || key.includes('@odata.')) continue;
      const prop = actual.properties.get(key);
      if (prop) {
        problems.push(...this.checkValue(version, prop, v, `${path}.${key}`, actual.nonNullable.has(key)));
        continue;
      }
      const nav = actual.navigation.get(key);
      if (nav && allowNavigation) {
        if (nav.unverified) continue;
        if (nav.collection) {
          if (!Array.isArray(v)) problems.push(`${path}.${key}: expected an array of ${nav.name}`);
          else v.forEach((item, i) => problems.push(...this.checkObject(version, nav.name, item, `${path}.${key}[${i}]`, true)));
        } else if (v !== null) {
          problems.push(...this.checkObject(version, nav.name, v, `${path}.${key}`, true));
        }
        continue;
      }
      problems.push(`${path}.${key}: ${actual.name} has no property ${key} in ${version}`);
    }
    return problems;
  }

  private checkScalar(version: GraphVersion, name: string, value: unknown, path: string): string[] | undefined {
    const fail = (what: string): string[] => [`${path}: expected ${what}, got ${describe(value)}`];
    switch (name) {
      case 'Edm.String':
        return typeof value === 'string' ? undefined : fail('a string');
      case 'Edm.Boolean':
        return typeof value === 'boolean' ? undefined : fail('a boolean');
      case 'Edm.Int16':
      case 'Edm.Int32':
      case 'Edm.Int64':
      case 'Edm.Byte':
        return typeof value === 'number' && Number.isInteger(value) ? undefined : fail(`an integer (${name})`);
      case 'Edm.Double':
      case 'Edm.Single':
      case 'Edm.Decimal':
        return typeof value === 'number' || value === 'NaN' || value === 'INF' || value === '-INF' ? undefined : fail('a number');
      case 'Edm.Guid':
        return typeof value === 'string' && GUID.test(value) ? undefined : fail('a GUID');
      case 'Edm.DateTimeOffset':
        return typeof value === 'string' && DATE_TIME.test(value) ? undefined : fail('an ISO 8601 date and time');
      case 'Edm.Date':
        return typeof value === 'string' && DATE.test(value) ? undefined : fail('a date (yyyy-mm-dd)');
      case 'Edm.TimeOfDay':
        return typeof value === 'string' && TIME.test(value) ? undefined : fail('a time of day');
      case 'Edm.Duration':
        return typeof value === 'string' && DURATION.test(value) ? undefined : fail('an ISO 8601 duration');
      case 'Edm.Binary':
        return typeof value === 'string' && BASE64.test(value) ? undefined : fail('base64 data');
      case 'Edm.Stream':
        return undefined;
    }
    const members = this.enumMembers(version, name);
    if (members) {
      // Flag enums serialize as comma-separated members.
      if (typeof value !== 'string') return fail(`a ${name} member`);
      const parts = value.split(',').map((s) => s.trim());
      const bad = parts.filter((p) => !members.includes(p));
      return bad.length === 0 ? undefined : [`${path}: ${JSON.stringify(value)} is not a member of ${name} (${members.join(', ')})`];
    }
    if (this.type(version, name)) return this.checkObject(version, name, value, path);
    return [`${path}: the schema has no type ${name}`];
  }

  private resolve(version: GraphVersion, name: string): StructuredType | undefined {
    const v = this.raw[version];
    const own = v.entities[name] ?? v.complexTypes[name];
    if (!own) return undefined;
    const kind = name in v.entities ? 'entity' : 'complex';
    const base = own.baseType ? this.type(version, stripNamespace(own.baseType)) : undefined;
    const properties = new Map<string, TypeRef>(base?.properties ?? []);
    for (const [k, t] of Object.entries(own.properties)) properties.set(k, parseTypeRef(t));
    const navigation = new Map<string, TypeRef>(base?.navigation ?? []);
    for (const [k, t] of Object.entries(own.navigation ?? {})) navigation.set(k, parseTypeRef(t));
    const nonNullable = new Set<string>([...(base?.nonNullable ?? []), ...(own.nonNullable ?? [])]);
    return {
      name,
      kind,
      abstract: own.abstract === true,
      lineage: [name, ...(base?.lineage ?? [])],
      properties,
      navigation,
      nonNullable,
    };
  }
}

function stripNamespace(name: string): string {
  return name.replace(/^#?microsoft\.graph\./, '');
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  const text = JSON.stringify(value);
  return `${typeof value} ${text && text.length > 60 ? `${text.slice(0, 57)}...` : text}`;
}

/** The schema the demo tenant serves; loaded once, shared by every tenant. */
export const intuneSchema = new GraphSchema(rawSchema as unknown as Readonly<Record<GraphVersion, RawVersion>>);
