// Problems met by the header's controls (tenant switcher, account, sync), shown in the strip
// just under the header, one per control, until dismissed or the control succeeds.
import { create } from 'zustand';
import type { Problem } from '../../shared/bridge/api.ts';

export type HeaderControl = 'tenant' | 'account' | 'sync';

export interface HeaderProblem {
  /** "Sign-in failed", "Sync could not start". */
  readonly context: string;
  readonly problem: Problem;
  readonly retry?: () => void;
}

interface HeaderProblems {
  readonly problems: Readonly<Partial<Record<HeaderControl, HeaderProblem>>>;
  report(control: HeaderControl, entry: HeaderProblem | undefined): void;
}

export const useHeaderProblems = create<HeaderProblems>()((set) => ({
  problems: {},
  report: (control, entry) => set((s) => ({ problems: { ...s.problems, [control]: entry } })),
}));

/** Shows the problem (or clears the control's problem when there is none). */
export function reportHeaderProblem(control: HeaderControl, context: string, problem: Problem | undefined, retry?: () => void): void {
  useHeaderProblems.getState().report(control, problem === undefined ? undefined : { context, problem, ...(retry === undefined ? {} : { retry }) });
}
