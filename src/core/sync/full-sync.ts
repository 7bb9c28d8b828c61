// A full sync: every device of the tenant into a new snapshot, swapped in whole.
//
//   survey    one request: the first page with only id and enrolledDateTime, and $count=true
//   plan      ranges of enrolledDateTime cut at the sample's quantiles, each counted, the
//             oversized cut again (partition-plan.ts)
//   fetch     the partitions concurrently, each page handed to the snapshot as it arrives (by
//             default as bytes, parsed and stored by the snapshot's writer threads)
//   seal      every page stored; a device that came in two partitions is kept once
//   check     the different devices received against Intune's count
//   commit    the snapshot is indexed and becomes the one everyone reads, as of the sync's start
//
// Every request goes through the tenant's Graph client, so the whole run stays inside the
// tenant's rate budget and every request asks the token provider (a token that expires mid-sync
// is replaced without the sync noticing); throttling the client gives up on is waited out and
// the partition resumed (device-pages.ts). Until the commit, readers see the previous snapshot;
// a failure or a cancellation aborts the new one and leaves the previous one as it was, and a
// killed process leaves a staging area the next snapshot drops.
import type { ManagedDevice } from '@microsoft/microsoft-graph-types-beta';
import type { RawPage } from '../graph/raw-page.ts';
import type { TimeSource } from '../graph/time.ts';
import type { InventoryStore } from '../inventory/inventory-store.ts';
import type { SnapshotResult } from '../inventory/snapshot-writer.ts';
import { ProblemError } from '../problem.ts';
import type { DeviceLister } from './device-pages.ts';
import { DevicePages } from './device-pages.ts';
import type { EnrolmentRange } from './enrolment-ranges.ts';
import { WHOLE_RANGE, rangeFilter, sampleInstants } from './enrolment-ranges.ts';
import type { ListSurvey, PartitionPlanOptions } from './partition-plan.ts';
import { afterProbe, countIsTotal, initialRanges, partitionTarget } from './partition-plan.ts';
import { ProgressMeter } from './progress-meter.ts';
import { incompleteSyncProblem, problemOf } from './sync-problems.ts';
import type { Completeness, FullSyncReason, FullSyncResult, SyncListener } from './sync-model.ts';
import type { SyncSettings } from './sync-settings.ts';
import { WorkPool } from './work-pool.ts';

export interface FullSyncDeps {
  readonly client: DeviceLister;
  readonly store: InventoryStore;
  readonly time: TimeSource;
  readonly settings: SyncSettings;
  readonly emit: SyncListener;
}

/** SnapshotWriter (in this thread) or OffThreadSnapshot (in worker threads): what a full sync writes into. */
interface Snapshot {
  readonly deviceCount: number;
  readonly devicesReceived: number;
  addDevices(devices: readonly ManagedDevice[]): void | Promise<void>;
  /** Pages as they came, parsed where they are stored (OffThreadSnapshot). */
  addPage?(page: RawPage): Promise<void>;
  /** No more pages: devices stored twice are stored once; resolves with the number of different devices. */
  seal(): number | Promise<number>;
  commit(asOf: string): SnapshotResult | Promise<SnapshotResult>;
  abort(reason?: string): void | Promise<void>;
}

type Task =
  | { readonly kind: 'probe'; readonly range: EnrolmentRange }
  | { readonly kind: 'fetch'; readonly range: EnrolmentRange; readonly expected?: number };

/** The largest partitions first, so none is left to run alone at the end; counts in the order they came. */
function before(a: Task, b: Task): number {
  if (a.kind === 'fetch' && b.kind === 'fetch') return (b.expected ?? 0) - (a.expected ?? 0);
  return 0;
}

