// The current tenant's offline inventory, found through the sign-in: the inventory is kept per
// tenant, and which tenant a profile reaches ("organizations", a domain) is known once signed in.
import type { ProfileSignIn } from '../core/auth/index.ts';
import type { InventoryStore } from '../core/inventory/index.ts';
import { ProblemError } from '../core/problem.ts';
import type { Session } from './session.ts';

export interface CurrentInventory {
  readonly signIn: ProfileSignIn;
  readonly store: InventoryStore;
}

export async function openCurrentInventory(session: Session): Promise<CurrentInventory> {
  const signIn = await session.signIn();
  if (!signIn) {
    throw new ProblemError({ code: 'signInRequired', message: `Nobody has signed in to ${session.profile.label} on this computer, so it has no offline inventory yet.` });
  }
  return { signIn, store: session.openStore(signIn.tenantId) };
}

/** "Sync first" when the inventory has never been filled. */
export function neverSyncedNote(label: string): string {
  return `The offline inventory of ${label} is empty: it has never been synced. Run "intune-desk sync".`;
}
