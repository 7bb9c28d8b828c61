// The grid's rows, fetched a window at a time from the offline inventory as the technician
// scrolls, searches and filters. The grid can scroll anywhere in 100,000 devices, so only the
// windows it shows (and a few recently seen) are held.
//
// Why it is shaped like this:
// - A new query keeps the old rows on screen until its first window lands, then swaps in one
//   step, so typing never flashes an empty grid. If that first window fails instead, the old
//   rows go: the inventory they came from cannot be read any more.
// - Answers to anything but the latest query are dropped (the bridge cannot cancel a call), and
//   while one query's first window is on its way, newer keystrokes wait and only the last of
//   them is sent: the host is never asked for results nobody will see.
// - Windows are requested only while visible when their turn comes, at most MAX_IN_FLIGHT at
//   a time, so dragging the scrollbar across the list does not queue hundreds of reads.
import type { BridgeResult, DeviceListRequest, DeviceRow, DeviceWindow, Problem } from '../../../shared/bridge/api.ts';
import { queryKey } from './device-filter.ts';
import type { DeviceQueryView } from './device-filter.ts';

export const WINDOW_ROWS = 100;
export const CACHED_WINDOWS = 12;
export const MAX_IN_FLIGHT = 2;

export type FetchWindow = (request: DeviceListRequest) => Promise<BridgeResult<DeviceWindow>>;

/** Indices of the windows holding rows [start, end), within the total when it is known. */
export function windowsCovering(start: number, end: number, total: number | undefined, size: number = WINDOW_ROWS): number[] {
  const last = Math.min(end, total ?? end) - 1;
  const from = Math.max(0, Math.floor(start / size));
  const out: number[] = [];
  for (let w = from; w * size <= last; w++) out.push(w);
  return out;
}

export interface WindowSnapshot {
  /** The query whose rows are shown; undefined before the first answer. */
  readonly key: string | undefined;
  /** That query's search, filters and sort (what the count describes, not what was just typed). */
  readonly query?: DeviceQueryView;
  /** Devices matching the shown query. */
  readonly total: number | undefined;
  readonly asOf: string | undefined;
  /** The last failure; cleared by the next answer. */
  readonly problem: Problem | undefined;
  /** A newer query (or a refresh) is waiting for its first window. */
  readonly pending: boolean;
  /** Changes whenever anything the grid shows changes. */
  readonly version: number;
}

interface Shown {
  readonly key: string;
  readonly view: DeviceQueryView;
  readonly fetchKey: string;
  readonly windows: Map<number, readonly DeviceRow[]>;
  total: number;
  asOf: string | undefined;
}

interface Request {
  readonly fetchKey: string;
  readonly view: DeviceQueryView;
  readonly index: number;
  /** The first window of a query or refresh: it replaces what is shown. */
  readonly first: boolean;
}

export class DeviceWindows {
  readonly #fetch: FetchWindow;
  #view: DeviceQueryView | undefined;
  #key: string | undefined;
  /** The key plus the refresh count: answers for an older fetch key are dropped. */
  #fetchKey: string | undefined;
  #refreshes = 0;
  #shown: Shown | undefined;
  /** Window indices, least recently seen first. */
  #recent: number[] = [];
  readonly #inFlight: Request[] = [];
  /** Windows that failed for the current fetch key: not asked again until a refresh. */
  readonly #failed = new Set<number>();
  #wanted = { start: 0, end: WINDOW_ROWS };
  /** The window a query or refresh asks for first: the top for a new query, where the grid is for a refresh. */
  #firstIndex = 0;
  #problem: Problem | undefined;
  #version = 0;
  #snapshot: WindowSnapshot;
  readonly #listeners = new Set<() => void>();
  #disposed = false;
  /** Every request sent, for tests and the benchmark's curiosity. */
  requestsSent = 0;

  constructor(fetch: FetchWindow) {
    this.#fetch = fetch;
    this.#snapshot = this.#makeSnapshot();
  }

  subscribe = (listener: () => void): (() => void) => {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  };

  getSnapshot = (): WindowSnapshot => this.#snapshot;

  rowAt(index: number): DeviceRow | undefined {
    return this.#shown?.windows.get(Math.floor(index / WINDOW_ROWS))?.[index % WINDOW_ROWS];
  }

