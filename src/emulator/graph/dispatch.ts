// The one Graph dispatcher: HTTP requests and $batch items both come through here, so
// authentication, throttling, scopes and Intune roles apply to each in the same order
// the service applies them: token → throttle → route → scope → role → handler.
import type { Directory } from '../directory/model.ts';
import type { Clock } from '../clock.ts';
import type { ActionDeps } from './actions/index.ts';
import { unauthorized } from './authenticate.ts';
import type { TokenProblemKind } from './authenticate.ts';
import { checkIntuneRole, resourceActionFor } from './authorization/intune-rbac.ts';
import { scopeRequirement, scopesSatisfy } from './authorization/scopes.ts';
import { handleBatch } from './batch/handle-batch.ts';
import type { ErrorContext } from './errors.ts';
import { graphError, intuneError, intuneNoRoleError, newRequestId } from './errors.ts';
import type { GraphDispatch, GraphResponse } from './exchange.ts';
import type { HandlerContext, WriteRecorder } from './handlers/handler-context.ts';
import { createEntity, deleteEntity, updateEntity } from './handlers/write.ts';
import { readCollection, readCount, readEntity } from './handlers/read.ts';
import { runOperation } from './handlers/operations.ts';
import type { TenantGraph } from './model/tenant-graph.ts';
import type { NavigationResolver } from './odata/expand.ts';
import { ODataError, odataErrorResponse } from './odata/odata-error.ts';
import type { Resolved, ResolveFailure } from './routing/resolve.ts';
import { resolvePath, splitSegments } from './routing/resolve.ts';
import { isUserDevicesPath, resolveUserDevices } from './routing/user-devices.ts';
import type { IntuneThrottle } from './throttling/intune-throttle.ts';
import { tooManyRequests } from './throttling/too-many-requests.ts';
import { intuneServiceOf } from './throttling/intune-service.ts';

/** What the identity side vouches for about a bearer token. */
export interface GraphCaller {
  readonly tenantId: string;
  readonly userId: string;
  readonly appId: string;
  readonly scopes: readonly string[];
  readonly wids: readonly string[];
  readonly upn: string;
}

export type TokenCheck = GraphCaller | { readonly kind: TokenProblemKind; readonly description: string };

export interface TenantServices {
  readonly graph: TenantGraph;
  readonly writes: WriteRecorder;
  readonly actionDeps: (caller: GraphCaller) => ActionDeps;
  readonly resolveNavigation: NavigationResolver;
  /** Generated users by lower-cased id and UPN, for /users/{id}/managedDevices. */
  readonly knownUsers: ReadonlyMap<string, string>;
}

export interface GraphDispatchDeps {
  readonly directory: Directory;
  readonly tenants: ReadonlyMap<string, TenantServices>;
  readonly verifyToken: (authorization: string | undefined) => TokenCheck;
  readonly throttle: IntuneThrottle;
  readonly clock: Clock;
  readonly authorityBase: () => string;
  readonly log: (message: string) => void;
}

