// Issue 3, figures (a) full sync and (c) incremental refresh.
//
// (a) 100,000 devices from the demo tenant with 100 ms of latency injected per request. The
//     baseline pages as Microsoft's samples do (GET the list, then each @odata.nextLink in turn),
//     the engine cuts the list into enrolledDateTime partitions fetched concurrently; both write
//     the same kind of inventory file through the same snapshot writer and Graph client (beta,
//     as the app). They run side by side in one run, alternating, fresh file each time, and the
//     best of each is compared. The peak is the most requests the engine sent in any 20-second
//     window, from the client's own send events, against Intune's published per-app budget for
//     the devices area (2000 per 20 s).
// (c) 1% of the devices check in (the syncDevice bulk action, sent through Graph, which moves
//     lastSyncDateTime as a real check-in does), then one incremental run.
//
// The demo tenant runs in a process of its own, as the real service runs on other machines: in
// this process its work (serialising pages, filtering ranges) would compete with the client's
// for one thread and measure neither.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { GraphClient } from '../src/core/graph/index.ts';
import type { GraphClientEvent } from '../src/core/graph/index.ts';
import { openInventory } from '../src/core/inventory/index.ts';
import { DeviceSync, baselineFullSync } from '../src/core/sync/index.ts';
import type { FullSyncResult, SyncEvent, SyncPhase } from '../src/core/sync/index.ts';
import { ADMIN_KEY_HEADER } from '../src/emulator/admin.ts';
import { CONTOSO, INTUNE_SCOPES } from '../src/emulator/directory/demo-directory.ts';
import { startCli } from '../test/helpers/emulator-process.ts';
import { httpsRequest } from '../test/helpers/https-request.ts';
import { signIn } from '../test/helpers/sign-in.ts';
import type { Row } from './results-file.ts';

const DEVICES = 100_000;
const LATENCY_MS = 100;
/**
 * The first round also pays for JIT warm-up, in this process and the tenant's. The same sync on
 * this 2-core virtual machine varies by ±15% from run to run (CPU shared with the tenant's
 * process and with neighbours), so each side gets five runs; the best of each are compared, and
 * the median ratio is reported next to it so the spread is visible.
 */
const ROUNDS = 5;
const WINDOW_MS = 20_000;
/** Intune's published per-app budget for the devices area, any request (FACTS §4). */
const DEVICES_BUDGET_PER_20S = 2000;
const CHANGED = DEVICES / 100;
/** Platforms syncDevice supports; a device that has not checked in for a week would leave it pending. */
const SYNCABLE = new Set(['Windows', 'iOS', 'macOS', 'Android']);

interface Measured {
  readonly seconds: number;
  readonly cpuSeconds: number;
  readonly requests: number;
  readonly peakPer20s: number;
}

