// POST (create), PATCH (update) and DELETE, checked against the schema and journaled.
import { randomUUID } from 'node:crypto';
import type { GraphResponse } from '../exchange.ts';
import { jsonResponse } from '../exchange.ts';
import { graphError } from '../errors.ts';
import { entityRecord } from '../model/entity.ts';
import type { EntityRecord } from '../model/entity.ts';
import type { MutableJsonObject } from '../model/json.ts';
import { intuneSchema } from '../model/schema.ts';
import { contextUrl, entityBody } from '../odata/collection-body.ts';
import { serializeEntity } from '../odata/serialize.ts';
import type { HandlerContext } from './handler-context.ts';
import { checkWriteBody } from './write-body.ts';

export function createEntity(h: HandlerContext): GraphResponse {
  const t = h.resolved.target;
  if (t.kind !== 'collection' || !t.contained) return notWritable(h);
  const { version } = h.request;
  const check = checkWriteBody(version, t.elementType, h.request.body, 'create');
  if (!check.ok) return graphError(400, 'BadRequest', check.message, h.errors);
  const now = timestamp(h);
  const props: MutableJsonObject = { ...check.props, id: randomUUID() };
  stamp(version, check.type, props, now, 'create');
  const record = entityRecord(check.type, props);
  t.collection.put(record);
  h.writes.put(h.segments, record);
  return respondWith(h, record, t.elementType, 201);
}

export function updateEntity(h: HandlerContext): GraphResponse {
  const t = h.resolved.target;
  const { version } = h.request;
  if (t.kind !== 'entity' && t.kind !== 'singleton') return notWritable(h);
  if (t.kind === 'entity' && !t.contained && t.collection === undefined) return notWritable(h);
  const record = t.record;
  const declaredType = t.kind === 'entity' && t.collection ? t.collection.elementType : record.type;
  const check = checkWriteBody(version, declaredType, h.request.body, 'update', record.type);
  if (!check.ok) return graphError(400, 'BadRequest', check.message, h.errors);
  const previous = { ...record.props };
  Object.assign(record.props, check.props);
  stamp(version, record.type, record.props, timestamp(h), 'update');
  if (t.kind === 'entity' && t.collection) {
    t.collection.reindex(record, previous);
    h.writes.put(h.segments.slice(0, -1), record);
  } else {
    h.writes.putSingle(h.segments, record);
  }
  return respondWith(h, record, declaredType, 200);
}

export function deleteEntity(h: HandlerContext): GraphResponse {
  const t = h.resolved.target;
  if (t.kind !== 'entity' || !t.collection || (!t.contained && t.navName !== 'managedDevices')) return notWritable(h);
  const id = String(t.record.props['id']);
  t.collection.remove(id);
  h.writes.remove(h.segments.slice(0, -1), id);
  return { status: 204, headers: {}, body: undefined };
}

function respondWith(h: HandlerContext, record: EntityRecord, declaredType: string, status: number): GraphResponse {
  const body = serializeEntity(record, { version: h.request.version, inList: false, declaredType });
  const context = contextUrl(h.request.baseUrl, h.request.version, h.resolved.contextPath, { entity: h.resolved.target.kind !== 'singleton' });
  return jsonResponse(status, entityBody(body ?? {}, context));
}

function notWritable(h: HandlerContext): GraphResponse {
  return graphError(405, 'BadRequest', `The HTTP method '${h.request.method}' is not allowed on this resource.`, h.errors);
}

function timestamp(h: HandlerContext): string {
  return new Date(h.clock.now()).toISOString();
}

/** Sets the server-owned properties a real service maintains, where the type has them. */
function stamp(version: 'v1.0' | 'beta', typeName: string, props: MutableJsonObject, now: string, mode: 'create' | 'update'): void {
  const type = intuneSchema.type('beta', typeName) ?? intuneSchema.type(version, typeName);
  if (!type) return;
  if (mode === 'create' && type.properties.has('createdDateTime')) props['createdDateTime'] = now;
  if (type.properties.has('lastModifiedDateTime')) props['lastModifiedDateTime'] = now;
  // A revision counter only where `version` is one (Int32 on policies); elsewhere it is data,
  // such as a detected app's version or a managed app policy's ETag-like string.
  if (type.properties.get('version')?.name === 'Edm.Int32') {
    const current = props['version'];
    props['version'] = mode === 'create' ? 1 : (typeof current === 'number' ? current : 0) + 1;
  }
}
