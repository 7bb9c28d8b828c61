// @odata.nextLink: the request's own URL with a new $skiptoken, so following it verbatim gives
// the next page (docs: concepts/paging.md). Percent-escapes use lower-case hex and quotes are
// escaped, like the real service's links (`LastDeviceName%3d%27…%27%2cLastDeviceId%3d…`).
import type { GraphVersion } from '../model/schema.ts';
import { systemOptionName } from './query.ts';

export interface LinkTarget {
  readonly baseUrl: string;
  readonly version: GraphVersion;
  /** Path after the version, starting with '/'. */
  readonly requestPath: string;
}

export function nextLink(target: LinkTarget, params: readonly (readonly [string, string])[], skipToken: string): string {
  const parts: string[] = [];
  for (const [name, value] of params) {
    if (systemOptionName(name, target.version) === '$skiptoken') continue;
    parts.push(`${encodeName(name)}=${encodeValue(value)}`);
  }
  parts.push(`$skiptoken=${encodeValue(skipToken)}`);
  return `${target.baseUrl}/${target.version}${target.requestPath}?${parts.join('&')}`;
}

function encodeName(name: string): string {
  return encodeURIComponent(name).replace(/%24/g, '$');
}

function encodeValue(value: string): string {
  return encodeURIComponent(value)
    .replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16)}`)
    .replace(/%[0-9A-F]{2}/g, (e) => e.toLowerCase());
}
