// The activity log as the page lists it.
import type { ActivityEntry } from '../../../shared/bridge/api.ts';

export const KIND_LABELS: Readonly<Record<ActivityEntry['kind'], string>> = {
  sync: 'Sync',
  signIn: 'Sign-in',
  signOut: 'Sign-out',
  export: 'Export',
  action: 'Remote action',
  problem: 'Problem',
};

/** Newest first whatever order the log came in; entries with the same time keep their order. */
export function newestFirst(entries: readonly ActivityEntry[]): readonly ActivityEntry[] {
  const time = (e: ActivityEntry): number => {
    const ms = Date.parse(e.at);
    return Number.isNaN(ms) ? -Infinity : ms;
  };
  return entries
    .map((entry, i) => ({ entry, i }))
    .sort((a, b) => time(b.entry) - time(a.entry) || a.i - b.i)
    .map((x) => x.entry);
}