export async function runFullSync(deps: FullSyncDeps, reason: FullSyncReason, signal?: AbortSignal): Promise<FullSyncResult> {
  const { store, time } = deps;
  const meter = new ProgressMeter('full', time, deps.settings.progressIntervalMs, deps.emit);
  const startedAt = time.now();
  const asOf = new Date(startedAt).toISOString();
  const previousAsOf = store.status().asOf;
  meter.phase('planning');
  const reader = new DevicePages(deps.client, time, deps.settings.throttledPatienceMs);
  // The writer threads start while the list is surveyed: neither waits for the other.
  const starting = startSnapshot(deps);
  let writer: Snapshot | undefined;
  try {
    signal?.throwIfAborted();
    const [survey, started] = await Promise.all([surveyList(reader, deps.settings, signal), starting]);
    writer = started;
    if (survey.total === undefined) emitQuietly(deps.emit, { kind: 'countUnavailable' });
    meter.estimate(survey.total);
    const partitions = new PartitionedFetch(deps, reader, survey, writer, meter);
    await partitions.run(signal);
    const devices = await writer.seal();
    const completeness = await checkCompleteness(reader, writer, survey, deps.settings, signal, previousAsOf);
    signal?.throwIfAborted();
    meter.phase('committing', devices);
    const committed = await writer.commit(asOf);
    meter.phase('done');
    return {
      kind: 'full',
      runId: committed.runId,
      deviceCount: committed.deviceCount,
      asOf: committed.asOf,
      ...(committed.watermark === undefined ? {} : { watermark: committed.watermark }),
      completeness,
      partitions: partitions.partitions,
      probes: partitions.probes,
      pagesFetched: meter.pagesFetched,
      devicesReceived: writer.devicesReceived,
      seconds: (time.now() - startedAt) / 1000,
      reason,
    };
  } catch (error) {
    const problem = problemOf(error, signal, previousAsOf);
    try {
      // A survey that failed first leaves the writer starting: it is aborted once it has.
      await (writer ?? (await starting)).abort(problem.code === 'cancelled' ? `Cancelled: ${problem.message}` : problem.message);
    } catch {
      // The staging area is dropped by the next snapshot; the problem to report is the first one.
    }
    if (error instanceof ProblemError && error.problem === problem) throw error;
    throw new ProblemError(problem);
  }
}

function startSnapshot(deps: FullSyncDeps): Promise<Snapshot> {
  if (deps.settings.snapshotWriter === 'inline') return Promise.resolve(deps.store.beginFullSnapshot());
  return deps.store.beginOffThreadSnapshot({ threads: deps.settings.snapshotThreads, ...(deps.settings.snapshotWorkerUrl ? { workerUrl: deps.settings.snapshotWorkerUrl } : {}) });
}

/** Counting ranges and fetching partitions into the snapshot, concurrently. */
class PartitionedFetch {
  partitions = 0;
  probes = 0;
  private readonly deps: FullSyncDeps;
  private readonly reader: DevicePages;
  private readonly survey: ListSurvey;
  private readonly writer: Snapshot;
  private readonly meter: ProgressMeter;
  private readonly plan: PartitionPlanOptions;
  private pool: WorkPool<Task> | undefined;
  /** The whole list is being fetched at once: the ranges are no longer needed. */
  private wholeList = false;

  constructor(deps: FullSyncDeps, reader: DevicePages, survey: ListSurvey, writer: Snapshot, meter: ProgressMeter) {
    this.deps = deps;
    this.reader = reader;
    this.survey = survey;
    this.writer = writer;
    this.meter = meter;
    const { pageSize, concurrency, minRangeWidthMs, partitionSize } = deps.settings;
    this.plan = { pageSize, concurrency, minRangeWidthMs, ...(partitionSize === undefined ? {} : { partitionSize }) };
  }

  async run(signal: AbortSignal | undefined): Promise<void> {
    // Counts run in a lane of their own: a partition starts as soon as its own count is in,
    // while the others are still being counted.
    const pool = new WorkPool<Task>({
      lanes: { probe: this.deps.settings.concurrency, fetch: this.deps.settings.concurrency },
      laneOf: (task) => task.kind,
      before,
      ...(signal ? { signal } : {}),
      work: (task, poolSignal) => (task.kind === 'probe' ? this.probe(task.range, poolSignal) : this.fetch(task.range, poolSignal)),
    });
    this.pool = pool;
    for (const task of firstTasks(this.survey, this.plan, this.deps.settings, this.deps.time.now())) pool.add(task);
    await pool.done();
  }

  private async probe(range: EnrolmentRange, signal: AbortSignal): Promise<void> {
    if (this.wholeList) return;
    const pool = this.pool as WorkPool<Task>;
    this.probes++;
    const count = await countRange(this.reader, range, this.deps.settings, signal);
    const total = this.survey.total;
    if (this.wholeList) return;
    if (count === undefined || total === undefined) {
      pool.add({ kind: 'fetch', range });
      return;
    }
    if (count >= total && total > 0 && range !== WHOLE_RANGE) {
      // A range that holds every device: the service ignored the filter, as it does with
      // filters it does not support (FACTS §3), or the dates are one cluster. Either way,
      // fetching each range would fetch the whole list each time: fetch it once instead.
      this.wholeList = true;
      pool.add({ kind: 'fetch', range: WHOLE_RANGE, expected: count });
      return;
    }
    const outcome = afterProbe(range, count, total, this.survey, this.plan, this.deps.time.now());
    if (outcome.kind === 'fetch') pool.add({ kind: 'fetch', range: outcome.range, expected: outcome.expected });
    else for (const part of outcome.ranges) pool.add({ kind: 'probe', range: part });
  }

