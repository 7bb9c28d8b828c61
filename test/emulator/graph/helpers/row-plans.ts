// How to exercise one permission-map row against the demo tenant: the concrete URL(s), the
// body, and whether candidates are tried in turn. Shared by the permission matrix (which
// calls each row with and without its scopes) and the conformance test (which checks what
// each row answers).
import assert from 'node:assert/strict';
import type { Json, JsonObject } from '../../../../src/emulator/graph/model/json.ts';
import { isJsonObject } from '../../../../src/emulator/graph/model/json.ts';
import { intuneSchema } from '../../../../src/emulator/graph/model/schema.ts';
import type { GraphReply } from '../../../helpers/graph-call.ts';
import type { GraphSession } from './graph-session.ts';
import type { KeyFiller } from './key-filler.ts';
import { typeOf } from './key-filler.ts';
import { routeIn } from './permission-routes.ts';
import type { PermissionRow, Route } from './permission-routes.ts';
import { actionBody, createBody, functionSegment, patchBody } from './request-bodies.ts';

export interface RowPlan {
  readonly paths: readonly string[];
  readonly body?: Json;
  /** Candidates are tried in turn until one is accepted (a remote action needs a device it applies to). */
  readonly tryEach: boolean;
}

/** The generated fleet has no Chromebooks, and three actions apply only to them: enrol some through Graph itself. */
export async function enrolChromebooks(session: GraphSession, count: number): Promise<void> {
  for (let n = 1; n <= count; n++) {
    const created = await session.admin('POST', '/beta/deviceManagement/managedDevices', {
      deviceName: `CHROMEBOOK-TEST-${n}`,
      operatingSystem: 'ChromeOS',
      deviceType: 'chromeOS',
      managementAgent: 'googleCloudDevicePolicyController',
      managedDeviceOwnerType: 'company',
    });
    assert.equal(created.status, 201, created.text);
  }
}

/** Deletes last, so nothing else loses the entity it was given. */
export function deletesLast(rows: readonly PermissionRow[]): readonly PermissionRow[] {
  return [...rows.filter((r) => r.method !== 'DELETE'), ...rows.filter((r) => r.method === 'DELETE')];
}

/** The id in the last `{id}` position of a path: the segment before an operation, or the last. */
export function idIn(path: string): string {
  const parts = path.split('/');
  const last = parts[parts.length - 1] ?? '';
  return /^[0-9a-f-]{36}$/i.test(last) ? last : (parts[parts.length - 2] ?? '');
}

export class RowPlanner {
  private readonly session: GraphSession;
  private readonly keys: KeyFiller;

  constructor(session: GraphSession, keys: KeyFiller) {
    this.session = session;
    this.keys = keys;
  }

  async plan(row: PermissionRow, route: Route): Promise<RowPlan> {
    const end = route.end;
    if (end.kind === 'operation') {
      const op = end.operation;
      const onDevice = !end.onCollection && intuneSchema.isDerivedFrom('beta', op.boundTo, 'managedDevice');
      const paths = await this.keys.paths(route, { fresh: onDevice });
      if (op.kind === 'Function') {
        return { paths: paths.map((p) => p.replace(/\/[^/]+$/, `/${functionSegment(route.version, op)}`)), tryEach: false };
      }
      if (op.name === 'executeAction') {
        const [device] = await this.keys.paths(routeIn('beta', '/devicemanagement/manageddevices/{id}') as Route, { fresh: true });
        const id = idIn(device ?? '');
        this.keys.consumed.add(id);
        return { paths, body: actionBody(route.version, op, { actionName: 'syncDevice', deviceIds: [id] }), tryEach: false };
      }
      return { paths, body: actionBody(route.version, op), tryEach: onDevice };
    }
    if (row.method === 'POST' && end.kind === 'collection') {
      assert.ok(end.known, `${row.key}: the schema has no type ${end.elementType} to create; list it in NOT_EMULATED`);
      return { paths: await this.keys.paths(route), body: createBody(route.version, end.elementType), tryEach: false };
    }
    if (row.method === 'DELETE' && end.kind === 'entity' && end.keyed) return { paths: await this.deletable(route), tryEach: false };
    const paths = await this.keys.paths(route);
    if (row.method === 'PATCH' && paths[0]) {
      const current = await this.session.admin('GET', paths[0]);
      assert.equal(current.status, 200, `${row.key}: reading ${paths[0]} before changing it answered ${current.status} ${current.text.slice(0, 300)}`);
      const body = current.json as JsonObject;
      const declared = end.kind === 'singleton' || end.kind === 'entity' ? end.type : '';
      return { paths, body: patchBody(route.version, typeOf(body, declared), body), tryEach: false };
    }
    return { paths, tryEach: false };
  }

  /**
   * Sends the planned request with `token`, trying candidates in turn while they answer 400
   * (a remote action the device does not support). The first 2xx wins; its entity is used up.
   */
  async send(row: PermissionRow, plan: RowPlan, token: string): Promise<{ readonly reply: GraphReply | undefined; readonly tried: readonly string[] }> {
    const tried: string[] = [];
    let reply: GraphReply | undefined;
    for (const path of plan.tryEach ? plan.paths : plan.paths.slice(0, 1)) {
      reply = await this.session.call(token, row.method, path, plan.body);
      if (reply.status < 300) {
        if (plan.tryEach) this.keys.consumed.add(idIn(path));
        break;
      }
      tried.push(`${path} → ${reply.status} ${reply.text.slice(0, 200)}`);
      if (reply.status !== 400) break;
    }
    return { reply, tried };
  }

  /** An entity nothing else uses: one created for the purpose, or else a fresh existing one. */
  private async deletable(route: Route): Promise<string[]> {
    const key = route.keys.get(route.segments.length - 1);
    const collection: Route = { ...route, segments: route.segments.slice(0, -1), end: { kind: 'collection', elementType: key?.declared ?? '', known: true } };
    const [parent] = await this.keys.paths(collection);
    if (parent && key) {
      const created = await this.session.admin('POST', parent, createBody(route.version, key.declared));
      if (created.status === 201 && isJsonObject(created.json)) return [`${parent}/${String(created.json['id'])}`];
    }
    return this.keys.paths(route, { fresh: true });
  }
}
