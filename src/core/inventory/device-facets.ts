// Dashboard counts: devices by operating system, compliance state, ownership and staleness.
import type { SQLOutputValue } from 'node:sqlite';
import { DAY_MS } from './device-query.ts';

export interface FacetCount {
  /** The value as Graph spells it; null when devices have none. */
  readonly value: string | null;
  readonly count: number;
}

/** Days since the last check-in, against the store's clock. A device that never checked in is "over 90". */
export interface StalenessCounts {
  readonly upTo7Days: number;
  readonly from8To30Days: number;
  readonly from31To90Days: number;
  readonly over90Days: number;
}

export interface DeviceFacets {
  readonly total: number;
  /** Largest first. */
  readonly operatingSystem: readonly FacetCount[];
  readonly complianceState: readonly FacetCount[];
  readonly ownership: readonly FacetCount[];
  readonly staleness: StalenessCounts;
  readonly asOf: string | undefined;
}

/**
 * Per (OS, compliance, ownership): the count, and how many checked in within 7 days, within 8
 * to 30, within 31 to 90; the rest (older, or never) are "over 90". Grouping by the first three
 * columns of the facets index (os, compliance, ownership, lastSync) reads that index in order,
 * with no sort: about 20 ms for 100,000 devices against 100 ms for a grouping on the bucket.
 */
export function facetsSql(from: string, where: string, now: number): { readonly sql: string; readonly params: readonly number[] } {
  const d7 = now - 7 * DAY_MS;
  const d30 = now - 30 * DAY_MS;
  const d90 = now - 90 * DAY_MS;
  return {
    sql: `SELECT d."operatingSystem" AS os, d."complianceState" AS compliance, d."managedDeviceOwnerType" AS ownership, count(*) AS n,
      sum(d."lastSyncDateTime" >= ?) AS b0, sum(d."lastSyncDateTime" < ? AND d."lastSyncDateTime" >= ?) AS b1, sum(d."lastSyncDateTime" < ? AND d."lastSyncDateTime" >= ?) AS b2
      FROM ${from} ${where} GROUP BY 1, 2, 3`,
    params: [d7, d7, d30, d30, d90],
  };
}

/** Adds up the rows of facetsSql into the facets. */
export function sumFacets(rows: readonly Record<string, SQLOutputValue>[], asOf: string | undefined): DeviceFacets {
  const os = new Map<string | null, number>();
  const compliance = new Map<string | null, number>();
  const ownership = new Map<string | null, number>();
  const buckets = [0, 0, 0, 0];
  let total = 0;
  const bump = (map: Map<string | null, number>, key: SQLOutputValue, n: number): void => {
    const k = key === null ? null : String(key);
    map.set(k, (map.get(k) ?? 0) + n);
  };
  for (const row of rows) {
    const n = Number(row['n']);
    total += n;
    bump(os, row['os'] ?? null, n);
    bump(compliance, row['compliance'] ?? null, n);
    bump(ownership, row['ownership'] ?? null, n);
    const recent = [Number(row['b0'] ?? 0), Number(row['b1'] ?? 0), Number(row['b2'] ?? 0)];
    recent.forEach((count, b) => (buckets[b] = (buckets[b] ?? 0) + count));
    buckets[3] = (buckets[3] ?? 0) + n - recent.reduce((a, c) => a + c, 0);
  }
  const sorted = (map: Map<string | null, number>): FacetCount[] =>
    [...map].map(([value, count]) => ({ value, count })).sort((a, b) => b.count - a.count || String(a.value).localeCompare(String(b.value)));
  return {
    total,
    operatingSystem: sorted(os),
    complianceState: sorted(compliance),
    ownership: sorted(ownership),
    staleness: { upTo7Days: buckets[0] ?? 0, from8To30Days: buckets[1] ?? 0, from31To90Days: buckets[2] ?? 0, over90Days: buckets[3] ?? 0 },
    asOf,
  };
}
