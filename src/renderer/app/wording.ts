// Numbers, times and durations in the words the window uses ("as of 14:02, 3 min ago").
// Plain functions of their inputs (the clock and locale are passed in), so tests pin them.

export interface WordingOptions {
  /** BCP 47 locale; the user's own when absent. */
  readonly locale?: string;
  /** IANA time zone; the machine's own when absent. */
  readonly timeZone?: string;
}

// Building an Intl formatter costs far more than using one, and the grid formats a few hundred
// cells per screen; formatters are kept per locale, zone and shape.
const formatters = new Map<string, Intl.DateTimeFormat>();
const numbers = new Map<string, Intl.NumberFormat>();

function dateFormat(locale: string | undefined, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${locale ?? ''}|${JSON.stringify(options)}`;
  let format = formatters.get(key);
  if (format === undefined) {
    format = new Intl.DateTimeFormat(locale, options);
    formatters.set(key, format);
  }
  return format;
}

export function countWording(n: number, options: WordingOptions = {}): string {
  const key = options.locale ?? '';
  let format = numbers.get(key);
  if (format === undefined) {
    format = new Intl.NumberFormat(options.locale);
    numbers.set(key, format);
  }
  return format.format(n);
}

/** "1 device", "12,345 devices". */
export function devicesWording(n: number, options: WordingOptions = {}): string {
  return `${countWording(n, options)} ${n === 1 ? 'device' : 'devices'}`;
}

export function parseTime(iso: string | undefined): number | undefined {
  if (iso === undefined) return undefined;
  const ms = Date.parse(iso);
  return Number.isNaN(ms) ? undefined : ms;
}

/** "14:02". */
export function clockWording(ms: number, options: WordingOptions = {}): string {
  return dateFormat(options.locale, { hour: 'numeric', minute: '2-digit', timeZone: options.timeZone }).format(ms);
}

function dayKey(ms: number, timeZone: string | undefined): string {
  return dateFormat('en-CA', { year: 'numeric', month: '2-digit', day: '2-digit', timeZone }).format(ms);
}

/** "14:02" today, "24 Nov, 14:02" another day (with the year when it is not this year's). */
export function timeWording(ms: number, now: number, options: WordingOptions = {}): string {
  if (dayKey(ms, options.timeZone) === dayKey(now, options.timeZone)) return clockWording(ms, options);
  const sameYear = dayKey(ms, options.timeZone).slice(0, 4) === dayKey(now, options.timeZone).slice(0, 4);
  return dateFormat(options.locale, {
    day: 'numeric',
    month: 'short',
    year: sameYear ? undefined : 'numeric',
    hour: 'numeric',
    minute: '2-digit',
    timeZone: options.timeZone,
  }).format(ms);
}

/** "just now", "3 min ago", "2 h ago", "yesterday", "5 days ago". A time ahead of the clock reads "just now". */
export function agoWording(ms: number, now: number): string {
  const seconds = Math.max(0, Math.floor((now - ms) / 1000));
  if (seconds < 60) return 'just now';
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes} min ago`;
  const hours = Math.floor(minutes / 60);
  if (hours < 24) return `${hours} h ago`;
  const days = Math.floor(hours / 24);
  return days === 1 ? 'yesterday' : `${days} days ago`;
}

/** "As of 14:02, 3 min ago". */
export function asOfWording(iso: string | undefined, now: number, options: WordingOptions = {}): string {
  const ms = parseTime(iso);
  if (ms === undefined) return iso === undefined ? 'Not synced yet' : `As of ${iso}`;
  return `As of ${timeWording(ms, now, options)}, ${agoWording(ms, now)}`;
}

/** "40 s", "3 min", "1 h 5 min". */
export function durationWording(totalSeconds: number): string {
  const s = Math.max(0, Math.round(totalSeconds));
  if (s < 60) return `${s} s`;
  const minutes = Math.round(s / 60);
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  const rest = minutes % 60;
  return rest === 0 ? `${hours} h` : `${hours} h ${rest} min`;
}

/** "Clears at 14:05 (in 40 s)", or "Cleared at 14:05" once it is past. */
export function clearsAtWording(iso: string, now: number, options: WordingOptions = {}): string {
  const ms = parseTime(iso);
  if (ms === undefined) return `Clears at ${iso}`;
  if (ms <= now) return `Cleared at ${timeWording(ms, now, options)}`;
  return `Clears at ${timeWording(ms, now, options)} (in ${durationWording((ms - now) / 1000)})`;
}
