// What "intune-desk device" does (commands/device.ts has its options).
import type { ManagedDevice } from '@microsoft/microsoft-graph-types-beta';
import { isGuid } from '../../core/auth/tenant-profile.ts';
import { managedDevice, managedDevices } from '../../core/graph/graph-paths.ts';
import type { DeviceRow } from '../../core/inventory/device-columns.ts';
import type { InventoryStore } from '../../core/inventory/inventory-store.ts';
import { ProblemError } from '../../core/problem.ts';
import type { DeviceRequest } from '../commands/device.ts';
import type { CliContext } from '../context.ts';
import { deviceRowOf } from '../../core/devices/device-rows.ts';
import { openCurrentInventory } from '../inventory-access.ts';
import { shortTime } from '../output/device-output.ts';
import { renderPairs, renderTable } from '../output/table.ts';
import { describeTime } from '../output/time.ts';
import type { Connection, Offline } from '../session.ts';
import { Session } from '../session.ts';
import { EXIT_OK, EXIT_PROBLEM } from '../usage-error.ts';

type Found =
  | { readonly kind: 'one'; readonly device: ManagedDevice; readonly source: 'live' | 'inventory'; readonly asOf: string | undefined; readonly note?: string }
  | { readonly kind: 'many'; readonly candidates: readonly DeviceRow[]; readonly source: 'live' | 'inventory' }
  | { readonly kind: 'none'; readonly why: string };

export async function device(request: DeviceRequest, context: CliContext): Promise<number> {
  const session = new Session(context);
  try {
    const { store } = await openCurrentInventory(session);
    const connection = await session.connect('ifReachable');
    const found = await findDevice(request.key, store, connection, context);
    return await show(found, request.key, request.format, connection, context);
  } finally {
    await session.close();
  }
}

async function findDevice(key: string, store: InventoryStore, connection: Connection | Offline, context: CliContext): Promise<Found> {
  const stored = key === '' ? ({ kind: 'notFound' } as const) : store.getDevice(key);
  if (stored.kind === 'ambiguous') return { kind: 'many', candidates: stored.candidates, source: 'inventory' };
  if (connection.kind === 'offline') {
    if (stored.kind === 'found') return { kind: 'one', device: stored.device, source: 'inventory', asOf: stored.asOf };
    return { kind: 'none', why: `No device named or with id "${key}" is in the offline inventory (${store.status().asOf ? `as of ${describeTime(store.status().asOf, context.now())}` : 'never synced'}), and ${connection.reason}.` };
  }
  const id = stored.kind === 'found' ? stored.device.id ?? key : isGuid(key) ? key : undefined;
  if (id !== undefined) {
    try {
      const live = await connection.graph.get<ManagedDevice>(managedDevice(id), { signal: context.signal });
      return { kind: 'one', device: live, source: 'live', asOf: new Date(context.now()).toISOString() };
    } catch (error) {
      if (!(error instanceof ProblemError)) throw error;
      if (error.problem.code === 'notFound' && stored.kind === 'found') {
        return { kind: 'one', device: stored.device, source: 'inventory', asOf: stored.asOf, note: 'Intune no longer has this device (deleted, retired or wiped since the last sync); showing the inventory\'s copy.' };
      }
      if (error.problem.code === 'offline' && stored.kind === 'found') return { kind: 'one', device: stored.device, source: 'inventory', asOf: stored.asOf, note: error.problem.message };
      if (error.problem.code !== 'notFound') throw error;
    }
  }
  if (stored.kind === 'found') return { kind: 'none', why: `Device "${key}" is no longer in Intune.` };
  return findByNameLive(key, connection, context);
}

/** Not in the inventory (not synced yet): Intune filters managedDevices by deviceName with eq. */
async function findByNameLive(key: string, connection: Connection, context: CliContext): Promise<Found> {
  const matches = await connection.graph.all<ManagedDevice>(managedDevices, { query: { $filter: `deviceName eq '${key.replaceAll("'", "''")}'` }, signal: context.signal });
  const exact = matches.filter((d) => (d.deviceName ?? '').toLowerCase() === key.toLowerCase());
  const [only] = exact;
  if (exact.length === 1 && only) return { kind: 'one', device: only, source: 'live', asOf: new Date(context.now()).toISOString() };
  if (exact.length > 1) return { kind: 'many', source: 'live', candidates: exact.map(deviceRowOf) };
  return { kind: 'none', why: `No device named or with id "${key}" in the offline inventory or in Intune.` };
}

