// The inventory store's figures (issue 3): (b) search over 100,000 cached devices and (d) the
// CPU and peak memory of ingesting 100,000 devices through the snapshot writer.
//
// The devices are the demo tenant's, serialized as a beta list page sends them, written once to
// an NDJSON file so that the measured process only ingests. Ingest runs in fresh child
// processes: one first sync, then three re-syncs over it (the steady state: the previous
// snapshot is replaced and dropped). As in the emulator's figures, CPU is the best of the three
// (the machine's other work only ever adds to it); peak RSS is the worst of the three. Every run
// is shown. Search then runs in this process over the store the last child left, three rounds of
// every query kind; the best round is reported and every round shown.
import { spawn } from 'node:child_process';
import { createWriteStream, mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { once } from 'node:events';
import { Inventory } from '../src/core/inventory/index.ts';
import type { DeviceQuery, InventoryStore } from '../src/core/inventory/index.ts';
import { generateTenantData } from '../src/emulator/data/generate-tenant.ts';
import { CONTOSO, demoDirectory } from '../src/emulator/directory/demo-directory.ts';
import { managedDevices } from '../src/emulator/graph/model/tenant-graph.ts';
import { serializeEntity } from '../src/emulator/graph/odata/serialize.ts';
import type { IngestMeasurement } from './inventory-ingest-child.ts';
import type { Row } from './results-file.ts';
import { percentile } from './results-file.ts';

const DEVICES = 100_000;
const PAGE = 1000;
const ANCHOR = Date.UTC(2026, 10, 1);
const STEADY_RUNS = 3;
const SAMPLES_PER_KIND = 40;
const SEARCH_ROUNDS = 3;
const CHILD = join(import.meta.dirname, 'inventory-ingest-child.ts');

interface DeviceFields {
  readonly deviceName: string;
  readonly userPrincipalName: string;
  readonly serialNumber: string;
  readonly imei: string;
  readonly wiFiMacAddress: string;
  readonly model: string;
}

export async function benchInventory(): Promise<{ readonly rows: Row[]; readonly figures: Record<string, number> }> {
  const work = mkdtempSync(join(tmpdir(), 'inventory-bench-'));
  try {
    const file = join(work, 'devices.ndjson');
    const sample = await writeDevices(file);
    const dataDir = join(work, 'data');
    const load = loadavg()[0] ?? 0;

    const first = await ingestInChild(dataDir, file);
    const steady: IngestMeasurement[] = [];
    for (let run = 0; run < STEADY_RUNS; run++) steady.push(await ingestInChild(dataDir, file));
    const per100k = (m: IngestMeasurement): number => (m.storeCpuSeconds * 100_000) / m.devices;
    const cpu = Math.min(...steady.map(per100k));
    const rss = Math.max(...steady.map((m) => m.peakRssMb));
    const parse = Math.min(...steady.map((m) => (m.parseCpuSeconds * 100_000) / m.devices));
    const wall = Math.min(...steady.map((m) => (m.wallSeconds * 100_000) / m.devices));

    const inventory = new Inventory({ dataDir, clock: () => ANCHOR });
    const rounds: SearchFigures[] = [];
    let prepareMs = 0;
    try {
      const { store } = inventory.openTenant(CONTOSO.id);
      if (store.status().deviceCount !== DEVICES) throw new Error(`the store holds ${store.status().deviceCount} devices, expected ${DEVICES}`);
      // Short searches are answered from the devices' lines in memory, read once per change of the data.
      const before = process.cpuUsage();
      store.prepareSearch();
      const used = process.cpuUsage(before);
      prepareMs = (used.user + used.system) / 1000;
      for (let round = 0; round < SEARCH_ROUNDS; round++) rounds.push(measureSearch(store, sample));
    } finally {
      inventory.close();
    }
    const search = rounds.reduce((best, r) => (r.p95 < best.p95 ? r : best));

    const figures: Record<string, number> = {
      searchP50Ms: round(search.p50, 2),
      searchP95Ms: round(search.p95, 2),
      searchCpuP95Ms: round(search.cpuP95, 2),
      searchPrepareCpuMs: round(prepareMs, 0),
      ingestCpuSecondsPer100k: round(cpu, 2),
      ingestPeakRssMb: round(rss, 0),
      ingestWallSecondsPer100k: round(wall, 2),
      ingestParseCpuSecondsPer100k: round(parse, 2),
      inventoryFileMb: round(steady.at(-1)?.fileMb ?? 0, 0),
    };
    const runs = steady.map((m) => `${per100k(m).toFixed(2)} s / ${m.peakRssMb.toFixed(0)} MB`).join(', ');
    const rows: Row[] = [
      { figure: `(b) Search over ${DEVICES.toLocaleString('en-US')} devices, p95 of ${search.kinds.length} kinds × ${SAMPLES_PER_KIND}, best of ${SEARCH_ROUNDS} rounds`, value: `${search.p95.toFixed(2)} ms (p50 ${search.p50.toFixed(2)} ms; rounds' p95: ${rounds.map((r) => r.p95.toFixed(1)).join(', ')} ms)`, target: '≤ 20 ms', met: search.p95 <= 20 },
      { figure: '  search CPU time, p95 (wall time less what other processes took)', value: `${search.cpuP95.toFixed(2)} ms`, target: '', met: undefined },
      ...search.kinds.map((k) => ({ figure: `  search: ${k.kind}`, value: `p50 ${k.p50.toFixed(2)} ms, p95 ${k.p95.toFixed(2)} ms, ${k.matches} matches`, target: '', met: undefined })),
      { figure: '  reading the lines searches use (CPU, once per change of the data)', value: `${prepareMs.toFixed(0)} ms`, target: '', met: undefined },
      { figure: `(d) Ingest CPU per 100,000 devices (${PAGE}-device pages, commit and indexes), best of ${STEADY_RUNS} re-syncs`, value: `${cpu.toFixed(2)} s (runs: ${runs}; first sync ${per100k(first).toFixed(2)} s)`, target: '≤ 3 s', met: cpu <= 3 },
      { figure: `(d) Ingest peak RSS (fresh process), worst of ${STEADY_RUNS}`, value: `${rss.toFixed(0)} MB (first sync ${first.peakRssMb.toFixed(0)} MB)`, target: '≤ 400 MB', met: rss <= 400 },
      { figure: '  ingest wall time; JSON parsing (not in the CPU figure)', value: `${wall.toFixed(2)} s; ${parse.toFixed(2)} s CPU`, target: '', met: undefined },
      { figure: '  inventory file, 100,000 devices', value: `${figures['inventoryFileMb']} MB`, target: '', met: undefined },
      { figure: '  machine load (1-minute average) at the start', value: `${load.toFixed(2)} on ${navigator.hardwareConcurrency} CPUs`, target: '', met: undefined },
    ];
    return { rows, figures };
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

/** Writes the devices as NDJSON; returns the fields of every device (to build queries from). */
async function writeDevices(file: string): Promise<DeviceFields[]> {
  const data = generateTenantData(demoDirectory(), { tenantId: CONTOSO.id, devices: DEVICES, seed: 1, anchorTime: ANCHOR });
  const out = createWriteStream(file);
  const fields: DeviceFields[] = [];
  let chunk: string[] = [];
  for (const record of managedDevices(data.graph).values()) {
    const device = serializeEntity(record, { version: 'beta', inList: true, declaredType: 'managedDevice' });
    chunk.push(JSON.stringify(device));
    const text = (key: string): string => (typeof device?.[key] === 'string' ? (device[key] as string) : '');
    fields.push({ deviceName: text('deviceName'), userPrincipalName: text('userPrincipalName'), serialNumber: text('serialNumber'), imei: text('imei'), wiFiMacAddress: text('wiFiMacAddress'), model: text('model') });
    if (chunk.length === PAGE) {
      if (!out.write(`${chunk.join('\n')}\n`)) await once(out, 'drain');
      chunk = [];
    }
  }
  if (chunk.length > 0) out.write(`${chunk.join('\n')}\n`);
  out.end();
  await once(out, 'finish');
  return fields;
}

function ingestInChild(dataDir: string, file: string): Promise<IngestMeasurement> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CHILD, dataDir, CONTOSO.id, file, String(PAGE)], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    child.on('error', reject);
    child.on('exit', (code) => {
      if (code !== 0) reject(new Error(`the ingest child failed (${code}): ${stderr}`));
      else resolve(JSON.parse(stdout.trim()) as IngestMeasurement);
    });
  });
}

