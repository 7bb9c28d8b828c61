// A $filter ready to run: parsed, bound to the collection's type, reduced to what the service
// really applies, and compiled. Built once per request, then run over every record scanned.
import type { GraphVersion, StructuredType } from '../../model/schema.ts';
import { applyManagedDeviceFilterRules } from '../managed-device-filter-rules.ts';
import { badRequest } from '../odata-error.ts';
import { bindFilter } from './binder.ts';
import { compileFilter } from './compile.ts';
import type { RecordPredicate } from './compile.ts';
import type { FilterExpression, IgnoredClause } from './expression.ts';
import { parseFilterSyntax } from './parser.ts';

export interface FilterPlan {
  readonly text: string;
  /** The expression as applied (after the service's rules). */
  readonly expression: FilterExpression;
  readonly matches: RecordPredicate;
  /** Clauses the service would drop, for the emulator's log. */
  readonly ignored: readonly IgnoredClause[];
}

export interface FilterOptions {
  readonly version: GraphVersion;
  /** The collection's declared element type. */
  readonly type: StructuredType;
  /** $count=true or the /$count segment. */
  readonly count: boolean;
}

export function planFilter(text: string, options: FilterOptions): FilterPlan {
  const bound = bindFilter(parseFilterSyntax(text), { version: options.version, type: options.type, text });
  if (options.type.lineage.includes('managedDevice')) {
    const ruled = applyManagedDeviceFilterRules(bound, { text, count: options.count });
    return { text, expression: ruled.expression, matches: compileFilter(ruled.expression), ignored: ruled.ignored };
  }
  // Elsewhere every primitive and enum property filters with every operator; what the
  // emulator cannot evaluate is refused rather than silently widening the result.
  rejectUnsupported(bound);
  return { text, expression: bound, matches: compileFilter(bound), ignored: [] };
}

function rejectUnsupported(e: FilterExpression): void {
  switch (e.kind) {
    case 'unsupported':
      throw badRequest(`Invalid filter clause: ${e.reason}.`);
    case 'logical':
      rejectUnsupported(e.left);
      rejectUnsupported(e.right);
      return;
    case 'not':
      rejectUnsupported(e.operand);
      return;
    case 'lambda':
      if (e.body) rejectUnsupported(e.body);
      return;
    default:
      return;
  }
}
