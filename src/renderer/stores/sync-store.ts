// The offline inventory's sync: state pushed by the host (on.syncState), and the header's
// Sync now and Cancel buttons. A sync ending is announced, and views refresh their rows.
import { create } from 'zustand';
import type { Problem, SyncState } from '../../shared/bridge/api.ts';
import { call } from '../bridge/bridge.ts';
import { syncEndWording } from '../features/sync/sync-wording.ts';
import { announce } from './announcer.ts';

interface SyncStore {
  readonly state: SyncState | undefined;
  /** Bumped when a sync finishes or the tenant changes: views holding rows read them again. */
  readonly dataVersion: number;
  load(): Promise<Problem | undefined>;
  apply(state: SyncState): void;
  /** Sync now; the Problem when the host refused. */
  start(): Promise<Problem | undefined>;
  cancel(): Promise<Problem | undefined>;
  inventoryChanged(): void;
}

export const useSync = create<SyncStore>()((set, get) => ({
  state: undefined,
  dataVersion: 0,
  load: async () => {
    const result = await call((api) => api.sync.state({}));
    if (!result.ok) return result.problem;
    get().apply(result.value);
    return undefined;
  },
  apply: (state) => {
    const before = get().state;
    const finished = before?.running === true && !state.running;
    const switched = before !== undefined && before.profileId !== state.profileId;
    // The inventory changed under the views without a sync of theirs: emptied by a sign-out,
    // filled by a sync another window started.
    const replaced = before !== undefined && !state.running && (before.asOf !== state.asOf || before.deviceCount !== state.deviceCount);
    set((s) => ({ state, dataVersion: finished || switched || replaced ? s.dataVersion + 1 : s.dataVersion }));
    const words = syncEndWording(before, state);
    if (words !== undefined) announce(words);
  },
  start: async () => {
    const result = await call((api) => api.sync.start({}));
    if (!result.ok) return result.problem;
    get().apply(result.value);
    return undefined;
  },
  cancel: async () => {
    const result = await call((api) => api.sync.cancel({}));
    if (!result.ok) return result.problem;
    get().apply(result.value);
    return undefined;
  },
  inventoryChanged: () => set((s) => ({ dataVersion: s.dataVersion + 1 })),
}));
