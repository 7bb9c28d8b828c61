// Ranges of enrolledDateTime, the property a full sync splits the device list by. Intune filters
// it with 'lt' and 'gt' only (FACTS §3): there is no 'ge' or 'le', so a device enrolled exactly
// on a boundary would fall in neither neighbour. Each range is therefore asked for a margin wider
// on both sides, neighbours overlap by twice the margin, and the snapshot stores a device seen
// twice once (by id). The first range has no lower bound, so it also holds the devices Intune
// dates 0001-01-01 (its "no value"); the last has no upper bound, so it holds devices enrolled
// while the sync runs.

export interface EnrolmentRange {
  /** Devices enrolled after this instant (epoch ms, whole seconds); absent: since the beginning. */
  readonly after?: number;
  /** Devices enrolled before this instant; absent: up to now and later. */
  readonly before?: number;
}

/** OData's smallest and largest DateTimeOffset, where Intune keeps its "no date" values. */
export const MIN_DATE_MS = Date.parse('0001-01-01T00:00:00Z');
export const MAX_DATE_MS = Date.parse('9999-12-31T23:59:59Z');

const SECOND = 1000;
const DAY = 86_400_000;
/** Width given to an open end when there is nothing else to go by. */
const OPEN_END_SPAN_MS = 365 * DAY;

export const WHOLE_RANGE: EnrolmentRange = {};

/** `2024-05-03T10:41:23Z`: OData's DateTimeOffset literal, unquoted, to whole seconds. */
export function odataDateTime(ms: number): string {
  return new Date(clampDate(Math.floor(ms / SECOND) * SECOND)).toISOString().replace(/\.000Z$/, 'Z');
}

/** The $filter that asks Intune for a range, widened by `marginMs` on each bounded side; undefined for the whole list. */
export function rangeFilter(range: EnrolmentRange, marginMs: number): string | undefined {
  const clauses: string[] = [];
  // Never below 0001-01-01: a lower bound there leaves out only devices the first range holds.
  if (range.after !== undefined) clauses.push(`enrolledDateTime gt ${odataDateTime(Math.max(MIN_DATE_MS, range.after - marginMs))}`);
  if (range.before !== undefined) clauses.push(`enrolledDateTime lt ${odataDateTime(Math.min(MAX_DATE_MS, range.before + marginMs))}`);
  return clauses.length === 0 ? undefined : clauses.join(' and ');
}

/** For logs and Problems: "enrolled 2024-05-03T10:41:23Z – 2024-06-01T00:00:00Z". */
export function describeRange(range: EnrolmentRange): string {
  if (range.after === undefined && range.before === undefined) return 'all devices';
  const from = range.after === undefined ? 'the beginning' : odataDateTime(range.after);
  const to = range.before === undefined ? 'now' : odataDateTime(range.before);
  return `devices enrolled from ${from} to ${to}`;
}

/** Enrolment instants as sorted whole seconds, for choosing boundaries; unreadable dates are left out. */
export function sampleInstants(dates: readonly (string | null | undefined)[]): number[] {
  const out: number[] = [];
  for (const text of dates) {
    if (typeof text !== 'string') continue;
    const ms = Date.parse(text);
    if (Number.isFinite(ms)) out.push(Math.floor(ms / SECOND) * SECOND);
  }
  return out.sort((a, b) => a - b);
}

/**
 * Cuts `range` into at most `parts` ranges that together cover it exactly. Boundaries come from
 * the sample's quantiles inside the range (so each part holds about as many devices), or, with no
 * sample there, from equal widths of time. Boundaries closer together than `minWidthMs` are
 * dropped: a cluster of devices enrolled in the same instant cannot be cut, and is fetched whole.
 * Returns [range] when it cannot be cut.
 */
