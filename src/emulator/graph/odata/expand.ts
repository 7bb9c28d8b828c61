// $expand: which navigation properties the Intune service expands, and how they resolve.
//
// The schema lists many navigation properties, but the service expands few of them, and some
// only on a single GET. Observed and documented cases:
//   - deviceConfigurations / deviceCompliancePolicies / mobileApps ?$expand=assignments are used by
//     every Intune tool (e.g. Micke-K/IntuneManagement); `mobileApps?$expand=assignments` is
//     deprecated per the v1.0 mobileApp description but still answers (FACTS §1).
//   - managedDevices?$expand=detectedApps (beta) answers with an empty detectedApps on every device
//     (msgraph-sdk-dotnet#2048, msgraph-beta-sdk-dotnet#701); the single GET expands it.
//   - detectedApps?$expand=managedDevices: v1.0 answers the list with "managedDevices is not a
//     property of detectedApp", beta does not expand it; the single GET expands it (docs-contrib#3193).
//   - deviceCategories?$expand=assignments is a 400 (IntuneManagement#381): no such navigation.
// Anything else the schema has but the table below lacks answers with the same "Could not find a
// property" error the v1.0 detectedApps case shows [U: the exact text for other cases is not seen].
import type { EntityCollection, EntityRecord } from '../model/entity.ts';
import { intuneSchema } from '../model/schema.ts';
import type { GraphVersion, StructuredType } from '../model/schema.ts';
import { badRequest } from './odata-error.ts';
import { parseSelectList } from './select.ts';
import { findName } from './names.ts';

/** What a navigation does when the request is a list rather than a single GET. */
export type ListExpansion = 'expand' | 'empty' | 'omit' | 'reject';

interface ExpansionRule {
  readonly navigation: string;
  readonly inList: Readonly<Record<GraphVersion, ListExpansion>>;
}

const always: Readonly<Record<GraphVersion, ListExpansion>> = { 'v1.0': 'expand', beta: 'expand' };
const rule = (navigation: string, inList = always): ExpansionRule => ({ navigation, inList });

/** Expandable navigation by the type that declares it (matched against the collection type's lineage). */
const EXPANDABLE: Readonly<Record<string, readonly ExpansionRule[]>> = {
  managedDevice: [
    rule('deviceCategory'),
    rule('deviceCompliancePolicyStates'),
    rule('deviceConfigurationStates'),
    rule('detectedApps', { 'v1.0': 'empty', beta: 'empty' }),
    rule('users'),
  ],
  detectedApp: [rule('managedDevices', { 'v1.0': 'reject', beta: 'omit' })],
  deviceConfiguration: [rule('assignments')],
  deviceCompliancePolicy: [rule('assignments'), rule('scheduledActionsForRule')],
  mobileApp: [rule('assignments'), rule('categories')],
  managedDeviceMobileAppConfiguration: [rule('assignments')],
  roleDefinition: [rule('roleAssignments')],
  targetedManagedAppConfiguration: [rule('apps'), rule('assignments')],
  iosManagedAppProtection: [rule('apps'), rule('assignments')],
  androidManagedAppProtection: [rule('apps'), rule('assignments')],
  deviceEnrollmentConfiguration: [rule('assignments')],
  termsAndConditions: [rule('assignments')],
};

export interface ExpandItem {
  /** Navigation name as the schema spells it. */
  readonly navigation: string;
  /** Declared type of the navigation target, without namespace. */
  readonly targetType: string;
  readonly collection: boolean;
  /** How the expansion behaves in this request (always 'expand' on a single GET). */
  readonly behaviour: Exclude<ListExpansion, 'reject'>;
  /** Nested $select, validated against the target type. */
  readonly select: readonly string[] | undefined;
}

/** Finds related records the caller holds elsewhere (non-contained navigation, e.g. users). */
export type NavigationResolver = (record: EntityRecord, navigation: string) => readonly EntityRecord[] | EntityRecord | null;

export interface ExpandContext {
  readonly version: GraphVersion;
  readonly type: StructuredType;
  /** A list request (collection GET) rather than a single GET. */
  readonly inList: boolean;
}

