// Bound actions and functions: device remote actions, the bulk executeAction, `assign`,
// and every other operation the schema binds, answered by its declared return type.
import { randomUUID } from 'node:crypto';
import type { ActionOutcome } from '../actions/index.ts';
import { runBulkAction, runDeviceAction } from '../actions/index.ts';
import type { GraphResponse } from '../exchange.ts';
import { jsonResponse } from '../exchange.ts';
import { graphError, intuneError } from '../errors.ts';
import { EntityCollection, entityRecord } from '../model/entity.ts';
import type { EntityRecord } from '../model/entity.ts';
import type { Json, MutableJsonObject } from '../model/json.ts';
import { isJsonObject } from '../model/json.ts';
import type { BoundOperation } from '../model/schema.ts';
import { intuneSchema } from '../model/schema.ts';
import { serializeEntity } from '../odata/serialize.ts';
import type { HandlerContext } from './handler-context.ts';

export function runOperation(h: HandlerContext): GraphResponse {
  const t = h.resolved.target;
  if (t.kind !== 'operation') throw new Error('runOperation needs an operation');
  const op = t.operation;
  const expected = op.kind === 'Function' ? 'GET' : 'POST';
  if (h.request.method !== expected) {
    return graphError(405, 'BadRequest', `The ${op.kind === 'Function' ? 'function' : 'action'} '${op.name}' must be called with ${expected}.`, h.errors);
  }
  if (t.on instanceof EntityCollection) {
    if (op.name === 'executeAction' && t.elementType === 'managedDevice') return fromActionOutcome(h, runBulkAction(h.actionDeps, h.request.body));
    return genericOperation(h, op, undefined);
  }
  const record = t.on;
  if (intuneSchema.isDerivedFrom('beta', record.type, 'managedDevice')) {
    const outcome = runDeviceAction(h.actionDeps, record, op.name, h.request.body, h.request.version);
    if (outcome) return fromActionOutcome(h, outcome);
  }
  if (op.name === 'assign') return assign(h, record, op);
  return genericOperation(h, op, record);
}

function fromActionOutcome(h: HandlerContext, outcome: ActionOutcome): GraphResponse {
  if (outcome.status === 204) return { status: 204, headers: {}, body: undefined };
  if (outcome.status === 200) {
    const body = isJsonObject(outcome.body) ? outcome.body : { value: outcome.body };
    return jsonResponse(200, { '@odata.context': `${h.request.baseUrl}/${h.request.version}/$metadata#${outcome.context}`, ...body });
  }
  return intuneError(outcome.status, outcome.code, outcome.message, h.errors, { path: outcome.path });
}

/** Checks an operation's parameters (a function's from the path, an action's body): only declared ones, each of its type. */
function checkParameters(h: HandlerContext, op: BoundOperation): { readonly ok: true; readonly params: Readonly<Record<string, Json>> } | { readonly ok: false; readonly response: GraphResponse } {
  const t = h.resolved.target;
  const args = t.kind === 'operation' ? t.args : undefined;
  const body = args ? Object.fromEntries(Object.entries(args).map(([k, v]) => [k, odataLiteral(v)])) : (h.request.body ?? {});
  if (!isJsonObject(body)) return { ok: false, response: graphError(400, 'BadRequest', 'The parameters of an action must be a JSON object.', h.errors) };
  for (const [name, value] of Object.entries(body)) {
    const ref = op.params.get(name);
    if (!ref) return { ok: false, response: graphError(400, 'BadRequest', `The parameter '${name}' in the request payload is not a valid parameter for the operation '${op.name}'.`, h.errors) };
    const problems = intuneSchema.checkValue(h.request.version, ref, value, name);
    if (problems.length > 0) return { ok: false, response: graphError(400, 'BadRequest', `Invalid value for parameter '${name}': ${problems[0] ?? ''}`, h.errors) };
  }
  return { ok: true, params: body };
}

/** A literal as a function call writes it in the path: 'text' (quotes doubled inside), true, 12, null. */
function odataLiteral(text: string): Json {
  if (/^'.*'$/s.test(text)) return text.slice(1, -1).replace(/''/g, "'");
  if (text === 'true' || text === 'false') return text === 'true';
  if (text === 'null') return null;
  if (/^-?\d+(\.\d+)?$/.test(text)) return Number(text);
  // Unquoted dates, GUIDs and enum literals are checked as text against the declared type.
  return text;
}

