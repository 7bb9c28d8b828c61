// How a full sync cuts the list, checked on enrolment dates shaped like hard tenants: a tenth
// dated 0001-01-01 (Intune's "no date"), half of the rest enrolled in one month, a bulk
// enrolment of hundreds in the same second. The ranges' $filter texts are evaluated with OData's
// strict lt/gt, so a device on a boundary that no range asked for would show up as lost.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { EnrolmentRange } from '../../../src/core/sync/enrolment-ranges.ts';
import { MIN_DATE_MS, WHOLE_RANGE, odataDateTime, rangeFilter, sampleInstants, splitRange } from '../../../src/core/sync/enrolment-ranges.ts';
import type { ListSurvey, PartitionPlanOptions } from '../../../src/core/sync/partition-plan.ts';
import { afterProbe, countIsTotal, initialRanges, partitionTarget } from '../../../src/core/sync/partition-plan.ts';
import { seededRandom } from './helpers/sync-tenant.ts';

const MARGIN = 1000;
const DAY = 86_400_000;
const NOW = Date.parse('2026-11-26T12:00:00Z');
const OPTIONS: PartitionPlanOptions = { pageSize: 1000, concurrency: 8, minRangeWidthMs: 4000 };

/** OData's reading of our filter: `enrolledDateTime gt X and enrolledDateTime lt Y`, strict. */
function filterOf(filter: string | undefined): (enrolled: number) => boolean {
  if (filter === undefined) return () => true;
  const clauses = filter.split(' and ').map((clause) => {
    const m = /^enrolledDateTime (gt|lt) (\S+)$/.exec(clause);
    assert.ok(m, `a clause Intune supports: ${clause}`);
    return { op: m[1] as 'gt' | 'lt', bound: Date.parse(m[2] as string) };
  });
  return (enrolled) => clauses.every((c) => (c.op === 'gt' ? enrolled > c.bound : enrolled < c.bound));
}

function matches(filter: string | undefined, enrolled: number): boolean {
  return filterOf(filter)(enrolled);
}

function skewedTenant(n: number, seed: number): number[] {
  const random = seededRandom(seed);
  const burst = Date.parse('2025-03-03T09:15:42Z');
  const month = Date.parse('2024-09-01T00:00:00Z');
  const dates: number[] = [];
  for (let i = 0; i < n; i++) {
    const r = random();
    if (r < 0.1) dates.push(MIN_DATE_MS);
    else if (r < 0.13) dates.push(burst);
    else if (r < 0.55) dates.push(Math.floor(month + random() * 30 * DAY));
    else dates.push(Math.floor(NOW - random() * 3 * 365 * DAY));
  }
  return dates;
}

/** Whether every device a partition's filter takes was enrolled in the same instant. */
function oneInstant(dates: readonly number[], inRange: ((enrolled: number) => boolean) | undefined): boolean {
  return new Set(dates.filter((d) => inRange?.(d) === true)).size === 1;
}

/** Plans as the engine does, with counts from the dataset through the filter texts. */
function plan(dates: readonly number[], sample: readonly number[]): { ranges: EnrolmentRange[]; counts: number[]; probes: number } {
  const survey: ListSurvey = { total: dates.length, sample };
  const count = (range: EnrolmentRange): number => {
    const inRange = filterOf(rangeFilter(range, MARGIN));
    return dates.filter(inRange).length;
  };
  const queue = initialRanges(survey, OPTIONS, NOW);
  const ranges: EnrolmentRange[] = [];
  const counts: number[] = [];
  let probes = 0;
  while (queue.length > 0) {
    const range = queue.shift() as EnrolmentRange;
    probes++;
    const outcome = afterProbe(range, count(range), dates.length, survey, OPTIONS, NOW);
    if (outcome.kind === 'split') queue.push(...outcome.ranges);
    else {
      ranges.push(outcome.range);
      counts.push(outcome.expected);
    }
  }
  return { ranges, counts, probes };
}

