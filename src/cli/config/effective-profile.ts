// Which tenant profile a command works in: the machine policy's tenant when IT set one, else the
// user's current profile, else the demo tenant ("no tenant configured"). Values from the policy
// (client id, sign-in host) win over the user's.
import { tenantProfile } from '../../core/auth/tenant-profile.ts';
import type { TenantProfile } from '../../core/auth/tenant-profile.ts';
import { ProblemError } from '../../core/problem.ts';
import { profileFor } from './config-file.ts';
import type { CliConfig, StoredProfile } from './config-file.ts';
import type { MachinePolicy } from '../../core/config/policy-file.ts';
import { DEFAULT_AUTHORITY_HOST, INTUNE_DESK_CLIENT_ID } from '../../core/config/entra-defaults.ts';

export { DEFAULT_AUTHORITY_HOST, GRAPH_BASE_URL, INTUNE_DESK_CLIENT_ID } from '../../core/config/entra-defaults.ts';

export interface EffectiveProfile extends StoredProfile {
  /** policy: set by IT; config: the user's current profile; default: nothing configured, so the demo tenant. */
  readonly source: 'policy' | 'config' | 'default';
}

/** Where a demo profile's tenant is served from right now. */
export interface DemoAddress {
  readonly baseUrl: string;
  readonly caCertificatePem: string;
  readonly clientId: string;
}

export const DEFAULT_DEMO_PROFILE: StoredProfile = profileFor('demo', 'organizations');

export function effectiveProfile(config: CliConfig, policy: MachinePolicy | undefined): EffectiveProfile {
  if (policy?.tenant !== undefined) {
    const own = config.profiles.find((p) => p.kind === 'entra' && p.tenant === policy.tenant);
    return { ...profileFor('entra', policy.tenant), label: policy.label ?? own?.label ?? policy.tenant, ...entraSettings(own, policy), source: 'policy' };
  }
  const current = config.profiles.find((p) => p.id === config.currentProfile);
  if (current) {
    if (current.kind === 'demo') {
      demoAllowed(policy);
      return { ...current, source: 'config' };
    }
    return { ...current, ...entraSettings(current, policy), source: 'config' };
  }
  demoAllowed(policy);
  return { ...DEFAULT_DEMO_PROFILE, source: 'default' };
}

export function demoAllowed(policy: MachinePolicy | undefined): void {
  if (policy?.allowDemo === false) {
    throw new ProblemError({
      code: 'badRequest',
      message: `The machine policy ${policy.path} turns the demo tenant off, and no tenant is configured. Sign in to your organization's tenant: intune-desk login --tenant <your tenant> --entra`,
    });
  }
}

function entraSettings(own: StoredProfile | undefined, policy: MachinePolicy | undefined): { clientId: string; authorityHost: string } {
  return {
    clientId: policy?.clientId ?? own?.clientId ?? INTUNE_DESK_CLIENT_ID,
    authorityHost: policy?.authorityHost ?? own?.authorityHost ?? DEFAULT_AUTHORITY_HOST,
  };
}

/** The auth service's profile for an Entra tenant. */
export function entraTenantProfile(profile: StoredProfile): TenantProfile {
  return tenantProfile({
    id: profile.id,
    label: profile.label,
    kind: 'entra',
    authority: `https://${profile.authorityHost ?? DEFAULT_AUTHORITY_HOST}/${profile.tenant}`,
    clientId: profile.clientId ?? INTUNE_DESK_CLIENT_ID,
  });
}

/** The auth service's profile for a demo tenant, at the address the demo tenant has now. */
export function demoTenantProfile(profile: StoredProfile, demo: DemoAddress): TenantProfile {
  return tenantProfile({
    id: profile.id,
    label: profile.label,
    kind: 'demo',
    authority: `${demo.baseUrl}/${profile.tenant}`,
    clientId: demo.clientId,
    trustedCaPem: demo.caCertificatePem,
  });
}
