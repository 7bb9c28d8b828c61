// The Devices page's view: search text, filter chips, sort and the open device. Kept outside the
// page so leaving for Settings and coming back finds the same view.
import { create } from 'zustand';
import type { DeviceSort } from '../../shared/bridge/api.ts';
import { NO_CHIPS, nextSort, toggleChip } from '../features/devices/device-filter.ts';
import type { ChipGroup, FilterChips } from '../features/devices/device-filter.ts';

export const DEFAULT_SORT: DeviceSort = { column: 'deviceName', direction: 'asc' };

interface DevicesView {
  readonly search: string;
  readonly chips: FilterChips;
  readonly sort: DeviceSort;
  setSearch(search: string): void;
  toggleChip(group: ChipGroup, value: string): void;
  setGroup(group: ChipGroup, values: readonly string[]): void;
  setStale(on: boolean): void;
  clearChips(): void;
  sortBy(column: string): void;
}

export const useDevicesView = create<DevicesView>()((set) => ({
  search: '',
  chips: NO_CHIPS,
  sort: DEFAULT_SORT,
  setSearch: (search) => set({ search }),
  toggleChip: (group, value) => set((s) => ({ chips: toggleChip(s.chips, group, value) })),
  setGroup: (group, values) => set((s) => ({ chips: { ...s.chips, [group]: [...values] } })),
  setStale: (stale) => set((s) => ({ chips: { ...s.chips, stale } })),
  clearChips: () => set({ chips: NO_CHIPS }),
  sortBy: (column) => set((s) => ({ sort: nextSort(s.sort, column) })),
}));
