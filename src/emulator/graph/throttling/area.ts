// Which Intune service limits a request. The devices service publishes its own, doubled
// limits (throttling-intune-devices.md) for these entities; every other Intune area shares
// the standard figures, so the emulator tells only those two apart.

export type ThrottleArea = 'devices' | 'other';

// Path segments (compared case-insensitively, as Graph compares them) that reach the
// entities the devices service covers. deviceLogCollectionResponse is reached through
// managedDevice's logCollectionRequests navigation.
const DEVICE_SEGMENTS: ReadonlySet<string> = new Set([
  'manageddevices',
  'detectedapps',
  'windowsmalwareinformation',
  'windowsprotectionstate',
  'logcollectionrequests',
  'applepushnotificationcertificate',
]);

// `managedDevices('id')` is the same segment as `managedDevices/id` in OData.
const KEY_IN_PARENS = /\(.*\)$/;

export function throttleAreaOf(path: string): ThrottleArea {
  for (const raw of path.split('/')) {
    const segment = raw.replace(KEY_IN_PARENS, '').toLowerCase();
    if (DEVICE_SEGMENTS.has(segment)) return 'devices';
  }
  return 'other';
}
