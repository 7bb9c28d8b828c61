// Graph's answers and connection failures as Problems: a code, a sentence a technician can act
// on, and the ids support asks for. 403s name the missing scope by the label the admin sees in
// Entra ID (../shared/intune/scopes.json) or the Intune role permission, with the three checks
// of Microsoft's article.
import intuneScopes from '../../shared/intune/scopes.json' with { type: 'json' };
import type { Problem } from '../problem.ts';
import type { GraphErrorDetails } from './graph-error.ts';
import { parseGraphError } from './graph-error.ts';
import type { TransportError } from './transport.ts';
import { permissionCategoryLabel } from '../../shared/intune/permission-categories.ts';

/** Intune's published limits count over 20-second windows (FACTS §4): a fair guess when a 429 says nothing. */
const THROTTLE_WINDOW_SECONDS = 20;

/** What the client knew about the exchange when it gave up. */
export interface ExchangeContext {
  readonly clientRequestId: string;
  readonly host: string;
  /** Attempts made, including the last. */
  readonly attempts: number;
  /** Clock time now, for "clears at". */
  readonly now: number;
}

export interface AnsweredExchange extends ExchangeContext {
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  /** The body as received (text) or already parsed. */
  readonly body: unknown;
  /** Milliseconds the service asked to wait (Retry-After), when it said. */
  readonly retryAfterMs?: number;
  /** The request may have been carried out though it failed (a 5xx to a write that was not re-sent). */
  readonly outcomeUnknown?: boolean;
}

const PORTAL_LABELS: ReadonlyMap<string, string> = new Map(intuneScopes.scopes.map((s) => [s.name.toLowerCase(), s.portalLabel]));

/** The three checks of "How to use Azure AD to access the Intune APIs in Microsoft Graph", for every 403. */
export const FORBIDDEN_CHECKS: readonly string[] = intuneScopes.troubleshooting403;

/** The label Entra ID shows for an Intune scope, e.g. "Read Microsoft Intune devices". */
export function portalLabelOf(scope: string): string | undefined {
  return PORTAL_LABELS.get(scope.toLowerCase());
}

export function problemFromResponse(exchange: AnsweredExchange): Problem {
  const details = parseGraphError(exchange.body);
  const ids = idsOf(exchange, details);
  const status = exchange.status;
  switch (true) {
    case status === 401:
      return {
        code: 'signInRequired',
        message: 'Your sign-in to this tenant has expired or is no longer valid. Sign in again.',
        ...ids,
      };
    case status === 403:
      return forbidden(details, ids);
    case status === 429:
      return throttled(exchange, details, ids);
    case status === 404:
      return {
        code: 'notFound',
        message: `${details.message ? withoutFullStop(details.message) : 'Intune has no such item'}. It may have been deleted, retired or wiped since the last sync; refresh and try again.`,
        ...ids,
      };
    case status >= 400 && status < 500:
      return {
        code: 'badRequest',
        message: `Intune refused the request as invalid${details.message ? `: ${withoutFullStop(details.message)}` : ` (HTTP ${status})`}.`,
        ...ids,
      };
    default:
      return serviceError(exchange, details, ids);
  }
}

function forbidden(details: GraphErrorDetails, ids: Partial<Problem>): Problem {
  const base = { code: 'forbidden' as const, checks: FORBIDDEN_CHECKS, ...ids };
  if (details.requiredScopes && details.requiredScopes.length > 0) {
    const named = details.requiredScopes.map((scope) => {
      const label = portalLabelOf(scope);
      return label ? `"${label}" (${scope})` : scope;
    });
    return {
      ...base,
      requiredScopes: details.requiredScopes,
      message: `Intune Desk has not been granted the permission this needs: ${orList(named)}. Sign in again to consent to it, or ask an administrator to grant it to Intune Desk in Entra ID (App registrations › API permissions).`,
    };
  }
  if (details.intunePermission) {
    return {
      ...base,
      requiredRole: details.intunePermission,
      message: `Your Intune role does not allow this: it needs the permission "${intunePermissionLabel(details.intunePermission)}" (${details.intunePermission}). Ask an Intune administrator for a role that includes it (Tenant administration › Roles).`,
    };
  }
  if (details.innerCode !== undefined || /not authorized/i.test(details.message ?? '')) {
    return {
      ...base,
      message: 'You hold no Intune role that allows this in this tenant. Ask an Intune administrator to assign you one (for example Help Desk Operator or Read Only Operator), then sign in again.',
    };
  }
  return { ...base, message: `Intune refused this request${details.message ? `: ${withoutFullStop(details.message)}` : ''}. Work through the checks below.` };
}

