// What a write, action or function answered, checked against what the schema says it returns:
// the created or updated entity, the operation's declared return type, or no content at all.
import type { Route } from './permission-routes.ts';
import type { GraphReply } from '../../../helpers/graph-call.ts';
import type { ResponseCheck } from './response-check.ts';
import { entityOf } from './response-check.ts';

/** Checks one 2xx answer; true when it carried content that was validated. */
export function answerOf(check: ResponseCheck, key: string, route: Route, reply: GraphReply): boolean {
  const { version, end } = route;
  const empty = reply.text === '';
  if (end.kind === 'operation') {
    const returns = end.operation.returns;
    if (!returns) {
      if (reply.status !== 204 || !empty) check.problems.push(`${key}: ${end.operation.name} returns nothing, but the answer was ${reply.status} ${reply.text.slice(0, 120)}`);
      return false;
    }
    if (returns.name === 'Edm.Stream') {
      if (reply.status !== 200 || !(reply.headers['content-type'] ?? '').startsWith('application/octet-stream')) check.problems.push(`${key}: a stream answer should be 200 octet-stream, got ${reply.status} ${reply.headers['content-type'] ?? ''}`);
      return false;
    }
    const body = check.envelope(version, key, reply);
    if (!body) return false;
    const primitive = returns.name.startsWith('Edm.');
    // Collections and primitives come as `value`; a single entity or complex value is the body itself.
    check.value(version, `${key} → ${returns.collection ? 'Collection(' : ''}${returns.name}${returns.collection ? ')' : ''}`, returns.collection || primitive ? body['value'] : entityOf(body), returns);
    return true;
  }
  if (empty) {
    if (reply.status !== 204) check.problems.push(`${key}: ${reply.status} without a body`);
    return false;
  }
  const body = check.envelope(version, key, reply);
  if (!body) return false;
  const declared = end.kind === 'collection' ? end.elementType : end.type;
  check.entity(version, key, entityOf(body), declared);
  return true;
}
