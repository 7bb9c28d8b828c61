// A Problem in the words its panel shows: a title per code, the scopes by their admin-center
// labels, when a throttle clears, and one line support can act on.
import type { Problem } from '../../../shared/bridge/api.ts';
import { permissionCategoryLabel } from '../../../shared/intune/permission-categories.ts';
import { scopeLabel, TROUBLESHOOTING_403 } from '../../app/intune-scopes.ts';
import { asOfWording, clearsAtWording, durationWording } from '../../app/wording.ts';
import type { WordingOptions } from '../../app/wording.ts';

const TITLES: Readonly<Record<Problem['code'], string>> = {
  signInRequired: 'Sign-in required',
  consentRequired: 'Permission not granted yet',
  forbidden: 'Not allowed',
  throttled: 'Intune is throttling requests',
  offline: 'Offline',
  notFound: 'Not found',
  badRequest: 'Request refused',
  serviceError: 'Service error',
  malformedResponse: 'Unreadable answer from the service',
  cancelled: 'Cancelled',
  storeDamaged: 'Offline inventory rebuilt',
  internal: 'Something went wrong in Intune Desk',
};

export function problemTitle(problem: Problem): string {
  return TITLES[problem.code] ?? 'Problem';
}

export interface ScopeNeeded {
  readonly name: string;
  readonly label: string;
}

export function scopesNeeded(problem: Problem): readonly ScopeNeeded[] {
  return (problem.requiredScopes ?? []).map((name) => ({ name, label: scopeLabel(name) }));
}

/** The problem's own checks; for a 403 without any, the article's three. */
export function checksFor(problem: Problem): readonly string[] {
  if (problem.checks !== undefined && problem.checks.length > 0) return problem.checks;
  return problem.code === 'forbidden' ? TROUBLESHOOTING_403 : [];
}

/** "Clears at 14:05 (in 40 s)" from clearsAt, else "Try again in about 40 s" from retryAfterSeconds. */
export function clearsWording(problem: Problem, now: number, options: WordingOptions = {}): string | undefined {
  if (problem.clearsAt !== undefined) return clearsAtWording(problem.clearsAt, now, options);
  if (problem.retryAfterSeconds !== undefined) return `Try again in about ${durationWording(problem.retryAfterSeconds)}`;
  return undefined;
}

export function asOfLine(problem: Problem, now: number, options: WordingOptions = {}): string | undefined {
  return problem.asOf === undefined ? undefined : `Showing the offline inventory. ${asOfWording(problem.asOf, now, options)}.`;
}

/** "Request ID: … · Client request ID: … · HTTP 403", or undefined when there is nothing to quote. */
export function supportLine(problem: Problem): string | undefined {
  const parts: string[] = [];
  if (problem.requestId !== undefined) parts.push(`Request ID: ${problem.requestId}`);
  if (problem.clientRequestId !== undefined) parts.push(`Client request ID: ${problem.clientRequestId}`);
  if (problem.httpStatus !== undefined) parts.push(`HTTP ${problem.httpStatus}`);
  if (parts.length === 0) return undefined;
  return [`${problemTitle(problem)} (${problem.code})`, ...parts].join(' · ');
}

/**
 * An Intune role permission as the admin center shows it: "Remote tasks: Reboot now" for
 * Microsoft.Intune_RemoteTasks_RebootNow, with the name itself kept for searching the docs.
 */
export function roleWording(requiredRole: string): string {
  const match = /^Microsoft\.Intune_([A-Za-z]+)_([A-Za-z]+)$/.exec(requiredRole);
  const category = match?.[1] === undefined ? undefined : permissionCategoryLabel(match[1]);
  if (match?.[2] === undefined || category === undefined) return requiredRole;
  const action = match[2].replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
  return `${category}: ${action.charAt(0).toUpperCase()}${action.slice(1)} (${requiredRole})`;
}
