// The technician's settings (theme, columns, stale days, auto-refresh), saved by the host.
import { create } from 'zustand';
import type { Problem, Settings } from '../../shared/bridge/api.ts';
import { call } from '../bridge/bridge.ts';

interface SettingsStore {
  readonly settings: Settings | undefined;
  readonly loadProblem: Problem | undefined;
  load(): Promise<void>;
  apply(settings: Settings): void;
  /** Saves a change; the Problem (the host refused the value, the file could not be written) is returned to the control. */
  update(change: Partial<Settings>): Promise<Problem | undefined>;
}

export const useSettings = create<SettingsStore>()((set) => ({
  settings: undefined,
  loadProblem: undefined,
  load: async () => {
    const result = await call((api) => api.settings.get({}));
    if (result.ok) set({ settings: result.value, loadProblem: undefined });
    else set({ loadProblem: result.problem });
  },
  apply: (settings) => set({ settings }),
  update: async (change) => {
    const result = await call((api) => api.settings.update(change));
    if (!result.ok) return result.problem;
    set({ settings: result.value });
    return undefined;
  },
}));
