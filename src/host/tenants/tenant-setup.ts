// First run and the tenant list: "Use the demo tenant" (profiles for both demo tenants, Contoso
// and Northwind, so a partner's switching can be tried), "Connect your tenant" (an Entra tenant
// by GUID or domain with the organization's app registration), switching, removing.
import { tenantProfileIssues } from '../../core/auth/index.ts';
import { DEFAULT_AUTHORITY_HOST } from '../../core/config/entra-defaults.ts';
import { ProblemError } from '../../core/problem.ts';
import type { ConnectTenantRequest, SetupState, TenantSummary } from '../../shared/bridge/api.ts';
import type { DemoTenantHost } from '../demo/demo-tenant-host.ts';
import { describeError } from '../host-context.ts';
import type { HostContext } from '../host-context.ts';
import type { SessionService } from '../session/session-service.ts';
import type { TenantEntry } from './tenant-directory.ts';

export class TenantSetup {
  private readonly context: HostContext;
  private readonly demo: DemoTenantHost;
  private readonly session: SessionService;
  private readonly currentChanged: () => void;

  constructor(context: HostContext, demo: DemoTenantHost, session: SessionService, currentChanged: () => void) {
    this.context = context;
    this.demo = demo;
    this.session = session;
    this.currentChanged = currentChanged;
  }

  async setup(): Promise<SetupState> {
    const { directory } = this.context;
    const signIns = await this.context.tokenCache.readSignIns();
    const current = directory.current();
    return {
      firstRun: directory.firstRun,
      tenants: directory.list().map((entry) => this.summary(entry, signIns[entry.id])),
      ...(current ? { currentProfileId: current.id } : {}),
      tenantsLocked: directory.locked,
    };
  }

  /** Starts the demo tenant (it is used from now on) and adds a profile for each of its tenants. */
  async useDemo(): Promise<SetupState> {
    this.context.directory.assertDemoAllowed();
    const endpoint = await this.demo.ensureRunning();
    const entry = this.context.directory.useDemo(endpoint.profiles);
    this.context.activity.record('signIn', entry.id, `Using the demo tenant: ${endpoint.profiles.map((p) => p.label).join(' and ')}, served on this computer at ${endpoint.baseUrl}.`);
    this.currentChanged();
    return this.setup();
  }

  async connect(request: ConnectTenantRequest): Promise<SetupState> {
    // The same rule the sign-in itself applies, with its words for what is wrong.
    const issues = tenantProfileIssues({ id: 'new-tenant', label: request.label ?? request.tenant, kind: 'entra', clientId: request.clientId, authority: `https://${DEFAULT_AUTHORITY_HOST}/${request.tenant}` });
    if (issues.length > 0) throw new ProblemError({ code: 'badRequest', message: `This tenant cannot be connected: ${issues.map((i) => i.message).join(' ')}` });
    const entry = this.context.directory.connect(request);
    this.context.activity.record('signIn', entry.id, `Connected ${entry.label} (tenant ${entry.tenant}, app ${entry.clientId}). Sign in to read its devices.`);
    this.currentChanged();
    return this.setup();
  }

  async switchTo(profileId: string): Promise<SetupState> {
    const before = this.context.directory.current()?.id;
    this.context.directory.switchTo(profileId);
    if (before !== profileId) this.currentChanged();
    return this.setup();
  }

  /** Forgets a profile. Its sign-in goes too, and its tenant's offline data when no other profile uses it. */
  async remove(profileId: string): Promise<SetupState> {
    const entry = this.context.directory.removable(profileId);
    const wasCurrent = this.context.directory.current()?.id === profileId;
    const signIns = await this.context.tokenCache.readSignIns();
    const signIn = signIns[profileId];
    const others = Object.entries(signIns).filter(([id]) => id !== profileId && this.context.directory.get(id) !== undefined);
    if (signIn && !others.some(([, s]) => s.homeAccountId === signIn.homeAccountId)) {
      // Nobody else uses the account: sign it out of this computer (which purges its tenant's data).
      await this.session.signOut(entry);
    } else if (signIn) {
      await this.context.tokenCache.updateSignIns((current) => Object.fromEntries(Object.entries(current).filter(([id]) => id !== profileId)));
      if (!others.some(([, s]) => s.tenantId === signIn.tenantId)) this.purge(signIn.tenantId, entry);
    }
    this.context.directory.remove(profileId);
    this.context.activity.record('signOut', profileId, `Removed ${entry.label} from Intune Desk.`);
    if (wasCurrent) this.currentChanged();
    else this.context.changed.setup();
    return this.setup();
  }

  private purge(tenantId: string, entry: TenantEntry): void {
    try {
      this.context.inventories.purge(tenantId);
    } catch (error) {
      this.context.activity.record('problem', entry.id, `The offline data of ${entry.label} could not be removed: ${describeError(error)}`, { code: 'internal', message: `The offline data of ${entry.label} is still on this computer; remove the folder ${tenantId} from the inventory folder.` });
    }
  }

  private summary(entry: TenantEntry, signIn: { readonly username: string; readonly tenantId: string } | undefined): TenantSummary {
    let inventory: TenantSummary['inventory'] = { deviceCount: 0 };
    if (signIn) {
      try {
        const status = this.context.inventories.store(signIn.tenantId).status();
        inventory = { deviceCount: status.deviceCount, ...(status.asOf !== undefined ? { asOf: status.asOf } : {}) };
      } catch (error) {
        this.context.platform.log('warn', `The inventory of ${entry.label} could not be read.`, { error: describeError(error) });
      }
    }
    return {
      profileId: entry.id,
      label: entry.label,
      kind: entry.kind,
      tenant: signIn?.tenantId ?? entry.tenant,
      clientId: entry.clientId,
      managed: entry.managed,
      ...(signIn ? { signedIn: { username: signIn.username } } : {}),
      inventory,
    };
  }
}
