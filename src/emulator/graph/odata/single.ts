// A single-entity GET (`…/managedDevices/{id}?$select=…&$expand=…`): unlike a list, every
// selected property carries its real value, and $expand follows single-GET rules.
import type { EntityRecord } from '../model/entity.ts';
import type { MutableJsonObject } from '../model/json.ts';
import type { GraphVersion } from '../model/schema.ts';
import type { NavigationResolver } from './expand.ts';
import type { CollectionQuery } from './query.ts';
import { serializeEntity } from './serialize.ts';

export interface SingleOptions {
  readonly version: GraphVersion;
  /** The declared type of the set or navigation the entity was reached through. */
  readonly declaredType: string;
  readonly resolve?: NavigationResolver;
}

/** Parse the query with `inList: false`. Undefined when the entity's type does not exist in the version. */
export function serializeSingle(record: EntityRecord, query: CollectionQuery, options: SingleOptions): MutableJsonObject | undefined {
  return serializeEntity(record, {
    version: options.version,
    inList: false,
    declaredType: options.declaredType,
    ...(query.select ? { select: query.select } : {}),
    ...(query.expand.length > 0 ? { expand: { items: query.expand, ...(options.resolve ? { resolve: options.resolve } : {}) } } : {}),
  });
}