describe('partition planning', () => {
  it('writes filters with lt and gt only, a margin wider on each bounded side, never below 0001-01-01', () => {
    assert.equal(rangeFilter(WHOLE_RANGE, MARGIN), undefined);
    const after = Date.parse('2024-05-03T10:41:23Z');
    const before = Date.parse('2024-06-01T00:00:00Z');
    assert.equal(rangeFilter({ after, before }, MARGIN), 'enrolledDateTime gt 2024-05-03T10:41:22Z and enrolledDateTime lt 2024-06-01T00:00:01Z');
    assert.equal(rangeFilter({ before }, MARGIN), 'enrolledDateTime lt 2024-06-01T00:00:01Z');
    assert.equal(rangeFilter({ after }, MARGIN), 'enrolledDateTime gt 2024-05-03T10:41:22Z');
    assert.equal(rangeFilter({ after: MIN_DATE_MS }, MARGIN), 'enrolledDateTime gt 0001-01-01T00:00:00Z');
    assert.equal(odataDateTime(Date.parse('2024-05-03T10:41:23.987Z')), '2024-05-03T10:41:23Z');
  });

  it('a device enrolled exactly on a boundary is fetched by both neighbours, so by at least one', () => {
    const boundary = Date.parse('2025-01-01T00:00:00Z');
    const [left, right] = splitRange({ after: boundary - 10 * DAY, before: boundary + 10 * DAY }, 2, [boundary - DAY, boundary + DAY], 4000, NOW);
    assert.ok(left && right);
    assert.equal(left.before, right.after, 'neighbours meet');
    const on = left.before as number;
    assert.ok(matches(rangeFilter(left, MARGIN), on) && matches(rangeFilter(right, MARGIN), on));
    // Without the margin neither would: that is why it is there.
    assert.ok(!matches(rangeFilter(left, 0), on) && !matches(rangeFilter(right, 0), on));
  });

  it('cuts a skewed tenant into balanced partitions that lose no device', () => {
    const dates = skewedTenant(40_000, 1);
    const random = seededRandom(2);
    const sample = sampleInstants(Array.from({ length: 1000 }, () => new Date(dates[Math.floor(random() * dates.length)] as number).toISOString()));
    const { ranges, counts, probes } = plan(dates, sample);
    const target = partitionTarget(dates.length, OPTIONS);

    const filters = ranges.map((r) => filterOf(rangeFilter(r, MARGIN)));
    for (const d of dates) assert.ok(filters.some((inRange) => inRange(d)), `device enrolled ${new Date(d).toISOString()} is in some range`);
    const fetched = counts.reduce((a, b) => a + b, 0);
    assert.ok(fetched <= dates.length * 1.01, `boundary overlaps cost little: ${fetched} fetched for ${dates.length}`);
    // Only a cluster of one instant may exceed the target: it cannot be cut.
    for (const [i, c] of counts.entries()) assert.ok(c <= target * 1.25 || oneInstant(dates, filters[i]), `partition ${i} holds ${c} (target ${target})`);
    assert.ok(ranges.length >= OPTIONS.concurrency * 2 && ranges.length <= OPTIONS.concurrency * 3, `two partitions per worker: ${ranges.length} for ${OPTIONS.concurrency} workers`);
    assert.equal(probes, ranges.length, 'a good sample needs no second round of counts');
    // The 0001-01-01 devices are all in the first range, which has no lower bound.
    const first = ranges.find((r) => r.after === undefined);
    assert.ok(first && matches(rangeFilter(first, MARGIN), MIN_DATE_MS));
  });

  it('a sample that misses a cluster is corrected by the counts: the oversized range is cut again', () => {
    const dates = skewedTenant(40_000, 3);
    // A sample with nothing from the busy month: the first plan is badly off.
    const month = Date.parse('2024-09-01T00:00:00Z');
    const biased = dates.filter((d) => d < month || d > month + 30 * DAY).slice(0, 1000).sort((a, b) => a - b);
    const { ranges, counts } = plan(dates, biased);
    const target = partitionTarget(dates.length, OPTIONS);
    const filters = ranges.map((r) => filterOf(rangeFilter(r, MARGIN)));
    for (const d of dates) assert.ok(filters.some((inRange) => inRange(d)));
    const busy = counts.filter((_, i) => {
      const r = ranges[i] as EnrolmentRange;
      return r.after !== undefined && r.before !== undefined && r.after >= month - DAY && r.before <= month + 31 * DAY;
    });
    assert.ok(busy.length >= 2, 'the busy month was cut into several partitions');
    const cuttable = counts.filter((_, i) => !oneInstant(dates, filters[i]));
    assert.ok(Math.max(...cuttable) <= target * 1.25, `largest partition ${Math.max(...cuttable)}, target ${target}`);
  });

  it('devices dated 0001-01-01 are cut off from the rest in one round, and never cut below', () => {
    // Most of the sample undated: quantiles cannot cut between two different instants.
    const later = Date.parse('2024-06-01T00:00:00Z');
    const sample = [...Array.from({ length: 900 }, () => MIN_DATE_MS), ...Array.from({ length: 100 }, (_, i) => later + i * DAY)];
    const parts = splitRange({ before: later }, 4, sample, 4000, NOW);
    assert.equal(parts.length, 2, `the undated devices, then the rest: ${parts.map((r) => rangeFilter(r, MARGIN)).join(' | ')}`);
    assert.ok(matches(rangeFilter(parts[0] as EnrolmentRange, MARGIN), MIN_DATE_MS) && !matches(rangeFilter(parts[1] as EnrolmentRange, MARGIN), MIN_DATE_MS));
    assert.ok(matches(rangeFilter(parts[1] as EnrolmentRange, MARGIN), later - DAY));
    // The undated range itself cannot be cut: no boundary at or below 0001-01-01 (where a
    // strict 'lt' would leave those devices in no range), and no halving of empty time.
    assert.deepEqual(splitRange(parts[0] as EnrolmentRange, 4, sample, 4000, NOW), [parts[0]]);
    assert.deepEqual(splitRange({ before: MIN_DATE_MS + 200 * DAY }, 4, [MIN_DATE_MS], 4000, NOW).length, 2);
    for (const part of splitRange({ before: MIN_DATE_MS + 200 * DAY }, 4, [], 4000, NOW)) assert.ok(part.before === undefined || part.before >= MIN_DATE_MS + 4000);
  });

  it('a cluster of one instant stays on one side of every cut', () => {
    const burst = Date.parse('2025-03-03T09:15:42Z');
    const sample = [...Array.from({ length: 300 }, () => burst), ...Array.from({ length: 300 }, (_, i) => burst + (i + 1) * DAY)].sort((a, b) => a - b);
    const parts = splitRange(WHOLE_RANGE, 4, sample, 4000, NOW);
    const holding = parts.filter((r) => matches(rangeFilter(r, MARGIN), burst));
    assert.equal(holding.length, 1, 'the burst is fetched once, not from both sides');
  });

  it("trusts @odata.count only when it cannot be the page's length", () => {
    assert.equal(countIsTotal({ value: [1], count: 100_000, nextLink: 'x' }), true);
    assert.equal(countIsTotal({ value: [1], count: 1, nextLink: 'x' }), false, 'the page size, as a captured $top=1 answer had it');
    assert.equal(countIsTotal({ value: [1], count: 1 }), true, 'the last page: one device in all');
    assert.equal(countIsTotal({ value: [], count: 0 }), true);
    assert.equal(countIsTotal({ value: [1, 2] }), false);
  });
});
