import assert from 'node:assert/strict';
import { test } from 'node:test';
import { FEATURE_SCOPES, INTUNE_SCOPE_NAMES } from '../../src/core/auth/feature-scopes.ts';
import { SCOPE_PLAN, scopesToRegister } from '../../src/renderer/features/first-run/scope-plan.ts';

test('the first-run page shows the scopes the auth service actually asks for, feature by feature', () => {
  assert.deepEqual(
    Object.fromEntries(SCOPE_PLAN.map((s) => [s.feature, s.scopes.map((x) => x.name)])),
    Object.fromEntries(Object.entries(FEATURE_SCOPES).map(([f, scopes]) => [f, [...scopes]])),
  );
});

test('the permissions to register are every Intune scope, once, reading devices first', () => {
  const names = scopesToRegister().map((s) => s.name);
  assert.equal(names[0], 'DeviceManagementManagedDevices.Read.All');
  assert.equal(new Set(names).size, names.length);
  assert.deepEqual([...names].sort(), [...INTUNE_SCOPE_NAMES].sort());
});

test('each scope carries its admin-center label and each feature says when it is asked for', () => {
  for (const step of SCOPE_PLAN) {
    assert.ok(step.when.length > 0 && step.description.length > 0);
    for (const s of step.scopes) assert.match(s.label, /Microsoft Intune/);
  }
  assert.equal(SCOPE_PLAN[0]?.when, 'At the first sign-in');
});
