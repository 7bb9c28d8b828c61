// A scripted sign-in: the authorization code flow with PKCE done by an HTTP client instead of a
// browser. It walks the emulator's real pages (account picker, password, consent), reads the
// form_post answer and redeems the code, so tests get genuine tokens for any user and scope set
// in a few milliseconds.
//
//   const t = await signIn({ baseUrl, ca, tenant: 'contoso.onmicrosoft.com',
//     upn: 'megan.bowen@contoso.onmicrosoft.com', scopes: ['DeviceManagementManagedDevices.Read.All'] });
//   await httpsRequest(`${baseUrl}/v1.0/deviceManagement/managedDevices`, { ca, headers: { authorization: `Bearer ${t.accessToken}` } });
//
// Consent given on the way is remembered by the emulator, like Entra remembers it.
import { createHash, randomBytes } from 'node:crypto';
import { DEFAULT_CLIENT_ID, demoDirectory } from '../../src/emulator/directory/demo-directory.ts';
import { decodeEntities, formFields, parseForms } from './html-forms.ts';
import type { HtmlForm } from './html-forms.ts';
import { httpsRequest, postForm } from './https-request.ts';
import type { HttpsResponse } from './https-request.ts';

export interface SignInOptions {
  /** 'https://127.0.0.1:PORT' */
  readonly baseUrl: string;
  /** PEM of the demo tenant's CA. */
  readonly ca: string;
  /** GUID, domain, 'organizations' or 'common'. */
  readonly tenant: string;
  /** The home sign-in name; a guest signs in with this too. */
  readonly upn: string;
  /** Defaults to the demo directory's password for `upn`; give a wrong one to see AADSTS50126. */
  readonly password?: string;
  /** Graph scopes, bare or `https://graph.microsoft.com/...`; openid, profile and offline_access are added. */
  readonly scopes: readonly string[];
  readonly clientId?: string;
  /** For the confidential demo app. */
  readonly clientSecret?: string;
  /** Defaults to http://localhost (any port matches, as for MSAL's loopback). */
  readonly redirectUri?: string;
  /** What to press on the consent page if it appears; 'accept' by default. */
  readonly consent?: 'accept' | 'cancel';
  readonly prompt?: 'login' | 'consent' | 'select_account';
}

export interface SignInResult {
  readonly accessToken: string;
  readonly refreshToken: string;
  readonly idToken: string;
  /** The token response's `scope`. */
  readonly scope: string;
  readonly clientInfo: string;
  readonly expiresIn: number;
  /** Whether the consent page was shown on the way. */
  readonly consentShown: boolean;
}

/** The sign-in ended at an error: on an Entra error page, or as an OAuth error sent to the app. */
export class SignInError extends Error {
  override readonly name = 'SignInError';
  readonly error: string;
  readonly fields: Readonly<Record<string, string>>;
  constructor(error: string, description: string, fields: Readonly<Record<string, string>> = {}) {
    super(`${error}: ${description}`);
    this.error = error;
    this.fields = fields;
  }
}

const MAX_STEPS = 8;

export async function signIn(options: SignInOptions): Promise<SignInResult> {
  const clientId = options.clientId ?? DEFAULT_CLIENT_ID;
  const redirectUri = options.redirectUri ?? 'http://localhost';
  const verifier = randomBytes(32).toString('base64url');
  const state = randomBytes(12).toString('base64url');
  const scope = [...options.scopes, 'openid', 'profile', 'offline_access'].join(' ');
  const authorize = new URL(`${options.baseUrl}/${encodeURIComponent(options.tenant)}/oauth2/v2.0/authorize`);
  const params: Record<string, string> = {
    client_id: clientId,
    response_type: 'code',
    redirect_uri: redirectUri,
    response_mode: 'form_post',
    scope,
    state,
    nonce: randomBytes(12).toString('base64url'),
    code_challenge: createHash('sha256').update(verifier).digest('base64url'),
    code_challenge_method: 'S256',
    client_info: '1',
  };
  if (options.prompt) params['prompt'] = options.prompt;
  for (const [k, v] of Object.entries(params)) authorize.searchParams.set(k, v);

  const browser = new CookieJar();
  const first = await browser.get(authorize.href, options.ca);
  const walked = await walkSignInPages(browser, first, { ...options, password: options.password ?? demoPassword(options.upn) }, (f) => f.action.startsWith(redirectUri));
  if (walked.finalText) throw new SignInError('sign_in_page', walked.finalText);
  const fields = formFields(walked.answer);
  if (fields['state'] !== state) throw new SignInError('state_mismatch', `Expected state ${state}, got ${fields['state']}`, fields);
  if (fields['error'] || !fields['code']) throw new SignInError(fields['error'] ?? 'no_code', fields['error_description'] ?? '', fields);
  return redeem(options, clientId, redirectUri, scope, fields['code'], verifier, walked.consentShown);
}

function demoPassword(upn: string): string {
  const user = demoDirectory().users.find((u) => !u.guestOf && u.userPrincipalName.toLowerCase() === upn.toLowerCase());
  if (!user) throw new SignInError('unknown_demo_user', `${upn} is not a demo user; pass its password`);
  return user.password;
}

export interface DeviceApprovalOptions {
  readonly baseUrl: string;
  readonly ca: string;
  /** The code the device showed (user_code). */
  readonly userCode: string;
  readonly upn: string;
  readonly password: string;
  readonly consent?: 'accept' | 'cancel';
}

