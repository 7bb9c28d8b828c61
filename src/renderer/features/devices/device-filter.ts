// The filter chips above the grid, and the DeviceFilter and query they stand for.
import type { DeviceFilter, DeviceSort } from '../../../shared/bridge/api.ts';

export type ChipGroup = 'operatingSystem' | 'complianceState' | 'ownership' | 'category';

export const CHIP_GROUPS: readonly { readonly group: ChipGroup; readonly label: string }[] = [
  { group: 'operatingSystem', label: 'OS' },
  { group: 'complianceState', label: 'Compliance' },
  { group: 'ownership', label: 'Ownership' },
  { group: 'category', label: 'Category' },
];

export interface FilterChips {
  readonly operatingSystem: readonly string[];
  readonly complianceState: readonly string[];
  readonly ownership: readonly string[];
  readonly category: readonly string[];
  /** "Stale for more than N days", N from settings. */
  readonly stale: boolean;
}

export const NO_CHIPS: FilterChips = { operatingSystem: [], complianceState: [], ownership: [], category: [], stale: false };

export function toggleChip(chips: FilterChips, group: ChipGroup, value: string): FilterChips {
  const values = chips[group];
  return { ...chips, [group]: values.includes(value) ? values.filter((v) => v !== value) : [...values, value] };
}

export function chipCount(chips: FilterChips): number {
  return CHIP_GROUPS.reduce((n, { group }) => n + chips[group].length, 0) + (chips.stale ? 1 : 0);
}

/** The filter the chips describe; undefined when none is on (the whole inventory). */
export function toDeviceFilter(chips: FilterChips, staleDays: number): DeviceFilter | undefined {
  const filter: { -readonly [K in keyof DeviceFilter]: DeviceFilter[K] } = {};
  for (const { group } of CHIP_GROUPS) if (chips[group].length > 0) filter[group] = [...chips[group]];
  if (chips.stale) filter.staleForMoreThanDays = staleDays;
  return Object.keys(filter).length === 0 ? undefined : filter;
}

export interface DeviceQueryView {
  /** Trimmed; undefined when empty. */
  readonly search: string | undefined;
  readonly filter: DeviceFilter | undefined;
  readonly sort: DeviceSort;
}

export function queryView(search: string, chips: FilterChips, staleDays: number, sort: DeviceSort): DeviceQueryView {
  const trimmed = search.trim();
  return { search: trimmed === '' ? undefined : trimmed, filter: toDeviceFilter(chips, staleDays), sort };
}

/** Equal for equal queries, whatever the order chips were picked in, so the cache can tell a new query from the same one. */
export function queryKey(view: DeviceQueryView): string {
  const filter = view.filter === undefined ? undefined : Object.fromEntries(Object.entries(view.filter).sort(([a], [b]) => a.localeCompare(b)).map(([k, v]) => [k, Array.isArray(v) ? [...v].sort() : v]));
  return JSON.stringify([view.search ?? '', filter ?? null, view.sort.column, view.sort.direction ?? 'asc']);
}

/** Clicking a header: a new column sorts ascending, the same one flips. */
export function nextSort(current: DeviceSort, column: string): DeviceSort {
  if (current.column !== column) return { column, direction: 'asc' };
  return { column, direction: (current.direction ?? 'asc') === 'asc' ? 'desc' : 'asc' };
}
