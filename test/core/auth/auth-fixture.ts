// What the auth tests share: the demo tenant, the real Chromium, a token cache in a temporary
// config folder encrypted with a key file, and profiles for both demo tenants.
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AuthService } from '../../../src/core/auth/auth-service.ts';
import type { AuthServiceOptions } from '../../../src/core/auth/auth-service.ts';
import type { BrowserOpener } from '../../../src/core/auth/auth-model.ts';
import { defaultTokenCachePaths } from '../../../src/core/auth/config-dir.ts';
import { KeyFileEncryptor } from '../../../src/core/auth/key-file-encryptor.ts';
import type { TenantProfile } from '../../../src/core/auth/tenant-profile.ts';
import { TokenCacheFile } from '../../../src/core/auth/token-cache-file.ts';
import type { CacheReset } from '../../../src/core/auth/token-cache-file.ts';
import { CONTOSO, DEFAULT_CLIENT_ID, NORTHWIND, PARTNER_CLIENT_ID } from '../../../src/emulator/directory/demo-directory.ts';
import { ChromiumSignIns } from '../../helpers/chromium-sign-ins.ts';
import { startTestTenant } from '../../helpers/running-tenant.ts';
import type { TestTenant } from '../../helpers/running-tenant.ts';

export const READ_DEVICES = 'DeviceManagementManagedDevices.Read.All';
export const PRIVILEGED = 'DeviceManagementManagedDevices.PrivilegedOperations.All';
/** The title of the auth service's loopback success page. */
export const SIGNED_IN = 'You are signed in to Intune Desk';

export const ADELE = { upn: 'adele.vance@contoso.onmicrosoft.com', password: 'Contoso-Admin-2026', homeAccountId: `a1d3e5f7-0b2c-4d6e-8f01-2a3b4c5d6e01.${CONTOSO.id}` };
export const LEE = { upn: 'lee.gu@contoso.onmicrosoft.com', password: 'Contoso-Helpdesk-2026' };
export const NESTOR = { upn: 'nestor.wilke@northwind.onmicrosoft.com', password: 'Northwind-Helpdesk-2026' };

/** MSAL's cache as MSAL serializes it (the parts the tests look at). */
export interface MsalCacheJson {
  readonly RefreshToken: Record<string, { readonly secret: string; readonly home_account_id: string }>;
  readonly AccessToken: Record<string, { readonly secret: string; readonly home_account_id: string; readonly realm: string }>;
  readonly IdToken: Record<string, { readonly secret: string }>;
  readonly Account: Record<string, { readonly home_account_id: string }>;
}

/** Opens a cache file the way the app does (header, then the key file's AES-GCM), to look inside. */
export async function decryptCacheFile(cacheFile: string, encryptor: KeyFileEncryptor): Promise<{ readonly msal: MsalCacheJson; readonly signIns: Record<string, { readonly username: string; readonly tenantId: string }> }> {
  const raw = await readFile(cacheFile);
  const plain = await encryptor.decrypt(raw.subarray(6 + (raw[5] ?? 0)));
  const doc = JSON.parse(plain.toString('utf8')) as { msal: string; signIns: Record<string, { username: string; tenantId: string }> };
  return { msal: JSON.parse(doc.msal) as MsalCacheJson, signIns: doc.signIns };
}

export interface AuthFixture {
  readonly tenant: TestTenant;
  readonly browser: ChromiumSignIns;
  readonly configDir: string;
  readonly cacheFile: string;
  readonly keyFile: string;
  readonly profiles: readonly TenantProfile[];
  readonly purged: string[];
  readonly resets: CacheReset[];
  /** An auth service on the shared cache, as another window or process would have. */
  service(overrides?: Partial<AuthServiceOptions> & { readonly openBrowser?: BrowserOpener }): AuthService;
  cache(): TokenCacheFile;
  stop(): Promise<void>;
}

export function demoProfiles(baseUrl: string, ca: string): readonly TenantProfile[] {
  const demo = (id: string, label: string, tenant: string, clientId = DEFAULT_CLIENT_ID): TenantProfile =>
    ({ id, label, authority: `${baseUrl}/${tenant}`, clientId, kind: 'demo', trustedCaPem: ca });
  return [
    demo('contoso', 'Contoso (demo)', 'contoso.onmicrosoft.com'),
    demo('contoso-helpdesk', 'Contoso helpdesk (demo)', CONTOSO.id),
    demo('northwind', 'Northwind (demo)', NORTHWIND.id),
    demo('partner-northwind', 'Northwind via partner console', NORTHWIND.id, PARTNER_CLIENT_ID),
    demo('partner-contoso', 'Contoso via partner console', 'contoso.com', PARTNER_CLIENT_ID),
    demo('any-work-account', 'Any organization', 'organizations'),
  ];
}

export async function startAuthFixture(): Promise<AuthFixture> {
  const tenant = await startTestTenant({ devices: 200 });
  const browser = await ChromiumSignIns.launch(tenant.tenant.ready.serverCertificateSpkiSha256);
  const configDir = await mkdtemp(join(tmpdir(), 'intune-desk-auth-'));
  const { cacheFile, keyFile } = defaultTokenCachePaths(join(configDir, 'intune-desk'));
  const profiles = demoProfiles(tenant.baseUrl, tenant.ca);
  const purged: string[] = [];
  const resets: CacheReset[] = [];
  const cache = (): TokenCacheFile => new TokenCacheFile({ path: cacheFile, encryptor: new KeyFileEncryptor(keyFile), onReset: (r) => resets.push(r) });
  return {
    tenant,
    browser,
    configDir,
    cacheFile,
    keyFile,
    profiles,
    purged,
    resets,
    cache,
    service: (overrides = {}) => new AuthService({
      profiles,
      tokenCache: cache(),
      openBrowser: browser.openBrowser,
      purgeTenantData: async (tenantId) => { purged.push(tenantId); },
      ...overrides,
    }),
    async stop() {
      await browser.close();
      await tenant.stop();
      await rm(configDir, { recursive: true, force: true });
    },
  };
}