export async function benchSync(): Promise<{ readonly rows: Row[]; readonly figures: Record<string, number> }> {
  const tenant = await startCli(['--devices', String(DEVICES), '--latency-ms', String(LATENCY_MS), '--seed', '1'], process.env, 120_000);
  const folders: string[] = [];
  const newFolder = (): string => {
    const dir = mkdtempSync(join(tmpdir(), 'intune-desk-bench-sync-'));
    folders.push(dir);
    return dir;
  };
  try {
    const baseUrl = tenant.ready.graphBaseUrl;
    const ca = readFileSync(tenant.ready.caCertificate, 'utf8');
    const signedIn = await signIn({ baseUrl, ca, tenant: 'contoso.onmicrosoft.com', upn: 'adele.vance@contoso.onmicrosoft.com', scopes: INTUNE_SCOPES });
    const client = (events: GraphClientEvent[]): GraphClient =>
      new GraphClient({ baseUrl, version: 'beta', caCertificatePem: ca, tokenProvider: async () => signedIn.accessToken, onEvent: (e) => events.push(e) });

    const baselines: Measured[] = [];
    const engines: (Measured & { readonly result: FullSyncResult; readonly phases: PhaseTimes })[] = [];
    let engineSync: DeviceSync | undefined;
    let engineClient: GraphClient | undefined;
    let engineFolder: string | undefined;
    // Each run writes a 280 MB inventory. Left on disk, the kernel writes their pages back
    // while later runs are measured, on the same two cores; each goes once it is not needed.
    const removeFolder = (dir: string): void => {
      rmSync(dir, { recursive: true, force: true });
      folders.splice(folders.indexOf(dir), 1);
    };
    for (let round = 0; round < ROUNDS; round++) {
      // Alternate who goes first, so drift in the machine's load does not favour either.
      const order = round % 2 === 0 ? (['baseline', 'engine'] as const) : (['engine', 'baseline'] as const);
      for (const who of order) {
        const events: GraphClientEvent[] = [];
        const graph = client(events);
        const dataDir = newFolder();
        if (who === 'baseline') {
          const { store } = openInventory({ dataDir, tenantId: CONTOSO.id });
          const measured = await measure(events, async () => {
            const result = await baselineFullSync(graph, store);
            check(result.deviceCount, 'baseline');
          });
          store.close();
          graph.close();
          baselines.push(measured);
          removeFolder(dataDir);
        } else {
          engineSync?.close();
          engineClient?.close();
          if (engineFolder !== undefined) removeFolder(engineFolder);
          engineFolder = dataDir;
          const phases = new PhaseClock();
          const sync = new DeviceSync({ client: graph, openStore: () => openInventory({ dataDir, tenantId: CONTOSO.id }), onEvent: (e) => phases.see(e) });
          let result: FullSyncResult | undefined;
          const measured = await measure(events, async () => {
            result = await sync.fullSync();
            check(result.deviceCount, 'engine');
          });
          engines.push({ ...measured, result: result as FullSyncResult, phases: phases.times() });
          // The last engine's inventory is the one the incremental run refreshes.
          engineSync = sync;
          engineClient = graph;
        }
      }
    }

    const incremental = await benchIncremental(engineSync as DeviceSync, engineClient as GraphClient, tenant.ready.admin, ca);
    engineSync?.close();
    engineClient?.close();

    const baseline = Math.min(...baselines.map((m) => m.seconds));
    const bestEngine = engines.reduce((best, m) => (m.seconds < best.seconds ? m : best));
    const ratio = bestEngine.seconds / baseline;
    const medianRatio = median(engines.map((m) => m.seconds)) / median(baselines.map((m) => m.seconds));
    const peak = Math.max(...engines.map((m) => m.peakPer20s));
    const figures: Record<string, number> = {
      syncBaselineSeconds: round(baseline, 2),
      syncEngineSeconds: round(bestEngine.seconds, 2),
      syncRatio: round(ratio, 3),
      syncRatioMedian: round(medianRatio, 3),
      syncPeakRequestsPer20s: peak,
      syncBaselineRequests: baselines[0]?.requests ?? 0,
      syncEngineRequests: bestEngine.requests,
      syncEnginePartitions: bestEngine.result.partitions,
      syncBaselineCpuSeconds: round(Math.min(...baselines.map((m) => m.cpuSeconds)), 2),
      syncEngineCpuSeconds: round(bestEngine.cpuSeconds, 2),
      syncEnginePlanningSeconds: round(bestEngine.phases.planning, 2),
      syncEngineFetchingSeconds: round(bestEngine.phases.fetching, 2),
      syncEngineCommitSeconds: round(bestEngine.phases.committing, 2),
      incrementalSeconds: round(incremental.seconds, 2),
      incrementalDevicesChanged: incremental.changed,
      incrementalDevicesFetched: incremental.fetched,
    };
    const runs = (list: readonly Measured[]): string => list.map((m) => m.seconds.toFixed(1)).join(', ');
    return {
      figures,
      rows: [
        { figure: `(a) Full sync of ${DEVICES.toLocaleString('en-US')} devices, ${LATENCY_MS} ms latency: baseline (sequential nextLink), best of ${ROUNDS}`, value: `${baseline.toFixed(1)} s (runs ${runs(baselines)}; ${baselines[0]?.requests ?? 0} requests; client CPU ${figures['syncBaselineCpuSeconds']} s)`, target: '—', met: undefined },
        { figure: `(a) Full sync: engine (enrolledDateTime partitions, concurrent), best of ${ROUNDS}`, value: `${bestEngine.seconds.toFixed(1)} s (runs ${runs(engines)}; planning ${bestEngine.phases.planning.toFixed(1)} s, fetching ${bestEngine.phases.fetching.toFixed(1)} s, commit ${bestEngine.phases.committing.toFixed(1)} s; ${bestEngine.requests} requests, ${bestEngine.result.partitions} partitions, ${bestEngine.result.probes} counts; client CPU ${figures['syncEngineCpuSeconds']} s)`, target: '—', met: undefined },
        { figure: '(a) Engine / baseline', value: ratio.toFixed(3), target: '≤ 0.3', met: ratio <= 0.3 },
        { figure: '(a) Engine / baseline, median run of each', value: medianRatio.toFixed(3), target: 'reported', met: undefined },
        { figure: '(a) Most requests the engine sent in any 20 s', value: String(peak), target: `≤ ${DEVICES_BUDGET_PER_20S} (Intune, devices, per app)`, met: peak <= DEVICES_BUDGET_PER_20S },
        { figure: `(c) Incremental refresh after ${incremental.changed.toLocaleString('en-US')} devices (1%) checked in`, value: `${incremental.seconds.toFixed(2)} s (${incremental.fetched.toLocaleString('en-US')} devices fetched in ${incremental.pages} pages)`, target: 'reported', met: undefined },
      ],
    };
  } finally {
    await tenant.stop();
    for (const dir of folders) rmSync(dir, { recursive: true, force: true });
  }
}

