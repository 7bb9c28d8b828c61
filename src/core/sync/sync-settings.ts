// The sync engine's knobs, with the values the app uses.

export interface SyncSettings {
  /** Partitions fetched at once. The Graph client's own limit on requests in flight (16 by default) still applies. */
  readonly concurrency: number;
  /** $top of each page; Intune serves at most 1000. */
  readonly pageSize: number;
  /** Devices per partition to aim for; by default one partition per worker (see partition-plan.ts). */
  readonly partitionSize?: number;
  /** How much wider than its range each partition asks (see enrolment-ranges.ts). */
  readonly boundaryMarginMs: number;
  /** A range narrower than this is fetched whole rather than cut again. */
  readonly minRangeWidthMs: number;
  /**
   * An incremental run asks for devices whose lastSyncDateTime is after the stored watermark less
   * this: a device that checked in just before the last run but reached the service's list only
   * after it (replication, clocks of different front ends) is then still picked up.
   */
  readonly watermarkMarginMs: number;
  /** A refresh runs a full sync, dropping devices deleted in Intune, once the last one is this old. */
  readonly reconcileAfterMs: number;
  /** … or after this many incremental runs since it. */
  readonly reconcileEveryIncrementals: number;
  /**
   * An incremental run that finds more than this share of the stored devices changed runs a
   * full sync instead: it fetches about as much, concurrently, and reconciles too.
   */
  readonly fullSyncShare: number;
  /**
   * How long a run keeps waiting out throttling once the Graph client has given up on a request
   * (see throttle-patience.ts), before it fails with the `throttled` Problem.
   */
  readonly throttledPatienceMs: number;
  /** Progress events at most this often (phase changes and the end always go out). */
  readonly progressIntervalMs: number;
  /**
   * Where a full sync writes its snapshot: 'worker' hands the pages' bytes to writer threads
   * (off-thread-snapshot.ts), which parse and store them while this thread reads the next
   * pages; 'inline' parses and writes them in this thread, as the next page waits.
   */
  readonly snapshotWriter: 'worker' | 'inline';
  /** Writer threads of a 'worker' snapshot: they parse side by side and take turns to insert. */
  readonly snapshotThreads: number;
  /** The worker's entry point, for bundled builds whose files are not where the sources are. */
  readonly snapshotWorkerUrl?: URL;
}

export const DEFAULT_SYNC_SETTINGS: SyncSettings = {
  concurrency: 8,
  pageSize: 1000,
  snapshotWriter: 'worker',
  snapshotThreads: 2,
  boundaryMarginMs: 1000,
  minRangeWidthMs: 4000,
  watermarkMarginMs: 10 * 60_000,
  reconcileAfterMs: 12 * 3_600_000,
  reconcileEveryIncrementals: 48,
  fullSyncShare: 0.25,
  throttledPatienceMs: 15 * 60_000,
  progressIntervalMs: 250,
};

export function checkedSettings(settings: SyncSettings): SyncSettings {
  const whole = (name: keyof SyncSettings, min: number, max: number): void => {
    const value = settings[name];
    if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) throw new RangeError(`${name} must be a whole number from ${min} to ${max}.`);
  };
  whole('concurrency', 1, 64);
  whole('pageSize', 1, 1000);
  if (settings.partitionSize !== undefined) whole('partitionSize', 1, 10_000_000);
  whole('boundaryMarginMs', 1000, 86_400_000);
  whole('minRangeWidthMs', 1000, 365 * 86_400_000);
  whole('watermarkMarginMs', 0, 7 * 86_400_000);
  whole('reconcileAfterMs', 0, 365 * 86_400_000);
  whole('reconcileEveryIncrementals', 0, 100_000);
  whole('throttledPatienceMs', 0, 24 * 3_600_000);
  whole('progressIntervalMs', 0, 60_000);
  whole('snapshotThreads', 1, 16);
  if (!(settings.fullSyncShare > 0 && settings.fullSyncShare <= 1)) throw new RangeError('fullSyncShare is a share of the stored devices, above 0 and at most 1.');
  if (settings.minRangeWidthMs < 2 * settings.boundaryMarginMs) throw new RangeError('minRangeWidthMs must be at least twice boundaryMarginMs.');
  return settings;
}
