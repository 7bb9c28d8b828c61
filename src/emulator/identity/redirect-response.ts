// Sending the authorize answer, good or bad, back to the client's registered redirect URI
// in the response mode it asked for.
import type { ServerResponse } from 'node:http';
import type { Headers } from '../http/send.ts';
import { redirect, sendHtml } from '../http/send.ts';
import type { EntraProblem, RequestIds } from './entra-errors.ts';
import { describeProblem, entraTimestamp, errorUri } from './entra-errors.ts';
import { formPostPage } from './pages.ts';
import type { RedirectTarget } from './pending-stores.ts';

export function sendToRedirect(res: ServerResponse, target: RedirectTarget, fields: Readonly<Record<string, string>>, headers: Headers = {}): void {
  if (target.responseMode === 'form_post') {
    sendHtml(res, 200, formPostPage(target.redirectUri, fields), headers);
    return;
  }
  const url = new URL(target.redirectUri);
  const encoded = new URLSearchParams(fields);
  if (target.responseMode === 'fragment') {
    url.hash = encoded.toString();
  } else {
    for (const [k, v] of encoded) url.searchParams.append(k, v);
  }
  redirect(res, url.href, headers);
}

export function errorFields(problem: EntraProblem, ids: RequestIds, baseUrl: string, state: string | undefined): Record<string, string> {
  const fields: Record<string, string> = {
    error: problem.error,
    error_description: describeProblem(problem, ids),
    error_uri: errorUri(baseUrl, problem.code),
  };
  if (problem.errorSubcode) fields['error_subcode'] = problem.errorSubcode;
  if (problem.suberror) fields['suberror'] = problem.suberror;
  if (state !== undefined) fields['state'] = state;
  fields['timestamp'] = entraTimestamp(ids.now);
  fields['trace_id'] = ids.traceId;
  fields['correlation_id'] = ids.correlationId;
  return fields;
}
