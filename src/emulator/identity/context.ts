// What every identity endpoint handler is given: the shared services, and the one request.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Clock } from '../clock.ts';
import type { AppRegistration, Directory } from '../directory/model.ts';
import type { RequestIds } from './entra-errors.ts';
import type { IdentityStore } from './identity-store.ts';
import type { PendingStores } from './pending-stores.ts';
import type { SigningKey } from './signing-key.ts';
import type { TokenIssuer } from './token-issuer.ts';

export interface IdentityContext {
  readonly directory: Directory;
  readonly clock: Clock;
  readonly baseUrl: () => string;
  readonly log: (message: string) => void;
  readonly keys: SigningKey;
  readonly store: IdentityStore;
  readonly pending: PendingStores;
  readonly issuer: TokenIssuer;
}

export interface Exchange {
  readonly req: IncomingMessage;
  readonly res: ServerResponse;
  readonly url: URL;
  readonly ids: RequestIds;
}

/** The Graph permissions an app holds for a user in a tenant: an admin's tenant-wide consent, or the user's own. */
export function consentedScopes(ctx: IdentityContext, tenantId: string, userId: string, app: AppRegistration): readonly string[] {
  if (app.adminConsentedTenantIds.includes(tenantId)) return app.configuredScopes;
  const granted = ctx.store.userGrant(tenantId, userId, app.clientId);
  return app.configuredScopes.filter((s) => granted.includes(s));
}

/** The caller's address as the `ipaddr` claim shows it. */
export function clientAddress(req: IncomingMessage): string {
  const address = req.socket.remoteAddress ?? '127.0.0.1';
  return address.startsWith('::ffff:') ? address.slice(7) : address;
}
