// GET: collections (paged), single entities, singletons and /$count.
import type { GraphResponse } from '../exchange.ts';
import { jsonResponse } from '../exchange.ts';
import { graphError } from '../errors.ts';
import { intuneSchema } from '../model/schema.ts';
import { collectionBody, contextUrl, entityBody } from '../odata/collection-body.ts';
import { countOnly, listPage } from '../odata/paging.ts';
import { parseQuery } from '../odata/query.ts';
import { serializeSingle } from '../odata/single.ts';
import type { HandlerContext } from './handler-context.ts';

export function readCollection(h: HandlerContext): GraphResponse {
  const t = h.resolved.target;
  if (t.kind !== 'collection') throw new Error('readCollection needs a collection');
  const { version } = h.request;
  // A collection of a type the schema extract lacks (routing/resolve.ts): always empty, so no option can select from it.
  if (!intuneSchema.type(version, t.elementType)) return jsonResponse(200, collectionBody({ value: [] }, contextUrl(h.request.baseUrl, version, h.resolved.contextPath)));
  const query = parseQuery(h.request.query, { version, declaredType: t.elementType, inList: true });
  const page = listPage(t.collection, query, {
    version,
    baseUrl: h.request.baseUrl,
    requestPath: h.request.path,
    declaredType: t.elementType,
    resolve: h.resolveNavigation,
  });
  const context = contextUrl(h.request.baseUrl, version, h.resolved.contextPath, query.select ? { select: query.select } : {});
  return jsonResponse(200, collectionBody(page, context));
}

export function readCount(h: HandlerContext): GraphResponse {
  const t = h.resolved.target;
  if (t.kind !== 'count') throw new Error('readCount needs a $count target');
  if (!intuneSchema.type(h.request.version, t.elementType)) return { status: 200, headers: { 'content-type': 'text/plain; charset=utf-8' }, body: '0' };
  const query = parseQuery(h.request.query, { version: h.request.version, declaredType: t.elementType, inList: true, countSegment: true });
  return { status: 200, headers: { 'content-type': 'text/plain; charset=utf-8' }, body: String(countOnly(t.collection, query)) };
}

export function readEntity(h: HandlerContext): GraphResponse {
  const t = h.resolved.target;
  if (t.kind !== 'entity' && t.kind !== 'singleton') throw new Error('readEntity needs an entity');
  const { version } = h.request;
  const declaredType = t.kind === 'entity' && t.collection ? t.collection.elementType : t.record.type;
  const query = parseQuery(h.request.query, { version, declaredType, inList: false });
  const body = serializeSingle(t.record, query, { version, declaredType, resolve: h.resolveNavigation });
  if (!body) return graphError(404, 'ResourceNotFound', `Resource not found for the segment '${h.segments[h.segments.length - 1] ?? ''}'.`, h.errors);
  const context = contextUrl(h.request.baseUrl, version, h.resolved.contextPath, { ...(query.select ? { select: query.select } : {}), entity: t.kind === 'entity' });
  return jsonResponse(200, entityBody(body, context));
}
