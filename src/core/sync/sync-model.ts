// What the sync engine tells its caller while it works and when it is done. Plain data, so the
// main process can pass it to the window as it is (no tokens, no device documents).
import type { Problem } from '../problem.ts';

export type SyncKind = 'full' | 'incremental';

/**
 * opening: the inventory file is opened and checked (the first run of an engine; a damaged file
 * is set aside here); planning: the list is surveyed and cut into partitions (full); fetching:
 * pages arrive and are written; committing: the new snapshot is indexed and swapped in (full) or
 * the changes are written (incremental); done: finished.
 */
export type SyncPhase = 'opening' | 'planning' | 'fetching' | 'committing' | 'done';

export interface SyncProgress {
  /** The run's kind. A refresh reports 'incremental' while it opens the file, before it has chosen. */
  readonly kind: SyncKind;
  readonly phase: SyncPhase;
  readonly pagesFetched: number;
  /** Different devices received so far (a device at a partition boundary arrives twice and counts once). */
  readonly devicesFetched: number;
  /** Devices the run expects in all, from Intune's count; absent while unknown. */
  readonly estimatedTotal?: number;
  /** Devices received per second since fetching began. */
  readonly devicesPerSecond: number;
  /** At the current rate, until every expected device has arrived (the commit comes after). */
  readonly secondsLeft?: number;
  readonly elapsedSeconds: number;
}

/** Why a refresh ran a full sync rather than an incremental one. */
export type FullSyncReason =
  | 'requested'
  | 'noSnapshot' // nothing stored yet (first sync, or the file was rebuilt)
  | 'reconcileDue' // the last full sync is older than the reconcile interval
  | 'reconcileCount' // enough incremental runs since the last full one
  | 'tooManyChanges' // so many devices changed that fetching everything costs about the same
  | 'storeRebuilt'; // the inventory file was damaged and has been started again

export type SyncEvent =
  | { readonly kind: 'progress'; readonly progress: SyncProgress }
  /** The inventory file was damaged: it was moved aside and a new one started; tell the user. */
  | { readonly kind: 'storeDamaged'; readonly problem: Problem; readonly damagedFile?: string }
  /**
   * Intune's @odata.count could not be trusted (it equalled the page size), so the sync cut the
   * list into fixed ranges and cannot check it received every device.
   */
  | { readonly kind: 'countUnavailable' }
  /** A refresh chose a full sync. */
  | { readonly kind: 'fullSyncChosen'; readonly reason: FullSyncReason };

export type SyncListener = (event: SyncEvent) => void;

/** How the count of a full sync was checked against Intune's. */
export type Completeness =
  | { readonly checked: true; readonly expected: number; readonly expectedAtEnd?: number }
  | { readonly checked: false; readonly reason: string };

export interface FullSyncResult {
  readonly kind: 'full';
  /** The sync_runs row of this run. */
  readonly runId: number;
  readonly deviceCount: number;
  /** When the sync started reading Graph (ISO 8601): the moment the snapshot describes. */
  readonly asOf: string;
  /** Newest lastSyncDateTime stored: where the next incremental run starts. */
  readonly watermark?: string;
  readonly completeness: Completeness;
  readonly partitions: number;
  /** Requests that counted a range before fetching it. */
  readonly probes: number;
  readonly pagesFetched: number;
  /** Devices received, including those received twice at partition boundaries. */
  readonly devicesReceived: number;
  readonly seconds: number;
  readonly reason: FullSyncReason;
}

export interface IncrementalSyncResult {
  readonly kind: 'incremental';
  readonly runId: number;
  /** Devices with lastSyncDateTime after this instant were asked for (the watermark less the safety margin). */
  readonly since: string;
  readonly pagesFetched: number;
  readonly devicesFetched: number;
  readonly upserted: number;
  readonly asOf: string;
  readonly watermark?: string;
  readonly seconds: number;
}

export type SyncResult = FullSyncResult | IncrementalSyncResult;
