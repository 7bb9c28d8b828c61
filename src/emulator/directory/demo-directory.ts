// The fixed part of the demo tenant: two tenants, their people and app registrations.
// Ids are constants so docs, tests and a technician's muscle memory stay valid across seeds.
import type { AppRegistration, Directory, DirectoryGroup, DirectoryUser, IntuneRoleName, Tenant } from './model.ts';
import intuneScopes from '../../shared/intune/scopes.json' with { type: 'json' };

/** Entra directory role template ids, as they appear in the `wids` claim. */
export const ENTRA_ROLE = {
  globalAdministrator: '62e90394-69f5-4237-9190-012177145e10',
  intuneAdministrator: '3a2c62db-5318-420d-8d74-23affee5d9d5',
  /** Every member holds this one. */
  defaultUser: 'b79fbf4d-3ef9-4689-8143-76b194e85509',
} as const;

export const CONTOSO: Tenant = {
  id: '5b3e1d6c-9f0a-4c2e-8a71-0d4f6b2c9e11',
  displayName: 'Contoso Ltd (demo)',
  domains: ['contoso.onmicrosoft.com', 'contoso.com'],
};

export const NORTHWIND: Tenant = {
  id: '8c41f2a7-3d5b-4e60-9b1c-7a2e5f8d0c22',
  displayName: 'Northwind Traders (demo)',
  domains: ['northwind.onmicrosoft.com', 'northwindtraders.com'],
};

/** The eleven Intune delegated permissions: what the default client is configured for. */
export const INTUNE_SCOPES: readonly string[] = intuneScopes.scopes.map((s) => s.name);

/** The default public client: the app registration the Microsoft article describes. */
export const DEFAULT_CLIENT_ID = '0f4c8a3e-7b21-4d9a-a6e5-1c2d3b4a5f60';
/** A multi-tenant registration a partner uses to reach customer tenants. */
export const PARTNER_CLIENT_ID = '3d9e7c1b-2a4f-4b6e-8d0c-5e6f7a8b9c71';
/** A confidential web app, so the token endpoint can show invalid_client. */
export const REPORTING_CLIENT_ID = '6a1b2c3d-4e5f-4a6b-9c7d-8e9f0a1b2c82';

function user(
  tenant: Tenant,
  id: string,
  alias: string,
  givenName: string,
  surname: string,
  password: string,
  description: string,
  directoryRoleIds: readonly string[] = [],
): DirectoryUser {
  const upn = `${alias}@${tenant.domains[0]}`;
  return {
    id,
    tenantId: tenant.id,
    userPrincipalName: upn,
    displayName: `${givenName} ${surname}`,
    givenName,
    surname,
    mail: `${alias}@${tenant.domains[1] ?? tenant.domains[0]}`,
    password,
    directoryRoleIds: [ENTRA_ROLE.defaultUser, ...directoryRoleIds],
    description,
  };
}

const adele = user(CONTOSO, 'a1d3e5f7-0b2c-4d6e-8f01-2a3b4c5d6e01', 'adele.vance', 'Adele', 'Vance', 'Contoso-Admin-2026',
  'Intune Administrator: every read, write and remote action, including wipe and delete.', [ENTRA_ROLE.intuneAdministrator]);
const lee = user(CONTOSO, 'a1d3e5f7-0b2c-4d6e-8f01-2a3b4c5d6e02', 'lee.gu', 'Lee', 'Gu', 'Contoso-Helpdesk-2026',
  'Help Desk Operator: reads devices and runs remote actions (sync, restart, lock, passcode reset, lost mode, retire, wipe); cannot delete devices or change policies.');
const megan = user(CONTOSO, 'a1d3e5f7-0b2c-4d6e-8f01-2a3b4c5d6e03', 'megan.bowen', 'Megan', 'Bowen', 'Contoso-Reader-2026',
  'Read Only Operator: reads devices, apps, policies and roles; cannot act on devices.');
const pradeep = user(CONTOSO, 'a1d3e5f7-0b2c-4d6e-8f01-2a3b4c5d6e04', 'pradeep.gupta', 'Pradeep', 'Gupta', 'Contoso-User-2026',
  'No Intune role: can sign in, but Intune answers 403 to everything.');

const isaiah = user(NORTHWIND, 'b2e4f6a8-1c3d-4e5f-9a02-3b4c5d6e7f01', 'isaiah.langer', 'Isaiah', 'Langer', 'Northwind-Admin-2026',
  'Intune Administrator in Northwind.', [ENTRA_ROLE.intuneAdministrator]);
