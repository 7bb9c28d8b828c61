// CSV as RFC 4180 has it (fields quoted when they hold a comma, a quote or a line break; quotes
// doubled; CRLF line ends), made safe to open in a spreadsheet: a text cell that starts with
// = + - or @ (or a tab or carriage return, which some spreadsheets skip before a formula) would
// run as a formula, so it gets a leading apostrophe, as OWASP recommends. Numbers and booleans
// are written as they are: -5 is a number, not a formula.

export type CsvCell = string | number | boolean | null | undefined;

const FORMULA_START = /^[=+\-@\t\r]/;
const NEEDS_QUOTES = /[",\r\n]/;

export function csvField(value: CsvCell): string {
  if (value === null || value === undefined) return '';
  if (typeof value !== 'string') return String(value);
  const text = FORMULA_START.test(value) ? `'${value}` : value;
  return NEEDS_QUOTES.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

export function csvLine(cells: readonly CsvCell[]): string {
  return `${cells.map(csvField).join(',')}\r\n`;
}
