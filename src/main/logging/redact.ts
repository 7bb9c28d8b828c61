// What never reaches a log file: tokens. A JWT (access and ID tokens: three base64url parts, the
// first starting "eyJ", which is '{"' encoded), the value of any token, secret, password, code
// or assertion field or query parameter, and Authorization headers. Redaction happens on the
// text as written, so a token hidden in a message, an error or a nested field is caught alike.

const REDACTED = '[redacted]';

// Three base64url segments, the first a JSON header; the signature may be empty (alg "none").
const JWT = /eyJ[A-Za-z0-9_-]{2,}\.[A-Za-z0-9_-]*\.[A-Za-z0-9_-]*/g;
// Names whose values are secrets, wherever they appear (JSON keys, query and form parameters).
const SECRET_NAMES = 'access_token|refresh_token|id_token|client_secret|client_assertion|code_verifier|password|assertion|authorization';
// "name":"value" (JSON) with optional spaces; the value may hold escaped quotes. A Problem's
// "code" (forbidden, throttled…) is not a secret and stays readable.
const JSON_FIELD = new RegExp(`("(?:${SECRET_NAMES}|[A-Za-z]*(?:Token|Secret|Password))"\\s*:\\s*)"(?:[^"\\\\]|\\\\.)*"`, 'gi');
// name=value in a query string or form body, up to the next & or whitespace; here "code" is
// the authorization code of a redirect.
const PARAMETER = new RegExp(`((?:^|[?&\\s#])(?:${SECRET_NAMES}|code)=)[^&\\s"']+`, 'gi');
// Authorization: Bearer xxx / Basic xxx
const AUTH_HEADER = /\b(Bearer|Basic)\s+[A-Za-z0-9._~+/=-]{8,}/g;
// Keys of structured fields whose values are never logged at all.
const SECRET_KEY = /token|secret|password|passphrase|credential|authorization|cookie|verifier|assertion/i;

export function redactText(text: string): string {
  return text
    .replace(JWT, REDACTED)
    .replace(JSON_FIELD, `$1"${REDACTED}"`)
    .replace(PARAMETER, `$1${REDACTED}`)
    .replace(AUTH_HEADER, `$1 ${REDACTED}`);
}

/** A copy of structured log fields with secret-named keys dropped to "[redacted]" and every string redacted. */
export function redactFields(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return redactText(value);
  if (value === null || typeof value !== 'object') return value;
  if (depth > 6) return '[nested too deep]';
  if (value instanceof Error) return { name: value.name, message: redactText(value.message) };
  if (Array.isArray(value)) return value.map((item) => redactFields(item, depth + 1));
  const out: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) out[key] = SECRET_KEY.test(key) ? REDACTED : redactFields(item, depth + 1);
  return out;
}
