// The range a $filter's top-level `and` clauses put on one dateTime property, for InstantIndex.
// Only clauses every matching record must satisfy count: a comparison under `or` or `not`
// bounds nothing. Ends come out inclusive; the filter itself still decides gt against ge.
import type { InstantBounds } from '../../model/instant-index.ts';
import type { Json } from '../../model/json.ts';
import type { FilterExpression } from './expression.ts';

export interface InstantRange extends InstantBounds {
  /** What the filter reads for a record that stores no value for the property. */
  readonly fallback: Json;
}

export function instantBounds(expression: FilterExpression, property: string): InstantRange | undefined {
  let from = Number.NEGATIVE_INFINITY;
  let to = Number.POSITIVE_INFINITY;
  let fallback: Json = null;
  let bounded = false;
  const visit = (e: FilterExpression): void => {
    if (e.kind === 'logical' && e.op === 'and') {
      visit(e.left);
      visit(e.right);
      return;
    }
    if (e.kind !== 'compare' || typeof e.value !== 'number') return;
    const p = e.property;
    if (p.kind !== 'dateTime' || p.fromElement || p.segments.length !== 1 || p.segments[0] !== property) return;
    fallback = p.fallback;
    switch (e.op) {
      case 'gt':
      case 'ge':
        from = Math.max(from, e.value);
        bounded = true;
        return;
      case 'lt':
      case 'le':
        to = Math.min(to, e.value);
        bounded = true;
        return;
      case 'eq':
        from = Math.max(from, e.value);
        to = Math.min(to, e.value);
        bounded = true;
        return;
      default:
        return;
    }
  };
  visit(expression);
  return bounded ? { from, to, fallback } : undefined;
}
