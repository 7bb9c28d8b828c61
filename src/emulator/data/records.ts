// Building entity records and hanging them under their owners by the schema's own
// navigation names, so a typo in a collection name fails at generation, not in a client.
import { EntityCollection, entityRecord } from '../graph/model/entity.ts';
import type { EntityRecord } from '../graph/model/entity.ts';
import type { Json, MutableJsonObject } from '../graph/model/json.ts';
import { intuneSchema } from '../graph/model/schema.ts';

export function record(type: string, props: MutableJsonObject): EntityRecord {
  return entityRecord(type, props);
}

function navigationOf(owner: EntityRecord, navName: string, collection: boolean): string {
  const nav = intuneSchema.type('beta', owner.type)?.navigation.get(navName);
  if (!nav || nav.unverified || nav.collection !== collection) {
    throw new Error(`${owner.type} has no ${collection ? 'collection' : 'single'} navigation ${navName} in the schema`);
  }
  return nav.name;
}

/** Attaches a contained collection; the element type is the one the schema declares. */
export function attachCollection(owner: EntityRecord, navName: string, records: readonly EntityRecord[]): EntityCollection {
  const collection = new EntityCollection(navigationOf(owner, navName, true));
  for (const r of records) collection.put(r);
  owner.nav.set(navName, collection);
  return collection;
}

export function attachEntity(owner: EntityRecord, navName: string, child: EntityRecord): void {
  navigationOf(owner, navName, false);
  owner.nav.set(navName, child);
}

/** A complex value of a derived type, tagged the way Graph tags it. */
export function tagged(type: string, props: { readonly [key: string]: Json }): { [key: string]: Json } {
  return { '@odata.type': `#microsoft.graph.${type}`, ...props };
}

/** Shared, frozen values: thousands of records point at one copy (replace, never mutate). */
export function frozen<T extends Json>(value: T): T {
  return Object.freeze(value);
}

export const EMPTY_LIST: readonly Json[] = frozen([]);
/** Intune's built-in "Default" scope tag. */
export const DEFAULT_SCOPE_TAGS: readonly Json[] = frozen(['0']);
