// `/me/managedDevices` and `/users/{id}/managedDevices`: a user's devices, the console sample
// of the Microsoft article. Served as a filtered view of the tenant's managedDevices.
import { DeviceCollection } from '../model/device-collection.ts';
import type { TenantGraph } from '../model/tenant-graph.ts';
import { managedDevices } from '../model/tenant-graph.ts';
import type { Directory } from '../../directory/model.ts';
import type { Resolved, ResolveFailure } from './resolve.ts';

export function isUserDevicesPath(segments: readonly string[]): boolean {
  const first = segments[0]?.toLowerCase();
  return first === 'me' || first === 'users';
}

export function resolveUserDevices(
  graph: TenantGraph,
  directory: Directory,
  signedInUserId: string,
  segments: readonly string[],
  knownUsers: ReadonlyMap<string, string>,
): Resolved | ResolveFailure {
  const me = segments[0]?.toLowerCase() === 'me';
  const userKey = me ? signedInUserId : (segments[1] ?? '');
  const rest = segments.slice(me ? 1 : 2);
  const prefix = me ? '/me' : '/users/{id}';
  if (!me && segments.length < 2) return { failed: true, status: 400, code: 'BadRequest', message: 'Listing users is not part of the Intune emulation.' };
  if (rest[0]?.toLowerCase() !== 'manageddevices' || rest.length > 2) {
    return { failed: true, status: 400, code: 'BadRequest', message: `Resource not found for the segment '${rest[0] ?? segments[0] ?? ''}'.` };
  }
  const userId = resolveUserId(directory, graph.tenantId, userKey, knownUsers);
  if (!userId) return { failed: true, status: 404, code: 'Request_ResourceNotFound', message: `Resource '${userKey}' does not exist or one of its queried reference-property objects are not present.` };
  const view = new DeviceCollection();
  view.putAll(managedDevices(graph).values().filter((d) => String(d.props['userId'] ?? '').toLowerCase() === userId));
  const contextPath = me ? 'users(\'me\')/managedDevices' : `users('${userKey}')/managedDevices`;
  const parent = graph.singletons.get('devicemanagement');
  if (!parent) return { failed: true, status: 400, code: 'BadRequest', message: 'Resource not found.' };
  if (rest.length === 1) {
    return {
      target: { kind: 'collection', collection: view, parent, navName: 'managedDevices', contained: false, elementType: 'managedDevice' },
      pattern: `${prefix}/manageddevices`,
      contextPath,
    };
  }
  const record = view.get(rest[1] as string);
  if (!record) return { failed: true, status: 404, code: 'ResourceNotFound', message: `The managedDevice with id '${rest[1] ?? ''}' was not found.` };
  return {
    target: { kind: 'entity', record, collection: managedDevices(graph), parent, navName: 'managedDevices', contained: false },
    pattern: `${prefix}/manageddevices/{id}`,
    contextPath,
  };
}

/** A user is named by object id or by UPN, as Graph allows; ids come back lower-cased. */
function resolveUserId(directory: Directory, tenantId: string, key: string, knownUsers: ReadonlyMap<string, string>): string | undefined {
  const lower = key.toLowerCase();
  const member = directory.users.find((u) => u.tenantId === tenantId && (u.id === lower || u.userPrincipalName.toLowerCase() === lower));
  if (member) return member.id;
  if (knownUsers.has(lower)) return knownUsers.get(lower);
  return undefined;
}
