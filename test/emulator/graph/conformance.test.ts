// Conformance: every entity the demo tenant returns, from every endpoint, in both versions,
// validated against intune-schema.json. An unknown property, a wrong type, a missing one or a
// beta-only property in v1.0 fails, and so does an envelope that is not Graph's.
// Sources of entities: a walk of everything readable from the two singletons (lists with
// paging, single entities, navigation collections and single-valued navigations), $expand and
// $select answers, and what POST, PATCH, actions and functions send back.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { JsonObject } from '../../../src/emulator/graph/model/json.ts';
import { isJsonObject } from '../../../src/emulator/graph/model/json.ts';
import { intuneSchema } from '../../../src/emulator/graph/model/schema.ts';
import type { GraphVersion } from '../../../src/emulator/graph/model/schema.ts';
import { Crawler } from './helpers/crawler.ts';
import { INTUNE_SCOPES, startGraphSession } from './helpers/graph-session.ts';
import type { GraphSession } from './helpers/graph-session.ts';
import { KeyFiller } from './helpers/key-filler.ts';
import { NOT_EMULATED } from './helpers/not-emulated.ts';
import { permissionRows, routeIn, routeOf } from './helpers/permission-routes.ts';
import { ResponseCheck, betaOnlyProperties, entityOf } from './helpers/response-check.ts';
import { answerOf } from './helpers/row-answers.ts';
import { RowPlanner, deletesLast, enrolChromebooks } from './helpers/row-plans.ts';

let session: GraphSession;

before(async () => {
  session = await startGraphSession();
});
after(async () => session.stop());

const emulated = permissionRows().filter((r) => !Object.hasOwn(NOT_EMULATED, r.key));

describe('every readable entity conforms', () => {
  for (const version of ['v1.0', 'beta'] as const) {
    test(`${version}: the walk from both singletons`, async () => {
      const check = new ResponseCheck(session.baseUrl);
      const crawler = new Crawler(session, check, version);
      await crawler.singleton('deviceManagement');
      await crawler.singleton('deviceAppManagement');
      assert.ok(check.problems.length === 0, check.report());
      assert.ok(check.entityCount > 1000, `only ${check.entityCount} entities checked in ${crawler.requests} requests`);

      // Every readable row of the permission map that exists in this version was reached.
      const reached = crawler.patterns();
      const missed = emulated
        .filter((r) => r.method === 'GET')
        .map((r) => ({ row: r, route: routeIn(version, r.pattern) }))
        .filter(({ route }) => route !== undefined && route.end.kind !== 'operation')
        .filter(({ row }) => !reached.has(row.pattern))
        .map(({ row }) => row.key);
      assert.deepEqual(missed, [], `rows the walk did not reach in ${version}`);
    });
  }
});

/** Top-level collections of a version: the permission map's readable rows right under a singleton. */
function topCollections(version: GraphVersion): readonly { readonly path: string; readonly elementType: string }[] {
  return emulated
    .filter((r) => r.method === 'GET')
    .map((r) => routeIn(version, r.pattern))
    .flatMap((route) => (route && route.segments.length === 2 && route.end.kind === 'collection' && route.end.known ? [{ path: `/${route.segments.join('/')}`, elementType: route.end.elementType }] : []));
}

async function firstId(version: GraphVersion, path: string): Promise<string> {
  const reply = await session.admin('GET', `/${version}${path}?$top=1`);
  const value = isJsonObject(reply.json) ? reply.json['value'] : undefined;
  const id = Array.isArray(value) && isJsonObject(value[0]) ? value[0]['id'] : undefined;
  assert.equal(typeof id, 'string', `${path} has an item: ${reply.status} ${reply.text.slice(0, 200)}`);
  return id as string;
}

/** $expand as Intune tools use it (FACTS §1; Micke-K/IntuneManagement): path, expanded navigations, versions. */
const EXPANSIONS: readonly { readonly path: string; readonly expand: readonly string[]; readonly single?: boolean; readonly versions?: readonly GraphVersion[] }[] = [
  { path: '/deviceManagement/managedDevices', expand: ['deviceCategory'] },
  { path: '/deviceManagement/managedDevices', expand: ['deviceCompliancePolicyStates', 'deviceConfigurationStates', 'deviceCategory'], single: true },
  { path: '/deviceManagement/managedDevices', expand: ['detectedApps'], single: true, versions: ['beta'] },
  { path: '/deviceManagement/detectedApps', expand: ['managedDevices'], single: true },
  { path: '/deviceManagement/deviceConfigurations', expand: ['assignments'] },
  { path: '/deviceManagement/deviceCompliancePolicies', expand: ['assignments', 'scheduledActionsForRule'] },
  { path: '/deviceManagement/roleDefinitions', expand: ['roleAssignments'] },
  { path: '/deviceManagement/deviceEnrollmentConfigurations', expand: ['assignments'] },
  { path: '/deviceManagement/termsAndConditions', expand: ['assignments'] },
  { path: '/deviceAppManagement/mobileApps', expand: ['assignments', 'categories'] },
  { path: '/deviceAppManagement/mobileAppConfigurations', expand: ['assignments'] },
  { path: '/deviceAppManagement/targetedManagedAppConfigurations', expand: ['apps', 'assignments'] },
  { path: '/deviceAppManagement/iosManagedAppProtections', expand: ['apps', 'assignments'] },
  { path: '/deviceAppManagement/androidManagedAppProtections', expand: ['apps', 'assignments'] },
];

