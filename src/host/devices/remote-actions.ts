// Remote actions from the device panel: sync, restart, remote lock. Each first makes sure the
// profile holds the scope remote actions need (asking for it, and only it, the first time), then
// asks Intune. A refusal comes back as the Graph client's Problem: for a 403, the missing scope
// or Intune role permission and the checks to work through.
import { FEATURE_SCOPES } from '../../core/auth/index.ts';
import { deviceAction } from '../../core/graph/graph-paths.ts';
import { ProblemError } from '../../core/problem.ts';
import type { ActionOutcome, QuickAction } from '../../shared/bridge/api.ts';
import { currentTenant, signInOf } from '../host-context.ts';
import type { HostContext } from '../host-context.ts';
import type { SessionService } from '../session/session-service.ts';
import { liveCall } from './live-call.ts';

const ACTION_NAMES: Readonly<Record<QuickAction, string>> = { syncDevice: 'Sync', rebootNow: 'Restart', remoteLock: 'Remote lock' };

export class RemoteActions {
  private readonly context: HostContext;
  private readonly session: SessionService;

  constructor(context: HostContext, session: SessionService) {
    this.context = context;
    this.session = session;
  }

  async run(id: string, action: QuickAction): Promise<ActionOutcome> {
    const entry = currentTenant(this.context);
    const signIn = await signInOf(this.context, entry);
    const store = this.context.inventories.store(signIn.tenantId);
    const found = store.getDevice(id);
    const name = found.kind === 'found' ? (found.row.deviceName ?? id) : id;
    const what = `${ACTION_NAMES[action]} of ${name}`;
    // Asks for the scope the first time (and says so in the activity log if it is refused).
    await this.session.ensureFeature(entry, 'remoteActions');
    try {
      const link = await this.context.links.link(entry, true);
      if (!link) throw new ProblemError({ code: 'offline', message: `${entry.label} cannot be reached.` });
      await liveCall(this.context.watch, () => link.interactive.post(deviceAction(id, action), undefined, { scopes: FEATURE_SCOPES.remoteActions }));
    } catch (error) {
      if (error instanceof ProblemError && error.problem.code !== 'cancelled') {
        this.context.activity.record('problem', entry.id, `${what} was not sent: ${error.problem.message}`, error.problem);
      }
      throw error;
    }
    const at = new Date(this.context.now()).toISOString();
    this.context.activity.record('action', entry.id, `${what} sent to Intune; the device carries it out when it next checks in.`);
    return { action, deviceId: id, status: 'accepted', at };
  }
}
