// Which of Intune's published budgets a request spends (FACTS §4): the devices service has its
// own, doubled limits; every other Intune area shares the standard ones. Writes also count as
// "any request".

export type ThrottleArea = 'devices' | 'other';
export type RequestKind = 'any' | 'write';

// Path segments that reach the entities the devices service covers (throttling-intune-devices.md):
// managedDevice, detectedApp, windowsMalwareInformation, windowsProtectionState,
// deviceLogCollectionResponse (under logCollectionRequests) and applePushNotificationCertificate.
const DEVICE_SEGMENTS: ReadonlySet<string> = new Set([
  'manageddevices',
  'detectedapps',
  'windowsmalwareinformation',
  'windowsprotectionstate',
  'logcollectionrequests',
  'applepushnotificationcertificate',
]);

const WRITE_METHODS: ReadonlySet<string> = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

export function throttleAreaOf(path: string): ThrottleArea {
  const pathOnly = path.split('?', 1)[0] ?? '';
  for (const raw of pathOnly.split('/')) {
    // `managedDevices('id')` is the same segment as `managedDevices/id`.
    const segment = raw.replace(/\(.*\)$/, '').toLowerCase();
    if (DEVICE_SEGMENTS.has(segment)) return 'devices';
  }
  return 'other';
}

export function isWriteMethod(method: string): boolean {
  return WRITE_METHODS.has(method.toUpperCase());
}
