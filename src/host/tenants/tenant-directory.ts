// The tenants the technician works in: the profiles of tenants.json, under IT's machine policy.
// The policy (same file and rules as the CLI's) can fix the tenant (it is then the only one,
// "managed", and no tenant can be added or removed) and can turn the demo tenant off.
import { DEFAULT_AUTHORITY_HOST, INTUNE_DESK_CLIENT_ID } from '../../core/config/entra-defaults.ts';
import type { MachinePolicy } from '../../core/config/policy-file.ts';
import { normalTenant } from '../../core/config/tenant-name.ts';
import { ProblemError } from '../../core/problem.ts';
import type { Problem } from '../../shared/bridge/api.ts';
import { readTenantFile, writeTenantFile } from './tenant-file.ts';
import type { StoredTenant, TenantFileContent } from './tenant-file.ts';

export interface TenantEntry extends StoredTenant {
  /** Set by IT's machine policy: the technician cannot remove or edit it. */
  readonly managed: boolean;
}

export class TenantDirectory {
  private readonly path: string;
  private readonly policy: MachinePolicy | undefined;
  private readonly lockedByPolicy: boolean;
  private content: TenantFileContent;

  /** `locked` also when the policy file exists but cannot be read: IT's intent is unknown, so nothing is added. */
  constructor(path: string, policy: MachinePolicy | undefined, locked = policy?.tenant !== undefined) {
    this.path = path;
    this.policy = policy;
    this.lockedByPolicy = locked;
    this.content = { version: 1, profiles: [] };
  }

  /** Reads tenants.json; the problem says what happened to a file that could not be used. */
  load(now: number): Problem | undefined {
    const read = readTenantFile(this.path, now);
    this.content = read.content;
    return read.problem;
  }

  /** No tenant may be added or removed: IT fixed the tenant. */
  get locked(): boolean {
    return this.lockedByPolicy;
  }

  get demoAllowed(): boolean {
    return this.policy?.allowDemo !== false;
  }

  /** The profiles the technician may use, the managed one first. */
  list(): readonly TenantEntry[] {
    const managed = this.managedProfile();
    const own = this.content.profiles.filter((p) => (p.kind === 'demo' ? this.demoAllowed : managed === undefined) && p.id !== managed?.id);
    return [...(managed ? [managed] : []), ...own.map((p) => ({ ...p, managed: false }))];
  }

  get(profileId: string): TenantEntry | undefined {
    return this.list().find((p) => p.id === profileId);
  }

  /** The profile open now; with a machine policy's tenant and nothing chosen, that tenant. */
  current(): TenantEntry | undefined {
    const chosen = this.content.currentProfileId === undefined ? undefined : this.get(this.content.currentProfileId);
    return chosen ?? this.managedProfile();
  }

  /** Nothing chosen yet: the first-run page shows. */
  get firstRun(): boolean {
    return this.current() === undefined;
  }

  /** Adds the demo tenant's profiles (one per demo tenant) and opens the first. */
  useDemo(profiles: readonly StoredTenant[]): TenantEntry {
    this.assertDemoAllowed();
    const first = profiles[0];
    if (!first) throw new Error('The demo tenant named no tenants.');
    const ids = new Set(profiles.map((p) => p.id));
    this.save({ version: 1, currentProfileId: first.id, profiles: [...this.content.profiles.filter((p) => !ids.has(p.id)), ...profiles] });
    return { ...first, managed: false };
  }

  /** Adds (or replaces) a profile for an Entra tenant and opens it. */
  connect(request: { readonly clientId: string; readonly tenant: string; readonly label?: string }): TenantEntry {
    if (this.locked) throw this.lockedProblem('add a tenant');
    const tenant = normalTenant(request.tenant);
    const profile: StoredTenant = {
      id: tenant,
      label: request.label?.trim() || tenant,
      kind: 'entra',
      tenant,
      clientId: request.clientId.toLowerCase(),
      authorityHost: DEFAULT_AUTHORITY_HOST,
    };
    this.save({ version: 1, currentProfileId: profile.id, profiles: [...this.content.profiles.filter((p) => p.id !== profile.id), profile] });
    return { ...profile, managed: false };
  }

  switchTo(profileId: string): TenantEntry {
    const profile = this.require(profileId);
    if (!profile.managed) this.save({ ...this.content, currentProfileId: profileId });
    else this.save({ version: 1, profiles: this.content.profiles });
    return profile;
  }

  /** The profile, if the technician may remove it; else a problem saying why not. */
  removable(profileId: string): TenantEntry {
    const profile = this.require(profileId);
    if (profile.managed) throw new ProblemError({ code: 'badRequest', message: `${profile.label} is set by your organization's machine policy (${this.policy?.path ?? 'policy file'}) and cannot be removed.` });
    return profile;
  }

  /** Forgets a profile; if it was open, the next one opens (or first run, when none is left). */
  remove(profileId: string): TenantEntry {
    const profile = this.removable(profileId);
    const profiles = this.content.profiles.filter((p) => p.id !== profileId);
    const current = this.content.currentProfileId === profileId ? profiles.find((p) => p.kind === 'entra' || this.demoAllowed)?.id : this.content.currentProfileId;
    this.save({ version: 1, profiles, ...(current !== undefined ? { currentProfileId: current } : {}) });
    return profile;
  }

  private save(content: TenantFileContent): void {
    writeTenantFile(this.path, content);
    this.content = content;
  }

  private require(profileId: string): TenantEntry {
    const profile = this.get(profileId);
    if (!profile) throw new ProblemError({ code: 'notFound', message: `There is no tenant profile "${profileId}". Tenants: ${this.list().map((p) => p.id).join(', ') || 'none yet'}.` });
    return profile;
  }

  private managedProfile(): TenantEntry | undefined {
    const policy = this.policy;
    if (policy?.tenant === undefined) return undefined;
    return {
      id: policy.tenant,
      label: policy.label ?? policy.tenant,
      kind: 'entra',
      tenant: policy.tenant,
      clientId: policy.clientId ?? INTUNE_DESK_CLIENT_ID,
      authorityHost: policy.authorityHost ?? DEFAULT_AUTHORITY_HOST,
      managed: true,
    };
  }

  assertDemoAllowed(): void {
    if (!this.demoAllowed) throw new ProblemError({ code: 'badRequest', message: `Your organization's machine policy (${this.policy?.path ?? 'policy file'}) turns the demo tenant off on this computer.` });
  }

  private lockedProblem(what: string): ProblemError {
    return new ProblemError({ code: 'badRequest', message: `Your organization's machine policy (${this.policy?.path ?? 'policy file'}) sets the tenant to ${this.policy?.tenant ?? 'one tenant'}, so you cannot ${what} here.` });
  }
}