async function show(found: Found, key: string, format: 'table' | 'json', connection: Connection | Offline, context: CliContext): Promise<number> {
  if (found.kind === 'none') {
    await context.err.write(`error: ${found.why}\n`);
    return EXIT_PROBLEM;
  }
  if (found.kind === 'many') {
    const rows = found.candidates.map((r) => [r.id, r.deviceName ?? '', r.userPrincipalName ?? '', [r.operatingSystem, r.osVersion].filter(Boolean).join(' '), shortTime(r.lastSyncDateTime)]);
    await context.err.write(`error: ${found.candidates.length} devices are named "${key}". Give the id of the one you mean:\n`);
    await context.err.write(renderTable(['ID', 'NAME', 'USER', 'OS', 'LAST CHECK-IN'], rows));
    await context.err.write(`For example: intune-desk device ${found.candidates[0]?.id ?? '<id>'}\n`);
    return EXIT_PROBLEM;
  }
  const offline = connection.kind === 'offline';
  if (format === 'json') {
    await context.out.write(`${JSON.stringify({ source: found.source, asOf: found.asOf ?? null, offline, device: found.device }, null, 2)}\n`);
  } else {
    await context.out.write(renderPairs(detailPairs(found.device), context.out.isTTY && context.out.columns ? { maxWidth: context.out.columns } : {}));
  }
  if (found.note) await context.err.write(`note: ${found.note}\n`);
  if (found.source === 'live') await context.err.write(`Live from ${connection.kind === 'online' ? connection.graphBaseUrl : 'Intune'}.\n`);
  else await context.err.write(`${offline ? `Offline: ${connection.reason}.\n` : ''}From the offline inventory, as of ${describeTime(found.asOf, context.now())}.\n`);
  return EXIT_OK;
}

function detailPairs(d: ManagedDevice): [string, string][] {
  const text = (v: unknown): string => (v === null || v === undefined || v === '' ? '-' : String(v));
  const bytes = (v: number | null | undefined): string => (typeof v === 'number' && v > 0 ? `${(v / 1024 ** 3).toFixed(1)} GB` : '-');
  const pairs: [string, string][] = [
    ['Name', text(d.deviceName)],
    ['Id', text(d.id)],
    ['User', d.userPrincipalName ? `${d.userDisplayName ?? ''} <${d.userPrincipalName}>`.trim() : '-'],
    ['Operating system', [d.operatingSystem, d.osVersion].filter(Boolean).join(' ') || '-'],
    ['Compliance', text(d.complianceState)],
    ['Ownership', text(d.managedDeviceOwnerType)],
    ['Management', [d.managementState, d.managementAgent].filter(Boolean).join(', ') || '-'],
    ['Last check-in', text(d.lastSyncDateTime)],
    ['Enrolled', text(d.enrolledDateTime)],
    ['Model', [d.manufacturer, d.model].filter(Boolean).join(' ') || '-'],
    ['Serial number', text(d.serialNumber)],
    ['IMEI', text(d.imei)],
    ['Wi-Fi MAC', text(d.wiFiMacAddress)],
    ['Ethernet MAC', text(d.ethernetMacAddress)],
    ['Category', text(d.deviceCategoryDisplayName)],
    ['Encrypted', text(d.isEncrypted)],
    ['Supervised', text(d.isSupervised)],
    ['Jailbroken', text(d.jailBroken)],
    ['Entra device id', text(d.azureADDeviceId)],
    ['Storage free', `${bytes(d.freeStorageSpaceInBytes)} of ${bytes(d.totalStorageSpaceInBytes)}`],
  ];
  const actions = d.deviceActionResults ?? [];
  for (const a of actions.slice(-5)) pairs.push([`Action ${text(a.actionName)}`, `${text(a.actionState)} (started ${text(a.startDateTime)})`]);
  return pairs;
}
