// A rejected query, as a value the router turns into Graph's error body. The OData layer
// has no request context (request id, clock), so it cannot build the response itself.
import { graphError, intuneError } from '../errors.ts';
import type { ErrorContext } from '../errors.ts';
import type { GraphResponse } from '../exchange.ts';

/**
 * `graph`: Graph's own OData validation (plain error body).
 * `intune`: a rule of the Intune service behind Graph (message is Intune's JSON string).
 */
export type ODataErrorSource = 'graph' | 'intune';

export class ODataError extends Error {
  readonly status: number;
  readonly code: string;
  readonly source: ODataErrorSource;

  constructor(message: string, options: { readonly status?: number; readonly code?: string; readonly source?: ODataErrorSource } = {}) {
    super(message);
    this.name = 'ODataError';
    this.status = options.status ?? 400;
    this.code = options.code ?? 'BadRequest';
    this.source = options.source ?? 'graph';
  }
}

export function badRequest(message: string): ODataError {
  return new ODataError(message);
}

/** The response Graph sends for this error. `path` is the request path, for Intune's message URL. */
export function odataErrorResponse(error: ODataError, ctx: ErrorContext, path?: string): GraphResponse {
  if (error.source === 'intune') return intuneError(error.status, error.code, error.message, ctx, path === undefined ? {} : { path });
  return graphError(error.status, error.code, error.message, ctx);
}
