// The arguments of every bridge channel, checked before the host acts on them: the window is
// treated as untrusted input (a compromised renderer, a page in the harness), so every object is
// strict (an unknown field is refused, not ignored), every string has a length limit, every
// number is finite and in range, and column names come from the inventory's own list. A refusal
// names the channel and the field: "devices.window: limit must be between 1 and 500".
//
// Imports no Node or browser API: the host runs it, and the contract stays usable by both shells.
import { z } from 'zod';
import { DEVICE_COLUMN_NAMES } from '../../core/inventory/device-columns.ts';
import type { DeviceColumn } from '../../core/inventory/device-columns.ts';
import type { BridgeResult, FeatureName, Problem, QuickAction, Settings, ThemeName } from './api.ts';
import type { ArgsOf, Channel } from './channels.ts';

// ── Building blocks ─────────────────────────────────────────────────────────────────────────

type IssueLike = { readonly input?: unknown };

/** A whole number in [min, max], saying which of those it is not. */
function wholeNumber(min: number, max: number): z.ZodNumber {
  const says = (issue: IssueLike): string => {
    const input = issue.input;
    if (input === undefined) return 'is required';
    if (typeof input !== 'number' || !Number.isFinite(input)) return 'must be a number';
    if (!Number.isInteger(input)) return 'must be a whole number';
    return `must be between ${min.toLocaleString('en-US')} and ${max.toLocaleString('en-US')}`;
  };
  return z.number({ error: says }).int({ error: says }).min(min, { error: says }).max(max, { error: says });
}

/** Text of 1 to `max` characters, with no control characters (nothing a grid, a log or a file name should hold). */
function text(max: number): z.ZodString {
  // eslint-disable-next-line no-control-regex -- control characters are exactly what is refused
  return z.string().min(1, { error: 'must not be empty' }).max(max, { error: `must be at most ${max} characters` }).regex(/^[^\u0000-\u001f\u007f]*$/, { error: 'must not contain control characters' });
}

/** Search text may be empty (the box was cleared), and may hold a pasted tab or line break (search reads them as spaces). */
// eslint-disable-next-line no-control-regex -- control characters are exactly what is refused
const searchText = z.string().max(200, { error: 'must be at most 200 characters' }).regex(/^[^\u0000-\u0008\u000b-\u001f\u007f]*$/, { error: 'must not contain control characters' });

const PROFILE_ID = /^[A-Za-z0-9._-]{1,64}$/;
const profileId = z.string().regex(PROFILE_ID, { error: 'must be a tenant profile id: 1 to 64 letters, digits, ".", "_" or "-"' });

/** Intune device ids are GUIDs; other characters would only ever be a mistake or an attack on a URL path. */
const deviceId = z.string().regex(/^[A-Za-z0-9-]{1,64}$/, { error: 'must be a device id (letters, digits and "-", up to 64)' });

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
// The same rule src/core/auth/tenant-profile.ts applies to an authority's tenant (kept here too
// because the contract cannot import Node code); the host checks the profile it builds again.
const DOMAIN = /^(?=.{1,253}$)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z][a-z0-9-]{0,61}[a-z0-9]$/i;

const columnName = z.enum(DEVICE_COLUMN_NAMES as readonly [DeviceColumn, ...DeviceColumn[]], {
  error: (issue) => issue.input === undefined ? 'is required' : `must be a device column (one of ${DEVICE_COLUMN_NAMES.join(', ')}), not ${JSON.stringify(String(issue.input).slice(0, 60))}`,
});

const FEATURES = [
  'browseDevices', 'remoteActions', 'wipeRetire', 'editDevices', 'apps', 'editApps',
  'policies', 'editPolicies', 'roles', 'editRoles', 'tenantSettings', 'editTenantSettings',
] as const satisfies readonly FeatureName[];
const QUICK_ACTIONS = ['syncDevice', 'rebootNow', 'remoteLock'] as const satisfies readonly QuickAction[];
const THEMES = ['system', 'light', 'dark', 'highContrast'] as const satisfies readonly ThemeName[];
const CONDITION_OPS = ['eq', 'ne', 'in', 'notIn', 'lt', 'le', 'gt', 'ge', 'contains', 'startsWith', 'isNull', 'isNotNull'] as const;

