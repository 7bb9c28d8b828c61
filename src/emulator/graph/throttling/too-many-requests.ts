// The 429 Intune sends when a limit is hit: code TooManyRequests with Intune's nested
// message document (observed in almenscorner/IntuneCD#217, 2025), and usually, but not
// always, a Retry-After header (the same report crashed reading a missing one).
import type { GraphResponse } from '../exchange.ts';
import type { ErrorContext } from '../errors.ts';
import { intuneError } from '../errors.ts';
import { intuneServiceOf } from './intune-service.ts';

export interface TooManyRequestsOptions {
  readonly retryAfterSeconds: number;
  /** The settings switch: leave the header (and the RetryAfter inside the message) out. */
  readonly omitRetryAfter: boolean;
  /** Path after the version, shown in the internal URL of the message. */
  readonly path: string;
}

export function tooManyRequests(ctx: ErrorContext, options: TooManyRequestsOptions): GraphResponse {
  const headers: Record<string, string> = options.omitRetryAfter ? {} : { 'Retry-After': String(options.retryAfterSeconds) };
  return intuneError(429, 'TooManyRequests', 'An error has occurred', ctx, {
    service: intuneServiceOf(options.path),
    path: options.path,
    ...(options.omitRetryAfter ? {} : { retryAfterSeconds: options.retryAfterSeconds }),
    extraHeaders: headers,
  });
}
