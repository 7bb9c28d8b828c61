// shell.openExternal's allow-list: Entra ID authorize endpoints with a loopback redirect, nothing else.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { checkSignInUrl, ENTRA_SIGN_IN_HOSTS } from '../../src/main/security/sign-in-url.ts';

const query = 'client_id=0f4c8a3e-7b21-4d9a-a6e5-1c2d3b4a5f60&scope=openid%20profile&redirect_uri=http%3A%2F%2Flocalhost%3A53117&response_type=code&response_mode=form_post&code_challenge=abc&code_challenge_method=S256&state=xyz';

function authorize(host: string, tenant = 'organizations', extra = ''): string {
  return `https://${host}/${tenant}/oauth2/v2.0/authorize?${query}${extra}`;
}

test('MSAL authorize URLs on Microsoft sign-in hosts, public and sovereign, are allowed', () => {
  for (const host of ENTRA_SIGN_IN_HOSTS) {
    for (const tenant of ['organizations', 'common', 'contoso.onmicrosoft.com', '5b3e1d6c-9f0a-4c2e-8a71-0d4f6b2c9e11']) {
      const verdict = checkSignInUrl(authorize(host, tenant));
      assert.equal(verdict.allowed, true, `${host}/${tenant}: ${verdict.allowed ? '' : verdict.reason}`);
    }
  }
  assert.ok(ENTRA_SIGN_IN_HOSTS.includes('login.microsoftonline.us'));
  assert.ok(ENTRA_SIGN_IN_HOSTS.includes('login.partner.microsoftonline.cn'));
});

test('the host in IT\'s machine policy is allowed only when configured', () => {
  const url = authorize('login.contoso-sovereign.example');
  assert.equal(checkSignInUrl(url).allowed, false);
  assert.equal(checkSignInUrl(url, ['login.contoso-sovereign.example']).allowed, true);
  assert.equal(checkSignInUrl(url, ['LOGIN.CONTOSO-SOVEREIGN.EXAMPLE']).allowed, true);
});

test('an allowed URL is handed on as parsed, not as given', () => {
  const verdict = checkSignInUrl(authorize('LOGIN.MicrosoftOnline.com'));
  assert.equal(verdict.allowed, true);
  assert.ok(verdict.allowed && verdict.url.startsWith('https://login.microsoftonline.com/organizations/oauth2/v2.0/authorize?'));
});

test('everything else is refused, with a reason', () => {
  const refused: Record<string, string> = {
    'plain http': authorize('login.microsoftonline.com').replace('https:', 'http:'),
    'file URL': 'file:///C:/Windows/System32/calc.exe',
    'custom scheme': 'ms-settings:privacy',
    'UNC-style smb': 'smb://attacker/share',
    'javascript': 'javascript:alert(1)',
    'look-alike host': authorize('login.microsoftonline.com.evil.example'),
    'subdomain': authorize('evil.login.microsoftonline.com'),
    'other Microsoft site': 'https://portal.azure.com/',
    'token endpoint': `https://login.microsoftonline.com/organizations/oauth2/v2.0/token?${query}`,
    'logout': `https://login.microsoftonline.com/organizations/oauth2/v2.0/logout?${query}`,
    'extra path': `https://login.microsoftonline.com/organizations/oauth2/v2.0/authorize/x?${query}`,
    'path traversal': `https://login.microsoftonline.com/a/../organizations/oauth2/v2.0/authorize%2f..?${query}`,
    'explicit port': authorize('login.microsoftonline.com:8443'),
    'credentials': authorize('user:pw@login.microsoftonline.com'),
    'odd tenant segment': authorize('login.microsoftonline.com', '%3Cscript%3E'),
    'redirect to a web site (consent phishing)': `https://login.microsoftonline.com/common/oauth2/v2.0/authorize?client_id=x&redirect_uri=https%3A%2F%2Fevil.example%2Fcb`,
    'no redirect_uri': 'https://login.microsoftonline.com/common/oauth2/v2.0/authorize?client_id=x',
    'no client_id': 'https://login.microsoftonline.com/common/oauth2/v2.0/authorize?redirect_uri=http%3A%2F%2Flocalhost%3A1234',
    'not a URL': 'login.microsoftonline.com/common/oauth2/v2.0/authorize',
    'empty': '',
  };
  for (const [name, url] of Object.entries(refused)) {
    const verdict = checkSignInUrl(url);
    assert.equal(verdict.allowed, false, `${name} must be refused: ${url}`);
    assert.ok(!verdict.allowed && verdict.reason.length > 0);
  }
});
