// A full sync: every device of the tenant into a new snapshot, swapped in whole.
//
//   survey    one request: the first page with only id and enrolledDateTime, and $count=true
//   plan      ranges of enrolledDateTime cut at the sample's quantiles, each counted, the
//             oversized cut again (partition-plan.ts)
//   fetch     the partitions concurrently, each page written into the snapshot as it arrives
//   check     the different devices received against Intune's count
//   commit    the snapshot is indexed and becomes the one everyone reads, as of the sync's start
//
// Every request goes through the tenant's Graph client, so the whole run stays inside the
// tenant's rate budget and every request asks the token provider (a token that expires mid-sync
// is replaced without the sync noticing). Until the commit, readers see the previous snapshot;
// a failure or a cancellation aborts the new one and leaves the previous one as it was, and a
// killed process leaves a staging area the next snapshot drops.
import type { ManagedDevice } from '@microsoft/microsoft-graph-types-beta';
import type { GraphClient } from '../graph/graph-client.ts';
import { managedDevices } from '../graph/graph-paths.ts';
import type { GraphPage } from '../graph/page.ts';
import type { QueryValue } from '../graph/graph-client.ts';
import type { TimeSource } from '../graph/time.ts';
import type { InventoryStore } from '../inventory/inventory-store.ts';
import type { SnapshotWriter } from '../inventory/snapshot-writer.ts';
import { ProblemError } from '../problem.ts';
import type { EnrolmentRange } from './enrolment-ranges.ts';
import { WHOLE_RANGE, rangeFilter, sampleInstants } from './enrolment-ranges.ts';
import type { ListSurvey, PartitionPlanOptions } from './partition-plan.ts';
import { afterProbe, countIsTotal, initialRanges, partitionTarget } from './partition-plan.ts';
import { ProgressMeter } from './progress-meter.ts';
import { incompleteSyncProblem, problemOf } from './sync-problems.ts';
import type { Completeness, FullSyncReason, FullSyncResult, SyncListener } from './sync-model.ts';
import type { SyncSettings } from './sync-settings.ts';
import { WorkPool } from './work-pool.ts';

/** The part of the Graph client a sync uses. */
export type DeviceLister = Pick<GraphClient, 'pages'>;

export interface FullSyncDeps {
  readonly client: DeviceLister;
  readonly store: InventoryStore;
  readonly time: TimeSource;
  readonly settings: SyncSettings;
  readonly emit: SyncListener;
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
  const writer = store.beginFullSnapshot();
  try {
    signal?.throwIfAborted();
    const survey = await surveyList(deps.client, deps.settings, signal);
    if (survey.total === undefined) emitQuietly(deps.emit, { kind: 'countUnavailable' });
    meter.estimate(survey.total);
    const partitions = new PartitionedFetch(deps, survey, writer, meter);
    await partitions.run(signal);
    const completeness = await checkCompleteness(deps.client, writer, survey, deps.settings, signal, previousAsOf);
    signal?.throwIfAborted();
    meter.phase('committing');
    const committed = writer.commit(asOf);
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
      devicesReceived: partitions.received,
      seconds: (time.now() - startedAt) / 1000,
      reason,
    };
  } catch (error) {
    const problem = problemOf(error, signal, previousAsOf);
    try {
      writer.abort(problem.code === 'cancelled' ? `Cancelled: ${problem.message}` : problem.message);
    } catch {
      // The staging area is dropped by the next snapshot; the problem to report is the first one.
    }
    if (error instanceof ProblemError && error.problem === problem) throw error;
    throw new ProblemError(problem);
  }
}

/** Counting ranges and fetching partitions into the snapshot, concurrently. */
class PartitionedFetch {
  partitions = 0;
  probes = 0;
  received = 0;
  private readonly deps: FullSyncDeps;
  private readonly survey: ListSurvey;
  private readonly writer: SnapshotWriter;
  private readonly meter: ProgressMeter;
  private readonly plan: PartitionPlanOptions;
  private pool: WorkPool<Task> | undefined;
  /** The whole list is being fetched at once: the ranges are no longer needed. */
  private wholeList = false;

