// Narrowing an ActionOutcome in tests, with the reason in the failure message.
import assert from 'node:assert/strict';
import type { ActionError, ActionOutcome } from '../../../../src/emulator/graph/actions/index.ts';

export function assertAccepted(outcome: ActionOutcome | undefined): void {
  assert.ok(outcome, 'the action exists');
  assert.ok(outcome.status === 204 || outcome.status === 200, `accepted, got ${JSON.stringify(outcome)}`);
}

export function assertRefused(outcome: ActionOutcome | undefined, status: 400 | 404 | 409 = 400): ActionError {
  assert.ok(outcome, 'the action exists');
  assert.equal(outcome.status, status, `expected ${status}, got ${JSON.stringify(outcome)}`);
  assert.ok('message' in outcome);
  return outcome;
}
