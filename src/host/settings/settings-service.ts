// The technician's settings: theme, grid columns, the "stale" chip's days, automatic refresh.
// Stored by the shell (electron-store in the app, a JSON file in the harness). Settings that
// cannot be read never stop the app and are never silently replaced: the storage keeps the
// unreadable file aside, the host carries on with the defaults and says so in the activity log.
import type { Problem, Settings } from '../../shared/bridge/api.ts';
import { settingsSchema } from '../../shared/bridge/schemas.ts';
import type { SettingsStorage } from '../platform.ts';

export const DEFAULT_SETTINGS: Settings = {
  theme: 'system',
  deviceColumns: ['deviceName', 'userPrincipalName', 'operatingSystem', 'osVersion', 'complianceState', 'lastSyncDateTime', 'model', 'serialNumber'],
  staleDays: 30,
  autoRefreshMinutes: 15,
};

const storedSettings = settingsSchema.partial();

export class SettingsService {
  private readonly storage: SettingsStorage;
  private current: Settings = DEFAULT_SETTINGS;
  private readonly listeners = new Set<(settings: Settings) => void>();

  constructor(storage: SettingsStorage) {
    this.storage = storage;
  }

  /** Reads the stored settings; returns the problem to tell the user when they could not be used. */
  load(): Problem | undefined {
    let raw: unknown;
    try {
      raw = this.storage.read();
    } catch (error) {
      this.current = DEFAULT_SETTINGS;
      return { code: 'badRequest', message: `Your settings could not be read, so Intune Desk uses the default settings: ${error instanceof Error ? error.message : String(error)}` };
    }
    if (raw === undefined) {
      this.current = DEFAULT_SETTINGS;
      return undefined;
    }
    const parsed = storedSettings.safeParse(raw);
    if (!parsed.success) {
      this.current = DEFAULT_SETTINGS;
      const first = parsed.error.issues[0];
      const where = first && first.path.length > 0 ? `${first.path.join('.')}: ${first.message}` : (first?.message ?? 'not settings');
      return { code: 'badRequest', message: `Your saved settings are not valid (${where}), so Intune Desk uses the default settings until you change one.` };
    }
    // Settings saved by an older version may lack newer fields: those take their defaults.
    this.current = { ...DEFAULT_SETTINGS, ...definedOnly(parsed.data) };
    return undefined;
  }

  get(): Settings {
    return this.current;
  }

  /** Applies a checked change (schemas.ts) and saves the whole; throws if the storage cannot write. */
  update(change: Partial<Settings>): Settings {
    const next: Settings = { ...this.current, ...definedOnly(change) };
    this.storage.write(next);
    this.current = next;
    for (const listener of this.listeners) listener(next);
    return next;
  }

  onChange(listener: (settings: Settings) => void): () => void {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  }
}

function definedOnly<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}
