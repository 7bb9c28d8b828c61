// The users the devices name: one row per primary user of the device snapshot, with how many
// devices they have. The sync engine keeps these as the inventory's users (see
// src/core/sync/users-from-devices.ts for why they come from devices rather than the directory).
import type { Statements } from './device-reads.ts';
import type { SlotTables } from './slots.ts';

export interface DeviceUser {
  readonly userId: string;
  readonly userPrincipalName: string | null;
  readonly displayName: string | null;
  readonly mail: string | null;
  readonly deviceCount: number;
}

/**
 * Userless devices (kiosks, shared iPads, devices enrolled in bulk) have an empty user id; the
 * all-zero GUID is no user object either, so it is left out in case a device carries it.
 */
const NO_USER = '00000000-0000-0000-0000-000000000000';

/**
 * Grouped by user id (compared without regard to case, as the column is). A user's name and
 * addresses are taken from their most recently checked-in device: SQLite takes the bare columns
 * of an aggregate query with max() from the row holding that max, and that device has the
 * freshest copy of a renamed user.
 */
export function deviceUsers(sql: Statements, t: SlotTables): DeviceUser[] {
  const rows = sql(`SELECT d."userId" AS id, d."userPrincipalName" AS upn, d."userDisplayName" AS name, d."emailAddress" AS mail,
      count(*) AS n, max(coalesce(d."lastSyncDateTime", 0)) AS newest
    FROM ${t.devices} d WHERE d."userId" IS NOT NULL AND trim(d."userId") <> '' AND d."userId" <> ? GROUP BY d."userId" ORDER BY d."userId"`)
    .all(NO_USER) as unknown as { id: string; upn: string | null; name: string | null; mail: string | null; n: number }[];
  return rows.map((r) => ({ userId: r.id, userPrincipalName: blankless(r.upn), displayName: blankless(r.name), mail: blankless(r.mail), deviceCount: Number(r.n) }));
}

/** Graph sends '' where a device has no value; a user record says null. */
function blankless(value: string | null): string | null {
  return value === null || value.trim() === '' ? null : value;
}
