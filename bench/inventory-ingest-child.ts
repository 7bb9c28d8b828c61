// Figure (d), measured in a process of its own so its peak RSS is the ingest's alone: a full
// snapshot of the devices in an NDJSON file, in pages, through the snapshot writer, commit and
// index build included. The file is read in 1 MiB slices, so only one page is held at a time.
// Prints one JSON line (IngestMeasurement) on stdout.
// Usage: node inventory-ingest-child.ts <dataDir> <tenantId> <devices.ndjson> <pageSize>
import { closeSync, openSync, readSync, statSync } from 'node:fs';
import type { ManagedDevice } from '@microsoft/microsoft-graph-types-beta';
import { Inventory } from '../src/core/inventory/index.ts';

export interface IngestMeasurement {
  readonly devices: number;
  /** CPU (user + system) spent in addDevices and commit: the store's cost. */
  readonly storeCpuSeconds: number;
  /** CPU spent reading and parsing the NDJSON (what the Graph client would have spent). */
  readonly parseCpuSeconds: number;
  readonly wallSeconds: number;
  /** The kernel's peak resident set size for this process. */
  readonly peakRssMb: number;
  readonly fileMb: number;
}

const [dataDir, tenantId, file, pageSizeText] = process.argv.slice(2);
if (!dataDir || !tenantId || !file || !pageSizeText) throw new Error('usage: inventory-ingest-child.ts <dataDir> <tenantId> <devices.ndjson> <pageSize>');
const pageSize = Number(pageSizeText);

function cpuSeconds(): number {
  const usage = process.cpuUsage();
  return (usage.user + usage.system) / 1e6;
}

/** Pages of parsed devices, read from the file a slice at a time. */
function* pagesOf(path: string): Generator<ManagedDevice[], void, undefined> {
  const fd = openSync(path, 'r');
  const buffer = Buffer.alloc(1024 * 1024);
  let carry = '';
  let page: ManagedDevice[] = [];
  try {
    for (;;) {
      const read = readSync(fd, buffer, 0, buffer.length, null);
      const text = carry + buffer.toString('utf8', 0, read);
      const lines = text.split('\n');
      carry = read === 0 ? '' : (lines.pop() ?? '');
      for (const line of lines) {
        if (line === '') continue;
        page.push(JSON.parse(line) as ManagedDevice);
        if (page.length === pageSize) {
          yield page;
          page = [];
        }
      }
      if (read === 0) break;
    }
    if (page.length > 0) yield page;
  } finally {
    closeSync(fd);
  }
}

const inventory = new Inventory({ dataDir });
const { store } = inventory.openTenant(tenantId);
const started = performance.now();
let storeCpu = 0;
let parseCpu = 0;
let devices = 0;
let mark = cpuSeconds();
const writer = store.beginFullSnapshot();
storeCpu += cpuSeconds() - mark;
for (let pages = pagesOf(file); ; ) {
  mark = cpuSeconds();
  const next = pages.next();
  parseCpu += cpuSeconds() - mark;
  if (next.done) break;
  mark = cpuSeconds();
  writer.addDevices(next.value);
  storeCpu += cpuSeconds() - mark;
  devices += next.value.length;
}
mark = cpuSeconds();
writer.commit(new Date().toISOString());
storeCpu += cpuSeconds() - mark;
const wallSeconds = (performance.now() - started) / 1000;
inventory.close();

const measurement: IngestMeasurement = {
  devices,
  storeCpuSeconds: storeCpu,
  parseCpuSeconds: parseCpu,
  wallSeconds,
  peakRssMb: process.resourceUsage().maxRSS / 1024,
  fileMb: statSync(store.path).size / 1e6,
};
process.stdout.write(`${JSON.stringify(measurement)}\n`);
