// The bodies of injected 5xx responses, in the shapes the real service was seen to use,
// so a client's error parsing meets what it will meet in production:
// - 500: Intune's nested message (microsoft-graph-explorer-v4#3157).
// - 502: Graph's gateway answer, UnknownError with an empty message (as the 2019 504s in
//   microsoft/Intune-PowerShell-SDK#56 looked; no 502 sample was found) [uncertain].
// - 503: Graph's serviceNotAvailable, which invites a Retry-After.
// - 504: UnknownError whose message wraps Intune's document once more in {"Message": …}
//   (microsoft/Intune-PowerShell-SDK#146, 2024, on managedDevices paging).
import type { GraphResponse } from '../graph/exchange.ts';
import type { ErrorContext } from '../graph/errors.ts';
import { graphError, intuneError } from '../graph/errors.ts';
import { isJsonObject } from '../graph/model/json.ts';
import { intuneServiceOf } from '../graph/throttling/intune-service.ts';
import type { ServerErrorStatus } from './fault-decision.ts';

export function serverErrorResponse(status: ServerErrorStatus, ctx: ErrorContext, path: string, retryAfterSeconds?: number): GraphResponse {
  const headers: Record<string, string> = retryAfterSeconds === undefined ? {} : { 'Retry-After': String(retryAfterSeconds) };
  const service = intuneServiceOf(path);
  switch (status) {
    case 500:
      return intuneError(500, 'InternalServerError', 'An internal server error has occurred', ctx, { service, path, extraHeaders: headers });
    case 502:
      return graphError(502, 'UnknownError', '', ctx, headers);
    case 503:
      return graphError(503, 'serviceNotAvailable', 'The service is not available. Try the request again after a delay. There may be a Retry-After header.', ctx, headers);
    case 504: {
      const inner = intuneError(504, 'UnknownError', 'An error has occurred', ctx, {
        service,
        path,
        ...(retryAfterSeconds === undefined ? {} : { retryAfterSeconds }),
      });
      const body = inner.body;
      const message = isJsonObject(body) && isJsonObject(body['error']) ? body['error']['message'] : '';
      return graphError(504, 'UnknownError', JSON.stringify({ Message: message }), ctx, headers);
    }
  }
}
