// What "intune-desk devices" does (commands/devices.ts checks its options).
import type { ManagedDevice } from '@microsoft/microsoft-graph-types-beta';
import { myManagedDevices } from '../../core/graph/graph-paths.ts';
import type { DeviceRow } from '../../core/inventory/device-columns.ts';
import type { InventoryStore } from '../../core/inventory/inventory-store.ts';
import { ProblemError } from '../../core/problem.ts';
import type { DevicesRequest } from '../commands/devices.ts';
import type { CliContext } from '../context.ts';
import { deviceRowOf, sortRows } from '../../core/devices/device-rows.ts';
import { neverSyncedNote, openCurrentInventory } from '../inventory-access.ts';
import { take, writeDevices } from '../output/device-output.ts';
import type { DeviceListing } from '../output/device-output.ts';
import { count, describeTime } from '../output/time.ts';
import type { Connection, Offline } from '../session.ts';
import { Session } from '../session.ts';
import { EXIT_OK } from '../usage-error.ts';

export async function devices(request: DevicesRequest, context: CliContext): Promise<number> {
  const session = new Session(context);
  try {
    return await (request.mine ? listMine(session, request, context) : listInventory(session, request, context));
  } finally {
    await session.close();
  }
}

async function listInventory(session: Session, request: DevicesRequest, context: CliContext): Promise<number> {
  const { store } = await openCurrentInventory(session);
  const connection = await session.connect('ifReachable');
  const query = { ...(request.search !== undefined ? { search: request.search } : {}), filter: request.filter, ...(request.sort ? { sort: request.sort } : {}) };
  const first = store.queryDevices({ ...query, limit: 1 });
  const listing: DeviceListing = { source: 'inventory', asOf: first.asOf, offline: connection.kind === 'offline', total: first.total };
  const shown = await writeDevices(context.out, request.format, take(store.exportRows(query), request.limit), listing);
  await context.err.write(`${footer(session.profile.label, listing, shown, connection, request, context.now())}\n`);
  return EXIT_OK;
}

async function listMine(session: Session, request: DevicesRequest, context: CliContext): Promise<number> {
  const { store, signIn } = await openCurrentInventory(session);
  const connection = await session.connect('ifReachable');
  if (connection.kind === 'online') {
    const live = await myDevicesLive(connection, context);
    if (live !== undefined) {
      const rows = sortRows(live, request.sort);
      const listing: DeviceListing = { source: 'live', asOf: new Date(context.now()).toISOString(), offline: false, total: rows.length };
      const shown = await writeDevices(context.out, request.format, take(rows, request.limit), listing);
      await context.err.write(`${count(shown)} device${shown === 1 ? '' : 's'} of ${signIn.username}, live from ${connection.graphBaseUrl} (GET /me/managedDevices).\n`);
      return EXIT_OK;
    }
  }
  const offline: Offline = connection.kind === 'offline' ? connection : { kind: 'offline', reason: 'the service did not answer' };
  return listMineFromInventory(store, signIn.username, request, offline, context);
}

/** The user's devices from Graph; undefined when the service turned out to be unreachable. */
async function myDevicesLive(connection: Connection, context: CliContext): Promise<DeviceRow[] | undefined> {
  try {
    const found = await connection.graph.all<ManagedDevice>(myManagedDevices, { signal: context.signal });
    return found.map(deviceRowOf);
  } catch (error) {
    if (error instanceof ProblemError && error.problem.code === 'offline') return undefined;
    throw error;
  }
}

async function listMineFromInventory(store: InventoryStore, upn: string, request: DevicesRequest, offline: Offline, context: CliContext): Promise<number> {
  const query = { filter: { userPrincipalName: upn }, ...(request.sort ? { sort: request.sort } : {}) };
  const first = store.queryDevices({ ...query, limit: 1 });
  const listing: DeviceListing = { source: 'inventory', asOf: first.asOf, offline: true, total: first.total };
  const shown = await writeDevices(context.out, request.format, take(store.exportRows(query), request.limit), listing);
  const when = first.asOf ? `as of ${describeTime(first.asOf, context.now())}` : 'never synced';
  await context.err.write(`Offline: ${offline.reason}.\n${count(shown)} device${shown === 1 ? '' : 's'} of ${upn} from the offline inventory, ${when}.\n`);
  return EXIT_OK;
}

function footer(label: string, listing: DeviceListing, shown: number, connection: Connection | Offline, request: DevicesRequest, now: number): string {
  if (listing.asOf === undefined) return neverSyncedNote(label);
  const more = shown < listing.total ? ` (showing ${count(shown)}; --limit 0 shows all)` : '';
  const what = `${count(listing.total)} device${listing.total === 1 ? '' : 's'}${request.search !== undefined || Object.keys(request.filter).length > 0 ? ' match' : ''}${more}`;
  if (connection.kind === 'offline') return `Offline: ${connection.reason}.\n${what}, from the offline inventory as of ${describeTime(listing.asOf, now)}.`;
  return `${what}. Offline inventory of ${label}, synced ${describeTime(listing.asOf, now)}.`;
}
