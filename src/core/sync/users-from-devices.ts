// The inventory's users: the people Intune knows through their devices, taken from the device
// snapshot the sync just committed, not read from the directory.
//
// Why not GET /users: listing directory users needs User.Read.All (or Directory.Read.All), which
// is not one of Intune's permissions (src/shared/intune/scopes.json) and is not in Microsoft's
// Intune permission map (../shared/graph/intune-permissions.json); asking for it would add a
// directory-wide consent to an Intune console. The demo tenant, following the same contract,
// answers `GET /users` with 400 ("Listing users is not part of the Intune emulation") and serves
// only `/users/{id}/managedDevices`. Every managedDevice already carries its primary user (userId,
// userPrincipalName, userDisplayName, emailAddress), so the users a technician looks up, those
// with devices, come with the devices' own permission and cost no request. Users without a
// device are not in the list; the live `/users/{id}/managedDevices` still answers for them.
import type { User } from '@microsoft/microsoft-graph-types-beta';
import type { DeviceUser, InventoryStore } from '../inventory/index.ts';

/**
 * A user as Graph would describe them, plus the number of their devices as the OData count of
 * the user's managedDevices navigation (the annotation Graph itself uses for a collection's size).
 */
type DeviceOwner = User & { readonly 'managedDevices@odata.count': number };

function userOf(owner: DeviceUser): DeviceOwner {
  return {
    id: owner.userId,
    displayName: owner.displayName,
    userPrincipalName: owner.userPrincipalName,
    mail: owner.mail,
    'managedDevices@odata.count': owner.deviceCount,
  };
}

/** Replaces the inventory's users with those of its device snapshot; as of that snapshot. */
export function syncUsersFromDevices(store: InventoryStore, now: () => number): number {
  const asOf = store.status().asOf ?? new Date(now()).toISOString();
  return store.replaceEntities('users', store.deviceUsers().map(userOf), asOf);
}
