// The instant a stored dateTime string names, in epoch ms, for $filter comparisons.
//
// A range filter on enrolledDateTime compares every device a page scans (and every device of
// the tenant for each $count), twice: with Date.parse that was most of the demo tenant's CPU
// during a partitioned sync. Stored values are canonical ISO 8601 in UTC (what Graph writes:
// `2024-05-03T10:11:12Z`, optionally with a fraction), and those are read here digit by digit;
// anything else goes to Date.parse, so the answer is always Date.parse's.

const ZERO = 48;

export function instantOf(text: string): number {
  // YYYY-MM-DDTHH:MM:SS then Z or a fraction and Z.
  const n = text.length;
  if (n < 20 || text.charCodeAt(4) !== 45 || text.charCodeAt(7) !== 45 || text.charCodeAt(10) !== 84 || text.charCodeAt(13) !== 58 || text.charCodeAt(16) !== 58 || text.charCodeAt(n - 1) !== 90) {
    return Date.parse(text);
  }
  const year = digits(text, 0, 4);
  const month = digits(text, 5, 2);
  const day = digits(text, 8, 2);
  const hour = digits(text, 11, 2);
  const minute = digits(text, 14, 2);
  const second = digits(text, 17, 2);
  let ms = 0;
  if (n > 20) {
    // A fraction: '.', one or more digits, then the Z checked above; Date.parse keeps milliseconds only.
    if (text.charCodeAt(19) !== 46 || n === 21) return Date.parse(text);
    const fraction = digits(text, 20, n - 21);
    if (fraction < 0) return Date.parse(text);
    const places = n - 21;
    ms = places >= 3 ? Math.trunc(fraction / 10 ** (places - 3)) : fraction * 10 ** (3 - places);
  }
  // Date.UTC reads years 0–99 as 1900–1999: leave those to Date.parse.
  if (year < 100 || month < 1 || month > 12 || day < 1 || day > daysIn(year, month) || hour > 24 || minute > 59 || second > 59) return Date.parse(text);
  // 24:00:00 is the end of the day (Date.parse accepts it, with nothing after it).
  if (hour === 24 && (minute !== 0 || second !== 0 || ms !== 0)) return Date.parse(text);
  return Date.UTC(year, month - 1, day, hour, minute, second, ms);
}

/** The number written at text[from, from + count), or -1 if any of it is not a digit. */
function digits(text: string, from: number, count: number): number {
  let value = 0;
  for (let i = from; i < from + count; i++) {
    const d = text.charCodeAt(i) - ZERO;
    if (d < 0 || d > 9) return -1;
    value = value * 10 + d;
  }
  return value;
}

function daysIn(year: number, month: number): number {
  if (month === 2) return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}
