// What the fault switches decided for one request; the HTTP adapter carries it out.

/** The 5xx statuses the real service is seen to send under trouble. */
export type ServerErrorStatus = 500 | 502 | 503 | 504;
export const SERVER_ERROR_STATUSES: readonly ServerErrorStatus[] = [500, 502, 503, 504];

export type FaultOutcome =
  /** Handle the request normally. */
  | { readonly kind: 'none' }
  /**
   * Destroy the connection without a response. With afterHandling the request is handled
   * first (a write takes effect) and only its response is lost, as when a network drops
   * mid-response: the nastier case for a client's retry logic.
   */
  | { readonly kind: 'drop'; readonly afterHandling: boolean }
  /** Answer with this status instead of handling the request; see serverErrorResponse(). */
  | { readonly kind: 'serverError'; readonly status: ServerErrorStatus; readonly retryAfterSeconds: number | undefined }
  /** Handle the collection GET, then send its 200 with malformBody() applied. */
  | { readonly kind: 'malformedPage' };

export interface FaultDecision {
  /** Wait this long before answering: latencyMs plus the drawn jitter. */
  readonly delayMs: number;
  readonly outcome: FaultOutcome;
  /** When set, send the body with writeSlowly() at this rate. */
  readonly slowBodyBytesPerSecond: number | undefined;
}
