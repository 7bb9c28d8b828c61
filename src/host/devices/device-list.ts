// The device lists the window shows, read from the current tenant's offline inventory: the grid
// (any window of rows, for search, filters and sort), the dashboard's counts, the category
// filter's choices, and "my devices", which comes live from Graph when the service answers.
import type { ManagedDevice } from '@microsoft/microsoft-graph-types-beta';
import { myManagedDevices } from '../../core/graph/graph-paths.ts';
import { deviceRowOf, sortRows } from '../../core/devices/device-rows.ts';
import { ProblemError } from '../../core/problem.ts';
import type { DeviceFacets, DeviceListRequest, DeviceWindow } from '../../shared/bridge/api.ts';
import { currentTenant, signInOf } from '../host-context.ts';
import type { HostContext } from '../host-context.ts';
import { liveCall } from './live-call.ts';

/** "My devices" shows at most this many: a person has a handful. */
const MINE_LIMIT = 500;

export class DeviceList {
  private readonly context: HostContext;

  constructor(context: HostContext) {
    this.context = context;
  }

  async window(request: DeviceListRequest): Promise<DeviceWindow> {
    const store = await this.store();
    const page = store.queryDevices({
      ...(request.search !== undefined ? { search: request.search } : {}),
      ...(request.filter !== undefined ? { filter: request.filter } : {}),
      ...(request.sort !== undefined ? { sort: request.sort } : {}),
      offset: request.offset,
      limit: request.limit,
    });
    return { offset: request.offset, rows: page.rows, total: page.total, ...(page.asOf !== undefined ? { asOf: page.asOf } : {}) };
  }

  /** The dashboard's counts. Staleness comes in fixed buckets (7, 30, 90 days); the stale chip's own count is a window with its filter. */
  async facets(): Promise<DeviceFacets> {
    return (await this.store()).facets();
  }

  async categories(): Promise<readonly string[]> {
    return (await this.store()).deviceCategories();
  }

  /** The signed-in person's devices: live (GET /me/managedDevices) when the service answers, else the inventory's by UPN. */
  async mine(): Promise<DeviceWindow> {
    const entry = currentTenant(this.context);
    const signIn = await signInOf(this.context, entry);
    const link = this.context.links.known(entry.id);
    if (link && !this.context.watch.offline) {
      try {
        const devices = await liveCall(this.context.watch, () => link.interactive.all<ManagedDevice>(myManagedDevices));
        const rows = sortRows(devices.map(deviceRowOf), undefined);
        return { offset: 0, rows: rows.slice(0, MINE_LIMIT), total: rows.length, asOf: new Date(this.context.now()).toISOString() };
      } catch (error) {
        if (!(error instanceof ProblemError) || error.problem.code !== 'offline') throw error;
      }
    }
    const page = this.context.inventories.store(signIn.tenantId).queryDevices({ filter: { userPrincipalName: signIn.username }, offset: 0, limit: MINE_LIMIT });
    return { offset: 0, rows: page.rows, total: page.total, ...(page.asOf !== undefined ? { asOf: page.asOf } : {}) };
  }

  private async store(): Promise<ReturnType<HostContext['inventories']['store']>> {
    const entry = currentTenant(this.context);
    const signIn = await signInOf(this.context, entry);
    return this.context.inventories.store(signIn.tenantId);
  }
}
