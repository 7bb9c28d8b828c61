// The auth service's public surface. The rest of the app imports from here, never from MSAL.
export { AuthService } from './auth-service.ts';
export type { AuthServiceOptions } from './auth-service.ts';
export type {
  AccessToken, AccessTokenProvider, AccountSummary, AccountWithProfiles, BrowserOpener, Capabilities, DeviceCodeOptions,
  DeviceCodePrompt, EnsureScopesResult, InteractiveOptions, IntuneRoleSource, SignInResult, SignOutResult, TokenOptions,
} from './auth-model.ts';
export { FEATURE_SCOPES, FEATURES, INTUNE_SCOPE_NAMES, isFeature, scopesFor } from './feature-scopes.ts';
export type { Feature } from './feature-scopes.ts';
export { authorityTenant, isGuid, tenantProfile, tenantProfileIssues } from './tenant-profile.ts';
export type { AuthorityTenant, ProfileIssue, TenantProfile, TenantProfileKind } from './tenant-profile.ts';
export { TokenCacheFile, CacheProtectedElsewhereError } from './token-cache-file.ts';
export type { CacheReset, ProfileSignIn, ProfileSignIns, TokenCacheFileOptions } from './token-cache-file.ts';
export type { CacheEncryptor } from './cache-encryptor.ts';
export { EncryptionUnavailableError } from './cache-encryptor.ts';
export { KeyFileEncryptor } from './key-file-encryptor.ts';
export { SafeStorageEncryptor } from './safe-storage-encryptor.ts';
export type { AsyncSafeStorage, SafeStorageLike, SyncSafeStorage } from './safe-storage-encryptor.ts';
export { CacheLock, CacheLockTimeoutError } from './cache-lock.ts';
export type { CacheLockOptions } from './cache-lock.ts';
export { CaTrustingNetworkClient } from './ca-trusting-network-client.ts';
export type { CaTrustingNetworkClientOptions } from './ca-trusting-network-client.ts';
export { defaultTokenCachePaths, intuneDeskConfigDir } from './config-dir.ts';
export type { TokenCachePaths } from './config-dir.ts';
