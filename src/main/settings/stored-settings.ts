// HostPlatform.settings on a schema-checked JSON file (electron-store in the app). A file that
// cannot be read as settings (not JSON, or refused by the schema) is never emptied or
// overwritten: it is renamed to settings.json.damaged-<time> beside it, the host is told (read
// throws, and the host carries on with defaults), and the next save starts a new file.
import { readFileSync, renameSync } from 'node:fs';
import type { Settings } from '../../shared/bridge/api.ts';
import type { SettingsStorage } from '../../host/platform.ts';

/** The part of electron-store (conf) used here. */
export interface SettingsFile {
  readonly path: string;
  store: Record<string, unknown>;
}

export class SettingsDamagedError extends Error {
  readonly movedTo: string | undefined;
  constructor(message: string, movedTo: string | undefined, options?: ErrorOptions) {
    super(message, options);
    this.name = 'SettingsDamagedError';
    this.movedTo = movedTo;
  }
}

export interface StoredSettingsOptions {
  /** Where the file is, known before opening it, so a file that cannot be opened can be moved aside. */
  readonly path: string;
  /** Opens the file (new Store(options)); throws when it is not JSON or fails the schema. */
  readonly open: () => SettingsFile;
  readonly now?: () => Date;
}

export class StoredSettings implements SettingsStorage {
  private readonly options: StoredSettingsOptions;
  private file: SettingsFile | undefined;

  constructor(options: StoredSettingsOptions) {
    this.options = options;
  }

  read(): unknown {
    let store: Record<string, unknown>;
    try {
      requireObjectRoot(this.options.path);
      store = this.opened().store;
    } catch (error) {
      if (!isDamage(error)) throw error;
      this.file = undefined;
      const movedTo = this.moveAside();
      const where = movedTo ? `It was moved to ${movedTo}` : 'It could not be moved aside and was left as it is';
      throw new SettingsDamagedError(`The settings file ${this.options.path} could not be read (${(error as Error).message}). ${where}; the default settings are used until you change one.`, movedTo, { cause: error });
    }
    return Object.keys(store).length === 0 ? undefined : { ...store };
  }

  write(settings: Settings): void {
    let file: SettingsFile;
    try {
      if (!this.file) requireObjectRoot(this.options.path);
      file = this.opened();
    } catch (error) {
      if (!isDamage(error)) throw error;
      // A damaged file that was never read (write before read): keep it, then start afresh.
      this.moveAside();
      file = this.opened();
    }
    file.store = { ...settings };
  }

  private opened(): SettingsFile {
    this.file ??= this.options.open();
    return this.file;
  }

  private moveAside(): string | undefined {
    const stamp = (this.options.now?.() ?? new Date()).toISOString().replace(/[:.]/g, '-');
    const target = `${this.options.path}.damaged-${stamp}`;
    try {
      renameSync(this.options.path, target);
      return target;
    } catch {
      return undefined;
    }
  }
}

/** conf reads a file holding [] or 42 as an empty store, and the next save would replace it unseen. */
function requireObjectRoot(path: string): void {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw error;
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return; // conf reports it, as a SyntaxError naming the file
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new SyntaxError('the file holds JSON, but not an object of settings');
}

/** conf throws a SyntaxError for a file that is not JSON and a "Config schema violation" error for one the schema refuses. */
function isDamage(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  return error.name === 'SyntaxError' || error.constructor.name === 'SchemaViolationError' || /schema violation/i.test(error.message);
}
