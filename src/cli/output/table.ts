// Aligned text tables for the terminal. When the table is wider than the terminal, the widest
// columns give way first (their cells end in "…"), so every column stays visible.

export interface TableOptions {
  /** Fit the table into this many characters per line; undefined leaves it as wide as it is. */
  readonly maxWidth?: number;
}

const GAP = '  ';
const MIN_COLUMN = 4;

export function renderTable(headers: readonly string[], rows: readonly (readonly string[])[], options: TableOptions = {}): string {
  const widths = headers.map((h, i) => Math.max(width(h), ...rows.map((r) => width(r[i] ?? ''))));
  if (options.maxWidth !== undefined) fit(widths, headers, options.maxWidth);
  const line = (cells: readonly string[]): string => cells.map((c, i) => pad(truncate(clean(c), widths[i] ?? 0), widths[i] ?? 0, i === cells.length - 1)).join(GAP).trimEnd();
  return [line(headers), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].map((l) => `${l}\n`).join('');
}

/** Lines of "label  value", labels aligned: one item's detail. */
export function renderPairs(pairs: readonly (readonly [string, string])[], options: TableOptions = {}): string {
  const labelWidth = Math.max(0, ...pairs.map(([label]) => width(label)));
  const valueWidth = options.maxWidth === undefined ? undefined : Math.max(MIN_COLUMN, options.maxWidth - labelWidth - GAP.length);
  return pairs.map(([label, value]) => `${pad(label, labelWidth, false)}${GAP}${valueWidth === undefined ? clean(value) : truncate(clean(value), valueWidth)}`.trimEnd() + '\n').join('');
}

function fit(widths: number[], headers: readonly string[], maxWidth: number): void {
  const total = (): number => widths.reduce((a, b) => a + b, 0) + GAP.length * Math.max(0, widths.length - 1);
  while (total() > maxWidth) {
    let widest = -1;
    for (let i = 0; i < widths.length; i++) {
      const floor = Math.min(MIN_COLUMN, width(headers[i] ?? ''));
      if ((widths[i] ?? 0) > Math.max(floor, MIN_COLUMN) && (widest < 0 || (widths[i] ?? 0) > (widths[widest] ?? 0))) widest = i;
    }
    if (widest < 0) return; // As narrow as it goes; the terminal wraps the rest.
    widths[widest] = (widths[widest] ?? 0) - 1;
  }
}

/** Characters, not UTF-16 units, so names with emoji or accents line up. */
function width(text: string): number {
  return [...text].length;
}

function truncate(text: string, max: number): string {
  const chars = [...text];
  return chars.length <= max ? text : `${chars.slice(0, Math.max(0, max - 1)).join('')}…`;
}

function pad(text: string, to: number, last: boolean): string {
  return last ? text : text + ' '.repeat(Math.max(0, to - width(text)));
}

/** Line breaks and control characters inside a cell would break the table (and can move the cursor). */
function clean(text: string): string {
  // eslint-disable-next-line no-control-regex -- control characters are what is removed
  return text.replace(/[\u0000-\u001f\u007f-\u009f]+/g, ' ');
}
