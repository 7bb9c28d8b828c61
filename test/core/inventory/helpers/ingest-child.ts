// A full snapshot in a process of its own, for the kill tests: reads devices from an NDJSON
// file, page by page, and says on stdout where it is (`ready`, `page N`, `commit`, `committed`)
// so the parent can kill it at a chosen moment.
// Usage: node ingest-child.ts <dataDir> <tenantId> <devices.ndjson> <pageSize>
import { readFileSync, writeSync } from 'node:fs';
import type { ManagedDevice } from '@microsoft/microsoft-graph-types-beta';
import { Inventory } from '../../../../src/core/inventory/index.ts';

const [dataDir, tenantId, file, pageSizeText] = process.argv.slice(2);
if (!dataDir || !tenantId || !file || !pageSizeText) throw new Error('usage: ingest-child.ts <dataDir> <tenantId> <devices.ndjson> <pageSize>');
const pageSize = Number(pageSizeText);
// Synchronous writes: the parent must see each step before the next one starts.
const say = (line: string): void => {
  writeSync(1, `${line}\n`);
};

const lines = readFileSync(file, 'utf8').split('\n').filter((l) => l !== '');
const inventory = new Inventory({ dataDir });
const { store } = inventory.openTenant(tenantId);
const writer = store.beginFullSnapshot();
say('ready');
for (let i = 0, n = 1; i < lines.length; i += pageSize, n++) {
  writer.addDevices(lines.slice(i, i + pageSize).map((l) => JSON.parse(l) as ManagedDevice));
  say(`page ${n}`);
}
say('commit');
writer.commit(new Date().toISOString());
say('committed');
inventory.close();