const nestor = user(NORTHWIND, 'b2e4f6a8-1c3d-4e5f-9a02-3b4c5d6e7f02', 'nestor.wilke', 'Nestor', 'Wilke', 'Northwind-Helpdesk-2026',
  'Help Desk Operator in Northwind.');

/** Adele as a B2B guest in Northwind: the partner who manages a customer tenant. */
const adeleGuest: DirectoryUser = {
  ...adele,
  id: 'b2e4f6a8-1c3d-4e5f-9a02-3b4c5d6e7f09',
  tenantId: NORTHWIND.id,
  userPrincipalName: `adele.vance_contoso.onmicrosoft.com#EXT#@${NORTHWIND.domains[0]}`,
  directoryRoleIds: [ENTRA_ROLE.intuneAdministrator],
  description: 'Guest from Contoso (the partner). Signs in with her Contoso account through the Northwind authority; Intune Administrator there.',
  guestOf: { tenantId: CONTOSO.id, userId: adele.id },
};

function group(tenant: Tenant, id: string, displayName: string, description: string, members: readonly DirectoryUser[]): DirectoryGroup {
  return { id, tenantId: tenant.id, displayName, description, memberIds: members.map((m) => m.id) };
}

/** Groups that Intune role assignments target (see the generated roleAssignments). */
export const ROLE_GROUPS = {
  contosoHelpdesk: group(CONTOSO, 'c0a1b2c3-d4e5-4f60-8a71-b2c3d4e5f601', 'Helpdesk technicians', 'Members hold the Help Desk Operator role.', [lee]),
  contosoReaders: group(CONTOSO, 'c0a1b2c3-d4e5-4f60-8a71-b2c3d4e5f602', 'Intune auditors', 'Members hold the Read Only Operator role.', [megan]),
  northwindHelpdesk: group(NORTHWIND, 'c0a1b2c3-d4e5-4f60-8a71-b2c3d4e5f611', 'Service desk', 'Members hold the Help Desk Operator role.', [nestor]),
} as const;

/** The Intune role each demo user holds, per tenant, for the ready line and the README. */
export function intuneRolesOf(u: DirectoryUser): readonly IntuneRoleName[] {
  if (u.directoryRoleIds.includes(ENTRA_ROLE.intuneAdministrator) || u.directoryRoleIds.includes(ENTRA_ROLE.globalAdministrator)) {
    return ['Intune Administrator'];
  }
  if (u.id === lee.id || u.id === nestor.id) return ['Help Desk Operator'];
  if (u.id === megan.id) return ['Read Only Operator'];
  return [];
}

const LOOPBACK = ['http://localhost', 'http://127.0.0.1'];

const apps: readonly AppRegistration[] = [
  {
    clientId: DEFAULT_CLIENT_ID,
    displayName: 'Intune Desk',
    homeTenantId: CONTOSO.id,
    // Multi-tenant so the one installed app can switch between both demo tenants.
    availableToOtherTenants: true,
    isPublicClient: true,
    redirectUris: LOOPBACK,
    configuredScopes: INTUNE_SCOPES,
    adminConsentedTenantIds: [],
  },
  {
    clientId: PARTNER_CLIENT_ID,
    displayName: 'Contoso Partner Console',
    homeTenantId: CONTOSO.id,
    availableToOtherTenants: true,
    isPublicClient: true,
    redirectUris: LOOPBACK,
    configuredScopes: INTUNE_SCOPES,
    // The customer's admin consented once; its technicians are never asked.
    adminConsentedTenantIds: [CONTOSO.id, NORTHWIND.id],
  },
  {
    clientId: REPORTING_CLIENT_ID,
    displayName: 'Contoso Compliance Reports',
    homeTenantId: CONTOSO.id,
    availableToOtherTenants: false,
    isPublicClient: false,
    redirectUris: ['https://reports.contoso.com/auth/callback'],
    configuredScopes: INTUNE_SCOPES.filter((s) => s.endsWith('.Read.All')),
    clientSecret: 'demo-reporting-secret-not-for-production',
    adminConsentedTenantIds: [CONTOSO.id],
  },
];

export function demoDirectory(): Directory {
  return {
    tenants: [CONTOSO, NORTHWIND],
    users: [adele, lee, megan, pradeep, isaiah, nestor, adeleGuest],
    groups: Object.values(ROLE_GROUPS),
    apps,
  };
}
