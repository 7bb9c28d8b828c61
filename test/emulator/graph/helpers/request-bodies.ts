// Request bodies a careful client would send: a minimal entity for POST, one harmless
// property for PATCH, and valid parameters for actions (FACTS §2 for remote actions,
// otherwise a value of each parameter's declared type). Functions get their parameters
// in the path, as OData literals.
import { intuneSchema } from '../../../../src/emulator/graph/model/schema.ts';
import type { BoundOperation, GraphVersion, TypeRef } from '../../../../src/emulator/graph/model/schema.ts';
import type { Json, JsonObject } from '../../../../src/emulator/graph/model/json.ts';

export const ADMIN_USER_ID = 'a1d3e5f7-0b2c-4d6e-8f01-2a3b4c5d6e01';
export const MARKER = 'Checked by the permission matrix';

/** Parameters whose name says more than their type (an URL, a UPN, a number of minutes). */
const STRING_BY_NAME: Readonly<Record<string, string>> = {
  userPrincipalName: 'adele.vance@contoso.onmicrosoft.com',
  upn: 'adele.vance@contoso.onmicrosoft.com',
  userid: ADMIN_USER_ID,
  userId: ADMIN_USER_ID,
  carrierUrl: 'https://carrier.example/esim',
  durationInMinutes: '2',
  deviceName: 'MATRIX-RENAMED',
  notificationTitle: 'Office closed',
  notificationBody: 'Work from home today.',
  message: 'Please return to Contoso IT',
  phoneNumber: '+1 555 0100',
  footer: 'Contoso',
  deprovisionReason: 'retiringDevice',
  organizationalUnitPath: 'OU=Demo,DC=contoso,DC=com',
  appleId: 'dep-admin@contoso.com',
  depToken: 'demo-dep-token',
  bundleId: 'com.contoso.companyportal',
  expiringBeforeDateTime: '2030-01-01T00:00:00Z',
  secretReferenceValueId: '6f3c8f8e-1d2b-4c4a-9a57-0e4b7f1f2a10',
  managedDeviceId: '6f3c8f8e-1d2b-4c4a-9a57-0e4b7f1f2a11',
};

/** Remote actions whose parameters need more than a typed value (FACTS §2, the action tests). */
const ACTION_BODIES: Readonly<Record<string, JsonObject>> = {
  wipe: { keepEnrollmentData: false, keepUserData: false },
  cleanWindowsDevice: { keepUserData: true },
  windowsDefenderScan: { quickScan: true },
  createDeviceLogCollectionRequest: { templateType: { templateType: 'predefined' } },
  triggerConfigurationManagerAction: { configurationManagerAction: { action: 'refreshMachinePolicy' } },
  updateWindowsDeviceAccount: {
    updateWindowsDeviceAccountActionParameter: {
      deviceAccount: { '@odata.type': 'microsoft.graph.windowsDeviceAccount', password: 'P@ssw0rd!' },
      deviceAccountEmail: 'room1@contoso.com',
      exchangeServer: 'outlook.office365.com',
      calendarSyncEnabled: true,
      passwordRotationEnabled: false,
      sessionInitiationProtocalAddress: 'sip:room1@contoso.com',
    },
  },
  validateXml: { officeConfigurationXml: Buffer.from('<Configuration/>').toString('base64') },
};

function sampleValue(version: GraphVersion, ref: TypeRef, name: string): Json {
  if (ref.collection) return [];
  switch (ref.name) {
    case 'Edm.String':
      return STRING_BY_NAME[name] ?? 'demo';
    case 'Edm.Boolean':
      return false;
    case 'Edm.Int32':
    case 'Edm.Int64':
    case 'Edm.Int16':
      return 1;
    case 'Edm.Guid':
      return STRING_BY_NAME[name] ?? '6f3c8f8e-1d2b-4c4a-9a57-0e4b7f1f2a12';
    case 'Edm.DateTimeOffset':
      return '2030-01-01T00:00:00Z';
    case 'Edm.Binary':
      return Buffer.from('demo').toString('base64');
  }
  const members = intuneSchema.enumMembers(version, ref.name);
  if (members) return members.find((m) => m !== 'unknownFutureValue') ?? members[0] ?? null;
  const type = intuneSchema.type(version, ref.name);
  if (type?.abstract) {
    const derived = intuneSchema.derivedTypes(version, ref.name).find((t) => !intuneSchema.type(version, t)?.abstract);
    return derived ? { '@odata.type': `#microsoft.graph.${derived}` } : {};
  }
  return {};
}

/** The body of an action: every declared parameter with a valid value. */
export function actionBody(version: GraphVersion, op: BoundOperation, extra: JsonObject = {}): JsonObject {
  const fixed = ACTION_BODIES[op.name];
  if (fixed) return { ...fixed, ...extra };
  const body: { [key: string]: Json } = {};
  for (const [name, ref] of op.params) body[name] = sampleValue(version, ref, name);
  return { ...body, ...extra };
}

/** `getScopesForUser(userid='…')`: a function segment with its parameters, or `name()` without any. */
export function functionSegment(version: GraphVersion, op: BoundOperation): string {
  const args = [...op.params].map(([name, ref]) => {
    const value = sampleValue(version, ref, name);
    return `${name}=${typeof value === 'string' ? `'${value.replace(/'/g, "''")}'` : JSON.stringify(value)}`;
  });
  return `${op.name}(${args.join(',')})`;
}

/** The first concrete entity type a collection of `elementType` takes. */
export function creatableType(version: GraphVersion, elementType: string): string | undefined {
  return intuneSchema.derivedTypes(version, elementType).find((t) => {
    const s = intuneSchema.type(version, t);
    return s?.kind === 'entity' && !s.abstract;
  });
}

/** A minimal entity: its type, and a display name where the type has one. */
export function createBody(version: GraphVersion, elementType: string): JsonObject {
  const type = creatableType(version, elementType) ?? elementType;
  const props = intuneSchema.type(version, type)?.properties;
  return {
    '@odata.type': `#microsoft.graph.${type}`,
    ...(props?.get('displayName')?.name === 'Edm.String' ? { displayName: `${MARKER} (new)` } : {}),
  };
}

const WRITABLE_TEXT = ['description', 'notes', 'displayName'];

/** One harmless change for `current` (as read before): a description or note, else a value written back unchanged. */
export function patchBody(version: GraphVersion, typeName: string, current: JsonObject): JsonObject {
  const type = intuneSchema.type(version, typeName);
  if (!type) return {};
  const text = WRITABLE_TEXT.find((n) => type.properties.get(n)?.name === 'Edm.String' && !type.properties.get(n)?.collection);
  if (text) return { [text]: MARKER };
  for (const [name, ref] of type.properties) {
    const value = current[name];
    if (ref.collection || value === undefined || value === null || name === 'id' || name.endsWith('DateTime') || name === 'version') continue;
    if (ref.name === 'Edm.Boolean' || ref.name === 'Edm.String' || intuneSchema.isEnum(version, ref.name)) return { [name]: value };
  }
  return {};
}
