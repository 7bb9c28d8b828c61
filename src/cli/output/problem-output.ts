// A problem as the technician reads it on stderr: the sentence, then what support asks for
// (request ids), what is missing (scopes, Intune role) and what to check, in that order. Never
// a token, never a stack trace.
import { portalLabelOf } from '../../core/graph/problems.ts';
import type { Problem } from '../../core/problem.ts';

export function formatProblem(problem: Problem, hint?: string): string {
  const lines = [`error: ${problem.message}`];
  if (problem.asOf) lines.push(`  data as of: ${problem.asOf}`);
  if (problem.requiredScopes && problem.requiredScopes.length > 0) {
    const named = problem.requiredScopes.map((s) => {
      const label = portalLabelOf(s);
      return label ? `${s} ("${label}")` : s;
    });
    lines.push(`  permission needed (any one of): ${named.join(', ')}`);
  }
  if (problem.requiredRole) lines.push(`  Intune role permission needed: ${problem.requiredRole}`);
  if (problem.retryAfterSeconds !== undefined) lines.push(`  retry after: ${problem.retryAfterSeconds} s${problem.clearsAt ? ` (around ${problem.clearsAt})` : ''}`);
  if (problem.outcomeUnknown) lines.push('  outcome: unknown; check before repeating');
  if (problem.checks && problem.checks.length > 0) {
    lines.push('  checks:');
    problem.checks.forEach((check, i) => lines.push(`    ${i + 1}. ${check}`));
  }
  if (problem.httpStatus !== undefined) lines.push(`  HTTP status: ${problem.httpStatus}`);
  if (problem.requestId) lines.push(`  request-id: ${problem.requestId}`);
  if (problem.clientRequestId) lines.push(`  client-request-id: ${problem.clientRequestId}`);
  if (hint) lines.push(`hint: ${hint}`);
  return `${lines.join('\n')}\n`;
}

/** What to run next for the common problems. */
export function hintFor(problem: Problem): string | undefined {
  switch (problem.code) {
    case 'signInRequired':
      return 'run "intune-desk login" (add --device-code on a machine without a browser).';
    case 'consentRequired':
      return 'run "intune-desk login --feature <feature>" to allow it; "intune-desk login --help" lists the features.';
    case 'offline':
      return 'the offline inventory still answers "intune-desk devices" and "intune-desk export".';
    default:
      return undefined;
  }
}
