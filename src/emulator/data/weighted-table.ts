// Weighted choice with the cumulative weights computed once: the device loop picks
// from these tables 100,000 times, so SeededRandom.weighted's per-call sum adds up.
import type { SeededRandom } from '../rng.ts';

export class WeightedTable<T> {
  readonly items: readonly T[];
  private readonly cumulative: Float64Array;
  private readonly total: number;

  constructor(entries: readonly (readonly [T, number])[]) {
    if (entries.length === 0) throw new Error('WeightedTable needs at least one entry');
    this.items = entries.map(([v]) => v);
    this.cumulative = new Float64Array(entries.length);
    let sum = 0;
    entries.forEach(([, w], i) => {
      sum += w;
      this.cumulative[i] = sum;
    });
    this.total = sum;
  }

  pick(rng: SeededRandom): T {
    const roll = rng.next() * this.total;
    const c = this.cumulative;
    let lo = 0;
    let hi = c.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((c[mid] as number) > roll) hi = mid;
      else lo = mid + 1;
    }
    return this.items[lo] as T;
  }
}
