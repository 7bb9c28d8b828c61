// The same specs against the Electron app, where an Electron binary exists. The `electron`
// package on this machine carries only types: its binary download host is unreachable, so every
// Electron test is skipped with ELECTRON_MISSING and the browser harness project is the one that
// runs.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { _electron } from '@playwright/test';
import type { ElectronApplication, Page } from '@playwright/test';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
/** What `npm run build:electron` makes (package.json "main"). */
export const ELECTRON_MAIN = join(ROOT, 'dist/main/index.cjs');

export const ELECTRON_MISSING = 'Electron binary not installed on this machine (its download host is unreachable); the same specs ran in Chromium through the browser harness';

/**
 * The Electron executable, if installed. Resolved the way `require('electron')` does (path.txt
 * names it under dist/, ELECTRON_OVERRIDE_DIST_PATH overrides), but without require: when the
 * binary is missing, the package's index.js tries to download it, which hangs here.
 */
export function electronBinary(): string | undefined {
  const packageDir = join(ROOT, 'node_modules/electron');
  const pathFile = join(packageDir, 'path.txt');
  const name = existsSync(pathFile) ? readFileSync(pathFile, 'utf8').trim() : undefined;
  const override = process.env['ELECTRON_OVERRIDE_DIST_PATH'];
  const binary = override !== undefined && override !== '' ? join(override, name ?? 'electron') : name === undefined ? undefined : join(packageDir, 'dist', name);
  return binary !== undefined && existsSync(binary) ? binary : undefined;
}

export interface LaunchedElectron {
  readonly app: ElectronApplication;
  readonly page: Page;
}

/** Starts the built app with its data in `configDir` (INTUNE_DESK_CONFIG_DIR; its logs in desktop/logs there), as a fresh install. */
export async function launchElectron(binary: string, configDir: string): Promise<LaunchedElectron> {
  if (!existsSync(ELECTRON_MAIN)) throw new Error(`${ELECTRON_MAIN} is missing: run "npm run build:electron".`);
  const app = await _electron.launch({
    executablePath: binary,
    // --no-sandbox: test containers run as root, where Chromium's sandbox cannot start.
    args: [ELECTRON_MAIN, '--no-sandbox'],
    cwd: ROOT,
    env: { ...stringEnv(), INTUNE_DESK_CONFIG_DIR: configDir, INTUNE_DESK_POLICY_FILE: '' },
    timeout: 60_000,
  });
  const page = await app.firstWindow();
  return { app, page };
}

function stringEnv(): Record<string, string> {
  return Object.fromEntries(Object.entries(process.env).flatMap(([k, v]) => (v === undefined ? [] : [[k, v]])));
}
