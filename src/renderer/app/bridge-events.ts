// Keeps the stores in step with what the host pushes (sync progress, tenant and sign-in changes
// made elsewhere, settings changed in another window). Returns one unsubscribe for all.
import { findBridge } from '../bridge/bridge.ts';
import { useSession } from '../stores/session-store.ts';
import { useSettings } from '../stores/settings-store.ts';
import { useSync } from '../stores/sync-store.ts';
import { reportHeaderProblem } from '../stores/header-problems.ts';

export function followBridgeEvents(): () => void {
  const api = findBridge();
  if (api === undefined) return () => undefined;
  const unsubscribe = [
    api.on.syncState((state) => useSync.getState().apply(state)),
    api.on.setupChanged((setup) => useSession.getState().applySetup(setup)),
    api.on.sessionChanged((session) => useSession.getState().applySession(session)),
    api.on.settingsChanged((settings) => useSettings.getState().apply(settings)),
  ];
  unsubscribe.push(followTenantAndAccount());
  return () => unsubscribe.forEach((off) => off());
}

/**
 * Another tenant, or signing in or out, changes what the offline inventory holds (sign-out
 * removes it): views read their rows again and the header reads the new tenant's sync state,
 * whichever control or push made the change.
 */
function followTenantAndAccount(): () => void {
  return useSession.subscribe((now, before) => {
    const switched = now.setup?.currentProfileId !== before.setup?.currentProfileId && before.setup !== undefined;
    const signedInChanged = now.session !== undefined && before.session !== undefined && now.session.signedIn !== before.session.signedIn;
    if (!switched && !signedInChanged) return;
    useSync.getState().inventoryChanged();
    void useSync.getState().load().then((problem) => reportHeaderProblem('sync', 'Could not read the sync state', problem));
  });
}

/** Reads everything the window starts with, in parallel. */
export async function loadStartState(): Promise<void> {
  const [, , syncProblem] = await Promise.all([useSession.getState().load(), useSettings.getState().load(), useSync.getState().load()]);
  reportHeaderProblem('sync', 'Could not read the sync state', syncProblem, () => void useSync.getState().load().then((p) => reportHeaderProblem('sync', 'Could not read the sync state', p)));
}
