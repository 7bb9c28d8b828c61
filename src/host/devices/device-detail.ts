// The device panel. The offline inventory answers at once (the row and the panel's fields, with
// their as-of time); asked for live data while the service answers, the host reads the device
// and its compliance, configuration, detected apps, primary user and action results from Graph
// at the same time, each on its own: a 403 on one section (a scope not granted, an Intune role
// that does not reach it) is explained in that section and hides none of the others.
import type { DetectedApp as GraphDetectedApp, DeviceCompliancePolicyState, DeviceConfigurationState, ManagedDevice, User } from '@microsoft/microsoft-graph-types-beta';
import { deviceDetectedApps, managedDevice } from '../../core/graph/graph-paths.ts';
import { deviceRowOf } from '../../core/devices/device-rows.ts';
import type { GraphClient } from '../../core/graph/index.ts';
import { ProblemError } from '../../core/problem.ts';
import type { DetectedApp, DeviceDetail, DeviceSection, PolicyState, Problem, PrimaryUser } from '../../shared/bridge/api.ts';
import { currentTenant, signInOf } from '../host-context.ts';
import type { HostContext } from '../host-context.ts';
import { actionRecords, panelProperties } from './device-properties.ts';
import { liveCall } from './live-call.ts';

type Sections = Omit<DeviceDetail, 'id' | 'row'>;

const SECTION_LABELS: Readonly<Record<keyof Sections, string>> = {
  properties: 'Device details',
  compliance: 'Compliance',
  configuration: 'Configuration profiles',
  detectedApps: 'Discovered apps',
  primaryUser: 'Primary user',
  actionHistory: 'Remote actions',
};

export class DeviceDetails {
  private readonly context: HostContext;

  constructor(context: HostContext) {
    this.context = context;
  }

  async detail(id: string, live: boolean): Promise<DeviceDetail> {
    const entry = currentTenant(this.context);
    const signIn = await signInOf(this.context, entry);
    const lookup = this.context.inventories.store(signIn.tenantId).getDevice(id);
    // getDevice also finds by name; the panel asks by id only.
    const cached = lookup.kind === 'found' && lookup.row.id.toLowerCase() === id.toLowerCase() ? lookup : undefined;
    const asOf = cached?.asOf;
    const fromCache: Sections = {
      properties: cached ? section('cached', asOf, panelProperties(cached.device)) : unavailable(),
      compliance: unavailable(),
      configuration: unavailable(),
      detectedApps: unavailable(),
      primaryUser: cached && deviceUser(cached.device) ? section('cached', asOf, deviceUser(cached.device) ?? {}) : unavailable(),
      actionHistory: cached?.device.deviceActionResults?.length ? section('cached', asOf, actionRecords(cached.device.deviceActionResults)) : unavailable(),
    };
    const link = this.context.links.known(entry.id);
    if (!live || !link || this.context.watch.offline) {
      if (!cached) throw new ProblemError({ code: 'notFound', message: `The device ${id} is not in the offline inventory of ${entry.label}${live ? ', and Intune cannot be reached to look it up' : ''}.` });
      if (!live) return { id: cached.row.id, row: cached.row, ...fromCache };
      const offline: Problem = { code: 'offline', message: `${entry.label} cannot be reached, so this shows the offline inventory${asOf ? ` as of ${asOf}` : ''}.`, ...(asOf ? { asOf } : {}) };
      return { id: cached.row.id, row: cached.row, ...withProblem(fromCache, offline) };
    }
    const client = link.interactive;
    const scopes = signIn.grantedScopes.length > 0 ? signIn.grantedScopes : undefined;
    const read = <T>(path: string): Promise<T> => liveCall(this.context.watch, () => client.get<T>(path, scopes ? { scopes } : {}));
    const list = <T>(path: string): Promise<T[]> => liveCall(this.context.watch, () => allOf<T>(client, path, scopes));
    const base = `/deviceManagement/managedDevices/${encodeURIComponent(id)}`;
    const [device, compliance, configuration, apps, users] = await Promise.allSettled([
      read<ManagedDevice>(managedDevice(id).path),
      list<DeviceCompliancePolicyState>(`${base}/deviceCompliancePolicyStates`),
      list<DeviceConfigurationState>(`${base}/deviceConfigurationStates`),
      list<GraphDetectedApp>(deviceDetectedApps(id).path),
      list<User>(`${base}/users`),
    ]);
    if (device.status === 'rejected' && !cached) throw device.reason;
    const now = new Date(this.context.now()).toISOString();
    const liveDevice = device.status === 'fulfilled' ? device.value : undefined;
    const row = liveDevice ? deviceRowOf(liveDevice) : (cached?.row ?? unreachable());
    return {
      id: row.id,
      row,
      properties: outcome(device, (d) => panelProperties(d), fromCache.properties, now, 'properties'),
      compliance: outcome(compliance, (states) => states.map(policyState), fromCache.compliance, now, 'compliance'),
      configuration: outcome(configuration, (states) => states.map(policyState), fromCache.configuration, now, 'configuration'),
      detectedApps: outcome(apps, (found) => found.map(detectedApp), fromCache.detectedApps, now, 'detectedApps'),
      primaryUser: primaryUserSection(users, liveDevice, cached?.device, now, asOf),
      actionHistory: outcome(device, (d) => actionRecords(d.deviceActionResults), fromCache.actionHistory, now, 'actionHistory'),
    };
  }
}

