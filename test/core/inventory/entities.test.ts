// Users, apps, configurations, compliance policies, roles and service configuration: replaced
// whole in one transaction, upserted, removed, listed by name with keyset pages.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { MobileApp, User } from '@microsoft/microsoft-graph-types-beta';
import { ENTITY_KINDS } from '../../../src/core/inventory/index.ts';
import type { EntityKind, EntityRow, InventoryStore, ServiceConfigurationItem } from '../../../src/core/inventory/index.ts';
import { ProblemError } from '../../../src/core/problem.ts';
import { tempInventory } from './helpers/temp-inventory.ts';
import { graphCompliancePolicies, graphConfigurations, graphMobileApps, graphRoleAssignments, graphRoleDefinitions, graphUsers } from './helpers/tenant-data.ts';

const AS_OF = '2026-11-01T00:00:00Z';

function listAll(store: InventoryStore, kind: EntityKind, search?: string): EntityRow[] {
  const rows: EntityRow[] = [];
  let after: string | undefined;
  do {
    const page = store.listEntities(kind, { limit: 7, ...(search === undefined ? {} : { search }), ...(after === undefined ? {} : { after }) });
    rows.push(...page.rows);
    after = page.next;
  } while (after !== undefined);
  return rows;
}

test('each kind is replaced whole, read back exactly, and listed by name', () => {
  using t = tempInventory();
  const sets = {
    users: graphUsers(),
    mobileApps: graphMobileApps(),
    deviceConfigurations: graphConfigurations(),
    compliancePolicies: graphCompliancePolicies(),
    roleDefinitions: graphRoleDefinitions(),
    roleAssignments: graphRoleAssignments(),
  } as const;
  for (const [kind, items] of Object.entries(sets) as [Exclude<EntityKind, 'serviceConfiguration'>, readonly { id?: string; displayName?: string | null }[]][]) {
    assert.ok(items.length > 0, kind);
    assert.equal(t.store.replaceEntities(kind, items as never, AS_OF), items.length);
    const rows = listAll(t.store, kind);
    assert.equal(rows.length, items.length, kind);
    assert.equal(new Set(rows.map((r) => r.id)).size, rows.length, `${kind}: an item appeared twice`);
    const names = rows.map((r) => r.displayName.toLowerCase());
    for (let i = 1; i < names.length; i++) assert.ok((names[i - 1] as string) <= (names[i] as string), `${kind}: not in name order`);
    const first = items[0] as { id: string };
    assert.deepEqual(t.store.getEntity(kind, first.id), first, kind);
    assert.equal(t.store.listEntities(kind).asOf, AS_OF);
  }
  const apps = sets.mobileApps;
  const app = apps[0] as MobileApp;
  const bySearch = listAll(t.store, 'mobileApps', String(app.displayName).slice(0, 5));
  assert.ok(bySearch.some((r) => r.id === app.id));
  const users = listAll(t.store, 'users', 'adele');
  assert.ok(users.some((u) => u.detail === 'adele.vance@contoso.onmicrosoft.com'));
  assert.deepEqual(ENTITY_KINDS.length, 7);
});

test('replace drops what is gone; upsert and remove change single items', () => {
  using t = tempInventory();
  const users = graphUsers();
  t.store.replaceEntities('users', users, AS_OF);
  t.store.replaceEntities('users', users.slice(0, 10), '2026-11-02T00:00:00Z');
  assert.equal(t.store.listEntities('users').total, 10);
  assert.equal(t.store.getEntity('users', String(users[20]?.id)), undefined);
  const renamed: User = { ...(users[0] as User), displayName: 'Zed Renamed' };
  t.store.upsertEntities('users', [renamed, users[20] as User], '2026-11-03T00:00:00Z');
  assert.equal(t.store.listEntities('users').total, 11);
  assert.equal(t.store.getEntity('users', String(users[0]?.id))?.displayName, 'Zed Renamed');
  assert.equal(t.store.removeEntities('users', [String(users[0]?.id), 'nobody']), 1);
  assert.equal(t.store.listEntities('users').total, 10);
  assert.equal(t.store.listEntities('users').asOf, '2026-11-03T00:00:00Z');
  const runs = t.store.syncRuns(5, 'users');
  assert.equal(runs[0]?.kind, 'full');
  assert.equal(runs[0]?.itemCount, 10);
});

test('service configuration is kept as key, type and JSON', () => {
  using t = tempInventory();
  const items: ServiceConfigurationItem[] = [
    { key: 'applePushNotificationCertificate', type: 'applePushNotificationCertificate', value: { id: 'apns', appleIdentifier: 'it@contoso.com', expirationDateTime: '2027-01-01T00:00:00Z' } },
    { key: 'vppTokens/1', type: 'vppToken', value: { id: '1', displayName: 'Contoso VPP', organizationName: 'Contoso' } },
  ];
  t.store.replaceEntities('serviceConfiguration', items, AS_OF);
  assert.deepEqual(t.store.getEntity('serviceConfiguration', 'vppTokens/1'), items[1]);
  assert.deepEqual(listAll(t.store, 'serviceConfiguration').map((r) => [r.id, r.displayName, r.detail]), [
    ['applePushNotificationCertificate', 'applePushNotificationCertificate', 'applePushNotificationCertificate'],
    ['vppTokens/1', 'Contoso VPP', 'vppToken'],
  ]);
});

test('a bad item refuses the whole set; an unknown kind is refused', () => {
  using t = tempInventory();
  const apps = graphMobileApps();
  t.store.replaceEntities('mobileApps', apps, AS_OF);
  assert.throws(
    () => t.store.replaceEntities('mobileApps', [apps[0] as MobileApp, { displayName: 'no id' } as MobileApp], AS_OF),
    (error: unknown) => error instanceof ProblemError && error.problem.code === 'malformedResponse' && /item 2: id is missing/.test(error.problem.message),
  );
  assert.equal(t.store.listEntities('mobileApps').total, apps.length, 'the old set must survive a refused replacement');
  assert.throws(() => t.store.listEntities('printers' as EntityKind), (error: unknown) => error instanceof ProblemError && /keeps no "printers"/.test(error.problem.message));
  assert.throws(() => t.store.listEntities('users', { after: 'garbage' }), (error: unknown) => error instanceof ProblemError && error.problem.code === 'badRequest');
});