/** Does on /devicelogin what a person with a phone would: enter the code, sign in, consent. Returns the final page's text. */
export async function approveDeviceCode(options: DeviceApprovalOptions): Promise<string> {
  const browser = new CookieJar();
  const entry = await browser.get(`${options.baseUrl}/devicelogin`, options.ca);
  const codeForm = parseForms(entry.text).find((f) => f.inputs.some((i) => i.name === 'otc'));
  if (!codeForm) throw new SignInError('sign_in_page', 'The device code page has no code field');
  const first = await browser.submit(options.baseUrl, codeForm, { otc: options.userCode }, options.ca);
  const walked = await walkSignInPages(browser, first, options, () => false);
  return walked.finalText;
}

interface Walked {
  readonly answer: HtmlForm;
  readonly consentShown: boolean;
  readonly finalText: string;
}

/** Follows picker, password and consent pages until `isAnswer` finds the form meant for the app, or a page with no form. */
async function walkSignInPages(
  browser: CookieJar,
  first: HttpsResponse,
  options: { readonly baseUrl: string; readonly ca: string; readonly upn: string; readonly password: string; readonly consent?: 'accept' | 'cancel' },
  isAnswer: (form: HtmlForm) => boolean,
): Promise<Walked> {
  let res = first;
  let consentShown = false;
  for (let step = 0; step < MAX_STEPS; step++) {
    const alert = /role="alert"[^>]*>([\s\S]*?)<\//.exec(res.text)?.[1];
    if (alert) throw new SignInError('sign_in_page', decodeEntities(alert.trim()));
    const forms = parseForms(res.text);
    const answer = forms.find(isAnswer);
    if (answer) return { answer, consentShown, finalText: '' };
    const password = forms.find((f) => f.inputs.some((i) => i.name === 'passwd'));
    const consent = forms.find((f) => f.buttons.some((b) => b.name === 'decision'));
    const button = forms.flatMap((f) => f.buttons.map((b) => ({ form: f, b })))
      .find(({ b }) => b.name === 'login' && b.value.toLowerCase() === options.upn.toLowerCase());
    const typed = forms.find((f) => f.inputs.some((i) => i.name === 'login' && i.type === 'text'));
    if (password) {
      res = await browser.submit(options.baseUrl, password, { passwd: options.password }, options.ca);
    } else if (consent) {
      consentShown = true;
      res = await browser.submit(options.baseUrl, consent, {}, options.ca, { name: 'decision', value: options.consent ?? 'accept' });
    } else if (button) {
      res = await browser.submit(options.baseUrl, button.form, {}, options.ca, button.b);
    } else if (typed) {
      res = await browser.submit(options.baseUrl, typed, { login: options.upn }, options.ca);
    } else {
      const finalText = decodeEntities(res.text.replace(/<style[\s\S]*?<\/style>/gi, '').replace(/<[^>]+>/g, ' ')).replace(/\s+/g, ' ').trim();
      return { answer: { action: '', method: 'GET', inputs: [], buttons: [] }, consentShown, finalText };
    }
  }
  throw new SignInError('too_many_steps', `The sign-in did not finish within ${MAX_STEPS} pages`);
}

async function redeem(options: SignInOptions, clientId: string, redirectUri: string, scope: string, code: string, verifier: string, consentShown: boolean): Promise<SignInResult> {
  const fields: Record<string, string> = {
    client_id: clientId,
    grant_type: 'authorization_code',
    code,
    redirect_uri: redirectUri,
    code_verifier: verifier,
    scope,
    client_info: '1',
  };
  if (options.clientSecret) fields['client_secret'] = options.clientSecret;
  const { status, json } = await postForm(`${options.baseUrl}/${encodeURIComponent(options.tenant)}/oauth2/v2.0/token`, fields, options.ca);
  if (status !== 200) throw new SignInError(String(json['error']), String(json['error_description']), {});
  const text = (key: string): string => {
    const value = json[key];
    if (typeof value !== 'string') throw new SignInError('bad_token_response', `The token response has no ${key}`);
    return value;
  };
  return {
    accessToken: text('access_token'),
    refreshToken: text('refresh_token'),
    idToken: text('id_token'),
    scope: text('scope'),
    clientInfo: text('client_info'),
    expiresIn: Number(json['expires_in']),
    consentShown,
  };
}

/** Just enough of a browser: cookies across requests, forms submitted as posted forms. */
class CookieJar {
  private readonly cookies = new Map<string, string>();

  async get(url: string, ca: string): Promise<HttpsResponse> {
    return this.remember(await httpsRequest(url, { ca, headers: this.header() }));
  }

  async submit(baseUrl: string, form: HtmlForm, overrides: Readonly<Record<string, string>>, ca: string, clicked?: { readonly name: string; readonly value: string }): Promise<HttpsResponse> {
    const body = new URLSearchParams(formFields(form, overrides, clicked)).toString();
    return this.remember(await httpsRequest(new URL(form.action, baseUrl).href, {
      method: 'POST',
      ca,
      headers: { 'content-type': 'application/x-www-form-urlencoded', ...this.header() },
      body,
    }));
  }

  private header(): Record<string, string> {
    return this.cookies.size === 0 ? {} : { cookie: [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ') };
  }

  private remember(res: HttpsResponse): HttpsResponse {
    for (const line of (res.headers['set-cookie'] ?? '').split('\n').filter(Boolean)) {
      const [pair = '', ...attrs] = line.split(';');
      const eq = pair.indexOf('=');
      const name = pair.slice(0, eq).trim();
      if (attrs.some((a) => /^\s*max-age=0\s*$/i.test(a))) this.cookies.delete(name);
      else this.cookies.set(name, pair.slice(eq + 1).trim());
    }
    return res;
  }
}
