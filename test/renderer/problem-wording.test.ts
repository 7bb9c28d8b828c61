import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Problem } from '../../src/shared/bridge/api.ts';
import { asOfLine, checksFor, clearsWording, problemTitle, roleWording, scopesNeeded, supportLine } from '../../src/renderer/features/problems/problem-wording.ts';

const NOW = Date.parse('2026-11-26T14:05:30Z');
const UTC = { locale: 'en-GB', timeZone: 'UTC' } as const;

const forbidden: Problem = {
  code: 'forbidden',
  message: 'Intune refused: the app lacks the permission to read devices.',
  requiredScopes: ['DeviceManagementManagedDevices.Read.All', 'DeviceManagementManagedDevices.ReadWrite.All'],
  requestId: 'req-1',
  clientRequestId: 'client-2',
  httpStatus: 403,
};

test('a 403 names each scope by its admin-center label', () => {
  assert.deepEqual(scopesNeeded(forbidden), [
    { name: 'DeviceManagementManagedDevices.Read.All', label: 'Read Microsoft Intune devices' },
    { name: 'DeviceManagementManagedDevices.ReadWrite.All', label: 'Read and write Microsoft Intune devices' },
  ]);
  assert.deepEqual(scopesNeeded({ code: 'forbidden', message: 'x', requiredScopes: ['Some.Other.Scope'] }), [{ name: 'Some.Other.Scope', label: 'Some.Other.Scope' }]);
});

test('a 403 without checks of its own gets the article’s three; its own checks win', () => {
  const fallback = checksFor(forbidden);
  assert.equal(fallback.length, 3);
  assert.match(fallback[0] ?? '', /DeviceManagementManagedDevices\.Read\.All/);
  assert.deepEqual(checksFor({ ...forbidden, checks: ['Ask for the Help Desk Operator role.'] }), ['Ask for the Help Desk Operator role.']);
  assert.deepEqual(checksFor({ code: 'offline', message: 'x' }), []);
});

test('throttling says when it clears, from clearsAt first, else from Retry-After', () => {
  assert.equal(clearsWording({ code: 'throttled', message: 'x', clearsAt: '2026-11-26T14:06:10Z', retryAfterSeconds: 99 }, NOW, UTC), 'Clears at 14:06 (in 40 s)');
  assert.equal(clearsWording({ code: 'throttled', message: 'x', retryAfterSeconds: 40 }, NOW, UTC), 'Try again in about 40 s');
  assert.equal(clearsWording(forbidden, NOW, UTC), undefined);
});

test('an offline problem says how old the data shown is', () => {
  assert.equal(asOfLine({ code: 'offline', message: 'x', asOf: '2026-11-26T14:02:00Z' }, NOW, UTC), 'Showing the offline inventory. As of 14:02, 3 min ago.');
  assert.equal(asOfLine(forbidden, NOW, UTC), undefined);
});

test('the support line carries both request ids and the status; nothing to quote gives none', () => {
  assert.equal(supportLine(forbidden), 'Not allowed (forbidden) · Request ID: req-1 · Client request ID: client-2 · HTTP 403');
  assert.equal(supportLine({ code: 'offline', message: 'x' }), undefined);
});

test('every problem code has a title of its own', () => {
  const codes: Problem['code'][] = ['signInRequired', 'consentRequired', 'forbidden', 'throttled', 'offline', 'notFound', 'badRequest', 'serviceError', 'malformedResponse', 'cancelled', 'storeDamaged', 'internal'];
  const titles = codes.map((code) => problemTitle({ code, message: '' }));
  assert.equal(new Set(titles).size, codes.length);
  assert.ok(!titles.includes('Problem'));
});

test('a missing Intune role permission reads as the admin center names it', () => {
  assert.equal(roleWording('Microsoft.Intune_RemoteTasks_RebootNow'), 'Remote tasks: Reboot now (Microsoft.Intune_RemoteTasks_RebootNow)');
  assert.equal(roleWording('Microsoft.Intune_ManagedDevices_Read'), 'Managed devices: Read (Microsoft.Intune_ManagedDevices_Read)');
  // Unknown shapes are shown as they came.
  assert.equal(roleWording('Microsoft.Intune_Unheard_Thing'), 'Microsoft.Intune_Unheard_Thing');
  assert.equal(roleWording('Help Desk Operator'), 'Help Desk Operator');
});
