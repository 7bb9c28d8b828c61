// Errors are values: what went wrong in words a technician can act on, with the Graph
// request id support will ask for. Nothing here carries a token.

export type ProblemCode =
  | 'signInRequired' // 401, expired session, or no account yet
  | 'consentRequired' // the feature needs a scope the user has not granted
  | 'forbidden' // 403: a scope or an Intune role is missing
  | 'throttled' // 429
  | 'offline' // the service could not be reached
  | 'notFound'
  | 'badRequest'
  | 'serviceError' // 5xx after retries
  | 'malformedResponse' // the service answered something we could not read
  | 'cancelled'
  | 'storeDamaged' // the local inventory file was damaged and has been rebuilt
  | 'internal'; // a fault inside Intune Desk itself: the details went to its log, never to the window

export interface Problem {
  readonly code: ProblemCode;
  /** A sentence a technician can act on. */
  readonly message: string;
  /** Graph's request-id, when the service answered. */
  readonly requestId?: string;
  /** For 403: the scopes any one of which would allow the request. */
  readonly requiredScopes?: readonly string[];
  /** For 403: the Intune role permission that was missing, when the service named it. */
  readonly requiredRole?: string;
  /** For 429: seconds until the service expects to accept requests again. */
  readonly retryAfterSeconds?: number;
  /** For offline reads: when the data shown was last synced (ISO 8601). */
  readonly asOf?: string;
  /** What to check next, in order (the 403 checks of the Microsoft article, for one). */
  readonly checks?: readonly string[];
  /** The client-request-id the app sent (the same across retries); support asks for it with requestId. */
  readonly clientRequestId?: string;
  /** The HTTP status the service answered, when it answered. */
  readonly httpStatus?: number;
  /** For 429: when the service is expected to accept requests again (ISO 8601). */
  readonly clearsAt?: string;
  /**
   * For writes: the request may have reached the service before the failure (a dropped
   * connection, a gateway timeout), so it may or may not have been carried out. It was not sent
   * again; check before repeating it (a device's action history, for a remote action).
   */
  readonly outcomeUnknown?: boolean;
}

export class ProblemError extends Error {
  readonly problem: Problem;
  constructor(problem: Problem) {
    super(problem.message);
    this.name = 'ProblemError';
    this.problem = problem;
  }
}

export function isProblem(value: unknown): value is Problem {
  return typeof value === 'object' && value !== null && typeof (value as { code?: unknown }).code === 'string' && typeof (value as { message?: unknown }).message === 'string';
}
