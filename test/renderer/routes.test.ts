import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DEFAULT_ROUTE, ROUTES, hashFor, routeFromHash } from '../../src/renderer/app/routes.ts';
import { resolveTheme } from '../../src/renderer/app/theme-choice.ts';

test('every route round-trips through its address', () => {
  for (const route of ROUTES) assert.equal(routeFromHash(hashFor(route.id)), route.id);
  assert.equal(hashFor('myDevices'), '#/my-devices');
});

test('unknown, empty and decorated addresses land on a real page', () => {
  assert.equal(routeFromHash(''), DEFAULT_ROUTE);
  assert.equal(routeFromHash('#/nowhere'), DEFAULT_ROUTE);
  assert.equal(routeFromHash('#/activity/extra'), 'activity');
  assert.equal(routeFromHash('#settings?x=1'), 'settings');
});

test('route ids and paths are unique', () => {
  assert.equal(new Set(ROUTES.map((r) => r.id)).size, ROUTES.length);
  assert.equal(new Set(ROUTES.map((r) => r.path)).size, ROUTES.length);
});

test('"system" follows forced colors first, then dark mode; explicit themes win', () => {
  assert.equal(resolveTheme('system', { prefersDark: false, forcedColors: false }), 'light');
  assert.equal(resolveTheme('system', { prefersDark: true, forcedColors: false }), 'dark');
  assert.equal(resolveTheme('system', { prefersDark: true, forcedColors: true }), 'highContrast');
  assert.equal(resolveTheme(undefined, { prefersDark: true, forcedColors: false }), 'dark');
  assert.equal(resolveTheme('light', { prefersDark: true, forcedColors: true }), 'light');
  assert.equal(resolveTheme('highContrast', { prefersDark: false, forcedColors: false }), 'highContrast');
});