  private async fetch(range: EnrolmentRange, signal: AbortSignal): Promise<void> {
    if (this.wholeList && range !== WHOLE_RANGE) return;
    if (this.partitions++ === 0) this.meter.phase('fetching');
    const filter = rangeFilter(range, this.deps.settings.boundaryMarginMs);
    const query = { $top: this.deps.settings.pageSize, ...(filter === undefined ? {} : { $filter: filter }) };
    const writer = this.writer;
    // A writer that parses pages where it stores them gets their bytes: this thread, which
    // talks to Graph, then never decodes or parses the devices at all.
    if (writer.addPage && this.reader.readsRaw) {
      const addPage = writer.addPage.bind(writer);
      await this.reader.eachRaw(query, signal, async (page) => {
        // Answers at once while the writer threads have room for more pages, so the next page
        // of this partition is asked for while this one is stored.
        await addPage(page);
        this.meter.page(writer.deviceCount);
        return undefined;
      });
      return;
    }
    await this.reader.each(query, signal, async (page) => {
      if (page.value.length > 0) await writer.addDevices(page.value);
      this.meter.page(writer.deviceCount);
      return undefined;
    });
  }
}

/** What to do first: the whole list when it is small, otherwise count (or, without a count, fetch) the planned ranges. */
function firstTasks(survey: ListSurvey, plan: PartitionPlanOptions, settings: SyncSettings, now: number): Task[] {
  if (survey.total !== undefined && survey.total <= Math.max(2 * settings.pageSize, partitionTarget(survey.total, plan))) {
    return [{ kind: 'fetch', range: WHOLE_RANGE, expected: survey.total }];
  }
  const ranges = initialRanges(survey, plan, now);
  if (survey.total === undefined) return ranges.map((range) => ({ kind: 'fetch' as const, range }));
  return ranges.map((range) => ({ kind: 'probe' as const, range }));
}

/** The first page of the list with only what planning needs: the total, and a sample of enrolment dates. */
async function surveyList(reader: DevicePages, settings: SyncSettings, signal: AbortSignal | undefined): Promise<ListSurvey> {
  const page = await reader.first<Pick<ManagedDevice, 'id' | 'enrolledDateTime'>>({ $top: settings.pageSize, $count: 'true', $select: 'id,enrolledDateTime' }, signal);
  return {
    total: countIsTotal(page) ? page.count : undefined,
    sample: sampleInstants(page.value.map((d) => d.enrolledDateTime)),
  };
}

/** Devices in a range per Intune's $count; undefined when the count is only the page size. */
async function countRange(reader: DevicePages, range: EnrolmentRange, settings: SyncSettings, signal: AbortSignal | undefined): Promise<number | undefined> {
  const filter = rangeFilter(range, settings.boundaryMarginMs);
  const page = await reader.first<Pick<ManagedDevice, 'id'>>({ $top: 1, $count: 'true', $select: 'id', ...(filter === undefined ? {} : { $filter: filter }) }, signal);
  return countIsTotal(page) ? page.count : undefined;
}

/**
 * The different devices received must match Intune's count. Devices enrolled or removed while
 * the sync ran can move the count, so a shortfall is checked against a second count at the end:
 * only fewer devices than both counts means pages went missing.
 */
async function checkCompleteness(reader: DevicePages, writer: Snapshot, survey: ListSurvey, settings: SyncSettings, signal: AbortSignal | undefined, previousAsOf: string | undefined): Promise<Completeness> {
  if (survey.total === undefined) return { checked: false, reason: "Intune's @odata.count was the page size, not the number of devices" };
  const received = writer.deviceCount;
  if (received >= survey.total) return { checked: true, expected: survey.total };
  const recount = await countRange(reader, WHOLE_RANGE, settings, signal);
  if (recount !== undefined && received >= Math.min(survey.total, recount)) return { checked: true, expected: survey.total, expectedAtEnd: recount };
  throw new ProblemError(incompleteSyncProblem(received, survey.total, recount, previousAsOf));
}

function emitQuietly(emit: SyncListener, event: Parameters<SyncListener>[0]): void {
  try {
    emit(event);
  } catch {
    // A listener's failure is not the sync's.
  }
}
