// managedDevices, kept in the order the real service pages them: by deviceName, then id
// (the v1.0 $skiptoken carries LastDeviceName and LastDeviceId, FACTS §3). Keyset order keeps
// paging stable while devices are added, renamed or removed between pages.
import { EntityCollection, idOf } from './entity.ts';
import type { EntityRecord } from './entity.ts';
import { InstantIndex } from './instant-index.ts';
import type { Json } from './json.ts';

/**
 * Properties an InstantIndex may cover: only a put (create, replay) or a PATCH (reindex) sets
 * them. lastSyncDateTime is not one: remote actions move it in place, out of the collection's
 * sight, so filters on it always scan.
 */
const INDEXABLE_INSTANTS: ReadonlySet<string> = new Set(['enrolledDateTime']);

export interface DeviceKey {
  readonly name: string;
  readonly id: string;
}

export function compareDeviceKeys(a: DeviceKey, b: DeviceKey): number {
  if (a.name !== b.name) return a.name < b.name ? -1 : 1;
  if (a.id !== b.id) return a.id < b.id ? -1 : 1;
  return 0;
}

export function deviceKey(record: EntityRecord): DeviceKey {
  const name = record.props['deviceName'];
  return { name: typeof name === 'string' ? name : '', id: idOf(record).toLowerCase() };
}

export class DeviceCollection extends EntityCollection {
  private ordered: EntityRecord[] = [];
  private dirty = false;
  /** Bumped by every change the collection sees; indexes built at another version are stale. */
  private version = 0;
  private readonly indexes = new Map<string, { readonly version: number; readonly index: InstantIndex }>();

  constructor() {
    super('managedDevice');
  }

  override put(record: EntityRecord): void {
    const existing = this.get(idOf(record));
    if (existing) this.removeFromOrder(existing);
    super.put(record);
    this.insertInOrder(record);
    this.version++;
  }

  /** Adds many records at once; sorting once beats n binary inserts during generation. */
  putAll(records: readonly EntityRecord[]): void {
    for (const r of records) super.put(r);
    this.ordered = [...this.items.values()];
    this.dirty = true;
    this.version++;
  }

  override remove(id: string): EntityRecord | undefined {
    const found = super.remove(id);
    if (found) this.removeFromOrder(found);
    this.version++;
    return found;
  }

  override values(): readonly EntityRecord[] {
    this.sortIfNeeded();
    return this.ordered;
  }

  override reindex(record: EntityRecord, previous: { readonly [key: string]: unknown }): void {
    this.version++;
    if (previous['deviceName'] === record.props['deviceName']) return;
    const oldKey = { name: typeof previous['deviceName'] === 'string' ? previous['deviceName'] : '', id: idOf(record).toLowerCase() };
    this.sortIfNeeded();
    const at = this.indexOf(oldKey);
    if (this.ordered[at] === record) this.ordered.splice(at, 1);
    else this.ordered = this.ordered.filter((r) => r !== record);
    this.insertInOrder(record);
  }

  /**
   * The devices sorted by `property`, for a range filter on it; undefined for a property that can
   * change without the collection knowing. `fallback` is what the filter reads for a missing value.
   */
  instantIndex(property: string, fallback: Json): InstantIndex | undefined {
    if (!INDEXABLE_INSTANTS.has(property)) return undefined;
    this.sortIfNeeded();
    const key = `${property}|${JSON.stringify(fallback)}`;
    const known = this.indexes.get(key);
    if (known && known.version === this.version) return known.index;
    const index = new InstantIndex(this.ordered, property, fallback);
    this.indexes.set(key, { version: this.version, index });
    return index;
  }

  /** Index of the first device whose key is greater than `after` (or 0 with no key). */
  startAfter(after: DeviceKey | undefined): number {
    this.sortIfNeeded();
    if (!after) return 0;
    let lo = 0;
    let hi = this.ordered.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (compareDeviceKeys(deviceKey(this.ordered[mid] as EntityRecord), after) <= 0) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  private indexOf(key: DeviceKey): number {
    let lo = 0;
    let hi = this.ordered.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (compareDeviceKeys(deviceKey(this.ordered[mid] as EntityRecord), key) < 0) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  private insertInOrder(record: EntityRecord): void {
    this.sortIfNeeded();
    this.ordered.splice(this.indexOf(deviceKey(record)), 0, record);
  }

  private removeFromOrder(record: EntityRecord): void {
    this.sortIfNeeded();
    const at = this.indexOf(deviceKey(record));
    if (this.ordered[at] === record) this.ordered.splice(at, 1);
    else this.ordered = this.ordered.filter((r) => r !== record);
  }

  private sortIfNeeded(): void {
    if (!this.dirty) return;
    const keyed = this.ordered.map((r) => ({ r, k: deviceKey(r) }));
    keyed.sort((a, b) => compareDeviceKeys(a.k, b.k));
    this.ordered = keyed.map((x) => x.r);
    this.dirty = false;
  }
}
