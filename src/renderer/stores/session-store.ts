// Tenants and the signed-in account: the first-run choice, the tenant switcher and the account
// menu read this store. Actions return the Problem they met (or undefined), so the control that
// asked shows it next to itself.
import { create } from 'zustand';
import type { AppInfo, ConnectTenantRequest, Problem, SessionState, SetupState } from '../../shared/bridge/api.ts';
import { call } from '../bridge/bridge.ts';

export type SessionBusy = 'demo' | 'connect' | 'signIn' | 'signOut' | 'switch' | 'remove';

interface SessionStore {
  readonly info: AppInfo | undefined;
  readonly setup: SetupState | undefined;
  readonly session: SessionState | undefined;
  /** Why the window could not read the setup or session at start. */
  readonly loadProblem: Problem | undefined;
  readonly busy: SessionBusy | undefined;
  load(): Promise<void>;
  applySetup(setup: SetupState): void;
  applySession(session: SessionState): void;
  /** Chooses the demo tenant (the caller signs in next, so the shell shows that sign-in). */
  useDemo(): Promise<Problem | undefined>;
  /** Adds and chooses a tenant profile (the caller signs in next). */
  connect(request: ConnectTenantRequest): Promise<Problem | undefined>;
  switchTo(profileId: string): Promise<Problem | undefined>;
  remove(profileId: string): Promise<Problem | undefined>;
  signIn(): Promise<Problem | undefined>;
  signOut(): Promise<Problem | undefined>;
}

export const useSession = create<SessionStore>()((set) => {
  /** Runs one step with `busy` set; the first failure ends it. */
  const step = async (busy: SessionBusy, run: () => Promise<Problem | undefined>): Promise<Problem | undefined> => {
    set({ busy });
    try {
      return await run();
    } finally {
      set({ busy: undefined });
    }
  };
  const signIn = async (): Promise<Problem | undefined> => {
    const result = await call((api) => api.session.signIn({}));
    if (!result.ok) return result.problem;
    set({ session: result.value });
    return undefined;
  };
  const refreshSession = async (): Promise<Problem | undefined> => {
    const result = await call((api) => api.session.state({}));
    if (!result.ok) return result.problem;
    set({ session: result.value });
    return undefined;
  };
  return {
    info: undefined,
    setup: undefined,
    session: undefined,
    loadProblem: undefined,
    busy: undefined,
    load: async () => {
      const [info, setup] = await Promise.all([call((api) => api.app.info({})), call((api) => api.tenants.setup({}))]);
      if (info.ok) set({ info: info.value });
      if (!setup.ok) {
        set({ loadProblem: setup.problem });
        return;
      }
      set({ setup: setup.value, loadProblem: undefined });
      if (!setup.value.firstRun) {
        const problem = await refreshSession();
        if (problem !== undefined) set({ loadProblem: problem });
      }
    },
    applySetup: (setup) => set({ setup }),
    applySession: (session) => set({ session }),
    useDemo: () =>
      step('demo', async () => {
        const setup = await call((api) => api.tenants.useDemo({}));
        if (!setup.ok) return setup.problem;
        set({ setup: setup.value });
        return undefined;
      }),
    connect: (request) =>
      step('connect', async () => {
        const setup = await call((api) => api.tenants.connect(request));
        if (!setup.ok) return setup.problem;
        set({ setup: setup.value });
        return undefined;
      }),
    switchTo: (profileId) =>
      step('switch', async () => {
        const setup = await call((api) => api.tenants.switchTo({ profileId }));
        if (!setup.ok) return setup.problem;
        set({ setup: setup.value });
        return refreshSession();
      }),
    remove: (profileId) =>
      step('remove', async () => {
        const setup = await call((api) => api.tenants.remove({ profileId }));
        if (!setup.ok) return setup.problem;
        set({ setup: setup.value });
        return setup.value.firstRun ? undefined : refreshSession();
      }),
    signIn: () => step('signIn', signIn),
    signOut: () =>
      step('signOut', async () => {
        const result = await call((api) => api.session.signOut({}));
        if (!result.ok) return result.problem;
        set({ session: result.value });
        return undefined;
      }),
  };
});

/** The tenant shown in the header: the current profile's summary. */
export function currentTenant(setup: SetupState | undefined): SetupState['tenants'][number] | undefined {
  return setup?.tenants.find((t) => t.profileId === setup.currentProfileId);
}
