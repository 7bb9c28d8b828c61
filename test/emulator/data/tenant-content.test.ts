// Users, groups, apps and policies: enough of each, realistic, and pointing at each other.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ROLE_GROUPS } from '../../../src/emulator/directory/demo-directory.ts';
import { managedAppPolicies } from '../../../src/emulator/data/managed-app-policies.ts';
import type { EntityRecord } from '../../../src/emulator/graph/model/entity.ts';
import { collectionOf, contoso, text } from './fixtures.ts';

const data = contoso();
const groupIds = new Set(data.groups.map((g) => g.id));
const assignmentsOf = (r: EntityRecord): readonly EntityRecord[] => (r.nav.get('assignments') as { values(): readonly EntityRecord[] } | undefined)?.values() ?? [];
const targetGroups = (r: EntityRecord): string[] => assignmentsOf(r).map((a) => (a.props['target'] as { groupId?: string }).groupId).filter((g): g is string => typeof g === 'string');

test('users: directory accounts first, then N/1.6 invented ones with unique UPNs; knownUsers resolves both', () => {
  assert.equal(data.users.filter((u) => !u.fromDirectory).length, Math.round(2000 / 1.6));
  assert.deepEqual(data.users.filter((u) => u.fromDirectory).map((u) => u.userPrincipalName.split('@')[0]), ['adele.vance', 'lee.gu', 'megan.bowen', 'pradeep.gupta']);
  const upns = data.users.map((u) => u.userPrincipalName.toLowerCase());
  assert.equal(new Set(upns).size, upns.length);
  assert.equal(new Set(data.users.map((u) => u.id)).size, data.users.length);
  for (const u of data.users.slice(0, 50)) {
    assert.match(u.userPrincipalName, /^[a-z0-9]+\.[a-z0-9]+@contoso\.onmicrosoft\.com$/);
    assert.equal(data.knownUsers.get(u.userPrincipalName.toLowerCase()), u.id);
    assert.equal(data.knownUsers.get(u.id), u.id);
  }
});

test('groups: the directory role groups are included, generated ones have members or a rule', () => {
  assert.ok(groupIds.has(ROLE_GROUPS.contosoHelpdesk.id) && groupIds.has(ROLE_GROUPS.contosoReaders.id));
  assert.ok(!groupIds.has(ROLE_GROUPS.northwindHelpdesk.id));
  for (const g of data.groups) assert.ok(g.memberIds.length > 0 || g.membershipRule !== null, g.displayName);
});

test('apps: about sixty across derived types, each categorised, assigned ones with intent and a known target', () => {
  const apps = collectionOf(data, 'deviceAppManagement', 'mobileApps').values();
  assert.ok(apps.length >= 50 && apps.length <= 70, `${apps.length} apps`);
  for (const type of ['win32LobApp', 'iosStoreApp', 'androidStoreApp', 'webApp', 'windowsMicrosoftEdgeApp', 'iosVppApp', 'macOSLobApp', 'microsoftStoreForBusinessApp', 'managedAndroidStoreApp', 'iosLobApp', 'androidLobApp']) {
    assert.ok(apps.some((a) => a.type === type), type);
  }
  const categories = collectionOf(data, 'deviceAppManagement', 'mobileAppCategories');
  for (const app of apps) {
    assert.ok(categories.get(app.links.get('categories')?.[0] ?? ''), `${text(app, 'displayName')} category`);
    assert.equal(app.props['isAssigned'], assignmentsOf(app).length > 0);
    for (const a of assignmentsOf(app)) assert.ok(['required', 'available', 'uninstall'].includes(text(a, 'intent')));
    for (const g of targetGroups(app)) assert.ok(groupIds.has(g), `${text(app, 'displayName')} targets an unknown group`);
  }
  assert.ok(apps.some((a) => a.props['displayName'] === '7-Zip 24.08 (x64)' && a.props['publishingState'] === 'published'));
  assert.ok(apps.some((a) => a.props['publishingState'] === 'processing'));
});

test('app protection and configuration policies have apps and assignments; managedAppPolicies is their union', () => {
  for (const nav of ['iosManagedAppProtections', 'androidManagedAppProtections', 'targetedManagedAppConfigurations']) {
    for (const p of collectionOf(data, 'deviceAppManagement', nav).values()) {
      assert.ok((p.nav.get('apps') as { size: number }).size > 0, `${nav} apps`);
      assert.ok(assignmentsOf(p).length > 0, `${nav} assignments`);
    }
  }
  const mdm = collectionOf(data, 'deviceAppManagement', 'mobileAppConfigurations').values();
  const apps = collectionOf(data, 'deviceAppManagement', 'mobileApps');
  for (const c of mdm) {
    assert.ok((c.props['targetedMobileApps'] as string[]).every((id) => apps.get(id)));
    assert.ok(assignmentsOf(c).length > 0);
  }
  assert.equal(managedAppPolicies(data.graph).length, 2 + 2 + 2 + 2);
});

test('configurations and compliance policies: assigned to real groups; compliance has block, notify and retire', () => {
  const configs = collectionOf(data, 'deviceManagement', 'deviceConfigurations').values();
  assert.ok(configs.length >= 20 && configs.length <= 30);
  const policies = collectionOf(data, 'deviceManagement', 'deviceCompliancePolicies').values();
  assert.ok(policies.length >= 10 && policies.length <= 14);
  const templates = collectionOf(data, 'deviceManagement', 'notificationMessageTemplates');
  for (const p of [...configs, ...policies]) for (const g of targetGroups(p)) assert.ok(groupIds.has(g));
  let retiring = 0;
  for (const p of policies) {
    const rules = (p.nav.get('scheduledActionsForRule') as { values(): readonly EntityRecord[] }).values();
    const items = rules.flatMap((r) => (r.nav.get('scheduledActionConfigurations') as { values(): readonly EntityRecord[] }).values());
    const kinds = items.map((i) => text(i, 'actionType'));
    assert.ok(kinds.includes('block') && kinds.includes('notification'));
    if (kinds.includes('retire')) retiring++;
    for (const i of items.filter((x) => x.props['actionType'] === 'notification')) assert.ok(templates.get(text(i, 'notificationTemplateId')));
  }
  assert.ok(retiring >= 2);
  for (const t of templates.values()) {
    const messages = (t.nav.get('localizedNotificationMessages') as { values(): readonly EntityRecord[] }).values();
    assert.equal(messages.filter((m) => m.props['isDefault'] === true).length, 1);
  }
});
