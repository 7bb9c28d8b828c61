// The sign-in pages a person sees in the browser: plain HTML forms that post back to the
// emulator, styled after Entra's, with no script except the one that auto-submits form_post.
import { escapeHtml } from '../http/send.ts';
import type { EntraProblem, RequestIds } from './entra-errors.ts';
import { describeProblem, entraTimestamp, errorUri } from './entra-errors.ts';

const STYLE = `
body{margin:0;font-family:"Segoe UI",system-ui,sans-serif;background:#f2f2f2;color:#1b1b1b}
main{max-width:440px;margin:48px auto;background:#fff;box-shadow:0 2px 6px rgba(0,0,0,.2);padding:44px}
h1{font-size:24px;font-weight:600;margin:0 0 12px}
.brand{font-size:15px;color:#505050;margin-bottom:20px}
.tag{display:inline-block;background:#fff4ce;color:#5c4400;font-size:12px;padding:2px 6px;margin-bottom:16px}
.account{display:block;width:100%;text-align:left;background:#fff;border:0;border-bottom:1px solid #e6e6e6;padding:12px 8px;cursor:pointer;font:inherit}
.account:hover,.account:focus{background:#f2f2f2}
.account span{display:block}
.name{font-weight:600}.upn,.role,.note{font-size:13px;color:#505050}
label{display:block;margin:16px 0 4px}
input[type=text],input[type=password]{width:100%;box-sizing:border-box;font:inherit;padding:6px 0;border:0;border-bottom:1px solid #666}
.actions{margin-top:24px;display:flex;gap:8px;justify-content:flex-end}
.primary,.secondary{font:inherit;padding:6px 24px;border:0;cursor:pointer}
.primary{background:#0067b8;color:#fff}.secondary{background:#ccc}
[role=alert]{color:#e81123;margin:12px 0}
ul.permissions li{margin:8px 0}
.details{font-size:12px;color:#505050;margin-top:24px;word-break:break-all}
`;

export function layout(title: string, body: string): string {
  return `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${escapeHtml(title)}</title><style>${STYLE}</style></head>
<body><main>
<div class="tag">Intune Desk demo tenant: not Microsoft</div>
${body}
</main></body></html>`;
}

export interface PickableAccount {
  /** What the person types to sign in: the home UPN, also for a guest. */
  readonly signInName: string;
  readonly displayName: string;
  readonly role: string;
  readonly note: string;
  readonly signedIn: boolean;
}

export interface FormTarget {
  readonly action: string;
  readonly ctx: string;
}

function hidden(name: string, value: string): string {
  return `<input type="hidden" name="${escapeHtml(name)}" value="${escapeHtml(value)}">`;
}

function alert(message: string | undefined): string {
  return message ? `<div role="alert">${escapeHtml(message)}</div>` : '';
}

export function accountPickerPage(target: FormTarget, appName: string, accounts: readonly PickableAccount[], error?: string, typed = ''): string {
  const buttons = accounts.map((a) => `<button type="submit" class="account" name="login" value="${escapeHtml(a.signInName)}">
<span class="name">${escapeHtml(a.displayName)}</span><span class="upn">${escapeHtml(a.signInName)}</span>
<span class="role">${escapeHtml(a.role)}</span>${a.note ? `<span class="note">${escapeHtml(a.note)}</span>` : ''}${a.signedIn ? '<span class="note">Signed in</span>' : ''}</button>`).join('\n');
  return layout('Sign in to your account', `
<div class="brand">Sign in to continue to ${escapeHtml(appName)}</div>
<h1>Pick an account</h1>
${alert(error)}
<form method="post" action="${escapeHtml(target.action)}">${hidden('ctx', target.ctx)}${hidden('step', 'pick')}
${buttons}
</form>
<form method="post" action="${escapeHtml(target.action)}">${hidden('ctx', target.ctx)}${hidden('step', 'pick')}
<label for="loginfmt">Or sign in with another account</label>
<input type="text" id="loginfmt" name="login" autocomplete="username" placeholder="someone@example.com" value="${escapeHtml(typed)}">
<div class="actions"><button type="submit" class="primary">Next</button></div>
</form>`);
}

