// What search looks at, and how a technician's query becomes a lookup.
//
// Search covers each device's name, the UPN's part before the @, serial number, IMEI, both MAC
// addresses (hex digits only) and model. Matching is "contains the text typed", case-insensitive.
//
// Every query is answered from each device's searched fields held as one lower-case line in
// memory (device-texts.ts), searched with indexOf: 1–4 ms for 100,000 devices whatever the
// query's length, and a longer query only matches fewer lines. The lines are read once per
// change of the data (~0.1 s). An FTS5 trigram index answered queries of three characters or
// more until it was measured against this: building it was a third of the CPU a full sync spent
// storing 100,000 devices (1.0–1.5 s of 3–4 s) and a fifth of the file, while the lines, needed
// anyway for the one- and two-character queries every search box starts with, answer the longer
// queries as fast (bench/inventory.bench.ts).
//
// MAC addresses (and often IMEIs and serials) are pasted with colons, dashes, dots or spaces, so
// a query is also tried with those removed. The UPN's domain is the same for nearly every device,
// so it is left out of what a query is matched against; a query with an @ is matched against the
// whole UPN instead.
//
// Case: queries and lines are lower-cased with JavaScript's toLowerCase.

const SEPARATORS = /[\s:.-]+/g;
// eslint-disable-next-line no-control-regex -- control characters are exactly what is removed
const CONTROL = /[\u0000-\u001f\u007f]/g;

/** Hex digits only, lower case: `3C:22:FB:63:C6:9B` and `3c22fb63c69b` are one MAC. */
export function normalizeMac(mac: string): string {
  return mac.replace(SEPARATORS, '').toLowerCase();
}

const macSql = (column: string): string => `replace(replace(replace(replace(${column}, ':', ''), '-', ''), '.', ''), ' ', '')`;

/**
 * How a query is answered: `all` with no search; `text`: rows whose searched fields
 * (`within: 'fields'`) contain one of `needles`, or whose whole UPN (`within: 'upn'`) contains
 * the needle, matched in memory (device-texts.ts).
 */
export type SearchPlan =
  | { readonly kind: 'all' }
  | { readonly kind: 'text'; readonly within: 'fields' | 'upn'; readonly needles: readonly string[] };

export function planSearch(query: string | undefined): SearchPlan {
  const typed = (query ?? '').replace(CONTROL, ' ').trim().replace(/\s+/g, ' ').toLowerCase();
  if (typed === '') return { kind: 'all' };
  if (typed.includes('@')) return { kind: 'text', within: 'upn', needles: [typed] };
  const variants = [typed];
  const compact = typed.replace(SEPARATORS, '');
  // Only identifiers are worth trying without separators: letters and digits left over.
  if (compact !== typed && compact.length > 0 && /^[\p{L}\p{N}]+$/u.test(compact)) variants.push(compact);
  return { kind: 'text', within: 'fields', needles: variants };
}

const macInLineSql = (column: string): string => `iif(${column} GLOB '*[-:. ]*', ${macSql(column)}, ${column})`;

/**
 * A device's searched line, for the in-memory search (device-texts.ts), as SQL over devices
 * `d`: name, serial, IMEI, both MACs (hex digits only; Graph sends them bare, so only odd values
 * pay for the replaces) and model, separated by char 31 (a missing one leaves no gap), then
 * char 30 and the whole UPN. A query without an @ is matched before the UPN's @, one with an @
 * from char 30 on. Lower-cased in JavaScript.
 *
 * The lines are joined with newlines, so a newline or a char 30 in the data would break them
 * up: `clean` turns both into char 31 (which no query holds, like them) for when that happens.
 */
export function searchLineSql(clean: boolean): string {
  const part = (sql: string): string => (clean ? `replace(replace(${sql}, char(10), char(31)), char(30), char(31))` : sql);
  const fields = `concat_ws(char(31), d."deviceName", d."serialNumber", d."imei", ${macInLineSql('d."wiFiMacAddress"')}, ${macInLineSql('d."ethernetMacAddress"')}, d."model")`;
  return `${part(fields)} || char(30) || ${part(`ifnull(d."userPrincipalName", '')`)}`;
}
