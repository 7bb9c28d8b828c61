// What search looks at, and how a technician's query becomes a lookup.
//
// Search covers each device's name, the UPN's part before the @, serial number, IMEI, both MAC
// addresses (hex digits only) and model. Matching is "contains the text typed", case-insensitive.
// Two ways answer it:
//
// - Three characters or more: an FTS5 trigram index holds those fields, one column each (so no
//   trigram spans two fields), each value followed by a separator nobody types. It stores no
//   text of its own (content=''): its columns are SQL expressions over the devices table, used
//   identically when a device is indexed and when it is removed. Models are few (a few hundred
//   across 100,000 devices) but long, a quarter of all trigrams if indexed per device, so each
//   distinct model is indexed once, as its own entry (rowid = minus its id in device_models), and
//   a match on it becomes "devices of that model" through the index on devices.model. Device
//   entries have positive rowids, model entries negative ones.
// - One or two characters: each device's searched fields as one lower-case line held in memory
//   (device-texts.ts), searched with indexOf. The search box searches on every keystroke, so
//   its first query is always one character, and one character matches most of the fleet: the
//   index can only answer that with thousands of trigrams, and scanning 7 column expressions
//   with LIKE, then writing the matches down, took 60–130 ms for 100,000 devices. In memory it
//   takes 1–4 ms; the lines are read once per change of the data (~0.1 s).
//
// MAC addresses (and often IMEIs and serials) are pasted with colons, dashes, dots or spaces, so
// a query is also tried with those removed. The UPN's domain is the same for nearly every device,
// so it is left out of what a query is matched against (and of the index, a sixth of its size);
// a query with an @ is matched against the whole UPN instead (through the index by its part
// before the @ when that is long enough).
//
// Case: queries are lower-cased with JavaScript's toLowerCase; the in-memory lines are too, and
// the index folds case with its own Unicode tables (the same letters in practice).

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

/**
 * How a query is answered:
 * - all: no search;
 * - index: rows whose indexed fields contain one of `phrases` (3+ characters each) and, when
 *   `upnContains` is set, whose UPN contains it too (a LIKE pattern);
 * - text: rows whose searched fields (`within: 'fields'`) contain one of `needles`, or whose
 *   whole UPN (`within: 'upn'`) contains the needle, matched in memory (device-texts.ts).
 */
export type SearchPlan =
  | { readonly kind: 'all' }
  | { readonly kind: 'index'; readonly phrases: readonly string[]; readonly upnContains?: string }
  | { readonly kind: 'text'; readonly within: 'fields' | 'upn'; readonly needles: readonly string[] };

/** The shortest text the trigram index answers. */
const INDEXED_LENGTH = 3;

export function planSearch(query: string | undefined): SearchPlan {
  const typed = (query ?? '').replace(CONTROL, ' ').trim().replace(/\s+/g, ' ').toLowerCase();
  if (typed === '') return { kind: 'all' };
  const at = typed.indexOf('@');
  if (at >= 0) {
    // The index holds the UPN up to the @: look up that part, then check the whole.
    const local = typed.slice(0, at);
    if (length(local) < INDEXED_LENGTH) return { kind: 'text', within: 'upn', needles: [typed] };
    return { kind: 'index', phrases: [local], upnContains: containsPattern(typed) };
  }
  const variants = [typed];
  const compact = typed.replace(SEPARATORS, '');
  // Only identifiers are worth trying without separators: letters and digits left over.
  if (compact !== typed && compact.length > 0 && /^[\p{L}\p{N}]+$/u.test(compact)) variants.push(compact);
  if (variants.some((v) => length(v) < INDEXED_LENGTH)) return { kind: 'text', within: 'fields', needles: variants };
  return { kind: 'index', phrases: variants };
}

function length(text: string): number {
  return [...text].length;
}

/** An FTS5 phrase: the trigram tokenizer makes it "these characters, in this order". */
export function ftsPhrase(text: string): string {
  return `"${text.replaceAll('"', '""')}"`;
}

/** A LIKE pattern (with ESCAPE '\\') for "contains". */
function containsPattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

const macInLineSql = (column: string): string => `iif(${column} GLOB '*[-:. ]*', ${macSql(column)}, ${column})`;

/**
 * A device's searched line, for the in-memory search of short queries (device-texts.ts), as SQL
 * over devices `d`: name, serial, IMEI, both MACs (hex digits only; Graph sends them bare, so
 * only odd values pay for the replaces) and model, separated by char 31 (a missing one leaves
 * no gap), then char 30 and the whole UPN. The same fields as the index's expressions above; a
 * query without an @ is matched before the UPN's @, one with an @ from char 30 on. Lower-cased
 * in JavaScript.
 *
 * The lines are joined with newlines, so a newline or a char 30 in the data would break them
 * up: `clean` turns both into char 31 (which no query holds, like them) for when that happens.
 */
export function searchLineSql(clean: boolean): string {
  const part = (sql: string): string => (clean ? `replace(replace(${sql}, char(10), char(31)), char(30), char(31))` : sql);
  const fields = `concat_ws(char(31), d."deviceName", d."serialNumber", d."imei", ${macInLineSql('d."wiFiMacAddress"')}, ${macInLineSql('d."ethernetMacAddress"')}, d."model")`;
  return `${part(fields)} || char(30) || ${part(`ifnull(d."userPrincipalName", '')`)}`;
}