export function passwordPage(target: FormTarget, appName: string, signInName: string, error?: string): string {
  return layout('Sign in to your account', `
<div class="brand">Sign in to continue to ${escapeHtml(appName)}</div>
<p>${escapeHtml(signInName)}</p>
<h1>Enter password</h1>
${alert(error)}
<form method="post" action="${escapeHtml(target.action)}">${hidden('ctx', target.ctx)}${hidden('step', 'password')}${hidden('login', signInName)}
<label for="passwd">Password</label>
<input type="password" id="passwd" name="passwd" autocomplete="current-password" autofocus>
<div class="actions"><button type="submit" class="primary">Sign in</button></div>
</form>
<form method="post" action="${escapeHtml(target.action)}">${hidden('ctx', target.ctx)}${hidden('step', 'other')}
<div class="actions"><button type="submit" class="secondary">Use another account</button></div>
</form>`);
}

export function consentPage(target: FormTarget, appName: string, signInName: string, permissions: readonly string[]): string {
  const items = permissions.map((p) => `<li>${escapeHtml(p)}</li>`).join('\n');
  return layout('Permissions requested', `
<p>${escapeHtml(signInName)}</p>
<h1>Permissions requested</h1>
<p><strong>${escapeHtml(appName)}</strong></p>
<p>This app would like to:</p>
<ul class="permissions">
${items}
</ul>
<p class="note">Accepting these permissions means that you allow this app to use your data as specified in their terms of service and privacy statement. You can change these permissions at https://myapps.microsoft.com.</p>
<form method="post" action="${escapeHtml(target.action)}">${hidden('ctx', target.ctx)}
<div class="actions"><button type="submit" class="secondary" name="decision" value="cancel">Cancel</button>
<button type="submit" class="primary" name="decision" value="accept">Accept</button></div>
</form>`);
}

/** Entra's own error page: shown instead of redirecting when the redirect itself cannot be trusted. */
export function errorPage(problem: EntraProblem, ids: RequestIds, baseUrl: string): string {
  return layout('Sign in to your account', `
<h1>Sorry, but we're having trouble signing you in.</h1>
<p role="alert">AADSTS${problem.code}: ${escapeHtml(problem.message)}</p>
<div class="details">
<p>Troubleshooting details</p>
<p>Request Id: ${escapeHtml(ids.traceId)}<br>Correlation Id: ${escapeHtml(ids.correlationId)}<br>Timestamp: ${escapeHtml(entraTimestamp(ids.now))}<br>
Message: ${escapeHtml(describeProblem(problem, ids).split('\r\n')[0] ?? '')}<br>
More information: <a href="${escapeHtml(errorUri(baseUrl, problem.code))}">${escapeHtml(errorUri(baseUrl, problem.code))}</a></p>
</div>`);
}

/** The response_mode=form_post answer: a form the browser submits to the client's redirect URI. */
export function formPostPage(action: string, fields: Readonly<Record<string, string>>): string {
  const inputs = Object.entries(fields).map(([k, v]) => hidden(k, v)).join('\n');
  return `<html><head><title>Working...</title></head><body>
<form method="POST" name="hiddenform" action="${escapeHtml(action)}">
${inputs}
<noscript><p>Script is disabled. Click Submit to continue.</p><input type="submit" value="Submit"></noscript>
</form>
<script>document.forms[0].submit();</script>
</body></html>`;
}

export function deviceCodePage(action: string, error?: string): string {
  return layout('Enter code', `
<h1>Enter code</h1>
<p>Enter the code displayed on your app or device.</p>
${alert(error)}
<form method="post" action="${escapeHtml(action)}">
<label for="otc">Code</label>
<input type="text" id="otc" name="otc" autocomplete="off" autofocus>
<div class="actions"><button type="submit" class="primary">Next</button></div>
</form>`);
}

export function messagePage(title: string, heading: string, text: string): string {
  return layout(title, `<h1>${escapeHtml(heading)}</h1><p>${escapeHtml(text)}</p>`);
}