/** `assign` replaces the target's assignments with the ones sent. */
function assign(h: HandlerContext, record: EntityRecord, op: BoundOperation): GraphResponse {
  const checked = checkParameters(h, op);
  if (!checked.ok) return checked.response;
  // The parameter that carries what `assignments` holds: beta's deviceConfiguration assign lists
  // deviceConfigurationGroupAssignments first, which is not it.
  const held = intuneSchema.type(h.request.version, record.type)?.navigation.get('assignments')?.name;
  const params = [...op.params.entries()];
  const [paramName, paramType] = params.find(([, ref]) => ref.name === held) ?? params[0] ?? [];
  if (!paramName || !paramType) return genericOperation(h, op, record);
  const sent = checked.params[paramName];
  const items = Array.isArray(sent) ? sent : [];
  const collection = new EntityCollection(paramType.name);
  for (const item of items) {
    if (!isJsonObject(item)) continue;
    const tag = typeof item['@odata.type'] === 'string' ? item['@odata.type'].replace(/^#?microsoft\.graph\./, '') : paramType.name;
    const props: MutableJsonObject = { ...item, id: typeof item['id'] === 'string' && item['id'] !== '' ? item['id'] : randomUUID() };
    delete props['@odata.type'];
    collection.put(entityRecord(tag, props));
  }
  const location = [...h.segments.slice(0, -1), 'assignments'];
  const previous = record.nav.get('assignments');
  if (previous instanceof EntityCollection) for (const old of previous.values()) h.writes.remove(location, String(old.props['id']));
  record.nav.set('assignments', collection);
  for (const a of collection.values()) h.writes.put(location, a);
  // The stored assignments come back where the CSDL declares a return type (deviceConfiguration,
  // deviceCompliancePolicy, roleScopeTag; FACTS §1 table), else 204.
  if (!op.returns?.collection) return { status: 204, headers: {}, body: undefined };
  const value = collection.values().map((a) => serializeEntity(a, { version: h.request.version, inList: true, declaredType: paramType.name }) ?? {});
  return jsonResponse(200, { '@odata.context': `${h.request.baseUrl}/${h.request.version}/$metadata#Collection(microsoft.graph.${paramType.name})`, value });
}

/**
 * Operations with no behaviour of their own in the demo: parameters are checked, then the
 * answer has the declared return type (the entity itself, an empty collection, a string).
 */
function genericOperation(h: HandlerContext, op: BoundOperation, record: EntityRecord | undefined): GraphResponse {
  const checked = checkParameters(h, op);
  if (!checked.ok) return checked.response;
  const returns = op.returns;
  if (!returns) return { status: 204, headers: {}, body: undefined };
  const context = `${h.request.baseUrl}/${h.request.version}/$metadata#`;
  if (returns.collection) return jsonResponse(200, { '@odata.context': `${context}Collection(${qualified(returns.name)})`, value: [] });
  // A file (app diagnostics, a filter evaluation report): the demo has none, so an empty one, as a file and not JSON.
  if (returns.name === 'Edm.Stream') return { status: 200, headers: { 'content-type': 'application/octet-stream' }, body: '' };
  if (returns.name === 'Edm.String') return jsonResponse(200, { '@odata.context': `${context}Edm.String`, value: demoString(op.name) });
  if (returns.name.startsWith('Edm.')) return jsonResponse(200, { '@odata.context': `${context}${returns.name}`, value: intuneSchema.defaultValue(h.request.version, returns, true) });
  if (record && intuneSchema.isDerivedFrom('beta', record.type, returns.name)) {
    const body = serializeEntity(record, { version: h.request.version, inList: false, declaredType: returns.name });
    return jsonResponse(200, { '@odata.context': `${context}${qualified(returns.name)}`, ...(body ?? {}) });
  }
  const type = intuneSchema.type(h.request.version, returns.name);
  const value = type && !type.abstract ? { ...intuneSchema.emptyObject(h.request.version, type), ...(type.kind === 'entity' ? { id: randomUUID() } : {}) } : {};
  return jsonResponse(200, { '@odata.context': `${context}${qualified(returns.name)}`, ...value });
}

function qualified(name: string): string {
  return name.startsWith('Edm.') ? name : `microsoft.graph.${name}`;
}

/** A recognisable placeholder: the demo has no Apple CSR, BitLocker key or download URL to give. */
function demoString(operation: string): string {
  return `demo-tenant:${operation}:${randomUUID()}`;
}