export function parseExpand(text: string, ctx: ExpandContext): readonly ExpandItem[] {
  const items: ExpandItem[] = [];
  for (const raw of splitTopLevel(text, ',')) {
    const part = raw.trim();
    if (part === '') throw badRequest(`Syntax error at position ${text.length} in '${text}'.`);
    const open = part.indexOf('(');
    const name = (open < 0 ? part : part.slice(0, open)).trim();
    const options = open < 0 ? '' : part.slice(open + 1, closingParen(part, open, text));
    if (name === '*') {
      for (const r of rulesFor(ctx.type)) {
        const listed = ctx.inList && r.inList[ctx.version] === 'reject';
        if (ctx.type.navigation.has(r.navigation) && !listed) pushItem(items, r.navigation, '', ctx);
      }
      continue;
    }
    if (name.endsWith('/$ref')) throw badRequest(`$expand with $ref is not supported on this resource ('${name}').`);
    pushItem(items, name, options, ctx);
  }
  return items;
}

function pushItem(items: ExpandItem[], name: string, options: string, ctx: ExpandContext): void {
  const { type, version } = ctx;
  const notFound = (): Error => badRequest(`Parsing OData Select and Expand failed: Could not find a property named '${name}' on type 'microsoft.graph.${type.name}'.`);
  const navigation = findName(type.navigation, name);
  if (navigation === undefined) throw notFound();
  const allowed = rulesFor(type).find((r) => r.navigation === navigation);
  if (!allowed) throw notFound();
  const listBehaviour = allowed.inList[version];
  if (ctx.inList && listBehaviour === 'reject') throw notFound();
  const ref = type.navigation.get(navigation);
  if (!ref) throw notFound();
  if (items.some((i) => i.navigation === navigation)) return;
  items.push({
    navigation,
    targetType: ref.name,
    collection: ref.collection,
    behaviour: ctx.inList ? (listBehaviour as Exclude<ListExpansion, 'reject'>) : 'expand',
    select: parseNestedOptions(options, version, ref.name),
  });
}

function parseNestedOptions(options: string, version: GraphVersion, targetType: string): readonly string[] | undefined {
  let select: readonly string[] | undefined;
  for (const raw of splitTopLevel(options, ';')) {
    const option = raw.trim();
    if (option === '') continue;
    const eq = option.indexOf('=');
    const name = (eq < 0 ? option : option.slice(0, eq)).trim().toLowerCase().replace(/^\$?/, '$');
    if (name !== '$select') throw badRequest(`The query option '${name}' is not supported inside $expand on this resource.`);
    const target = intuneSchema.type(version, targetType);
    // Targets outside the Intune schema (user) cannot be checked; their $select passes through.
    select = target ? parseSelectList(option.slice(eq + 1), target) : option.slice(eq + 1).split(',').map((s) => s.trim()).filter((s) => s !== '');
  }
  return select;
}

function rulesFor(type: StructuredType): readonly ExpansionRule[] {
  return type.lineage.flatMap((t) => EXPANDABLE[t] ?? []);
}

/** The related records of one navigation: contained ones from `record.nav`, others from the resolver. */
export function resolveNavigation(record: EntityRecord, item: ExpandItem, resolver: NavigationResolver | undefined): readonly EntityRecord[] | EntityRecord | null {
  if (item.behaviour === 'empty') return [];
  const contained = navigationValue(record, item.navigation);
  if (contained !== undefined) return 'elementType' in contained ? (contained as EntityCollection).values() : contained;
  const found = resolver?.(record, item.navigation);
  if (found !== undefined && found !== null) return found;
  return item.collection ? [] : null;
}

function navigationValue(record: EntityRecord, name: string): EntityCollection | EntityRecord | undefined {
  const direct = record.nav.get(name);
  if (direct) return direct;
  const lower = name.toLowerCase();
  for (const [key, value] of record.nav) if (key.toLowerCase() === lower) return value;
  return undefined;
}


/** Splits on `separator` outside parentheses and quotes. */
function splitTopLevel(text: string, separator: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let quoted = false;
  let from = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === "'") quoted = !quoted;
    else if (quoted) continue;
    else if (c === '(') depth++;
    else if (c === ')') depth--;
    else if (c === separator && depth === 0) {
      parts.push(text.slice(from, i));
      from = i + 1;
    }
  }
  if (text.length > 0) parts.push(text.slice(from));
  return parts;
}

function closingParen(part: string, open: number, whole: string): number {
  let depth = 0;
  for (let i = open; i < part.length; i++) {
    if (part[i] === '(') depth++;
    else if (part[i] === ')' && --depth === 0) {
      if (part.slice(i + 1).trim() !== '') throw badRequest(`Syntax error at position ${whole.indexOf(part) + i + 1} in '${whole}'.`);
      return i;
    }
  }
  throw badRequest(`Syntax error at position ${whole.length} in '${whole}'.`);
}
