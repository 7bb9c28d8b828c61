// The benchmark's baseline: a full sync the way Microsoft's samples page through devices, one
// request after another, each `@odata.nextLink` followed once the page before it has arrived and
// been written. Same client, same store and same atomic snapshot as the engine, so the benchmark
// compares only how the list is fetched. Not used by the app.
import { managedDevices } from '../graph/graph-paths.ts';
import type { TimeSource } from '../graph/time.ts';
import { systemTime } from '../graph/time.ts';
import type { InventoryStore } from '../inventory/inventory-store.ts';
import type { DeviceLister } from './device-pages.ts';

export interface BaselineSyncResult {
  readonly deviceCount: number;
  readonly pagesFetched: number;
  readonly asOf: string;
  readonly seconds: number;
}

export async function baselineFullSync(client: DeviceLister, store: InventoryStore, options: { readonly time?: TimeSource; readonly signal?: AbortSignal } = {}): Promise<BaselineSyncResult> {
  const time = options.time ?? systemTime;
  const started = time.now();
  const asOf = new Date(started).toISOString();
  const writer = store.beginFullSnapshot();
  let pages = 0;
  try {
    // GET /deviceManagement/managedDevices, then every nextLink in turn, as the samples do.
    for await (const page of client.pages(managedDevices, options.signal ? { signal: options.signal } : {})) {
      pages++;
      if (page.value.length > 0) writer.addDevices(page.value);
    }
    const committed = writer.commit(asOf);
    return { deviceCount: committed.deviceCount, pagesFetched: pages, asOf, seconds: (time.now() - started) / 1000 };
  } catch (error) {
    writer.abort(error instanceof Error ? error.message : String(error));
    throw error;
  }
}
