// The url of a batch item is relative to the version root ("/deviceManagement/…" or
// "deviceManagement/…"). Anything else gets its own 400 while the rest of the batch runs.

export type ItemUrl =
  | { readonly ok: true; readonly path: string; readonly query: URLSearchParams }
  | { readonly ok: false; readonly message: string };

const SCHEME = /^[a-z][a-z0-9+.-]*:/i;
const VERSION_SEGMENT = /^\/(v1\.0|beta)(\/|\?|$)/i;
const NESTED_BATCH = /^\/\$batch(\/|\?|$)/i;

export function parseItemUrl(url: string): ItemUrl {
  if (SCHEME.test(url) || url.startsWith('//')) {
    // Graph's exact wording for this case is not on record [uncertain].
    return { ok: false, message: `Invalid request URL '${url}': a batch request URL must be relative to the version, such as /deviceManagement/managedDevices.` };
  }
  const relative = url.startsWith('/') ? url : `/${url}`;
  const withoutFragment = relative.split('#', 1)[0] ?? '';
  const q = withoutFragment.indexOf('?');
  const rawPath = q < 0 ? withoutFragment : withoutFragment.slice(0, q);
  const rawQuery = q < 0 ? '' : withoutFragment.slice(q + 1);
  const version = VERSION_SEGMENT.exec(rawPath);
  if (version) {
    // Inside a batch the version is already chosen, so "v1.0" is just an unknown first
    // segment, and Graph's router says so in its usual words.
    return { ok: false, message: `Resource not found for the segment '${version[1] ?? ''}'.` };
  }
  if (NESTED_BATCH.test(rawPath)) return { ok: false, message: 'A batch request cannot contain another $batch request.' };
  let path: string;
  try {
    path = decodeURIComponent(rawPath);
  } catch {
    return { ok: false, message: `Invalid request URL '${url}': it is not validly percent-encoded.` };
  }
  return { ok: true, path, query: new URLSearchParams(rawQuery) };
}
