// The range a $filter's top-level `and` clauses put on one dateTime property, for InstantIndex.
// Only clauses every matching record must satisfy count: a comparison under `or` or `not`
// bounds nothing. Ends come out inclusive; the filter itself still decides gt against ge.
import type { InstantBounds } from '../../model/instant-index.ts';
import type { Json } from '../../model/json.ts';
import type { FilterExpression } from './expression.ts';

export interface InstantRange extends InstantBounds {
  /** What the filter reads for a record that stores no value for the property. */
  readonly fallback: Json;
  /** gt rather than ge at the lower end, lt rather than le at the upper end. */
  readonly fromExclusive: boolean;
  readonly toExclusive: boolean;
  /** The whole filter is these bounds: a device in range matches, with no other clause to check. */
  readonly whole: boolean;
}

export function instantBounds(expression: FilterExpression, property: string): InstantRange | undefined {
  let from = Number.NEGATIVE_INFINITY;
  let to = Number.POSITIVE_INFINITY;
  let fromExclusive = false;
  let toExclusive = false;
  let fallback: Json = null;
  let bounded = false;
  let whole = true;
  const lower = (value: number, exclusive: boolean): void => {
    if (value > from || (value === from && exclusive)) [from, fromExclusive] = [value, exclusive];
  };
  const upper = (value: number, exclusive: boolean): void => {
    if (value < to || (value === to && exclusive)) [to, toExclusive] = [value, exclusive];
  };
  const visit = (e: FilterExpression): void => {
    if (e.kind === 'logical' && e.op === 'and') {
      visit(e.left);
      visit(e.right);
      return;
    }
    const p = e.kind === 'compare' ? e.property : undefined;
    if (e.kind !== 'compare' || typeof e.value !== 'number' || !p || p.kind !== 'dateTime' || p.fromElement || p.segments.length !== 1 || p.segments[0] !== property) {
      whole = false;
      return;
    }
    fallback = p.fallback;
    bounded = true;
    switch (e.op) {
      case 'gt':
      case 'ge':
        lower(e.value, e.op === 'gt');
        return;
      case 'lt':
      case 'le':
        upper(e.value, e.op === 'lt');
        return;
      case 'eq':
        lower(e.value, false);
        upper(e.value, false);
        return;
      default:
        // ne: a hole in the range, which the index does not cut out.
        whole = false;
        return;
    }
  };
  visit(expression);
  return bounded ? { from, to, fromExclusive, toExclusive, fallback, whole } : undefined;
}