const MAX_FILTER_VALUES = 50;
const filterValues = z.array(text(200)).min(1, { error: 'must name at least one value' }).max(MAX_FILTER_VALUES, { error: `must hold at most ${MAX_FILTER_VALUES} values` }).readonly();

const scalar = z.union([z.string().max(200, { error: 'must be at most 200 characters' }), z.number(), z.boolean()], { error: 'must be text, a number or true/false' });
const conditionValue = z.union([scalar, z.null(), z.array(scalar).max(MAX_FILTER_VALUES, { error: `must hold at most ${MAX_FILTER_VALUES} values` }).readonly()], {
  error: 'must be text, a number, true/false, null or a list of those',
});

const columnCondition = z.strictObject({
  column: columnName,
  op: z.enum(CONDITION_OPS),
  value: conditionValue.optional(),
});

const deviceFilter = z.strictObject({
  operatingSystem: filterValues.optional(),
  complianceState: filterValues.optional(),
  ownership: filterValues.optional(),
  category: filterValues.optional(),
  staleForMoreThanDays: wholeNumber(0, 3650).optional(),
  userPrincipalName: text(256).optional(),
  conditions: z.array(columnCondition).max(20, { error: 'must hold at most 20 conditions' }).readonly().optional(),
});

const deviceSort = z.strictObject({
  column: columnName,
  direction: z.enum(['asc', 'desc']).optional(),
});

const columnList = z.array(columnName).min(1, { error: 'must name at least one column' }).max(DEVICE_COLUMN_NAMES.length, { error: `must hold at most ${DEVICE_COLUMN_NAMES.length} columns` })
  .refine((columns) => new Set(columns).size === columns.length, { error: 'must not name a column twice' })
  .readonly();

const noArgs = z.strictObject({});

/** Everything a setting may hold. Also checks settings read back from disk. */
export const settingsSchema = z.strictObject({
  theme: z.enum(THEMES),
  deviceColumns: columnList,
  staleDays: wholeNumber(1, 365),
  autoRefreshMinutes: wholeNumber(0, 1440),
}) satisfies z.ZodType<Settings>;

// ── The channels ────────────────────────────────────────────────────────────────────────────

export const CHANNEL_SCHEMAS = {
  'app.info': noArgs,
  'tenants.setup': noArgs,
  'tenants.useDemo': noArgs,
  'tenants.connect': z.strictObject({
    clientId: z.string().regex(GUID, { error: "must be the app registration's Application (client) ID, a GUID such as 0f4c8a3e-7b21-4d9a-a6e5-1c2d3b4a5f60" }),
    tenant: z.string().max(253, { error: 'must be at most 253 characters' }).refine((t) => GUID.test(t) || DOMAIN.test(t) || ['organizations', 'common'].includes(t.toLowerCase()), {
      error: 'must be a tenant GUID, a domain such as contoso.onmicrosoft.com, "organizations" or "common"',
    }),
    label: text(100).optional(),
  }),
  'tenants.switchTo': z.strictObject({ profileId }),
  'tenants.remove': z.strictObject({ profileId }),
  'session.state': noArgs,
  'session.signIn': z.strictObject({ feature: z.enum(FEATURES).optional() }),
  'session.ensureFeature': z.strictObject({ feature: z.enum(FEATURES) }),
  'session.signOut': noArgs,
  'devices.window': z.strictObject({
    search: searchText.optional(),
    filter: deviceFilter.optional(),
    sort: deviceSort.optional(),
    offset: wholeNumber(0, 10_000_000),
    limit: wholeNumber(1, 500),
  }),
  'devices.facets': z.strictObject({ staleDays: wholeNumber(1, 365).optional() }),
  'devices.categories': noArgs,
  'devices.detail': z.strictObject({ id: deviceId, live: z.boolean() }),
  'devices.mine': noArgs,
  'devices.exportCsv': z.strictObject({
    search: searchText.optional(),
    filter: deviceFilter.optional(),
    sort: deviceSort.optional(),
    columns: columnList,
  }),
  'devices.runAction': z.strictObject({ id: deviceId, action: z.enum(QUICK_ACTIONS) }),
  'sync.state': noArgs,
  'sync.start': z.strictObject({ kind: z.enum(['full', 'incremental']).optional() }),
  'sync.cancel': noArgs,
  'activity.list': z.strictObject({ limit: wholeNumber(1, 1000).optional() }),
  'settings.get': noArgs,
  'settings.update': settingsSchema.partial(),
} as const satisfies { readonly [C in Channel]: z.ZodType<ArgsOf<C>> };

