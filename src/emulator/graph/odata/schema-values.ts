// Enum members and default values, as the OData layer needs them.
// intune-schema.json stores enums as member arrays, as `{ flags: true, members }` (flag enums) and
// as `{ members, order: 'alphabetical …' }` (beta enums whose declaration order is lost). An
// enum's zero value is its first declared member, which for the last shape is unknown: taking the
// first alphabetical member (as GraphSchema.defaultValue does) would make every unset beta
// deviceEnrollmentType 'androidAOSPUserlessDeviceEnrollment'. This module picks a better zero.
import type { Json } from '../model/json.ts';
import rawSchema from '../../metadata/intune-schema.json' with { type: 'json' };
import { intuneSchema } from '../model/schema.ts';
import type { GraphVersion, TypeRef } from '../model/schema.ts';

interface RawEnums {
  readonly enums: Readonly<Record<string, unknown>>;
}
const raw = rawSchema as unknown as Readonly<Record<GraphVersion, RawEnums>>;
const cache = new Map<string, { readonly members: readonly string[]; readonly declarationOrder: boolean } | null>();

/** Read from the schema file itself: only it says whether the declaration order survived. */
function enumInfo(version: GraphVersion, name: string): { readonly members: readonly string[]; readonly declarationOrder: boolean } | undefined {
  const key = `${version}:${name}`;
  let info = cache.get(key);
  if (info === undefined) {
    const entry = raw[version].enums[name];
    const list: unknown = Array.isArray(entry) ? entry : typeof entry === 'object' && entry !== null ? (entry as { members?: unknown }).members : undefined;
    info = Array.isArray(list)
      ? { members: list.filter((m): m is string => typeof m === 'string'), declarationOrder: !(typeof entry === 'object' && entry !== null && 'order' in entry) }
      : null;
    cache.set(key, info);
  }
  return info ?? undefined;
}

export function enumMembers(version: GraphVersion, name: string): readonly string[] | undefined {
  return enumInfo(version, name)?.members;
}

/**
 * The zero value of a non-nullable enum: its first declared member. Where beta lost the order,
 * take v1.0's first member if v1.0 has the enum, else `unknown` if it is a member (the usual
 * zero in Intune enums), else the first one listed.
 */
export function enumDefault(version: GraphVersion, name: string): string | null {
  const info = enumInfo(version, name);
  if (!info) return null;
  if (info.declarationOrder) return info.members[0] ?? null;
  const v1 = enumInfo('v1.0', name);
  const fromV1 = v1?.declarationOrder ? v1.members[0] : undefined;
  if (fromV1 !== undefined && info.members.includes(fromV1)) return fromV1;
  if (info.members.includes('unknown')) return 'unknown';
  return info.members[0] ?? null;
}

/** Default of a non-complex property: [] for collections, null if nullable, else the type's zero. */
export function scalarDefault(version: GraphVersion, ref: TypeRef, nonNullable: boolean): Json {
  if (ref.collection) return [];
  if (!nonNullable) return null;
  if (enumInfo(version, ref.name)) return enumDefault(version, ref.name);
  return intuneSchema.defaultValue(version, ref, nonNullable);
}