  constructor(deps: FullSyncDeps, survey: ListSurvey, writer: SnapshotWriter, meter: ProgressMeter) {
    this.deps = deps;
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
    const count = await countRange(this.deps.client, range, this.deps.settings, signal);
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
    await fetchRange(this.deps.client, this.writer, range, this.deps.settings, signal, (devices) => {
      this.received += devices;
      this.meter.page(this.writer.deviceCount);
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
async function surveyList(client: DeviceLister, settings: SyncSettings, signal: AbortSignal | undefined): Promise<ListSurvey> {
  const page = await firstPage<Pick<ManagedDevice, 'id' | 'enrolledDateTime'>>(client, { $top: settings.pageSize, $count: 'true', $select: 'id,enrolledDateTime' }, signal);
  return {
    total: countIsTotal(page) ? page.count : undefined,
    sample: sampleInstants(page.value.map((d) => d.enrolledDateTime)),
  };
}

/** Devices in a range per Intune's $count; undefined when the count is only the page size. */
async function countRange(client: DeviceLister, range: EnrolmentRange, settings: SyncSettings, signal: AbortSignal | undefined): Promise<number | undefined> {
  const filter = rangeFilter(range, settings.boundaryMarginMs);
  const page = await firstPage<Pick<ManagedDevice, 'id'>>(client, { $top: 1, $count: 'true', $select: 'id', ...(filter === undefined ? {} : { $filter: filter }) }, signal);
  return countIsTotal(page) ? page.count : undefined;
}

async function fetchRange(client: DeviceLister, writer: SnapshotWriter, range: EnrolmentRange, settings: SyncSettings, signal: AbortSignal, onPage: (devices: number) => void): Promise<void> {
  const filter = rangeFilter(range, settings.boundaryMarginMs);
  const query: Record<string, QueryValue> = { $top: settings.pageSize, ...(filter === undefined ? {} : { $filter: filter }) };
  for await (const page of client.pages(managedDevices, { query, signal })) {
    // The pool may have stopped (another partition failed) while this page was on its way.
    signal.throwIfAborted();
    if (page.value.length > 0) writer.addDevices(page.value);
    onPage(page.value.length);
  }
}

/**
 * The different devices received must match Intune's count. Devices enrolled or removed while
 * the sync ran can move the count, so a shortfall is checked against a second count at the end:
 * only fewer devices than both counts means pages went missing.
 */
async function checkCompleteness(client: DeviceLister, writer: SnapshotWriter, survey: ListSurvey, settings: SyncSettings, signal: AbortSignal | undefined, previousAsOf: string | undefined): Promise<Completeness> {
  if (survey.total === undefined) return { checked: false, reason: "Intune's @odata.count was the page size, not the number of devices" };
  const received = writer.deviceCount;
  if (received >= survey.total) return { checked: true, expected: survey.total };
  const recount = await countRange(client, WHOLE_RANGE, settings, signal);
  if (recount !== undefined && received >= Math.min(survey.total, recount)) return { checked: true, expected: survey.total, expectedAtEnd: recount };
  throw new ProblemError(incompleteSyncProblem(received, survey.total, recount, previousAsOf));
}

async function firstPage<T>(client: DeviceLister, query: Readonly<Record<string, QueryValue>>, signal: AbortSignal | undefined): Promise<GraphPage<T>> {
  const pages = client.pages<T>(managedDevices.path, { query, ...(signal ? { signal } : {}) });
  try {
    const first = await pages.next();
    if (first.done) throw new ProblemError({ code: 'malformedResponse', message: 'Intune answered the device list with no page at all.' });
    return first.value;
  } finally {
    await pages.return(undefined);
  }
}

function emitQuietly(emit: SyncListener, event: Parameters<SyncListener>[0]): void {
  try {
    emit(event);
  } catch {
    // A listener's failure is not the sync's.
  }
}
