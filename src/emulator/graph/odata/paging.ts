// One page of a collection GET, and /$count.
//
// managedDevices page by keyset, as the real service does: the $skiptoken names the last
// (deviceName, id) returned, and the next page starts after that key. Devices that exist for
// the whole listing are returned exactly once however others are added, removed or patched in
// between (renaming a device moves it, as it would on the service). Other collections resume
// after the last id returned, which keeps paging stable while items are appended.
//
// @odata.count: with $count=true, the number of matching items. On managedDevices the service
// sends @odata.count even without $count=true, equal to the number of items on the page
// (FACTS §3 [U]: a captured $top=1 response had count 1); the emulator does the same.
import { DeviceCollection, deviceKey } from '../model/device-collection.ts';
import type { EntityCollection, EntityRecord } from '../model/entity.ts';
import type { InstantIndex } from '../model/instant-index.ts';
import { idOf } from '../model/entity.ts';
import type { MutableJsonObject } from '../model/json.ts';
import type { GraphVersion } from '../model/schema.ts';
import { intuneSchema } from '../model/schema.ts';
import type { NavigationResolver } from './expand.ts';
import { instantBounds } from './filter/instant-bounds.ts';
import type { InstantRange } from './filter/instant-bounds.ts';
import { nextLink } from './next-link.ts';
import type { CollectionQuery } from './query.ts';
import { serializeEntity } from './serialize.ts';
import { decodeDeviceToken, decodePositionToken, encodeDeviceToken, encodePositionToken } from './skiptoken.ts';

/** Properties whose range filters may be answered from an index (DeviceCollection decides which it keeps). */
const INDEXED: readonly string[] = ['enrolledDateTime'];

export interface PageOptions {
  readonly version: GraphVersion;
  /** 'https://127.0.0.1:PORT' */
  readonly baseUrl: string;
  /** Path after the version, starting with '/': '/deviceManagement/managedDevices'. */
  readonly requestPath: string;
  /** The collection's declared element type. */
  readonly declaredType: string;
  /** For $expand of navigation not contained in the record. */
  readonly resolve?: NavigationResolver;
}

export interface Page {
  readonly value: MutableJsonObject[];
  readonly nextLink?: string;
  readonly count?: number;
}

/** Throws ODataError (400) for a $skiptoken that is not one the emulator issued. */
export function listPage(collection: EntityCollection, query: CollectionQuery, options: PageOptions): Page {
  const isDevices = collection instanceof DeviceCollection;
  const records = collection.values();
  const start = query.skipToken === undefined ? 0 : resumeIndex(collection, records, query.skipToken);
  const candidates = isDevices ? indexedCandidates(collection, query) : undefined;
  const { items, more } = scan(records, start, query, candidates);
  const value = serializePage(items, query, options);
  const last = items[items.length - 1];
  const link = more && last ? nextLink(options, query.params, isDevices ? encodeDeviceToken(deviceKey(last)) : encodePositionToken({ id: idOf(last).toLowerCase(), position: records.indexOf(last) })) : undefined;
  const count = query.count ? countOnly(collection, query) : isDevices ? value.length : undefined;
  return { value, ...(count === undefined ? {} : { count }), ...(link === undefined ? {} : { nextLink: link }) };
}

/** The number of items matching the query's $filter (for `/$count` and $count=true). */
export function countOnly(collection: EntityCollection, query: CollectionQuery): number {
  const records = collection.values();
  const matches = query.filter?.matches;
  if (!matches) return records.length;
  if (collection instanceof DeviceCollection) {
    const counted = indexedCount(collection, query);
    if (counted !== undefined) return counted;
  }
  const candidates = collection instanceof DeviceCollection ? indexedCandidates(collection, query) : undefined;
  let n = 0;
  if (candidates) {
    for (let k = 0; k < candidates.length; k++) if (matches((records[candidates[k] as number] as EntityRecord).props)) n++;
    return n;
  }
  for (let i = 0; i < records.length; i++) if (matches((records[i] as EntityRecord).props)) n++;
  return n;
}

