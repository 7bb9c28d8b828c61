// One page of a Graph collection: `value`, `@odata.nextLink` (followed verbatim, FACTS §3) and
// `@odata.count` when sent. A body that is not a whole page is refused as a unit, so a caller
// never sees part of a broken page.

export interface GraphPage<T> {
  readonly value: readonly T[];
  /** The absolute URL of the next page, exactly as the service sent it. */
  readonly nextLink?: string;
  /** `@odata.count`: the page size, or the total when `$count=true` was asked. */
  readonly count?: number;
}

export type PageReading<T> = { readonly ok: true; readonly page: GraphPage<T> } | { readonly ok: false; readonly reason: string };

export function readPage<T>(text: string): PageReading<T> {
  let json: unknown;
  try {
    json = JSON.parse(text) as unknown;
  } catch {
    return { ok: false, reason: `the page is not valid JSON (${text.length} characters received)` };
  }
  if (typeof json !== 'object' || json === null || Array.isArray(json)) return { ok: false, reason: 'the page is not a JSON object' };
  const record = json as { readonly value?: unknown; readonly '@odata.nextLink'?: unknown; readonly '@odata.count'?: unknown };
  if (!Array.isArray(record.value)) return { ok: false, reason: 'the page has no "value" list' };
  const next = record['@odata.nextLink'];
  if (next !== undefined && next !== null && typeof next !== 'string') return { ok: false, reason: 'the page\'s "@odata.nextLink" is not a link' };
  const count = record['@odata.count'];
  return {
    ok: true,
    page: {
      value: record.value as T[],
      ...(typeof next === 'string' ? { nextLink: next } : {}),
      ...(typeof count === 'number' ? { count } : {}),
    },
  };
}
