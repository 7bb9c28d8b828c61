// What a client sees when its token lacks the scope: 403 in Intune's shape, a JSON document
// inside `message` (FACTS §5) whose text names the scopes that would do.
import assert from 'node:assert/strict';
import type { GraphReply } from '../../../helpers/graph-call.ts';
import { intuneMessage } from '../../../helpers/graph-call.ts';
import type { PermissionRow } from './permission-routes.ts';

export function assertForbidden(reply: GraphReply, row: Pick<PermissionRow, 'key' | 'least'>): void {
  assert.equal(reply.status, 403, `${row.key} without its scopes: expected 403, got ${reply.status} ${reply.text.slice(0, 300)}`);
  const error = (reply.json as { error?: { code?: unknown; message?: unknown; innerError?: Record<string, unknown> } } | undefined)?.error;
  assert.equal(error?.code, 'Forbidden', `${row.key}: error code`);
  assert.equal(typeof error?.message, 'string');
  const inner = JSON.parse(error?.message as string) as { _version?: unknown; Message?: unknown };
  assert.equal(inner._version, 3, `${row.key}: Intune's message document`);
  const message = intuneMessage(reply.json);
  for (const scope of row.least) assert.ok(message.includes(scope), `${row.key}: the message names ${scope}: ${message}`);
  assert.equal(typeof error?.innerError?.['request-id'], 'string', `${row.key}: innerError request-id`);
  assert.equal(typeof error?.innerError?.['date'], 'string', `${row.key}: innerError date`);
}
