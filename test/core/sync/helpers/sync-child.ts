// A second process that runs one full sync, as the app or the CLI would, and says on stdout what
// it is doing, so the kill test can SIGKILL it at a chosen moment: one line per page written,
// one when the commit starts, one when it is done.
//
//   node sync-child.ts   (configuration in SYNC_CHILD as JSON: baseUrl, ca, token, dataDir, pageSize, concurrency)
import { GraphClient } from '../../../../src/core/graph/graph-client.ts';
import { openInventory } from '../../../../src/core/inventory/inventory-files.ts';
import { DeviceSync } from '../../../../src/core/sync/device-sync.ts';
import { TENANT_ID } from './sync-tenant.ts';

interface ChildConfig {
  readonly baseUrl: string;
  readonly ca: string;
  readonly token: string;
  readonly dataDir: string;
  readonly pageSize: number;
  readonly concurrency: number;
}

const config = JSON.parse(process.env['SYNC_CHILD'] ?? '{}') as ChildConfig;
const say = (line: string): void => {
  process.stdout.write(`${line}\n`);
};

const client = new GraphClient({ baseUrl: config.baseUrl, version: 'beta', caCertificatePem: config.ca, tokenProvider: async () => config.token });
const sync = new DeviceSync({
  client,
  openStore: () => openInventory({ dataDir: config.dataDir, tenantId: TENANT_ID }),
  settings: { pageSize: config.pageSize, concurrency: config.concurrency, progressIntervalMs: 0 },
  onEvent: (event) => {
    if (event.kind !== 'progress') return;
    const p = event.progress;
    if (p.phase === 'fetching') say(`page ${p.pagesFetched}`);
    else say(p.phase);
  },
});
say('started');
try {
  const result = await sync.fullSync();
  say(`synced ${result.deviceCount}`);
} catch (error) {
  say(`failed ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
} finally {
  sync.close();
  client.close();
}
