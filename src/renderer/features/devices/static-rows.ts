// Rows that arrive all at once (My devices: the signed-in user's few devices), sorted here, and
// offered to the grid through the same interface as the windowed inventory.
import type { DeviceRow, DeviceSort, DeviceWindow, Problem } from '../../../shared/bridge/api.ts';
import type { RowSource } from './row-source.ts';
import type { WindowSnapshot } from './device-windows.ts';

export function sortRows(rows: readonly DeviceRow[], sort: DeviceSort): readonly DeviceRow[] {
  const column = sort.column as keyof DeviceRow;
  const sign = sort.direction === 'desc' ? -1 : 1;
  const rank = (v: unknown): string | number => (v === null || v === undefined ? '' : typeof v === 'number' ? v : typeof v === 'boolean' ? Number(v) : String(v).toLowerCase());
  return [...rows].sort((a, b) => {
    const x = rank(a[column]);
    const y = rank(b[column]);
    // Empty values first ascending, as the inventory sorts nulls.
    const order = x === y ? 0 : x === '' ? -1 : y === '' ? 1 : x < y ? -1 : 1;
    // Ties go by id in the same direction, as the inventory's keyset order does.
    return (order || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)) * sign;
  });
}

export class StaticRows implements RowSource {
  #rows: readonly DeviceRow[] = [];
  #snapshot: WindowSnapshot = { key: undefined, total: undefined, asOf: undefined, problem: undefined, pending: true, version: 0 };
  readonly #listeners = new Set<() => void>();

  subscribe = (listener: () => void): (() => void) => {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  };

  getSnapshot = (): WindowSnapshot => this.#snapshot;

  rowAt(index: number): DeviceRow | undefined {
    return this.#rows[index];
  }

  setVisible(): void {
    // Everything is already here.
  }

  show(window: DeviceWindow, sort: DeviceSort): void {
    this.#rows = sortRows(window.rows, sort);
    this.#set({ key: `${sort.column}:${sort.direction ?? 'asc'}`, total: this.#rows.length, asOf: window.asOf, problem: undefined, pending: false });
  }

  fail(problem: Problem): void {
    this.#set({ ...this.#snapshot, problem, pending: false });
  }

  #set(next: Omit<WindowSnapshot, 'version'>): void {
    this.#snapshot = { ...next, version: this.#snapshot.version + 1 };
    for (const listener of this.#listeners) listener();
  }
}
