// What the header says about the offline inventory while a sync runs and after it.
import type { SyncProgress, SyncState } from '../../../shared/bridge/api.ts';
import { countWording, devicesWording, durationWording } from '../../app/wording.ts';
import type { WordingOptions } from '../../app/wording.ts';

type Phase = SyncProgress['phase'];

const PHASE: Readonly<Record<Phase, string>> = {
  opening: 'Opening the offline inventory',
  planning: 'Planning the sync',
  fetching: 'Fetching devices',
  committing: 'Saving the new snapshot',
  done: 'Finishing',
};

export interface ProgressWording {
  /** "Fetching devices". */
  readonly label: string;
  /** "page 12 · 11,500 of 100,000 devices · 2,300 devices/s · about 40 s left". */
  readonly detail: string;
  /** 0–1 when the total is known; undefined shows an indeterminate bar. */
  readonly fraction: number | undefined;
}

export function progressWording(progress: SyncProgress, options: WordingOptions = {}): ProgressWording {
  const parts: string[] = [];
  if (progress.pagesFetched > 0) parts.push(`page ${countWording(progress.pagesFetched, options)}`);
  const total = progress.estimatedTotal;
  if (total !== undefined) parts.push(`${countWording(progress.devicesFetched, options)} of ${devicesWording(total, options)}`);
  else if (progress.devicesFetched > 0) parts.push(devicesWording(progress.devicesFetched, options));
  if (progress.devicesPerSecond > 0) parts.push(`${countWording(Math.round(progress.devicesPerSecond), options)} devices/s`);
  if (progress.secondsLeft !== undefined && progress.phase === 'fetching') parts.push(progress.secondsLeft < 1 ? 'almost done' : `about ${durationWording(progress.secondsLeft)} left`);
  const fraction = total !== undefined && total > 0 ? Math.min(1, Math.max(0, progress.devicesFetched / total)) : undefined;
  return { label: `${PHASE[progress.phase]} (${progress.kind === 'full' ? 'full sync' : 'refresh'})`, detail: parts.join(' · '), fraction };
}

/** Said by the live region when a sync ends: "Sync finished: 100,000 devices." */
export function syncEndWording(before: SyncState | undefined, after: SyncState, options: WordingOptions = {}): string | undefined {
  if (before?.running !== true || after.running) return undefined;
  if (after.lastProblem !== undefined) return `Sync stopped: ${after.lastProblem.message}`;
  return `Sync finished: ${devicesWording(after.deviceCount, options)}.`;
}
