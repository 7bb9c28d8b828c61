// HostPlatform.settings for the harness: settings.json in the data folder. A file that cannot be
// read as settings is never emptied or overwritten: it is renamed settings.json.damaged-<time>
// beside it, read() throws saying so (the host carries on with defaults and tells the user), and
// the next save starts a new file.
import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { Settings } from '../shared/bridge/api.ts';
import { settingsSchema } from '../shared/bridge/schemas.ts';
import type { SettingsStorage } from '../host/platform.ts';

const stored = settingsSchema.partial();

export class JsonFileSettings implements SettingsStorage {
  readonly path: string;
  private readonly now: () => number;

  constructor(path: string, now: () => number = Date.now) {
    this.path = path;
    this.now = now;
  }

  read(): unknown {
    let text: string;
    try {
      text = readFileSync(this.path, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw new Error(`${this.path} cannot be read (${(error as Error).message}).`, { cause: error });
    }
    let why: string;
    try {
      const parsed = stored.safeParse(JSON.parse(text));
      if (parsed.success) return parsed.data;
      const issue = parsed.error.issues[0];
      why = `${issue && issue.path.length > 0 ? `${issue.path.join('.')} ` : ''}${issue?.message ?? 'not settings'}`;
    } catch (error) {
      why = `not JSON: ${error instanceof Error ? error.message : String(error)}`;
    }
    const aside = `${this.path}.damaged-${new Date(this.now()).toISOString().replace(/[:.]/g, '-')}`;
    renameSync(this.path, aside);
    throw new Error(`The settings file ${this.path} could not be used (${why}). It was kept as ${aside}; the default settings apply until you change one.`);
  }

  write(settings: Settings): void {
    mkdirSync(dirname(this.path), { recursive: true, mode: 0o700 });
    const temporary = `${this.path}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
    writeFileSync(temporary, `${JSON.stringify(settings, null, 2)}\n`, { mode: 0o600 });
    renameSync(temporary, this.path);
  }
}
