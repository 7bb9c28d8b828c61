// The settings file's JSON Schema, as electron-store (conf, ajv) checks it on every read and
// write. `satisfies` ties it to the bridge's Settings type: a setting added there without a rule
// here does not compile.
import type { Settings } from '../../shared/bridge/api.ts';

export const SETTINGS_SCHEMA = {
  theme: { type: 'string', enum: ['system', 'light', 'dark', 'highContrast'] },
  deviceColumns: { type: 'array', items: { type: 'string', minLength: 1, maxLength: 100 }, maxItems: 200, uniqueItems: true },
  staleDays: { type: 'integer', minimum: 1, maximum: 3650 },
  autoRefreshMinutes: { type: 'integer', minimum: 0, maximum: 1440 },
} as const satisfies { readonly [K in keyof Settings]-?: Readonly<Record<string, unknown>> };

export interface SettingsStoreOptions {
  readonly cwd: string;
  /** electron-store's file name without extension. */
  readonly name: string;
  readonly schema: typeof SETTINGS_SCHEMA;
  readonly rootSchema: { readonly additionalProperties: false };
  /** Never empty a file that does not pass: it is moved aside instead (stored-settings.ts). */
  readonly clearInvalidConfig: false;
  readonly accessPropertiesByDotNotation: false;
}

/** The options for `new Store(…)`: one place, so the app and the test open the file alike. */
export function settingsStoreOptions(dataDir: string): SettingsStoreOptions {
  return {
    cwd: dataDir,
    name: 'settings',
    schema: SETTINGS_SCHEMA,
    rootSchema: { additionalProperties: false },
    clearInvalidConfig: false,
    accessPropertiesByDotNotation: false,
  };
}
