// Reading error bodies: the shapes recorded from the real service in FACTS §5 (Intune's nested
// message, the UnknownError wrapper, Graph's plain errors) and what the demo tenant sends.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { parseGraphError } from '../../../src/core/graph/graph-error.ts';
import { intunePermissionLabel, portalLabelOf, problemFromResponse } from '../../../src/core/graph/problems.ts';
import { retryAfterMs } from '../../../src/core/graph/retry-after.ts';

// FACTS §5, from mondoohq/cnspec#1708 (elided ids filled with zeros).
const INTUNE_403 = JSON.stringify({
  error: {
    code: 'Forbidden',
    message:
      '{\r\n  "_version": 3,\r\n  "Message": "Application is not authorized to perform this operation. Application must have one of the following scopes: DeviceManagementManagedDevices.Read.All, DeviceManagementManagedDevices.ReadWrite.All - Operation ID (for customer support): 00000000-0000-0000-0000-000000000000 - Activity ID: 9567c8a9-0000-0000-0000-000000000000 - Url: https://fef.msua09.manage.microsoft.com/DeviceFE/StatelessDeviceFEService/deviceManagement/managedDevices?api-version=2024-06-14",\r\n  "CustomApiErrorPhrase": "",\r\n  "RetryAfter": null,\r\n  "ErrorSourceService": "",\r\n  "HttpHeaders": "{}"\r\n}',
    innerError: { date: '2024-05-22T09:41:40', 'request-id': 'e0632382-0000-0000-0000-000000000000', 'client-request-id': '3e43f1c7-0000-0000-0000-000000000000' },
  },
});

// FACTS §5: the same document wrapped again for a user without an Intune role (MSAL-js#7007).
const UNKNOWN_ERROR = JSON.stringify({
  error: {
    code: 'UnknownError',
    message: JSON.stringify({
      ErrorCode: 'Forbidden',
      Message: JSON.stringify({ _version: 3, Message: 'User is not authorized to perform this operation - Operation ID (for customer support): 00000000-0000-0000-0000-000000000000 - Activity ID: 11111111-2222-3333-4444-555555555555 - Url: https://fef.msua09.manage.microsoft.com/x', RetryAfter: null }),
      Target: null,
      Details: null,
      InnerError: null,
      InstanceAnnotations: [],
    }),
    innerError: { date: '2024-05-22T09:41:40', 'request-id': 'aaaa0000-0000-0000-0000-000000000000' },
  },
});

describe('parseGraphError', () => {
  it('reads Intune\'s nested message: the sentence, the scopes, the ids', () => {
    const d = parseGraphError(INTUNE_403);
    assert.equal(d.code, 'Forbidden');
    assert.equal(d.message, 'Application is not authorized to perform this operation. Application must have one of the following scopes: DeviceManagementManagedDevices.Read.All, DeviceManagementManagedDevices.ReadWrite.All');
    assert.deepEqual(d.requiredScopes, ['DeviceManagementManagedDevices.Read.All', 'DeviceManagementManagedDevices.ReadWrite.All']);
    assert.equal(d.activityId, '9567c8a9-0000-0000-0000-000000000000');
    assert.equal(d.requestId, 'e0632382-0000-0000-0000-000000000000');
    assert.equal(d.clientRequestId, '3e43f1c7-0000-0000-0000-000000000000');
    assert.equal(d.retryAfterSeconds, undefined, 'RetryAfter null is no value');
  });

  it('unwraps the UnknownError wrapper down to the sentence', () => {
    const d = parseGraphError(UNKNOWN_ERROR);
    assert.equal(d.code, 'UnknownError');
    assert.equal(d.innerCode, 'Forbidden');
    assert.equal(d.message, 'User is not authorized to perform this operation');
    assert.equal(d.activityId, '11111111-2222-3333-4444-555555555555');
  });

  it('reads Graph\'s plain errors as they are', () => {
    const d = parseGraphError({ error: { code: 'BadRequest', message: "Resource not found for the segment 'managedDevices'." } });
    assert.equal(d.message, "Resource not found for the segment 'managedDevices'.");
    assert.equal(d.requiredScopes, undefined);
  });

  it('reads RetryAfter from Intune\'s document, and never throws on garbage', () => {
    const throttled = JSON.stringify({ error: { code: 'TooManyRequests', message: JSON.stringify({ _version: 3, Message: 'An error has occurred - Operation ID: x', RetryAfter: 7 }) } });
    assert.equal(parseGraphError(throttled).retryAfterSeconds, 7);
    for (const junk of ['', '<html>Bad gateway</html>', '{"error":', 'null', '{"error":"text"}', '{"error":{"message":"{not json"}}']) {
      assert.doesNotThrow(() => parseGraphError(junk));
    }
    assert.equal(parseGraphError('{"error":{"message":"{not json"}}').message, '{not json');
  });

  it('names the Intune role permission from the service\'s sentence', () => {
    const body = { error: { code: 'Forbidden', message: JSON.stringify({ _version: 3, Message: 'User is not authorized to perform this operation. The operation requires the Intune permission Microsoft.Intune_RemoteTasks_ResetPasscode, which no role assigned to the user grants. - Operation ID (for customer support): 0 - Activity ID: 0 - Url: x' }) } };
    assert.equal(parseGraphError(body).intunePermission, 'Microsoft.Intune_RemoteTasks_ResetPasscode');
    assert.equal(intunePermissionLabel('Microsoft.Intune_RemoteTasks_ResetPasscode'), 'Remote tasks: Reset passcode');
    assert.equal(intunePermissionLabel('Microsoft.Intune_DeviceCompliancePolices_Assign'), 'Device compliance policies: Assign');
  });
});

describe('problemFromResponse on the recorded real-service 403', () => {
  it('names the scopes with their Entra ID labels and adds the three checks', () => {
    const p = problemFromResponse({ clientRequestId: 'c', host: 'graph.microsoft.com', attempts: 1, now: 0, status: 403, headers: {}, body: INTUNE_403 });
    assert.equal(p.code, 'forbidden');
    assert.equal(p.requestId, 'e0632382-0000-0000-0000-000000000000', 'from innerError when the header is missing');
    assert.match(p.message, /"Read Microsoft Intune devices"/);
    assert.equal(p.checks?.length, 3);
    assert.equal(portalLabelOf('devicemanagementmanageddevices.privilegedoperations.all'), 'Perform user-impacting remote actions on Microsoft Intune devices');
  });
});

describe('retryAfterMs', () => {
  it('reads seconds (whole or decimal, rounded up) and HTTP dates', () => {
    const now = Date.parse('2026-01-01T00:00:00Z');
    assert.equal(retryAfterMs('3', now), 3000);
    assert.equal(retryAfterMs('2.128', now), 2128);
    assert.equal(retryAfterMs('0.0001', now), 1);
    assert.equal(retryAfterMs('Thu, 01 Jan 2026 00:00:05 GMT', now), 5000);
    assert.equal(retryAfterMs('Wed, 31 Dec 2025 23:59:00 GMT', now), 0, 'a date in the past means now');
    assert.equal(retryAfterMs(undefined, now), undefined);
    assert.equal(retryAfterMs('soon', now), undefined);
    assert.equal(retryAfterMs('-5', now), undefined);
  });
});
