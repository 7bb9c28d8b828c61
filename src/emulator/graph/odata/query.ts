// The OData system query options of one GET, parsed and validated against the collection's
// declared type, with Graph's 400 messages (Microsoft.OData.Core's wording) for bad values.
//
// Choices where Graph's behaviour is not documented:
//   - An unknown `$`-prefixed option is a 400 "The query parameter '$foo' is not supported."
//     (ASP.NET OData's message, which Intune's services run on [U]). Options without `$` are
//     custom parameters and pass untouched, except on beta where the `$` is optional for the
//     system options (docs: concepts/query-parameters.md, "On the beta endpoint, the $ prefix
//     is optional").
//   - Option names match case-insensitively ($Top, $FILTER), as OData allows.
//   - $orderby is validated (unknown property → 400) and then ignored: the service ignores it on
//     managedDevices (FACTS §3, msgraph-sdk-dotnet#1322) and the emulator does the same elsewhere.
//   - $search is accepted and ignored [U: undocumented on Intune collections].
import { intuneSchema } from '../model/schema.ts';
import type { GraphVersion, StructuredType } from '../model/schema.ts';
import { parseExpand } from './expand.ts';
import type { ExpandItem } from './expand.ts';
import type { IgnoredClause } from './filter/expression.ts';
import { planFilter } from './filter/filter-plan.ts';
import type { FilterPlan } from './filter/filter-plan.ts';
import { findName } from './names.ts';
import { badRequest } from './odata-error.ts';
import { parseSelectList } from './select.ts';

/** Page size when $top is absent, and the largest page the service returns (FACTS §3). */
export const DEFAULT_PAGE_SIZE = 1000;
export const MAX_PAGE_SIZE = 1000;

export type SystemOption = '$select' | '$filter' | '$top' | '$skip' | '$skiptoken' | '$count' | '$expand' | '$orderby' | '$search' | '$format';
const SYSTEM_OPTIONS: ReadonlySet<string> = new Set<SystemOption>(['$select', '$filter', '$top', '$skip', '$skiptoken', '$count', '$expand', '$orderby', '$search', '$format']);

export interface OrderByItem {
  readonly property: string;
  readonly descending: boolean;
}

export interface CollectionQuery {
  /** The request's parameters, decoded and in order; nextLinks are rebuilt from them. */
  readonly params: readonly (readonly [string, string])[];
  /** Properties to emit (id is always emitted); undefined for all. */
  readonly select: readonly string[] | undefined;
  readonly filter: FilterPlan | undefined;
  /** Page size: $top clamped to MAX_PAGE_SIZE, or DEFAULT_PAGE_SIZE. */
  readonly top: number;
  readonly skip: number;
  readonly skipToken: string | undefined;
  /** $count=true. */
  readonly count: boolean;
  readonly expand: readonly ExpandItem[];
  /** Parsed and validated, not applied. */
  readonly orderBy: readonly OrderByItem[];
  /** Accepted, not applied. */
  readonly search: string | undefined;
  /** What the service would not apply ($filter clauses, $orderby, $search), for the emulator's log. */
  readonly ignored: readonly IgnoredClause[];
}

export interface QueryContext {
  readonly version: GraphVersion;
  /** The collection's (or entity's) declared type, without namespace. */
  readonly declaredType: string;
  /** A collection GET; false for a single-entity GET (affects $expand and list masking). */
  readonly inList: boolean;
  /** The request addresses `/$count`: counts as $count=true for the service's rules. */
  readonly countSegment?: boolean;
}

