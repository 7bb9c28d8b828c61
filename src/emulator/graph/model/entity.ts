// How the demo tenant holds Graph data: entity records in collections, reached from
// the two singletons (deviceManagement, deviceAppManagement) through navigation properties.
import type { MutableJsonObject } from './json.ts';

export interface EntityRecord {
  /** Concrete type, without the namespace: 'windows10GeneralConfiguration'. */
  type: string;
  /** Stored properties, including `id`. The superset of both versions; serializing picks each version's own. */
  props: MutableJsonObject;
  /** Contained navigation properties: collections and single entities. */
  readonly nav: Map<string, EntityCollection | EntityRecord>;
  /** Non-contained navigation (references to entities held elsewhere), by navigation name: ids. */
  readonly links: Map<string, readonly string[]>;
}

export function entityRecord(type: string, props: MutableJsonObject): EntityRecord {
  return { type, props, nav: new Map(), links: new Map() };
}

export function idOf(record: EntityRecord): string {
  const id = record.props['id'];
  if (typeof id !== 'string') throw new Error(`Entity of type ${record.type} has no string id`);
  return id;
}

/** A contained collection: insertion-ordered, addressed by id (case-insensitive, as Graph keys are GUIDs). */
export class EntityCollection {
  readonly elementType: string;
  protected readonly items = new Map<string, EntityRecord>();

  constructor(elementType: string) {
    this.elementType = elementType;
  }

  get size(): number {
    return this.items.size;
  }

  get(id: string): EntityRecord | undefined {
    return this.items.get(id.toLowerCase());
  }

  /** Adds or replaces a record. */
  put(record: EntityRecord): void {
    this.items.set(idOf(record).toLowerCase(), record);
  }

  remove(id: string): EntityRecord | undefined {
    const key = id.toLowerCase();
    const found = this.items.get(key);
    this.items.delete(key);
    return found;
  }

  /** Records in the collection's listing order. */
  values(): readonly EntityRecord[] {
    return [...this.items.values()];
  }

  /** Call after changing a property a collection may order by. */
  reindex(_record: EntityRecord, _previous: { readonly [key: string]: unknown }): void {
    // Insertion order does not depend on properties.
  }
}
