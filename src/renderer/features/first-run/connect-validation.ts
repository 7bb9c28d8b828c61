// Checks the "Connect your tenant" form as the technician types. The host checks again (and
// its answer is shown too); this only saves a round trip and says what a valid value looks like.

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
// Labels of letters, digits and hyphens (not at either end), a top-level label of 2+ letters.
const DOMAIN = /^(?=.{4,253}$)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/i;

export function isGuid(text: string): boolean {
  return GUID.test(text.trim());
}

/** Undefined when valid; otherwise what is wrong, in a sentence. Empty input says what to enter. */
export function clientIdProblem(text: string): string | undefined {
  const value = text.trim();
  if (value === '') return 'Enter the Application (client) ID from the app registration’s Overview page.';
  if (isGuid(value)) return undefined;
  return 'An Application (client) ID is a GUID, like 0f4c8a3e-7b21-4d9a-a6e5-1c2d3b4a5f60.';
}

export function tenantProblem(text: string): string | undefined {
  const value = text.trim();
  if (value === '') return 'Enter your tenant: its ID (a GUID), a verified domain, or “organizations”.';
  const lower = value.toLowerCase();
  if (lower === 'organizations' || lower === 'common') return undefined;
  if (lower === 'consumers') return 'Intune is managed with work or school accounts; “consumers” (personal Microsoft accounts) cannot sign in to it.';
  if (isGuid(value)) return undefined;
  if (/^https?:\/\//i.test(value) || value.includes('/')) return 'Enter only the tenant, not a URL: for example contoso.onmicrosoft.com.';
  if (value.includes('@')) return 'Enter the domain after the @ (contoso.onmicrosoft.com), not a sign-in name.';
  if (DOMAIN.test(value)) return undefined;
  return 'A tenant is a GUID, a verified domain such as contoso.onmicrosoft.com, “organizations” or “common”.';
}

export interface ConnectForm {
  readonly clientId: string;
  readonly tenant: string;
  readonly label: string;
}

/** The request to send, trimmed, or undefined while a field is invalid. */
export function connectRequest(form: ConnectForm): { readonly clientId: string; readonly tenant: string; readonly label?: string } | undefined {
  if (clientIdProblem(form.clientId) !== undefined || tenantProblem(form.tenant) !== undefined) return undefined;
  const label = form.label.trim();
  return { clientId: form.clientId.trim().toLowerCase(), tenant: form.tenant.trim(), ...(label === '' ? {} : { label }) };
}