interface KindFigures {
  readonly kind: string;
  readonly p50: number;
  readonly p95: number;
  readonly matches: number;
}

interface SearchFigures {
  readonly p50: number;
  readonly p95: number;
  /** The same queries' CPU time, p95. */
  readonly cpuP95: number;
  readonly kinds: readonly KindFigures[];
}

/** The query kinds a technician types, each with five different values taken from the data. */
function queryKinds(devices: readonly DeviceFields[]): readonly { kind: string; queries: readonly DeviceQuery[] }[] {
  const spread = <T>(pick: (d: DeviceFields) => T | undefined): T[] => {
    const out: T[] = [];
    for (let i = 0; out.length < 5 && i < devices.length; i += 7919) {
      const value = pick(devices[i] as DeviceFields);
      if (value !== undefined) out.push(value);
    }
    for (let i = 1; out.length < 5 && i < devices.length; i++) {
      const value = pick(devices[i] as DeviceFields);
      if (value !== undefined) out.push(value);
    }
    return out;
  };
  const search = (values: readonly string[]): DeviceQuery[] => values.map((s) => ({ search: s }));
  const windows = (values: readonly string[], sort?: DeviceQuery['sort']): DeviceQuery[] => values.map((s) => ({ search: s, offset: 0, limit: 60, ...(sort ? { sort } : {}) }));
  const local = (upn: string): string => upn.split('@')[0] ?? '';
  const colons = (mac: string): string => mac.match(/../g)?.join(':') ?? mac;
  return [
    { kind: 'exact device name', queries: search(spread((d) => (/^[A-Z]+-[A-Z]+-\d+$/.test(d.deviceName) ? d.deviceName : undefined))) },
    // What a technician types before the list narrows: the name without its last characters.
    { kind: 'device name prefix', queries: search(spread((d) => (d.deviceName.length > 8 ? d.deviceName.slice(0, d.deviceName.length - 3) : undefined))) },
    { kind: 'UPN fragment', queries: search(spread((d) => (local(d.userPrincipalName).length > 8 ? local(d.userPrincipalName).slice(2, 8) : undefined))) },
    { kind: 'serial number fragment', queries: search(spread((d) => (d.serialNumber.length >= 9 ? d.serialNumber.slice(2, 8) : undefined))) },
    { kind: 'IMEI fragment', queries: search(spread((d) => (d.imei.length === 15 ? d.imei.slice(4, 12) : undefined))) },
    { kind: 'MAC with colons', queries: search(spread((d) => (d.wiFiMacAddress.length === 12 ? colons(d.wiFiMacAddress) : undefined))) },
    { kind: 'MAC without separators (partial)', queries: search(spread((d) => (d.wiFiMacAddress.length === 12 ? d.wiFiMacAddress.slice(3).toLowerCase() : undefined))) },
    { kind: 'model words', queries: search(['iPhone 15', 'Latitude', 'Galaxy S23', 'Surface Laptop', 'ThinkPad T14']) },
    { kind: 'two letters', queries: search(['ab', 'la', 'x9', 'on', 'zy']) },
    // The app's search box searches on every keystroke, so its first query is one character, and
    // its grid asks for a window by position (60 rows and the total), in whatever sort is chosen.
    { kind: 'one character, grid window', queries: windows(['p', 'e', '1', 'q', '-']) },
    { kind: 'two characters, grid window', queries: windows(['la', '12', 'x9', 'on', 'a-']) },
    { kind: 'one character, by last check-in', queries: windows(['a', '7', 'w', 'é', '%'], { column: 'lastSyncDateTime', direction: 'desc' }) },
    {
      kind: 'one or two characters, by other columns',
      queries: [
        { search: 's', sort: { column: 'osVersion' }, offset: 0, limit: 60 },
        { search: 'b', sort: { column: 'complianceState', direction: 'desc' }, offset: 0, limit: 60 },
        { search: '3', sort: { column: 'userPrincipalName' }, offset: 0, limit: 60 },
        { search: 'ph', sort: { column: 'totalStorageSpaceInBytes', direction: 'desc' }, offset: 0, limit: 60 },
        { search: 'o', sort: { column: 'model' }, offset: 0, limit: 60 },
      ],
    },
    { kind: 'nothing matches', queries: search(['zzqqxx', 'no-such-device-7', 'qqqq', '00:00:00:00:00:01', 'xyzzy plugh']) },
    {
      kind: 'search + filters + sort',
      queries: [
        { search: 'iphone', filter: { operatingSystem: ['iOS'], complianceState: ['compliant'] }, sort: { column: 'lastSyncDateTime', direction: 'desc' } },
        { search: 'latitude', filter: { staleForMoreThanDays: 30 }, sort: { column: 'lastSyncDateTime' } },
        { search: 'galaxy', filter: { ownership: ['personal'] }, sort: { column: 'model' } },
        { search: 'surface', filter: { operatingSystem: ['Windows'], complianceState: ['noncompliant'] }, sort: { column: 'deviceName' } },
        { search: 'book', filter: { operatingSystem: ['macOS', 'Windows'], ownership: ['company'] }, sort: { column: 'deviceName', direction: 'desc' } },
      ],
    },
  ];
}

