// What search looks at, and how a technician's query becomes a lookup.
//
// Search covers each device's name, the UPN's part before the @, serial number, IMEI, both MAC
// addresses (hex digits only) and model. An FTS5 trigram index holds those fields, one column
// each (so no trigram spans two fields), each value followed by a separator nobody types; it
// answers any substring of three characters or more. Two characters are answered from the same
// index: every pair in a value starts one of its trigrams (the separator after each value sees
// to that at the end), so the pair becomes "any trigram starting with it", read from the
// index's term list. A single character scans the columns.
//
// The index stores no text of its own (content=''): its columns are SQL expressions over the
// devices table, used identically when a device is indexed and when it is removed.
//
// Models are few (a few hundred across 100,000 devices) but long, a quarter of all trigrams if
// indexed per device. So each distinct model is indexed once, as its own entry (rowid = minus
// its id in device_models), and a match on it becomes "devices of that model" through the
// index on devices.model. Device entries have positive rowids, model entries negative ones.
//
// Matching is "contains the text typed", case-insensitive. MAC addresses (and often IMEIs and
// serials) are pasted with colons, dashes, dots or spaces, so a query is also tried with those
// removed. The UPN's domain is the same for nearly every device, so it is left out of the index
// (a sixth of its size); a query with an @ is looked up by its part before the @ and then
// checked against the whole UPN.

const SEPARATORS = /[\s:.-]+/g;
// eslint-disable-next-line no-control-regex -- control characters are exactly what is removed
const CONTROL = /[\u0000-\u001f\u007f]/g;

/** Hex digits only, lower case: `3C:22:FB:63:C6:9B` and `3c22fb63c69b` are one MAC. */
export function normalizeMac(mac: string): string {
  return mac.replace(SEPARATORS, '').toLowerCase();
}

const macSql = (column: string): string => `replace(replace(replace(replace(${column}, ':', ''), '-', ''), '.', ''), ' ', '')`;
const upnLocalSql = `CASE WHEN instr(d."userPrincipalName", '@') > 0 THEN substr(d."userPrincipalName", 1, instr(d."userPrincipalName", '@') - 1) ELSE d."userPrincipalName" END`;

/** The searched fields a device's own index entry holds, as SQL expressions over devices `d`. */
const DEVICE_FIELDS: readonly (readonly [name: string, sql: string])[] = [
  ['name', 'd."deviceName"'],
  ['upn', upnLocalSql],
  ['serial', 'd."serialNumber"'],
  ['imei', 'd."imei"'],
  ['wifi', macSql('d."wiFiMacAddress"')],
  ['ethernet', macSql('d."ethernetMacAddress"')],
];

/** A device's index entry: its fields, each followed by the separator (char 31). */
export const SEARCH_INDEX_COLUMNS: readonly (readonly [name: string, sql: string])[] = DEVICE_FIELDS.map(([name, sql]) => [name, `${sql} || char(31)`]);

/** The index column that holds model entries. */
export const MODEL_INDEX_COLUMN = 'model';

/** What a one-character query scans: every searched field, model included. */
export const SCANNED_COLUMNS_SQL: readonly string[] = [...DEVICE_FIELDS.map(([, sql]) => sql), 'd."model"'];

/**
 * How a query is answered:
 * - all: no search;
 * - index: rows whose indexed fields contain one of `phrases` (3+ characters) or one of `pairs`
 *   (2 characters), and, when `upnContains` is set, whose UPN contains it too;
 * - scan: rows where one of the searched columns (or, for `upn`, the UPN) matches one of the
 *   LIKE patterns.
 */
export type SearchPlan =
  | { readonly kind: 'all' }
  | { readonly kind: 'index'; readonly phrases: readonly string[]; readonly pairs: readonly string[]; readonly upnContains?: string }
  | { readonly kind: 'scan'; readonly columns: 'all' | 'upn'; readonly patterns: readonly string[] };

export function planSearch(query: string | undefined): SearchPlan {
  const typed = (query ?? '').replace(CONTROL, ' ').trim().replace(/\s+/g, ' ').toLowerCase();
  if (typed === '') return { kind: 'all' };
  const at = typed.indexOf('@');
  if (at >= 0) {
    // The index holds the UPN up to the @: look up that part, then check the whole.
    const local = typed.slice(0, at);
    if (length(local) < 2) return { kind: 'scan', columns: 'upn', patterns: [containsPattern(typed)] };
    return { ...indexPlan([local]), upnContains: containsPattern(typed) };
  }
  const variants = [typed];
  const compact = typed.replace(SEPARATORS, '');
  // Only identifiers are worth trying without separators: letters and digits left over.
  if (compact !== typed && compact.length > 0 && /^[\p{L}\p{N}]+$/u.test(compact)) variants.push(compact);
  if (variants.some((v) => length(v) < 2)) return { kind: 'scan', columns: 'all', patterns: variants.map(containsPattern) };
  return indexPlan(variants);
}

function indexPlan(variants: readonly string[]): { kind: 'index'; phrases: string[]; pairs: string[] } {
  return { kind: 'index', phrases: variants.filter((v) => length(v) >= 3), pairs: variants.filter((v) => length(v) === 2) };
}

function length(text: string): number {
  return [...text].length;
}

/** An FTS5 phrase: the trigram tokenizer makes it "these characters, in this order". */
export function ftsPhrase(text: string): string {
  return `"${text.replaceAll('"', '""')}"`;
}

/** A LIKE pattern (with ESCAPE '\') for "contains". */
function containsPattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}
