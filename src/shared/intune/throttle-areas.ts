// Which of Intune's published throttling budgets a request spends (FACTS §4): the devices
// service has its own, doubled limits for the entities below; every other Intune area shares
// the standard ones. The demo tenant enforces the budgets and the Graph client stays inside
// them, so both read the areas from here.

export type ThrottleArea = 'devices' | 'other';

// Path segments (compared case-insensitively, as Graph compares them) that reach the entities
// the devices service covers (throttling-intune-devices.md): managedDevice, detectedApp,
// windowsMalwareInformation, windowsProtectionState, deviceLogCollectionResponse (reached
// through logCollectionRequests) and applePushNotificationCertificate.
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

/** `path` may carry a query string; only the path decides. */
export function throttleAreaOf(path: string): ThrottleArea {
  const pathOnly = path.split('?', 1)[0] ?? '';
  for (const raw of pathOnly.split('/')) {
    const segment = raw.replace(KEY_IN_PARENS, '').toLowerCase();
    if (DEVICE_SEGMENTS.has(segment)) return 'devices';
  }
  return 'other';
}
