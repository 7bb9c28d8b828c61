// Which Intune scopes the app asks for, and when (incremental consent): shown on the first-run
// page so the admin registering the app knows what to add and consent to. The scope lists are
// the auth service's own (src/shared/intune/feature-scopes.ts).
import type { FeatureName } from '../../../shared/bridge/api.ts';
import { FEATURE_SCOPES } from '../../../shared/intune/feature-scopes.ts';
import { scopeLabel } from '../../app/intune-scopes.ts';

const SCOPES = FEATURE_SCOPES;

/** Each feature in the technician's words, and the moment the app first asks for its scopes. */
const FEATURES = {
  browseDevices: { feature: 'Browse devices and sync the offline inventory', when: 'At the first sign-in' },
  remoteActions: { feature: 'Sync, restart and lock a device', when: 'The first time you send one of these actions' },
  wipeRetire: { feature: 'Retire and wipe devices', when: 'The first time you retire or wipe a device' },
  editDevices: { feature: 'Delete device records, change categories', when: 'The first time you change a device record' },
  apps: { feature: 'Apps and app protection', when: 'When you first open Apps' },
  editApps: { feature: 'Change apps and app policies', when: 'The first time you change an app' },
  policies: { feature: 'Configuration profiles and compliance policies', when: 'When you first open Policies' },
  editPolicies: { feature: 'Change policies', when: 'The first time you change a policy' },
  roles: { feature: 'Intune roles', when: 'When you first open Roles' },
  editRoles: { feature: 'Change Intune roles', when: 'The first time you change a role' },
  tenantSettings: { feature: 'Tenant settings (enrollment, connectors, branding)', when: 'When you first open Tenant settings' },
  editTenantSettings: { feature: 'Change tenant settings', when: 'The first time you change a tenant setting' },
} as const satisfies Readonly<Record<FeatureName, { readonly feature: string; readonly when: string }>>;

export interface ScopeStep {
  readonly feature: FeatureName;
  readonly description: string;
  readonly when: string;
  readonly scopes: readonly { readonly name: string; readonly label: string }[];
}

export const SCOPE_PLAN: readonly ScopeStep[] = (Object.keys(FEATURES) as FeatureName[]).map((feature) => ({
  feature,
  description: FEATURES[feature].feature,
  when: FEATURES[feature].when,
  scopes: SCOPES[feature].map((name) => ({ name, label: scopeLabel(name) })),
}));

/** Every scope the plan names once, in the order they are first asked for: the API permissions to add. */
export function scopesToRegister(plan: readonly ScopeStep[] = SCOPE_PLAN): readonly { readonly name: string; readonly label: string }[] {
  const seen = new Map<string, string>();
  for (const step of plan) for (const s of step.scopes) if (!seen.has(s.name)) seen.set(s.name, s.label);
  return [...seen].map(([name, label]) => ({ name, label }));
}