interface PhaseTimes {
  readonly planning: number;
  readonly fetching: number;
  readonly committing: number;
}

/** Seconds the engine spent in each phase, from its progress events. */
class PhaseClock {
  private readonly starts = new Map<SyncPhase, number>();

  see(event: SyncEvent): void {
    if (event.kind === 'progress' && !this.starts.has(event.progress.phase)) this.starts.set(event.progress.phase, performance.now());
  }

  times(): PhaseTimes {
    const at = (phase: SyncPhase): number => this.starts.get(phase) ?? Number.NaN;
    return {
      planning: (at('fetching') - at('planning')) / 1000,
      fetching: (at('committing') - at('fetching')) / 1000,
      committing: (at('done') - at('committing')) / 1000,
    };
  }
}

async function measure(events: readonly GraphClientEvent[], run: () => Promise<void>): Promise<Measured> {
  const cpu = process.cpuUsage();
  const started = performance.now();
  await run();
  const seconds = (performance.now() - started) / 1000;
  const used = process.cpuUsage(cpu);
  const sends = events.filter((e) => e.kind === 'send').map((e) => e.at);
  return { seconds, cpuSeconds: (used.user + used.system) / 1e6, requests: sends.length, peakPer20s: busiestWindow(sends, WINDOW_MS) };
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? (sorted[middle] as number) : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
}

/** Most sends in any window (t - windowMs, t]. */
function busiestWindow(times: readonly number[], windowMs: number): number {
  const sorted = [...times].sort((a, b) => a - b);
  let best = 0;
  let start = 0;
  for (let end = 0; end < sorted.length; end++) {
    while ((sorted[start] as number) <= (sorted[end] as number) - windowMs) start++;
    best = Math.max(best, end - start + 1);
  }
  return best;
}

interface IncrementalFigures {
  readonly seconds: number;
  readonly changed: number;
  readonly fetched: number;
  readonly pages: number;
}

/**
 * 1% of the devices check in: the syncDevice bulk action (100 devices per request) on devices
 * that are online (checked in this week, on a platform the action supports), through Graph;
 * more are asked if a few actions fail, as about 2% do. Then one incremental run, timed.
 */
async function benchIncremental(sync: DeviceSync, graph: GraphClient, admin: { readonly url: string; readonly key: string }, ca: string): Promise<IncrementalFigures> {
  // Actions complete at once rather than after the demo tenant's two seconds.
  await httpsRequest(`${admin.url}/actions`, { method: 'PATCH', ca, headers: { [ADMIN_KEY_HEADER]: admin.key, 'content-type': 'application/json' }, body: JSON.stringify({ completeMs: 0 }) });
  const weekAgo = Date.now() - 7 * 86_400_000;
  const candidates: string[] = [];
  for (const row of sync.store.exportRows({ sort: { column: 'id', direction: 'asc' } })) {
    if (SYNCABLE.has(row.operatingSystem ?? '') && Date.parse(row.lastSyncDateTime ?? '') > weekAgo) candidates.push(row.id);
  }
  const mark = new Date(Date.now() - 1000).toISOString();
  let next = 0;
  let changed = 0;
  for (let attempt = 0; attempt < 5 && changed < CHANGED; attempt++) {
    const wanted = CHANGED - changed;
    for (let sent = 0; sent < wanted; sent += 100) {
      const deviceIds = candidates.slice(next, next + Math.min(100, wanted - sent));
      next += deviceIds.length;
      await graph.post('/deviceManagement/managedDevices/executeAction', { actionName: 'syncDevice', deviceIds });
    }
    changed = await settledCount(graph, mark);
  }
  if (changed < CHANGED) throw new Error(`only ${changed} devices checked in`);
  const result = await sync.incrementalSync();
  if (result.kind !== 'incremental') throw new Error(`the refresh ran a ${result.kind} sync (${result.reason})`);
  return { seconds: result.seconds, changed, fetched: result.devicesFetched, pages: result.pagesFetched };
}

/** Devices that checked in after `mark`, once the count stops moving. */
async function settledCount(graph: GraphClient, mark: string): Promise<number> {
  let last = -1;
  for (let polls = 0; polls < 40; polls++) {
    const page = await graph.get<{ '@odata.count': number }>('/deviceManagement/managedDevices', { query: { $top: 1, $count: 'true', $select: 'id', $filter: `lastSyncDateTime gt ${mark}` } });
    const count = page['@odata.count'];
    if (count === last) return count;
    last = count;
    await delay(250);
  }
  return last;
}

function check(count: number, who: string): void {
  if (count !== DEVICES) throw new Error(`the ${who} stored ${count} devices, not ${DEVICES}`);
}

function round(value: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}