describe('$expand and $select answers conform', () => {
  for (const version of ['v1.0', 'beta'] as const) {
    test(`${version}: $expand`, async () => {
      const check = new ResponseCheck(session.baseUrl);
      for (const e of EXPANSIONS.filter((x) => !x.versions || x.versions.includes(version))) {
        const elementType = topCollections(version).find((c) => c.path === e.path)?.elementType;
        assert.ok(elementType, `${e.path} is a collection in ${version}`);
        const target = e.single ? `${e.path}/${await firstId(version, e.path)}` : `${e.path}?$top=20`;
        const path = `${target}${e.single ? '?' : '&'}$expand=${e.expand.join(',')}`;
        const reply = await session.admin('GET', `/${version}${path}`);
        assert.equal(reply.status, 200, `${version}${path}: ${reply.text.slice(0, 300)}`);
        let entities: readonly JsonObject[];
        if (e.single) {
          const entity = entityOf(check.envelope(version, path, reply));
          check.entity(version, path, entity, elementType);
          entities = [entity];
        } else {
          entities = check.list(version, path, reply, elementType);
        }
        for (const entity of entities) for (const nav of e.expand) if (!(nav in entity)) check.problems.push(`${version}${path}: ${String(entity['id'])} lacks the expanded ${nav}`);
      }
      assert.ok(check.problems.length === 0, check.report());
    });

    test(`${version}: $select`, async () => {
      const check = new ResponseCheck(session.baseUrl);
      const collections = topCollections(version);
      assert.ok(collections.length >= 20, `${collections.length} top-level collections`);
      for (const { path, elementType } of collections) {
        const props = [...(intuneSchema.type(version, elementType)?.properties.keys() ?? [])].filter((p) => p !== 'id').slice(0, 3);
        const query = `${path}?$select=${props.join(',')}`;
        const reply = await session.admin('GET', `/${version}${query}`);
        assert.equal(reply.status, 200, `${version}${query}: ${reply.text.slice(0, 300)}`);
        for (const item of check.list(version, query, reply, elementType, false)) {
          const extra = Object.keys(item).filter((k) => k !== 'id' && !k.startsWith('@odata.') && !props.includes(k));
          const missing = props.filter((p) => !(p in item));
          if (extra.length > 0 || missing.length > 0) check.problems.push(`${version}${query}: ${String(item['id'])} has ${extra.join(', ') || 'nothing extra'}, lacks ${missing.join(', ') || 'nothing'}`);
        }
      }
      // The properties a device list leaves empty come with a single GET and $select (FACTS §3).
      const device = `/deviceManagement/managedDevices/${await firstId(version, '/deviceManagement/managedDevices')}?$select=id,deviceName,notes,udid,ethernetMacAddress,physicalMemoryInBytes,iccid`;
      const reply = await session.admin('GET', `/${version}${device}`);
      assert.equal(reply.status, 200, reply.text.slice(0, 300));
      check.entity(version, device, entityOf(check.envelope(version, device, reply)), 'managedDevice', false);
      assert.ok(check.problems.length === 0, check.report());
    });
  }
});

test('the version split: beta answers carry beta-only properties, v1.0 answers none', async () => {
  const check = new ResponseCheck(session.baseUrl);
  const betaOnly = betaOnlyProperties('managedDevice');
  assert.ok(betaOnly.includes('ownerType') && betaOnly.includes('deviceType'), 'the schema has beta-only device properties');
  const beta = check.list('beta', 'beta devices', await session.admin('GET', '/beta/deviceManagement/managedDevices?$top=50'), 'managedDevice');
  const v1 = check.list('v1.0', 'v1.0 devices', await session.admin('GET', '/v1.0/deviceManagement/managedDevices?$top=50'), 'managedDevice');
  assert.equal(beta.length, 50);
  assert.equal(v1.length, 50);
  for (const d of beta) assert.deepEqual(betaOnly.filter((p) => !(p in d)), [], `beta device ${String(d['id'])} has every beta-only property`);
  for (const d of v1) assert.deepEqual(betaOnly.filter((p) => p in d), [], `v1.0 device ${String(d['id'])} has no beta-only property`);
  assert.ok(beta.some((d) => typeof d['ownerType'] === 'string'), 'beta ownerType carries values');
  assert.ok(check.problems.length === 0, check.report());
});

describe('what writes, actions and functions send back conforms', () => {
  test('every emulated POST, PATCH, DELETE, action and function of the permission map', async () => {
    const keys = new KeyFiller(session);
    const planner = new RowPlanner(session, keys);
    await enrolChromebooks(session, 3);
    const check = new ResponseCheck(session.baseUrl);
    const admin = await session.token(INTUNE_SCOPES);
    let bodies = 0;
    for (const row of deletesLast(emulated)) {
      const route = routeOf(row.pattern);
      if (!route || (row.method === 'GET' && route.end.kind !== 'operation')) continue;
      const plan = await planner.plan(row, route);
      const { reply, tried } = await planner.send(row, plan, admin);
      if (!reply || reply.status >= 300) {
        check.problems.push(`${row.key}: ${tried.slice(-1).join('')}`);
        continue;
      }
      bodies += answerOf(check, row.key, route, reply) ? 1 : 0;
    }
    assert.ok(check.problems.length === 0, check.report());
    assert.ok(bodies > 60, `only ${bodies} answers carried content`);
  });
});