  /** The search, filters and sort to show; the same query again changes nothing. */
  setQuery(view: DeviceQueryView): void {
    const key = queryKey(view);
    if (key === this.#key) return;
    this.#view = view;
    this.#key = key;
    // A new query starts at the top: the grid scrolls there when its rows land.
    this.#wanted = { start: 0, end: Math.max(1, this.#wanted.end - this.#wanted.start) };
    this.#firstIndex = 0;
    this.#restart();
  }

  /** Asks again for the current query (after a sync, or to retry), keeping the rows shown until the answer lands. */
  refresh(): void {
    if (this.#view === undefined) return;
    this.#refreshes++;
    this.#firstIndex = Math.floor(this.#wanted.start / WINDOW_ROWS);
    this.#restart();
  }

  /** The rows the grid shows now (from the virtualizer), end exclusive. */
  setVisible(start: number, end: number): void {
    if (start === this.#wanted.start && end === this.#wanted.end) return;
    this.#wanted = { start: Math.max(0, start), end: Math.max(start + 1, end) };
    for (const w of windowsCovering(this.#wanted.start, this.#wanted.end, this.#shown?.total)) this.#touch(w);
    this.#pump();
  }

  dispose(): void {
    this.#disposed = true;
    this.#listeners.clear();
  }

  #restart(): void {
    this.#fetchKey = `${this.#key}|${this.#refreshes}`;
    this.#failed.clear();
    this.#changed();
    this.#pump();
  }

  #waitingForFirst(): boolean {
    return this.#fetchKey !== undefined && this.#shown?.fetchKey !== this.#fetchKey;
  }

  #pump(): void {
    if (this.#disposed || this.#view === undefined || this.#fetchKey === undefined) return;
    if (this.#waitingForFirst()) {
      // One first-window request at a time: the newest query goes out when the one before answers.
      if (this.#inFlight.some((r) => r.first)) return;
      const index = this.#firstIndex;
      if (this.#failed.has(index)) return;
      this.#send({ fetchKey: this.#fetchKey, view: this.#view, index, first: true });
      return;
    }
    const shown = this.#shown;
    if (shown === undefined) return;
    for (const index of windowsCovering(this.#wanted.start, this.#wanted.end, shown.total)) {
      if (this.#inFlight.length >= MAX_IN_FLIGHT) return;
      if (shown.windows.has(index) || this.#failed.has(index)) continue;
      if (this.#inFlight.some((r) => r.fetchKey === this.#fetchKey && r.index === index)) continue;
      this.#send({ fetchKey: this.#fetchKey, view: this.#view, index, first: false });
    }
  }

  #send(request: Request): void {
    const view = request.view;
    this.#inFlight.push(request);
    this.requestsSent++;
    const args: DeviceListRequest = {
      offset: request.index * WINDOW_ROWS,
      limit: WINDOW_ROWS,
      sort: view.sort,
      ...(view.search === undefined ? {} : { search: view.search }),
      ...(view.filter === undefined ? {} : { filter: view.filter }),
    };
    const settle = (result: BridgeResult<DeviceWindow>): void => this.#answer(request, result);
    this.#fetch(args).then(settle, (error: unknown) =>
      settle({ ok: false, problem: { code: 'serviceError', message: `Reading devices failed: ${error instanceof Error ? error.message : String(error)}` } }),
    );
  }

  #answer(request: Request, result: BridgeResult<DeviceWindow>): void {
    const at = this.#inFlight.indexOf(request);
    if (at >= 0) this.#inFlight.splice(at, 1);
    if (this.#disposed) return;
    if (request.fetchKey !== this.#fetchKey || this.#key === undefined) {
      // An answer nobody is waiting for any more; its slot is free for the newest query.
      this.#pump();
      return;
    }
    if (!result.ok) {
      this.#failed.add(request.index);
      this.#problem = result.problem;
      // The rows shown came from an inventory that can no longer be read as it was (signed out,
      // rebuilt, another tenant): showing them under this problem would mislead.
      if (request.first) this.#shown = undefined;
      this.#changed();
      this.#pump();
      return;
    }
    if (this.#shown?.fetchKey !== request.fetchKey) {
      this.#shown = { key: this.#key, view: request.view, fetchKey: request.fetchKey, windows: new Map(), total: result.value.total, asOf: result.value.asOf };
      this.#recent = [];
    }
    const shown = this.#shown;
    shown.windows.set(request.index, result.value.rows);
    shown.total = result.value.total;
    shown.asOf = result.value.asOf;
    this.#problem = undefined;
    this.#touch(request.index);
    this.#evict();
    this.#changed();
    this.#pump();
  }

  #touch(index: number): void {
    const at = this.#recent.indexOf(index);
    if (at >= 0) this.#recent.splice(at, 1);
    this.#recent.push(index);
  }

  #evict(): void {
    const shown = this.#shown;
    if (shown === undefined) return;
    const visible = new Set(windowsCovering(this.#wanted.start, this.#wanted.end, shown.total));
    for (let i = 0; this.#recent.length > CACHED_WINDOWS && i < this.#recent.length; ) {
      const index = this.#recent[i] as number;
      if (visible.has(index)) {
        i++;
        continue;
      }
      this.#recent.splice(i, 1);
      shown.windows.delete(index);
    }
  }

  #makeSnapshot(): WindowSnapshot {
    return {
      key: this.#shown?.key,
      ...(this.#shown === undefined ? {} : { query: this.#shown.view }),
      total: this.#shown?.total,
      asOf: this.#shown?.asOf,
      problem: this.#problem,
      pending: this.#waitingForFirst() && !this.#failed.has(this.#firstIndex),
      version: this.#version,
    };
  }

  #changed(): void {
    this.#version++;
    this.#snapshot = this.#makeSnapshot();
    for (const listener of this.#listeners) listener();
  }
}
