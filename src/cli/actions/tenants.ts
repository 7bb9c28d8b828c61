// What "intune-desk tenants" does (commands/tenants.ts has its options).
import type { ProfileSignIns } from '../../core/auth/token-cache-file.ts';
import { ProblemError } from '../../core/problem.ts';
import type { TenantsRequest } from '../commands/tenants.ts';
import { withCurrentProfile, writeConfig } from '../config/config-file.ts';
import type { StoredProfile } from '../config/config-file.ts';
import type { EffectiveProfile } from '../config/effective-profile.ts';
import type { CliContext } from '../context.ts';
import { findRunningDemo, lastDemoAddress } from '../../core/demo/demo-runtime.ts';
import { renderTable } from '../output/table.ts';
import { describeTime } from '../output/time.ts';
import { Session } from '../session.ts';
import { EXIT_OK } from '../usage-error.ts';

interface ProfileLine {
  readonly current: boolean;
  readonly id: string;
  readonly label: string;
  readonly kind: string;
  readonly tenant: string;
  readonly source: 'policy' | 'config' | 'default';
  readonly signedInAs: string | null;
  readonly tenantId: string | null;
  readonly signedInAt: string | null;
  readonly grantedScopes: readonly string[];
}

export async function tenants(request: TenantsRequest, context: CliContext): Promise<number> {
  const session = new Session(context);
  try {
    if (request.use !== undefined) switchTo(session, request.use);
    const lines = profileLines(session.config.profiles, session.profile, await session.signIns());
    const demo = await demoState(session);
    if (request.format === 'json') {
      await context.out.write(`${JSON.stringify({ current: session.profile.id, policyFile: session.policy?.path ?? null, demoTenant: demo, profiles: lines }, null, 2)}\n`);
    } else {
      await writeTable(context, session, lines, demo);
    }
    return EXIT_OK;
  } finally {
    await session.close();
  }
}

function switchTo(session: Session, id: string): void {
  if (session.policy?.tenant !== undefined) {
    throw new ProblemError({ code: 'badRequest', message: `The machine policy ${session.policy.path} sets the tenant to ${session.policy.tenant}; it cannot be switched here.` });
  }
  const profile = session.config.profiles.find((p) => p.id === id);
  if (!profile) throw new ProblemError({ code: 'notFound', message: `There is no profile "${id}". Profiles: ${session.config.profiles.map((p) => p.id).join(', ') || 'none yet (sign in with "intune-desk login")'}.` });
  writeConfig(session.configPath, withCurrentProfile(session.config, profile));
  session.useProfile(profile);
}

function profileLines(stored: readonly StoredProfile[], current: EffectiveProfile, signIns: ProfileSignIns): ProfileLine[] {
  const all: (StoredProfile & { source?: EffectiveProfile['source'] })[] = [...stored];
  if (!all.some((p) => p.id === current.id)) all.unshift(current);
  return all.map((p) => {
    const signIn = signIns[p.id];
    const isCurrent = p.id === current.id;
    return {
      current: isCurrent,
      id: p.id,
      label: p.label,
      kind: p.kind,
      tenant: p.tenant,
      source: isCurrent ? current.source : 'config',
      signedInAs: signIn?.username ?? null,
      tenantId: signIn?.tenantId ?? null,
      signedInAt: signIn?.signedInAt ?? null,
      grantedScopes: signIn?.grantedScopes ?? [],
    };
  });
}

async function demoState(session: Session): Promise<{ readonly running: boolean; readonly baseUrl: string | null; readonly dataDir: string }> {
  const running = await findRunningDemo(session.configDir);
  return { running: running !== undefined, baseUrl: running?.baseUrl ?? null, dataDir: session.demoDataDir };
}

async function writeTable(context: CliContext, session: Session, lines: readonly ProfileLine[], demo: { readonly running: boolean; readonly baseUrl: string | null }): Promise<void> {
  const rows = lines.map((l) => [
    l.current ? '*' : '',
    l.id,
    l.label,
    l.kind === 'demo' ? 'demo' : 'Entra ID',
    l.tenant,
    l.signedInAs ?? '(not signed in)',
    l.tenantId ?? '',
  ]);
  await context.out.write(renderTable(['', 'PROFILE', 'LABEL', 'KIND', 'TENANT', 'SIGNED IN AS', 'TENANT ID'], rows, context.out.isTTY && context.out.columns ? { maxWidth: context.out.columns } : {}));
  const notes: string[] = [];
  const current = session.profile;
  if (current.source === 'policy') notes.push(`The tenant is set by the machine policy ${session.policy?.path ?? ''}.`);
  if (current.source === 'default') notes.push('No tenant is configured, so the demo tenant is used. Sign in with "intune-desk login"; "intune-desk login --tenant T --entra" uses your own tenant.');
  if (current.kind === 'demo') {
    const last = lastDemoAddress(session.configDir);
    notes.push(demo.running
      ? `The demo tenant is running at ${demo.baseUrl ?? ''} (started with "intune-desk demo").`
      : `The demo tenant is not running${last ? ` (last at ${last})` : ''}: "intune-desk demo" starts it; login and sync start it for their own time when it is not.`);
  }
  const signedIn = lines.find((l) => l.current)?.signedInAt ?? undefined;
  if (signedIn) notes.push(`Signed in ${describeTime(signedIn, context.now())}.`);
  if (notes.length > 0) await context.err.write(`${notes.join('\n')}\n`);
}