function measureSearch(store: InventoryStore, devices: readonly DeviceFields[]): SearchFigures {
  const kinds = queryKinds(devices);
  // Warm-up: each query once (statement cache, page cache), as a session would be.
  for (const k of kinds) for (const q of k.queries) store.queryDevices(q);
  // Round-robin over the kinds, so a burst of load elsewhere on the machine is shared by all.
  const times = kinds.map((): number[] => []);
  // CPU time too: on a busy machine, wall time also counts the time other processes had the CPU.
  const cpu: number[] = [];
  const matches = kinds.map(() => 0);
  for (let i = 0; i < SAMPLES_PER_KIND; i++) {
    kinds.forEach((k, n) => {
      const query = k.queries[i % k.queries.length] as DeviceQuery;
      const cpuBefore = process.cpuUsage();
      const started = performance.now();
      const page = store.queryDevices(query);
      (times[n] as number[]).push(performance.now() - started);
      const used = process.cpuUsage(cpuBefore);
      cpu.push((used.user + used.system) / 1000);
      if (i < k.queries.length) matches[n] = (matches[n] as number) + page.total;
    });
  }
  const perKind = kinds.map((k, n) => ({ kind: k.kind, p50: percentile(times[n] as number[], 50), p95: percentile(times[n] as number[], 95), matches: Math.round((matches[n] as number) / k.queries.length) }));
  const all = times.flat();
  return { p50: percentile(all, 50), p95: percentile(all, 95), cpuP95: percentile(cpu, 95), kinds: perKind };
}

function round(value: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}