export function splitRange(range: EnrolmentRange, parts: number, sample: readonly number[], minWidthMs: number, now: number): EnrolmentRange[] {
  if (parts < 2) return [range];
  const inside = sample.filter((t) => (range.after === undefined || t > range.after) && (range.before === undefined || t < range.before));
  let boundaries = inside.length > 0 ? spaced(quantiles(inside, parts), range, minWidthMs) : [];
  // No cut between two different sampled instants: the sample here is one instant (0001-01-01,
  // Intune's "no date", in tenants where many devices have none, or a bulk enrolment). That
  // cluster cannot be cut; it is cut off from whatever else the range holds instead.
  if (boundaries.length === 0 && inside.length > 0) boundaries = spaced(around(inside[0] as number, minWidthMs), range, minWidthMs);
  if (boundaries.length === 0) boundaries = spaced(equalWidths(range, parts, now), range, minWidthMs);
  if (boundaries.length === 0) return [range];
  const out: EnrolmentRange[] = [];
  let after = range.after;
  for (const b of boundaries) {
    out.push(bounded(after, b));
    after = b;
  }
  out.push(bounded(after, range.before));
  return out;
}

function bounded(after: number | undefined, before: number | undefined): EnrolmentRange {
  return { ...(after === undefined ? {} : { after }), ...(before === undefined ? {} : { before }) };
}

/**
 * Instants that cut a sorted sample into `parts` groups of about equal size. Each falls halfway
 * between two different sampled instants, never on one, so a cluster of devices enrolled in the
 * same second stays on one side instead of being fetched from both: a cut that would land in a
 * cluster moves to its nearer end (a cluster that opens the sample, such as the devices dated
 * 0001-01-01, is cut off above).
 */
function quantiles(sorted: readonly number[], parts: number): number[] {
  const out: number[] = [];
  for (let i = 1; i < parts; i++) {
    const q = Math.floor((i * sorted.length) / parts);
    const at = sorted[q];
    if (at === undefined) continue;
    let start = q;
    while (start > 0 && sorted[start - 1] === at) start--;
    let end = q + 1;
    while (end < sorted.length && sorted[end] === at) end++;
    const below = start > 0 ? halfway(sorted[start - 1] as number, at) : undefined;
    const above = end < sorted.length ? halfway(at, sorted[end] as number) : undefined;
    const cut = below !== undefined && (above === undefined || q - start <= end - q) ? below : above;
    if (cut !== undefined) out.push(cut);
  }
  return out;
}

function halfway(a: number, b: number): number {
  return Math.floor((a + b) / 2 / SECOND) * SECOND;
}

/** Boundaries just either side of one instant, leaving it a range of its own. */
function around(instant: number, minWidthMs: number): number[] {
  return [instant - minWidthMs, instant + minWidthMs];
}

function equalWidths(range: EnrolmentRange, parts: number, now: number): number[] {
  // Nothing is enrolled before 0001-01-01: an open start is cut no lower than that.
  const lo = range.after ?? Math.max(MIN_DATE_MS, range.before !== undefined ? Math.min(range.before, now) - OPEN_END_SPAN_MS : now - OPEN_END_SPAN_MS);
  const hi = range.before ?? Math.max(lo, now) + DAY;
  if (!(hi > lo)) return [];
  const out: number[] = [];
  for (let i = 1; i < parts; i++) out.push(Math.floor((lo + ((hi - lo) * i) / parts) / SECOND) * SECOND);
  return out;
}

/**
 * Strictly increasing boundaries inside the range, each at least `minWidthMs` from its neighbours
 * and the range's ends. An open start counts as 0001-01-01: a boundary at or below it would leave
 * the devices dated 0001-01-01 out of every range (Intune has no 'le').
 */
function spaced(candidates: readonly number[], range: EnrolmentRange, minWidthMs: number): number[] {
  const out: number[] = [];
  let last = range.after ?? MIN_DATE_MS;
  for (const b of candidates) {
    if (b - last < minWidthMs) continue;
    if (range.before !== undefined && range.before - b < minWidthMs) break;
    out.push(b);
    last = b;
  }
  return out;
}

function clampDate(ms: number): number {
  return Math.min(MAX_DATE_MS, Math.max(MIN_DATE_MS, ms));
}