// Compile-time: every schema's output is what its channel's handler is typed to take, and it
// leaves out none of the fields the API declares (a field the schema forgot would be refused as
// unknown, so the API could not be used as written).
type SchemaOf<C extends Channel> = (typeof CHANNEL_SCHEMAS)[C];
type Covers<C extends Channel> = [Exclude<keyof ArgsOf<C>, keyof z.output<SchemaOf<C>>>] extends [never] ? true : false;
type Fits<C extends Channel> = z.output<SchemaOf<C>> extends ArgsOf<C> ? true : false;
type AllChannels<T extends { [C in Channel]: true }> = T;
export type SchemasMatchTheApi = AllChannels<{ [C in Channel]: Covers<C> extends true ? Fits<C> : false }>;

// ── Checking ────────────────────────────────────────────────────────────────────────────────

/** The arguments as the handler may use them, or a badRequest Problem naming the channel and the field. */
export function validateArgs<C extends Channel>(channel: C, raw: unknown): BridgeResult<ArgsOf<C>> {
  // The map's `satisfies` checks each channel's schema; indexing by a generic key loses that pairing.
  const schema = CHANNEL_SCHEMAS[channel] as unknown as z.ZodType<ArgsOf<C>>;
  const parsed = schema.safeParse(raw, { error: describeIssue });
  if (parsed.success) return { ok: true, value: parsed.data };
  return { ok: false, problem: argsProblem(channel, parsed.error.issues) };
}

function argsProblem(channel: string, issues: readonly z.core.$ZodIssue[]): Problem {
  const sentences = issues.slice(0, 3).map((issue) => {
    if (issue.code === 'unrecognized_keys') {
      const fields = issue.keys.map((key) => `"${fieldPath([...issue.path, key])}"`);
      return `unknown field${fields.length === 1 ? '' : 's'} ${fields.join(', ')}`;
    }
    const where = fieldPath(issue.path);
    if (where === '') return 'the arguments must be an object';
    return `${where} ${issue.message}`;
  });
  const more = issues.length > 3 ? ` (and ${issues.length - 3} more)` : '';
  return { code: 'badRequest', message: `${channel}: ${sentences.join('; ')}${more}.` };
}

/** `filter.conditions[0].column` */
function fieldPath(path: readonly PropertyKey[]): string {
  return path.reduce<string>((out, key) => (typeof key === 'number' ? `${out}[${key}]` : out === '' ? String(key) : `${out}.${String(key)}`), '');
}

/** Wording for issues whose schema did not say its own. */
function describeIssue(issue: z.core.$ZodRawIssue): string {
  switch (issue.code) {
    case 'invalid_type':
      if (issue.input === undefined) return 'is required';
      return `must be ${KINDS[issue.expected] ?? issue.expected}`;
    case 'invalid_value':
      if (issue.input === undefined) return 'is required';
      return `must be one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')}`;
    case 'too_big':
      return issue.origin === 'string' ? `must be at most ${String(issue.maximum)} characters` : `must hold at most ${String(issue.maximum)} items`;
    case 'too_small':
      return issue.origin === 'string' ? `must be at least ${String(issue.minimum)} characters` : `must hold at least ${String(issue.minimum)} items`;
    case 'invalid_union':
      return 'is not a value this field takes';
    default:
      return 'is not valid';
  }
}

const KINDS: Readonly<Record<string, string>> = {
  object: 'an object',
  string: 'text',
  number: 'a number',
  int: 'a whole number',
  boolean: 'true or false',
  array: 'a list',
  null: 'null',
};
