// Where the demo sign-in window may go: the demo tenant, then MSAL's loopback listener (which ends it).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { demoSignInNavigation, demoSignInRoute } from '../../src/main/security/demo-sign-in-navigation.ts';
import type { DemoSignInRoute } from '../../src/main/security/demo-sign-in-navigation.ts';

const AUTHORIZE = 'https://127.0.0.1:47123/organizations/oauth2/v2.0/authorize?client_id=0f4c8a3e-7b21-4d9a-a6e5-1c2d3b4a5f60&redirect_uri=http%3A%2F%2Flocalhost%3A53117&response_mode=form_post';

function route(): DemoSignInRoute {
  const found = demoSignInRoute(AUTHORIZE);
  assert.ok(!('problem' in found), 'problem' in found ? found.problem : '');
  return found;
}

test('the route is the demo tenant\'s origin and the redirect_uri\'s', () => {
  assert.deepEqual(route(), { demoOrigin: 'https://127.0.0.1:47123', redirectOrigin: 'http://localhost:53117' });
});

test('pages of the demo tenant are allowed, the loopback redirect finishes, anything else is refused', () => {
  const r = route();
  assert.equal(demoSignInNavigation('https://127.0.0.1:47123/organizations/login?flow=abc', r), 'stay');
  assert.equal(demoSignInNavigation('https://127.0.0.1:47123/common/consent', r), 'stay');
  assert.equal(demoSignInNavigation('http://localhost:53117/', r), 'finished');
  assert.equal(demoSignInNavigation('http://localhost:53117/?code=x', r), 'finished');
  for (const target of [
    'https://127.0.0.1:47124/organizations/login',
    'http://127.0.0.1:47123/organizations/login',
    'http://localhost:53118/',
    'https://localhost:53117/',
    'https://login.microsoftonline.com/common/oauth2/v2.0/authorize',
    'https://evil.example/',
    'file:///etc/passwd',
    'https://user:pw@127.0.0.1:47123/',
    'javascript:alert(1)',
    'not a url',
  ]) {
    assert.equal(demoSignInNavigation(target, r), 'refuse', target);
  }
});

test('only an https page on 127.0.0.1 with a loopback redirect can be shown at all', () => {
  const refused = [
    AUTHORIZE.replace('https://127.0.0.1:47123', 'http://127.0.0.1:47123'),
    AUTHORIZE.replace('127.0.0.1', 'login.microsoftonline.com'),
    AUTHORIZE.replace('127.0.0.1', 'localhost'),
    AUTHORIZE.replace('redirect_uri=http%3A%2F%2Flocalhost%3A53117', 'redirect_uri=https%3A%2F%2Fevil.example%2F'),
    AUTHORIZE.replace(/&redirect_uri=[^&]+/, ''),
    'not a url',
  ];
  for (const url of refused) {
    const found = demoSignInRoute(url);
    assert.ok('problem' in found, `${url} must be refused`);
  }
});