function throttled(exchange: AnsweredExchange, details: GraphErrorDetails, ids: Partial<Problem>): Problem {
  const said = exchange.retryAfterMs !== undefined ? exchange.retryAfterMs / 1000 : details.retryAfterSeconds;
  const seconds = Math.max(1, Math.ceil(said ?? THROTTLE_WINDOW_SECONDS));
  const clearsAt = new Date(exchange.now + seconds * 1000);
  const when = said === undefined
    ? `Intune did not say when it will accept requests again; its limits count over 20-second windows, so try again in about ${seconds} seconds`
    : `It expects to accept requests again in about ${seconds} second${seconds === 1 ? '' : 's'}`;
  return {
    code: 'throttled',
    message: `Intune is limiting how fast this app can call it (throttled), and the request still failed after ${exchange.attempts} attempt${exchange.attempts === 1 ? '' : 's'}. ${when} (around ${clearsAt.toISOString().slice(11, 19)} UTC).`,
    retryAfterSeconds: seconds,
    clearsAt: clearsAt.toISOString(),
    ...ids,
  };
}

function serviceError(exchange: AnsweredExchange, details: GraphErrorDetails, ids: Partial<Problem>): Problem {
  const what = `HTTP ${exchange.status}${details.message ? `: ${withoutFullStop(details.message)}` : ''}`;
  if (exchange.outcomeUnknown) {
    return {
      code: 'serviceError',
      outcomeUnknown: true,
      message: `Intune failed after the request reached it (${what}), so it may or may not have been carried out. It was not sent again, to avoid doing it twice; check the result (for a remote action, the device's action history) before repeating it.`,
      ...ids,
    };
  }
  return {
    code: 'serviceError',
    message: `Intune could not answer (${what}) after ${exchange.attempts} attempt${exchange.attempts === 1 ? '' : 's'}. Try again in a few minutes; if it keeps failing, give support the request id.`,
    ...ids,
  };
}

/** No complete answer: the connection failed, timed out or was refused. */
export function problemFromTransport(error: TransportError, context: ExchangeContext, outcomeUnknown: boolean): Problem {
  const ids = { clientRequestId: context.clientRequestId };
  if (error.kind === 'aborted') return cancelledProblem(context.clientRequestId);
  if (error.kind === 'certificate') {
    return {
      code: 'offline',
      message: `The connection to ${context.host} is not trusted (${error.code}): its certificate does not match what this tenant profile trusts. Check the tenant's address; for the demo tenant, use the CA certificate it printed when it started.`,
      ...ids,
    };
  }
  if (error.kind === 'tooLarge' || error.kind === 'badEncoding') return malformedProblem(error.message, ids);
  if (outcomeUnknown) {
    return {
      code: 'offline',
      outcomeUnknown: true,
      message: `The connection to ${context.host} failed after the request was sent (${describe(error)}), so it may or may not have been carried out. It was not sent again, to avoid doing it twice; check the result (for a remote action, the device's action history) before repeating it.`,
      ...ids,
    };
  }
  return {
    code: 'offline',
    message: `Cannot reach ${context.host} (${describe(error)}) after ${context.attempts} attempt${context.attempts === 1 ? '' : 's'}. Check the network connection or proxy; what is shown comes from the last sync.`,
    ...ids,
  };
}

export function cancelledProblem(clientRequestId?: string): Problem {
  return { code: 'cancelled', message: 'Cancelled.', ...(clientRequestId ? { clientRequestId } : {}) };
}

export function malformedProblem(detail: string, ids: Partial<Problem> = {}): Problem {
  return {
    code: 'malformedResponse',
    message: `Intune's answer could not be read (${withoutFullStop(detail)}); nothing from it was used. Try again; if it keeps happening, give support the request id.`,
    ...ids,
  };
}

function describe(error: TransportError): string {
  switch (error.code) {
    case 'ECONNREFUSED':
      return 'connection refused';
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return 'the name could not be resolved';
    case 'ETIMEDOUT':
      return 'timed out';
    case 'ECONNRESET':
      return 'the connection was reset';
    default:
      return error.code;
  }
}

function idsOf(exchange: AnsweredExchange, details: GraphErrorDetails): Partial<Problem> {
  const requestId = exchange.headers['request-id'] ?? details.requestId;
  return {
    httpStatus: exchange.status,
    clientRequestId: exchange.clientRequestId,
    ...(requestId ? { requestId } : {}),
  };
}

/** 'Microsoft.Intune_RemoteTasks_ResetPasscode' → 'Remote tasks: Reset passcode', as the admin center groups them. */
export function intunePermissionLabel(permission: string): string {
  const match = /^Microsoft\.Intune[_/]([A-Za-z]+)[_/]([A-Za-z]+)$/.exec(permission);
  if (!match) return permission;
  const [, resource = '', action = ''] = match;
  return `${permissionCategoryLabel(resource) ?? words(resource)}: ${words(action)}`;
}

function words(camel: string): string {
  const split = camel.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
  return split.charAt(0).toUpperCase() + split.slice(1);
}

function orList(items: readonly string[]): string {
  if (items.length <= 1) return items[0] ?? '';
  return `${items.slice(0, -1).join(', ')} or ${items[items.length - 1] ?? ''}`;
}

function withoutFullStop(sentence: string): string {
  return sentence.trim().replace(/\.$/, '');
}
