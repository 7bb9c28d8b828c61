// After a device sync that succeeded: the inventory's other entities (users, apps, policies,
// roles, tenant settings) through the core's entity sync, with the scopes the sign-in already
// holds. What happened goes to the activity log: one line for the run, and a problem entry for
// each entity that failed. None of it can turn the device sync into a failure: the devices are
// committed by then, and each entity keeps what it had when its refresh fails.
import type { InventoryStore } from '../../core/inventory/index.ts';
import { ProblemError } from '../../core/problem.ts';
import { syncEntities } from '../../core/sync/index.ts';
import type { EntityOutcome } from '../../core/sync/index.ts';
import { describeError } from '../host-context.ts';
import type { HostContext } from '../host-context.ts';
import type { TenantEntry } from '../tenants/tenant-directory.ts';

export async function refreshEntities(context: HostContext, entry: TenantEntry, store: InventoryStore, signal: AbortSignal): Promise<void> {
  try {
    const signIn = (await context.tokenCache.readSignIns())[entry.id];
    const link = context.links.known(entry.id);
    // Signed out or unlinked while the devices were saved: nothing is left to refresh them for.
    if (!signIn || !link) return;
    const outcomes = await syncEntities({ graph: link.graph, store, grantedScopes: signIn.grantedScopes, now: context.now, signal });
    context.activity.record('sync', entry.id, entitySummary(entry, outcomes));
    for (const o of outcomes) {
      // A 403 is the account's Intune role, the same at every sync: the summary says it, once per run.
      if (o.status === 'failed' && o.problem.code !== 'forbidden') context.activity.record('problem', entry.id, `The ${o.label} of ${entry.label} were not refreshed: ${o.problem.message}`, o.problem);
    }
  } catch (error) {
    if (error instanceof ProblemError && error.problem.code === 'cancelled') {
      context.activity.record('sync', entry.id, `Refreshing users, apps, policies, roles and tenant settings of ${entry.label} was cancelled; the devices were saved, the rest keeps what it had.`);
      return;
    }
    context.platform.log('error', `Refreshing the other entities of ${entry.label} failed.`, { error: describeError(error) });
    context.activity.record('problem', entry.id, `Users, apps, policies, roles and tenant settings of ${entry.label} were not refreshed; the devices were saved.`, {
      code: 'internal',
      message: 'An unexpected error stopped the refresh; it was written to the log.',
    });
  }
}

/** "Also refreshed in Contoso: 180 users, 42 apps. Not allowed yet: …. Not refreshed: …." */
export function entitySummary(entry: TenantEntry, outcomes: readonly EntityOutcome[]): string {
  const synced: string[] = [];
  const notGranted: string[] = [];
  const failed: string[] = [];
  for (const o of outcomes) {
    if (o.status === 'synced') {
      const unread = o.unread.map((p) => p.label);
      synced.push(`${o.count.toLocaleString('en-US')} ${o.label}${unread.length > 0 ? ` (without ${unread.join(', ')})` : ''}`);
    } else if (o.status === 'notGranted') notGranted.push(`${o.label} (${o.feature})`);
    else failed.push(`${o.label} (${o.problem.code === 'forbidden' ? 'refused by the Intune role' : o.problem.code})`);
  }
  const parts = [`Also refreshed in ${entry.label}: ${synced.length > 0 ? synced.join(', ') : 'nothing'}.`];
  if (notGranted.length > 0) parts.push(`Not allowed yet: ${notGranted.join(', ')}.`);
  if (failed.length > 0) parts.push(`Not refreshed: ${failed.join(', ')}.`);
  return parts.join(' ');
}