async function allOf<T>(client: GraphClient, path: string, scopes: readonly string[] | undefined): Promise<T[]> {
  return client.all<T>(path, scopes ? { scopes } : {});
}

/** A live answer, or the cached section with the reason live data is missing. */
function outcome<G, T>(settled: PromiseSettledResult<G>, shape: (value: G) => T, cached: DeviceSection<T>, now: string, name: keyof Sections): DeviceSection<T> {
  if (settled.status === 'fulfilled') return section('live', now, shape(settled.value));
  const reason: unknown = settled.reason;
  const problem: Problem = reason instanceof ProblemError
    ? { ...reason.problem, message: `${SECTION_LABELS[name]}: ${reason.problem.message}` }
    : { code: 'internal', message: `${SECTION_LABELS[name]}: this could not be read because of an unexpected error; it was written to the log.` };
  return { ...cached, problem };
}

function section<T>(source: 'live' | 'cached', asOf: string | undefined, value: T): DeviceSection<T> {
  return { source, ...(asOf !== undefined ? { asOf } : {}), value };
}

function unavailable<T>(): DeviceSection<T> {
  return { source: 'unavailable' };
}

function withProblem(sections: Sections, problem: Problem): Sections {
  const add = <T>(s: DeviceSection<T>): DeviceSection<T> => ({ ...s, problem });
  return {
    properties: add(sections.properties),
    compliance: add(sections.compliance),
    configuration: add(sections.configuration),
    detectedApps: add(sections.detectedApps),
    primaryUser: add(sections.primaryUser),
    actionHistory: add(sections.actionHistory),
  };
}

function policyState(state: DeviceCompliancePolicyState | DeviceConfigurationState): PolicyState {
  const reported = (state as { lastReportedDateTime?: string | null }).lastReportedDateTime;
  return { id: state.id ?? '', displayName: state.displayName ?? '', state: state.state ?? 'unknown', ...(reported ? { lastReported: reported } : {}) };
}

function detectedApp(app: GraphDetectedApp): DetectedApp {
  return { id: app.id ?? '', displayName: app.displayName ?? '', ...(app.version ? { version: app.version } : {}), ...(app.publisher ? { publisher: app.publisher } : {}) };
}

/**
 * The device's primary user: Graph's `users` of the device when it answers; when that path is
 * not served (the demo tenant does not serve it; some clouds answer 400), the user the device
 * record names. A 403 stays attached, so the panel says what would show more.
 */
function primaryUserSection(users: PromiseSettledResult<User[]>, live: ManagedDevice | undefined, cached: ManagedDevice | undefined, now: string, asOf: string | undefined): DeviceSection<PrimaryUser> {
  if (users.status === 'fulfilled' && users.value.length > 0) return section('live', now, primaryUser(users.value));
  const device = live ?? cached;
  const named = device ? deviceUser(device) : undefined;
  const base: DeviceSection<PrimaryUser> = named ? section(live ? 'live' : 'cached', live ? now : asOf, named) : users.status === 'fulfilled' ? section('live', now, {}) : unavailable();
  if (users.status === 'fulfilled') return base;
  const reason: unknown = users.reason;
  const problem = reason instanceof ProblemError ? reason.problem : undefined;
  if (named && problem && (problem.httpStatus === 400 || problem.httpStatus === 404)) return base;
  return outcome(users, primaryUser, base, now, 'primaryUser');
}

function deviceUser(device: ManagedDevice): PrimaryUser | undefined {
  if (!device.userPrincipalName && !device.userId) return undefined;
  return {
    ...(device.userId ? { id: device.userId } : {}),
    ...(device.userDisplayName ? { displayName: device.userDisplayName } : {}),
    ...(device.userPrincipalName ? { userPrincipalName: device.userPrincipalName } : {}),
    ...(device.emailAddress ? { email: device.emailAddress } : {}),
  };
}

function primaryUser(users: readonly User[]): PrimaryUser {
  const user = users[0];
  if (!user) return {};
  return {
    ...(user.id ? { id: user.id } : {}),
    ...(user.displayName ? { displayName: user.displayName } : {}),
    ...(user.userPrincipalName ? { userPrincipalName: user.userPrincipalName } : {}),
    ...(user.mail ? { email: user.mail } : {}),
  };
}

function unreachable(): never {
  throw new Error('A device panel needs the device from the inventory or from Graph.');
}
