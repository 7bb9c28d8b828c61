// Where Intune Desk keeps per-user settings and the sign-in cache. The CLI and the desktop app
// resolve the same folder so they can share one token cache.
import { homedir } from 'node:os';
import { join } from 'node:path';

export interface ConfigDirEnvironment {
  readonly env?: Readonly<Record<string, string | undefined>>;
  readonly platform?: NodeJS.Platform;
  readonly home?: string;
}

/**
 * `INTUNE_DESK_CONFIG_DIR` when set; otherwise the platform's per-user config folder:
 * `%APPDATA%\Intune Desk` (Windows), `~/Library/Application Support/Intune Desk` (macOS),
 * `$XDG_CONFIG_HOME/intune-desk` or `~/.config/intune-desk` (Linux and others).
 */
export function intuneDeskConfigDir(where: ConfigDirEnvironment = {}): string {
  const env = where.env ?? process.env;
  const platform = where.platform ?? process.platform;
  const home = where.home ?? homedir();
  const override = env['INTUNE_DESK_CONFIG_DIR'];
  if (override) return override;
  if (platform === 'win32') return join(env['APPDATA'] ?? join(home, 'AppData', 'Roaming'), 'Intune Desk');
  if (platform === 'darwin') return join(home, 'Library', 'Application Support', 'Intune Desk');
  return join(env['XDG_CONFIG_HOME'] || join(home, '.config'), 'intune-desk');
}

export interface TokenCachePaths {
  /** The encrypted MSAL cache and the app's sign-in records. */
  readonly cacheFile: string;
  /** The key file of the key-file encryptor (CLI and tests; the desktop app uses safeStorage). */
  readonly keyFile: string;
}

export function defaultTokenCachePaths(configDir: string = intuneDeskConfigDir()): TokenCachePaths {
  return { cacheFile: join(configDir, 'token-cache.bin'), keyFile: join(configDir, 'token-cache.key') };
}
