// "Export" writes exactly the list on screen (its search, filters, sort and columns, in the
// order shown) as CSV: RFC 4180, with text a spreadsheet would run as a formula defused. In the
// app the technician picks where it goes and the rows stream to that file; the browser harness
// gets the text back and downloads it.
import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { basename } from 'node:path';
import { deviceRowsAsCsv } from '../../core/inventory/index.ts';
import type { DeviceColumn, DeviceRow } from '../../core/inventory/index.ts';
import type { ExportRequest, ExportResult } from '../../shared/bridge/api.ts';
import { currentTenant, signInOf } from '../host-context.ts';
import type { HostContext } from '../host-context.ts';

export class DeviceExport {
  private readonly context: HostContext;

  constructor(context: HostContext) {
    this.context = context;
  }

  async exportCsv(request: ExportRequest): Promise<ExportResult> {
    const entry = currentTenant(this.context);
    const signIn = await signInOf(this.context, entry);
    const store = this.context.inventories.store(signIn.tenantId);
    const query = {
      ...(request.search !== undefined ? { search: request.search } : {}),
      ...(request.filter !== undefined ? { filter: request.filter } : {}),
      ...(request.sort !== undefined ? { sort: request.sort } : {}),
    };
    // Checked against the inventory's columns by the bridge's schema.
    const columns = request.columns as readonly DeviceColumn[];
    const fileName = `devices-${entry.id}-${new Date(this.context.now()).toISOString().slice(0, 10)}.csv`;
    let rows = 0;
    const counted = function* (all: Iterable<DeviceRow>): Generator<DeviceRow> {
      for (const row of all) {
        rows++;
        yield row;
      }
    };
    const choose = this.context.platform.chooseSavePath;
    if (!choose) {
      const content = [...deviceRowsAsCsv(counted(store.exportRows(query)), columns)].join('');
      this.context.activity.record('export', entry.id, `Exported ${rows.toLocaleString('en-US')} devices of ${entry.label} as ${fileName}.`);
      return { kind: 'content', rows, fileName, content };
    }
    const target = await choose.call(this.context.platform, fileName);
    if (target.path === undefined) return { kind: 'cancelled', rows: 0 };
    await writeLines(target.path, deviceRowsAsCsv(counted(store.exportRows(query)), columns));
    this.context.activity.record('export', entry.id, `Exported ${rows.toLocaleString('en-US')} devices of ${entry.label} to ${target.path}.`);
    return { kind: 'saved', rows, path: target.path, fileName: basename(target.path) };
  }
}

/** Streams the lines to the file, waiting whenever the disk is behind, so 100,000 rows never sit in memory. */
async function writeLines(path: string, lines: Iterable<string>): Promise<void> {
  const file = createWriteStream(path, { encoding: 'utf8', mode: 0o600 });
  const failed = once(file, 'error').then(([error]) => {
    throw error;
  });
  failed.catch(() => undefined);
  try {
    for (const line of lines) {
      if (!file.write(line)) await Promise.race([once(file, 'drain'), failed]);
    }
    file.end();
    await Promise.race([once(file, 'finish'), failed]);
  } finally {
    file.destroy();
  }
}
