// $skiptoken values. Clients must treat them as opaque (docs: concepts/paging.md), but they
// see them, so the managedDevices one looks like the real service's keyset token:
//   LastDeviceName='CPC-…',LastDeviceId='9b5c…'   (in the URL: LastDeviceName%3d%27CPC-…%27%2c…)
// Other collections get an opaque base64url token naming the last id and its position.
import type { DeviceKey } from '../model/device-collection.ts';
import { badRequest } from './odata-error.ts';

const DEVICE_TOKEN = /^LastDeviceName='((?:[^']|'')*)',LastDeviceId='((?:[^']|'')+)'$/;

export function encodeDeviceToken(key: DeviceKey): string {
  return `LastDeviceName='${key.name.replace(/'/g, "''")}',LastDeviceId='${key.id.replace(/'/g, "''")}'`;
}

/** The key a device token resumes after; a token that is not one is a 400. */
export function decodeDeviceToken(token: string): DeviceKey {
  const m = DEVICE_TOKEN.exec(token);
  if (!m) throw invalidToken(token);
  return { name: (m[1] as string).replace(/''/g, "'"), id: (m[2] as string).replace(/''/g, "'").toLowerCase() };
}

export interface PositionToken {
  /** Lower-cased id of the last record returned. */
  readonly id: string;
  /** Its index at the time, used only if it has since been removed. */
  readonly position: number;
}

export function encodePositionToken(token: PositionToken): string {
  return Buffer.from(JSON.stringify({ i: token.id, p: token.position }), 'utf8').toString('base64url');
}

export function decodePositionToken(token: string): PositionToken {
  if (!/^[A-Za-z0-9_-]+$/.test(token)) throw invalidToken(token);
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(token, 'base64url').toString('utf8'));
  } catch {
    throw invalidToken(token);
  }
  if (typeof parsed !== 'object' || parsed === null) throw invalidToken(token);
  const { i, p } = parsed as { i?: unknown; p?: unknown };
  if (typeof i !== 'string' || i === '' || typeof p !== 'number' || !Number.isInteger(p) || p < 0) throw invalidToken(token);
  return { id: i.toLowerCase(), position: p };
}

/** [U] The real wording for a bad token is not seen; this follows OData's pattern for bad option values. */
function invalidToken(token: string): Error {
  return badRequest(`Invalid value '${token}' for $skiptoken query option found.`);
}
