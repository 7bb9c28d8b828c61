// What the desktop host needs from the shell it runs in. The Electron main process provides
// one (src/main), the browser harness another (src/harness); everything else in src/host is
// plain Node and is tested in Node against the demo tenant.
import type { CacheEncryptor } from '../core/auth/index.ts';
import type { Settings } from '../shared/bridge/api.ts';

export interface SettingsStorage {
  /** The stored settings, or undefined when none were saved yet. Throws on unreadable data (the host keeps the file and uses defaults). */
  read(): unknown;
  write(settings: Settings): void;
}

export interface SaveTarget {
  /** Where the user chose to save, or undefined when they cancelled. */
  readonly path: string | undefined;
}

export interface HostPlatform {
  /** 'electron' or 'web': reported to the window (app.info) and used to choose how files are saved. */
  readonly shell: 'electron' | 'web';
  readonly version: string;
  /** Per-user data folder: tenants.json, settings, token cache, inventory, the demo tenant's data. */
  readonly dataDir: string;
  /** Protects the token cache: Electron safeStorage in the app, a key file in the harness. */
  readonly encryptor: CacheEncryptor;
  readonly settings: SettingsStorage;
  /** IT's machine policy file, if the machine has one (same format as the CLI's). */
  readonly policyPath?: string;
  /** Opens an Entra sign-in page of a real tenant in the system browser (allow-listed by the shell). */
  openExternal(url: string): Promise<void>;
  /**
   * Opens the demo tenant's sign-in page in a window the app owns, trusting only the demo
   * tenant's certificate (SPKI SHA-256 given). Resolves once the window shows the page.
   */
  openDemoSignIn(url: string, demo: { readonly serverCertificateSpkiSha256: string }): Promise<void>;
  /** Asks where to save an export; the harness returns undefined and the host returns the content instead. */
  chooseSavePath?(suggestedName: string): Promise<SaveTarget>;
  log(level: 'info' | 'warn' | 'error', message: string, fields?: Readonly<Record<string, unknown>>): void;
}
