// What the host's parts share: the shell's platform, the tenants, sign-in, the inventories, the
// current tenant's service watch, and where news goes (activity log, events). Built once by
// DesktopHost; each part takes it rather than reaching for the others.
import type { AuthService, ProfileSignIn, TokenCacheFile } from '../core/auth/index.ts';
import { ProblemError } from '../core/problem.ts';
import type { ActivityLog } from './activity/activity-log.ts';
import type { ServiceWatch } from './connection/service-watch.ts';
import type { TenantLinks } from './connection/tenant-links.ts';
import type { TenantInventories } from './devices/tenant-inventories.ts';
import type { HostEvents } from './events.ts';
import type { HostPlatform } from './platform.ts';
import type { SettingsService } from './settings/settings-service.ts';
import type { TenantDirectory, TenantEntry } from './tenants/tenant-directory.ts';

/** Something changed that the window shows: the host recomputes the state and pushes it. */
export interface ChangeNotices {
  setup(): void;
  session(profileId: string): void;
  sync(profileId: string): void;
}

export interface HostContext {
  readonly platform: HostPlatform;
  readonly now: () => number;
  readonly directory: TenantDirectory;
  readonly tokenCache: TokenCacheFile;
  readonly auth: AuthService;
  readonly links: TenantLinks;
  /** Whether the current tenant's service answers. */
  readonly watch: ServiceWatch;
  readonly inventories: TenantInventories;
  readonly activity: ActivityLog;
  readonly events: HostEvents;
  readonly settings: SettingsService;
  readonly changed: ChangeNotices;
}

/** The tenant open now; before one is chosen, a problem the first-run page answers. */
export function currentTenant(context: HostContext): TenantEntry {
  const entry = context.directory.current();
  if (!entry) throw new ProblemError({ code: 'badRequest', message: 'No tenant is open yet: use the demo tenant or connect your tenant first.' });
  return entry;
}

/** Who the profile is signed in as (from the token cache, no network); a signInRequired problem when nobody is. */
export async function signInOf(context: HostContext, entry: TenantEntry): Promise<ProfileSignIn> {
  const signIn = (await context.tokenCache.readSignIns())[entry.id];
  if (!signIn) throw new ProblemError({ code: 'signInRequired', message: `Nobody is signed in to ${entry.label} on this computer yet. Sign in to see its devices.` });
  return signIn;
}

/** The words of any failure, for the activity log and the host's own log. */
export function describeError(error: unknown): string {
  if (error instanceof ProblemError) return error.problem.message;
  return error instanceof Error ? error.message : String(error);
}
