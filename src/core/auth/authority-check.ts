// When MSAL cannot resolve a profile's authority it says only "endpoints_resolution_error": the
// network may be down, or the tenant may not exist. One look at the discovery document tells the
// two apart, so the technician is told to check the network or to fix the profile.
import type { INetworkModule } from '@azure/msal-node';
import type { Problem } from '../problem.ts';
import type { TenantProfile } from './tenant-profile.ts';

export async function authorityProblem(profile: TenantProfile, network: INetworkModule | undefined): Promise<Problem> {
  const url = `${profile.authority}/v2.0/.well-known/openid-configuration`;
  const host = new URL(profile.authority).host;
  let status: number;
  let body: unknown;
  try {
    if (network) {
      const res = await network.sendGetRequestAsync<unknown>(url, {}, 10_000);
      status = res.status;
      body = res.body;
    } else {
      const res = await fetch(url, { signal: AbortSignal.timeout(10_000) });
      status = res.status;
      body = await res.json().catch(() => undefined);
    }
  } catch {
    return { code: 'offline', message: `Could not reach the sign-in service for ${profile.label} (${host}). Check the network connection and try again.` };
  }
  if (status >= 500) return { code: 'serviceError', message: `The sign-in service for ${profile.label} (${host}) is not working right now (HTTP ${status}). Try again later.` };
  if (status !== 200) {
    const description = typeof body === 'object' && body !== null ? (body as { error_description?: unknown }).error_description : undefined;
    const sentence = typeof description === 'string' ? description.split(/\r?\n/)[0] : `HTTP ${status}`;
    return { code: 'badRequest', message: `The sign-in service does not accept the authority of ${profile.label} (${profile.authority}): ${sentence} Fix the tenant in the profile.` };
  }
  return { code: 'serviceError', message: `The sign-in service for ${profile.label} answered, but its configuration could not be used. Check the profile's authority (${profile.authority}).` };
}
