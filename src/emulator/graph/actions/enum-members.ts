// Enum members from the schema file. The beta enums taken from the 2026 type-mappings are
// stored as `{members, order}` rather than a plain list (FACTS §6, "beta caveat"), so read both.
import { isJsonObject } from '../model/json.ts';
import { intuneSchema } from '../model/schema.ts';
import type { GraphVersion } from '../model/schema.ts';

export function enumMembers(version: GraphVersion, name: string): readonly string[] | undefined {
  const raw: unknown = intuneSchema.enumMembers(version, name);
  const list: unknown = isJsonObject(raw) ? raw['members'] : raw;
  if (!Array.isArray(list)) return undefined;
  return list.filter((m): m is string => typeof m === 'string');
}