/** The count straight from the index, when the filter is nothing but bounds on an indexed property. */
function indexedCount(collection: DeviceCollection, query: CollectionQuery): number | undefined {
  const found = indexedRange(collection, query);
  return found?.range.whole ? found.index.countWithin(found.range, found.range.fromExclusive, found.range.toExclusive) : undefined;
}

/**
 * The listing positions of the only devices that can match, when the filter bounds an indexed
 * dateTime property (model/instant-index.ts); undefined when every device must be read.
 */
function indexedCandidates(collection: DeviceCollection, query: CollectionQuery): Uint32Array | undefined {
  const found = indexedRange(collection, query);
  return found?.index.positionsWithin(found.range);
}

function indexedRange(collection: DeviceCollection, query: CollectionQuery): { readonly range: InstantRange; readonly index: InstantIndex } | undefined {
  const filter = query.filter;
  if (!filter) return undefined;
  for (const property of INDEXED) {
    const range = instantBounds(filter.expression, property);
    const index = range && collection.instantIndex(property, range.fallback);
    if (range && index) return { range, index };
  }
  return undefined;
}

function resumeIndex(collection: EntityCollection, records: readonly EntityRecord[], token: string): number {
  if (collection instanceof DeviceCollection) return collection.startAfter(decodeDeviceToken(token));
  const { id, position } = decodePositionToken(token);
  const last = collection.get(id);
  const at = last ? records.indexOf(last) : -1;
  // The last item was removed since: its successor moved into its place (exact unless items
  // before it were removed too).
  return at >= 0 ? at + 1 : Math.min(position, records.length);
}

/**
 * Collects up to $top matching records from `start`. `more` is true only when another matching
 * record exists, so the last page has no nextLink. $skip applies to the first page only: later
 * pages resume from their token.
 */
function scan(records: readonly EntityRecord[], start: number, query: CollectionQuery, candidates?: Uint32Array): { items: EntityRecord[]; more: boolean } {
  if (candidates) return scanCandidates(records, start, query, candidates);
  const items: EntityRecord[] = [];
  const matches = query.filter?.matches;
  let skip = query.skipToken === undefined ? query.skip : 0;
  for (let i = start; i < records.length; i++) {
    const r = records[i] as EntityRecord;
    if (matches && !matches(r.props)) continue;
    if (skip > 0) {
      skip--;
      continue;
    }
    // $top=0 asks for an empty page, not an endless chain of empty pages.
    if (items.length === query.top) return { items, more: query.top > 0 };
    items.push(r);
  }
  return { items, more: false };
}

/** scan() over the listing positions an index left, from the first at or after `start`. */
function scanCandidates(records: readonly EntityRecord[], start: number, query: CollectionQuery, candidates: Uint32Array): { items: EntityRecord[]; more: boolean } {
  const items: EntityRecord[] = [];
  const matches = query.filter?.matches;
  let skip = query.skipToken === undefined ? query.skip : 0;
  let lo = 0;
  let hi = candidates.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((candidates[mid] as number) < start) lo = mid + 1;
    else hi = mid;
  }
  for (let k = lo; k < candidates.length; k++) {
    const r = records[candidates[k] as number] as EntityRecord;
    if (matches && !matches(r.props)) continue;
    if (skip > 0) {
      skip--;
      continue;
    }
    if (items.length === query.top) return { items, more: query.top > 0 };
    items.push(r);
  }
  return { items, more: false };
}

function serializePage(items: readonly EntityRecord[], query: CollectionQuery, options: PageOptions): MutableJsonObject[] {
  const base = {
    version: options.version,
    inList: true,
    declaredType: options.declaredType,
    ...(query.select ? { select: query.select } : {}),
    ...(query.expand.length > 0 ? { expand: { items: query.expand, ...(options.resolve ? { resolve: options.resolve } : {}) } } : {}),
  };
  const declared = intuneSchema.type(options.version, options.declaredType);
  const out: MutableJsonObject[] = [];
  for (const r of items) {
    // A record of a type this version lacks is served as the declared type when that is concrete
    // (a beta-only device subtype on v1.0); otherwise this version cannot show it.
    const json = serializeEntity(r, base) ?? (declared && !declared.abstract ? serializeEntity({ ...r, type: options.declaredType }, base) : undefined);
    if (json) out.push(json);
  }
  return out;
}
