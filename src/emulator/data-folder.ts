// The data folder: where certificates, signing keys, consents and writes live between runs.
// It also remembers what the tenant was generated from, because replaying writes over a
// tenant generated from other options would attach them to devices that do not exist.
import { existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { OptionsError } from './options.ts';
import { isJsonObject } from './graph/model/json.ts';
import { JOURNAL_FILE } from './persistence/journal.ts';

export interface TenantRecipe {
  readonly seed: number;
  readonly devices: number;
  /** "Now" for the generated data, fixed when the folder was made so the data stays the same. */
  readonly anchorTime: number;
}

export interface DataFolder {
  readonly path: string;
  /** True when the caller gave no folder: it is removed at stop. */
  readonly temporary: boolean;
  readonly recipe: TenantRecipe;
}

export function openDataFolder(dataDir: string | undefined, wanted: { readonly seed: number; readonly devices: number }, now: number, warn: (m: string) => void): DataFolder {
  if (dataDir === undefined) {
    const path = mkdtempSync(join(tmpdir(), 'intune-desk-demo-'));
    return { path, temporary: true, recipe: { ...wanted, anchorTime: anchorFor(now) } };
  }
  const path = resolve(dataDir);
  try {
    mkdirSync(path, { recursive: true, mode: 0o700 });
  } catch (error) {
    // A file in the way or a folder without rights: the option is what to change.
    throw new OptionsError(`--data-dir ${path} cannot be used as a folder: ${error instanceof Error ? error.message : String(error)}`);
  }
  const recipePath = join(path, 'tenant.json');
  const stored = readRecipe(recipePath, warn);
  if (stored) {
    if (stored.seed !== wanted.seed || stored.devices !== wanted.devices) {
      throw new OptionsError(
        `The data folder ${path} holds a tenant made with --seed ${stored.seed} --devices ${stored.devices}; ` +
          `start with those options to keep its writes, or give another --data-dir.`,
      );
    }
    return { path, temporary: false, recipe: stored };
  }
  setAsideOrphanJournal(path, warn);
  const recipe = { ...wanted, anchorTime: anchorFor(now) };
  writeFileSync(`${recipePath}.tmp`, `${JSON.stringify(recipe, null, 2)}\n`);
  renameSync(`${recipePath}.tmp`, recipePath);
  return { path, temporary: false, recipe };
}

export function removeTemporary(folder: DataFolder): void {
  if (folder.temporary) rmSync(folder.path, { recursive: true, force: true });
}

/**
 * Writes only make sense over the tenant they were made on. With no readable recipe to say
 * which that was, replaying them could attach them to other devices or bring back devices of
 * another seed, so the journal is kept for a look but not replayed.
 */
function setAsideOrphanJournal(folder: string, warn: (m: string) => void): void {
  const journal = join(folder, JOURNAL_FILE);
  if (!existsSync(journal)) return;
  const aside = `${journal}.orphaned-${Date.now()}`;
  renameSync(journal, aside);
  warn(`${journal} holds writes for a tenant whose options are no longer known; moved it to ${aside} instead of replaying it.`);
}

/** The start of the current UTC hour: fresh enough for "last check-in" to read true, stable within a run. */
function anchorFor(now: number): number {
  return Math.floor(now / 3_600_000) * 3_600_000;
}

function readRecipe(path: string, warn: (m: string) => void): TenantRecipe | undefined {
  if (!existsSync(path)) return undefined;
  try {
    const value: unknown = JSON.parse(readFileSync(path, 'utf8'));
    if (isJsonObject(value) && Number.isInteger(value['seed']) && Number.isInteger(value['devices']) && Number.isFinite(value['anchorTime'])) {
      return { seed: value['seed'] as number, devices: value['devices'] as number, anchorTime: value['anchorTime'] as number };
    }
  } catch {
    // Fall through to the warning: an unreadable recipe must not stop the tenant from starting.
  }
  const aside = `${path}.damaged-${Date.now()}`;
  renameSync(path, aside);
  warn(`${path} could not be read; moved it to ${aside} and started a new tenant recipe.`);
  return undefined;
}
