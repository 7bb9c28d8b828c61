// MSAL's errors, turned into problems a technician can act on. The silent path never opens a
// browser: it says "sign in" or "allow these permissions", and the caller decides when to ask.
import { AuthError, InteractionRequiredAuthError } from '@azure/msal-node';
import type { Problem } from '../problem.ts';
import { ProblemError } from '../problem.ts';
import type { TenantProfile } from './tenant-profile.ts';

export type AuthStep = 'silent' | 'interactive' | 'deviceCode';

export interface ProblemContext {
  readonly profile: TenantProfile;
  readonly scopes: readonly string[];
  readonly step: AuthStep;
  /** The caller cancelled (an AbortSignal fired). */
  readonly cancelled?: boolean;
}

export function signInRequired(profile: TenantProfile, why?: string): ProblemError {
  return new ProblemError({ code: 'signInRequired', message: `${why ? `${why} ` : ''}Sign in to ${profile.label} to continue.` });
}

export function toProblemError(error: unknown, context: ProblemContext): ProblemError {
  if (error instanceof ProblemError) return error;
  return new ProblemError(problemFor(error, context));
}

function problemFor(error: unknown, { profile, scopes, step, cancelled }: ProblemContext): Problem {
  if (cancelled) return { code: 'cancelled', message: `Sign-in to ${profile.label} was cancelled.` };
  if (!(error instanceof AuthError)) {
    return { code: 'serviceError', message: `Signing in to ${profile.label} failed: ${error instanceof Error ? error.message : String(error)}` };
  }
  const code = error.errorCode;
  const detail = firstLine(error.errorMessage);
  if (error instanceof InteractionRequiredAuthError || code === 'consent_required' || code === 'interaction_required' || code === 'login_required') {
    if (isConsentError(error)) {
      return {
        code: 'consentRequired',
        message: `Intune Desk needs your permission for ${scopes.join(', ')} in ${profile.label}. Allow it when asked, or ask an administrator to grant consent for the organization.`,
        requiredScopes: [...scopes],
      };
    }
    return { code: 'signInRequired', message: `Your sign-in to ${profile.label} has expired or was revoked. Sign in again.` };
  }
  if (code === 'invalid_grant') {
    // AADSTS50020 and its kin: this person has no account in that tenant (not a member, not a guest).
    if (/AADSTS(50020|50034|90072|500200)\b/.test(error.errorMessage)) {
      return { code: 'signInRequired', message: `This account cannot sign in to ${profile.label}: it is neither a member nor a guest of that tenant (${entraError(detail)}). Sign in with an account of that tenant, or ask its administrator to invite you.` };
    }
    return { code: 'signInRequired', message: `Your sign-in to ${profile.label} is no longer accepted (${entraError(detail)}). Sign in again.` };
  }
  switch (code) {
    case 'network_error':
    case 'no_network_connectivity':
      return { code: 'offline', message: `Could not reach the sign-in service for ${profile.label} (${new URL(profile.authority).host}). Check the network connection and try again.` };
    case 'access_denied':
    case 'authorization_declined':
    case 'device_code_polling_cancelled':
    case 'user_canceled':
      return { code: 'cancelled', message: `Sign-in to ${profile.label} was cancelled or the permissions were declined.` };
    case 'expired_token':
    case 'device_code_expired':
    case 'user_timeout_reached':
      return { code: 'signInRequired', message: `The sign-in code for ${profile.label} expired before it was used. Start the sign-in again.` };
    case 'invalid_scope':
      return { code: 'badRequest', message: `The app registration for ${profile.label} is not configured for ${scopes.join(', ')}: ${detail}` };
    case 'invalid_client':
    case 'unauthorized_client':
      return { code: 'badRequest', message: `The app registration ${profile.clientId} cannot be used to sign in to ${profile.label}: ${detail}` };
    default:
      return { code: 'serviceError', message: `${step === 'silent' ? 'Refreshing the sign-in' : 'Signing in'} to ${profile.label} failed (${code}): ${detail}` };
  }
}

/** AADSTS65001: the user (or an admin) has not consented to a requested scope. */
function isConsentError(error: AuthError): boolean {
  return error.errorCode === 'consent_required' || error.subError === 'consent_required' || /AADSTS65001\b/.test(error.errorMessage);
}

/** Entra's own sentence ("AADSTS50020: User account … does not exist in tenant …"), without trace and correlation ids. */
function firstLine(text: string): string {
  const sentence = /AADSTS\d+:.*?(?=\s+Trace ID:|\s+Correlation ID:|\s+Timestamp:|$)/s.exec(text)?.[0];
  return (sentence ?? text.split(/\r?\n/)[0] ?? '').replace(/\s+/g, ' ').trim();
}

/** The AADSTS code alone, for messages that already say what it means. */
function entraError(detail: string): string {
  return /AADSTS\d+/.exec(detail)?.[0] ?? 'invalid_grant';
}