/** Parses the query of a GET. Throws ODataError (400) for anything Graph rejects. */
export function parseQuery(params: URLSearchParams, ctx: QueryContext): CollectionQuery {
  const type = intuneSchema.type(ctx.version, ctx.declaredType);
  if (!type) throw new Error(`parseQuery: ${ctx.declaredType} does not exist in ${ctx.version}`);
  const options = systemOptions(params, ctx.version);
  const count = parseCount(options.get('$count'));
  const ignored: IgnoredClause[] = [];

  const filterText = options.get('$filter');
  const filter = filterText === undefined ? undefined : planFilter(filterText, { version: ctx.version, type, count: count || ctx.countSegment === true });
  if (filter) ignored.push(...filter.ignored);

  const orderByText = options.get('$orderby');
  const orderBy = orderByText === undefined ? [] : parseOrderBy(orderByText, type, ctx.version);
  if (orderByText !== undefined) ignored.push({ clause: `$orderby=${orderByText}`, reason: 'the service ignores $orderby' });
  const search = options.get('$search');
  if (search !== undefined) ignored.push({ clause: `$search=${search}`, reason: 'the service does not apply $search here' });

  const selectText = options.get('$select');
  const expandText = options.get('$expand');
  return {
    params: [...params.entries()],
    select: selectText === undefined ? undefined : parseSelectList(selectText, type),
    filter,
    top: Math.min(parseNonNegative('$top', options.get('$top')) ?? DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE),
    skip: parseNonNegative('$skip', options.get('$skip')) ?? 0,
    skipToken: options.get('$skiptoken'),
    count,
    expand: expandText === undefined ? [] : parseExpand(expandText, { version: ctx.version, type, inList: ctx.inList }),
    orderBy,
    search,
    ignored,
  };
}

/** The canonical system option a parameter name stands for, if any. */
export function systemOptionName(name: string, version: GraphVersion): SystemOption | undefined {
  const lower = name.toLowerCase();
  if (SYSTEM_OPTIONS.has(lower)) return lower as SystemOption;
  if (version === 'beta' && SYSTEM_OPTIONS.has(`$${lower}`)) return `$${lower}` as SystemOption;
  return undefined;
}

function systemOptions(params: URLSearchParams, version: GraphVersion): Map<SystemOption, string> {
  const found = new Map<SystemOption, string>();
  for (const [name, value] of params) {
    const option = systemOptionName(name, version);
    if (option === undefined) {
      if (name.startsWith('$')) throw badRequest(`The query parameter '${name}' is not supported.`);
      continue;
    }
    if (found.has(option)) throw badRequest(`Query option '${option}' was specified more than once, but it must be specified at most once.`);
    found.set(option, value);
  }
  return found;
}

function parseNonNegative(option: '$top' | '$skip', value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const trimmed = value.trim();
  if (!/^\d+$/.test(trimmed)) throw badRequest(`Invalid value '${value}' for ${option} query option found. The ${option} query option requires a non-negative integer value.`);
  const n = Number(trimmed);
  // Beyond Int32 OData itself refuses the value (it is not clamped).
  if (n > 2147483647) throw badRequest(`Invalid value '${value}' for ${option} query option found. The ${option} query option requires a non-negative integer value.`);
  return n;
}

function parseCount(value: string | undefined): boolean {
  if (value === undefined) return false;
  const lower = value.trim().toLowerCase();
  if (lower === 'true') return true;
  if (lower === 'false') return false;
  throw badRequest(`Invalid value '${value}' for $count query option found. Valid values are 'true, false'.`);
}

function parseOrderBy(text: string, type: StructuredType, version: GraphVersion): OrderByItem[] {
  const items: OrderByItem[] = [];
  let position = 0;
  for (const raw of text.split(',')) {
    const parts = raw.trim().split(/\s+/);
    const [name, direction, extra] = parts;
    if (!name || extra !== undefined || (direction !== undefined && direction !== 'asc' && direction !== 'desc')) {
      throw badRequest(`Syntax error at position ${position + raw.length} in '${text}'.`);
    }
    const segments = name.split('/');
    let owner: StructuredType | undefined = type;
    let canonical = '';
    for (const segment of segments) {
      const found = owner ? findName(owner.properties, segment) : undefined;
      if (!owner || found === undefined) throw badRequest(`Could not find a property named '${segment}' on type 'microsoft.graph.${owner?.name ?? type.name}'.`);
      canonical = canonical ? `${canonical}/${found}` : found;
      const ref = owner.properties.get(found);
      owner = ref && !ref.collection ? intuneSchema.type(version, ref.name) : undefined;
    }
    items.push({ property: canonical, descending: direction === 'desc' });
    position += raw.length + 1;
  }
  return items;
}