export function createGraphDispatch(deps: GraphDispatchDeps): GraphDispatch {
  const dispatch: GraphDispatch = async (request) => {
    const errors: ErrorContext = { requestId: newRequestId(), now: deps.clock.now(), ...(request.headers['client-request-id'] ? { clientRequestId: request.headers['client-request-id'] } : {}) };
    const segments = splitSegments(request.path);
    if (segments.length === 1 && segments[0] === '$batch') {
      if (request.batchItemId !== undefined) return graphError(400, 'BadRequest', 'A batch request cannot contain another batch.', errors);
      if (request.method !== 'POST') return graphError(405, 'BadRequest', 'The $batch endpoint only accepts POST.', errors);
      // Graph checks the batch's own token before opening it: a bad one is a single 401, not a
      // 200 of 401s (msgraph-sdk-dotnet#2660 [uncertain]), so clients refresh and resend.
      const batchCaller = deps.verifyToken(request.headers['authorization']);
      if ('kind' in batchCaller) return unauthorized(batchCaller.kind, deps.authorityBase(), errors);
      return handleBatch(request, dispatch, { clock: deps.clock, log: deps.log });
    }
    const caller = deps.verifyToken(request.headers['authorization']);
    if ('kind' in caller) return unauthorized(caller.kind, deps.authorityBase(), errors);
    const tenant = deps.tenants.get(caller.tenantId);
    if (!tenant) return unauthorized('invalid', deps.authorityBase(), errors);

    const verdict = deps.throttle.check({ tenantId: caller.tenantId, appId: caller.appId, method: request.method, path: request.path });
    if (!verdict.allowed) {
      return tooManyRequests(errors, { retryAfterSeconds: verdict.retryAfterSeconds, omitRetryAfter: deps.throttle.settings().omitRetryAfter, path: request.path });
    }

    const resolved: Resolved | ResolveFailure = isUserDevicesPath(segments)
      ? resolveUserDevices(tenant.graph, deps.directory, caller.userId, segments, tenant.knownUsers)
      : resolvePath(tenant.graph, request.version, segments);
    if ('failed' in resolved) return graphError(resolved.status, resolved.code, resolved.message, errors);

    const requirement = scopeRequirement(request.method, resolved.pattern);
    if (!requirement) return graphError(405, 'BadRequest', `The HTTP method '${request.method}' is not allowed on ${request.path}.`, errors);
    const service = intuneServiceOf(request.path);
    if (!scopesSatisfy(caller.scopes, requirement)) {
      return intuneError(403, 'Forbidden', `Application is not authorized to perform this operation. Application must have one of the following scopes: ${requirement.accepted.join(', ')}`, errors, { service, path: request.path });
    }
    const resourceAction = resourceActionFor(request.method, resolved.pattern, request.body);
    if (resourceAction) {
      const role = checkIntuneRole(deps.directory, tenant.graph, caller, resourceAction);
      if (!role.allowed) {
        if (role.reason === 'noIntuneRole') return intuneNoRoleError(errors, request.path);
        return intuneError(403, 'Forbidden', `User is not authorized to perform this operation. The operation requires the Intune permission ${role.resourceAction}, which no role assigned to the user grants.`, errors, { service, path: request.path });
      }
    }

    const context: HandlerContext = {
      request,
      resolved,
      segments,
      graph: tenant.graph,
      errors,
      clock: deps.clock,
      writes: tenant.writes,
      actionDeps: tenant.actionDeps(caller),
      resolveNavigation: tenant.resolveNavigation,
    };
    try {
      return withRequestId(handle(context), errors);
    } catch (error) {
      if (error instanceof ODataError) return odataErrorResponse(error, errors, request.path);
      throw error;
    }
  };
  return dispatch;
}

function handle(h: HandlerContext): GraphResponse {
  const kind = h.resolved.target.kind;
  const method = h.request.method;
  if (kind === 'operation') return runOperation(h);
  if (method === 'GET') {
    if (kind === 'collection') return readCollection(h);
    if (kind === 'count') return readCount(h);
    return readEntity(h);
  }
  if (method === 'POST' && kind === 'collection') return createEntity(h);
  if (method === 'PATCH' && (kind === 'entity' || kind === 'singleton')) return updateEntity(h);
  if (method === 'DELETE' && kind === 'entity') return deleteEntity(h);
  return graphError(405, 'BadRequest', `The HTTP method '${method}' is not allowed on this resource.`, h.errors);
}

function withRequestId(response: GraphResponse, errors: ErrorContext): GraphResponse {
  if (response.headers['request-id']) return response;
  return { ...response, headers: { ...response.headers, 'request-id': errors.requestId, ...(errors.clientRequestId ? { 'client-request-id': errors.clientRequestId } : {}) } };
}
