// Devices sorted by one dateTime property, so a $filter range on it need not read every device.
//
// A partitioned sync asks for enrolledDateTime ranges: a $count per range, then each range's
// pages. Evaluating the filter on every device means touching 100,000 records per count and
// thousands per page, and those reads (each record's properties live somewhere else on the
// heap) were most of what the demo tenant spent on a sync. The index holds each device's
// instant and its position in the listing order; a range becomes a binary search and a sorted
// list of positions, which the page and the count then walk, still checking every candidate
// with the whole filter (the index only rules devices out).
//
// An index is valid for one version of its collection (DeviceCollection bumps it on every
// put, remove and reindex), and only for properties that change through those calls alone.
import { instantOf } from '../odata/filter/instant.ts';
import type { EntityRecord } from './entity.ts';
import type { Json } from './json.ts';

/** A range of instants; either end may be open. Ends are inclusive: the filter decides strictness. */
export interface InstantBounds {
  readonly from: number;
  readonly to: number;
}

const MAX_CACHED_RANGES = 32;

export class InstantIndex {
  /** Instants in ascending order… */
  private readonly instants: Float64Array;
  /** …and the listing position of the device each belongs to. */
  private readonly positions: Uint32Array;
  private readonly ranges = new Map<string, Uint32Array>();

  /** `ordered` is the collection in listing order; `fallback` stands in for a missing value, as in the filter. */
  constructor(ordered: readonly EntityRecord[], property: string, fallback: Json) {
    const all = new Float64Array(ordered.length);
    const order: number[] = [];
    for (let i = 0; i < ordered.length; i++) {
      const stored = (ordered[i] as EntityRecord).props[property];
      const value = stored === undefined ? fallback : stored;
      // A value that is not an instant matches no range comparison, so it is left out.
      const instant = typeof value === 'string' ? instantOf(value) : Number.NaN;
      all[i] = instant;
      if (!Number.isNaN(instant)) order.push(i);
    }
    order.sort((a, b) => (all[a] as number) - (all[b] as number) || a - b);
    this.positions = Uint32Array.from(order);
    this.instants = Float64Array.from(order, (i) => all[i] as number);
  }

  /** Listing positions of the devices whose instant lies in `bounds`, ascending. Do not modify. */
  positionsWithin(bounds: InstantBounds): Uint32Array {
    const key = `${bounds.from}|${bounds.to}`;
    const cached = this.ranges.get(key);
    if (cached) return cached;
    const start = this.firstAtLeast(bounds.from);
    const end = this.firstAbove(bounds.to);
    const found = this.positions.slice(start, Math.max(start, end)).sort();
    if (this.ranges.size >= MAX_CACHED_RANGES) this.ranges.delete(this.ranges.keys().next().value as string);
    this.ranges.set(key, found);
    return found;
  }

  /** How many devices lie in `bounds`, either end exclusive if asked. */
  countWithin(bounds: InstantBounds, fromExclusive: boolean, toExclusive: boolean): number {
    const start = fromExclusive ? this.firstAbove(bounds.from) : this.firstAtLeast(bounds.from);
    const end = toExclusive ? this.firstAtLeast(bounds.to) : this.firstAbove(bounds.to);
    return Math.max(0, end - start);
  }

  private firstAtLeast(instant: number): number {
    let lo = 0;
    let hi = this.instants.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((this.instants[mid] as number) < instant) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  private firstAbove(instant: number): number {
    let lo = 0;
    let hi = this.instants.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((this.instants[mid] as number) <= instant) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
}
