// Error bodies as Graph and Intune send them (FACTS §5).
// Graph-level errors (routing, OData syntax) use the plain shape; Intune's own services
// put a JSON string inside `message`, which clients must parse to read.
import { randomUUID } from 'node:crypto';
import type { GraphResponse } from './exchange.ts';

export interface ErrorContext {
  /** The client's client-request-id header, echoed as Graph does. */
  readonly clientRequestId?: string;
  /** This response's request-id. */
  readonly requestId: string;
  readonly now: number;
}

export function newRequestId(): string {
  return randomUUID();
}

function innerError(ctx: ErrorContext): { [k: string]: string } {
  const inner: { [k: string]: string } = {
    date: new Date(ctx.now).toISOString().replace(/\.\d{3}Z$/, ''),
    'request-id': ctx.requestId,
  };
  if (ctx.clientRequestId) inner['client-request-id'] = ctx.clientRequestId;
  return inner;
}

function headersFor(ctx: ErrorContext, extra: Readonly<Record<string, string>> = {}): Record<string, string> {
  const headers: Record<string, string> = { 'request-id': ctx.requestId, ...extra };
  if (ctx.clientRequestId) headers['client-request-id'] = ctx.clientRequestId;
  return headers;
}

/** Graph's plain error: `{"error":{"code","message","innerError"}}`. */
export function graphError(status: number, code: string, message: string, ctx: ErrorContext, extraHeaders: Readonly<Record<string, string>> = {}): GraphResponse {
  return {
    status,
    headers: headersFor(ctx, extraHeaders),
    body: { error: { code, message, innerError: innerError(ctx) } },
  };
}

/** Which Intune back-end service answers, as it appears in the URL inside Intune messages. */
export type IntuneService = 'DeviceFE/StatelessDeviceFEService' | 'StatelessAppMetadataFEService' | 'DeviceConfiguration/StatelessDeviceConfigurationFEService' | 'RBAC/StatelessRBACFEService' | 'StatelessOnboardingService';

/**
 * Intune's error: `message` is itself a JSON document (version 3) carrying the human message,
 * an activity id and the internal URL the request reached.
 */
export function intuneError(
  status: number,
  code: string,
  message: string,
  ctx: ErrorContext,
  options: { readonly service?: IntuneService; readonly path?: string; readonly retryAfterSeconds?: number; readonly extraHeaders?: Readonly<Record<string, string>> } = {},
): GraphResponse {
  const activityId = ctx.requestId;
  const service = options.service ?? 'DeviceFE/StatelessDeviceFEService';
  const url = `https://fef.demo.manage.microsoft.com/${service}${options.path ?? ''}?api-version=2024-06-14`;
  const inner = {
    _version: 3,
    Message: `${message} - Operation ID (for customer support): 00000000-0000-0000-0000-000000000000 - Activity ID: ${activityId} - Url: ${url}`,
    CustomApiErrorPhrase: '',
    RetryAfter: options.retryAfterSeconds ?? null,
    ErrorSourceService: '',
    HttpHeaders: '{}',
  };
  return {
    status,
    headers: headersFor(ctx, options.extraHeaders),
    body: { error: { code, message: JSON.stringify(inner, null, 2).replace(/\n/g, '\r\n'), innerError: innerError(ctx) } },
  };
}

/**
 * What Intune sends to a signed-in user who holds no Intune role: the Intune error wrapped
 * once more inside an `UnknownError` (seen in MSAL-js#7007).
 */
export function intuneNoRoleError(ctx: ErrorContext, path: string): GraphResponse {
  const forbidden = intuneError(403, 'Forbidden', 'User is not authorized to perform this operation. The user must hold an Intune role that allows it.', ctx, { path });
  const body = forbidden.body as { error: { message: string } };
  const wrapped = {
    ErrorCode: 'Forbidden',
    Message: body.error.message,
    Target: null,
    Details: null,
    InnerError: null,
    InstanceAnnotations: [],
  };
  return {
    status: 403,
    headers: headersFor(ctx),
    body: { error: { code: 'UnknownError', message: JSON.stringify(wrapped), innerError: innerError(ctx) } },
  };
}
