// What "intune-desk login" does, once its arguments are checked (commands/login.ts).
import { FEATURE_SCOPES } from '../../core/auth/feature-scopes.ts';
import { intuneDeskConfigDir } from '../../core/auth/config-dir.ts';
import type { SignInResult } from '../../core/auth/auth-model.ts';
import { ProblemError } from '../../core/problem.ts';
import type { LoginRequest } from '../commands/login.ts';
import { NAME } from '../commands/login.ts';
import { ConfigFileError } from '../../core/config/config-error.ts';
import { configFilePath, profileFor, readConfig, setConfigAside, withCurrentProfile, writeConfig } from '../config/config-file.ts';
import type { StoredProfile } from '../config/config-file.ts';
import { demoAllowed } from '../config/effective-profile.ts';
import { normalTenant } from '../../core/config/tenant-name.ts';
import type { CliContext } from '../context.ts';
import { Session } from '../session.ts';
import { EXIT_OK, UsageError } from '../usage-error.ts';

export async function login(request: LoginRequest, context: CliContext): Promise<number> {
  if (request.resetConfig) await resetDamagedConfig(context);
  const session = new Session(context);
  try {
    const target = targetProfile(session, request);
    session.useProfile(target);
    const connection = await session.connect('startDemo');
    if (connection.kind === 'offline') throw new ProblemError({ code: 'offline', message: `Cannot sign in: ${connection.reason}.` });
    const scopes = [...new Set([...FEATURE_SCOPES.browseDevices, ...request.features.flatMap((f) => FEATURE_SCOPES[f])])];
    const { auth, profile } = connection;
    await session.note(`Signing in to ${profile.label} (${profile.authority}).`);
    let result: SignInResult;
    if (request.deviceCode) {
      result = await auth.signInWithDeviceCode(profile.id, scopes, (prompt) => {
        void context.err.write(`${prompt.message}\n(The code expires in ${Math.round(prompt.expiresInSeconds / 60)} minutes; Ctrl-C cancels.)\n`);
      }, { signal: context.signal });
    } else {
      result = await auth.signInInteractive(profile.id, scopes, { signal: context.signal, prompt: 'select_account' });
    }
    writeConfig(session.configPath, withCurrentProfile(session.config, target));
    await context.out.write(
      `Signed in to ${profile.label} as ${result.account.username} (tenant ${result.account.tenantId}).\n` +
      `Permissions granted: ${result.grantedScopes.join(', ') || 'none'}.\n` +
      `Next: "intune-desk sync" fills the offline inventory.\n`,
    );
    return EXIT_OK;
  } finally {
    await session.close();
  }
}

/** Which profile to sign in: the tenant given (in the current kind, or the one asked for), or the current profile. */
function targetProfile(session: Session, request: LoginRequest): StoredProfile {
  const { policy, profile: current, config } = session;
  if (policy?.tenant !== undefined) {
    const other = request.tenant !== undefined && normalTenant(request.tenant) !== policy.tenant;
    if (other || request.kind === 'demo') {
      throw new ProblemError({ code: 'badRequest', message: `The machine policy ${policy.path} sets the tenant to ${policy.tenant}; Intune Desk signs in to that tenant only on this computer.` });
    }
    return stripSource(current);
  }
  const kind = request.kind ?? current.kind;
  if (kind === 'demo') demoAllowed(policy);
  if (request.tenant === undefined && kind === current.kind && request.clientId === undefined) return stripSource(current);
  const tenant = request.tenant ?? (kind === current.kind ? current.tenant : kind === 'demo' ? 'organizations' : undefined);
  if (tenant === undefined) throw new UsageError('--entra needs --tenant: your organization\'s tenant GUID or domain (or "organizations").', NAME);
  const fresh = profileFor(kind, tenant, request.clientId !== undefined ? { clientId: request.clientId } : {});
  const existing = config.profiles.find((p) => p.id === fresh.id);
  return existing && request.clientId === undefined ? existing : fresh;
}

function stripSource(profile: StoredProfile & { readonly source?: unknown }): StoredProfile {
  const { id, label, kind, tenant, clientId, authorityHost } = profile;
  return { id, label, kind, tenant, ...(kind === 'entra' && clientId !== undefined ? { clientId } : {}), ...(kind === 'entra' && authorityHost !== undefined ? { authorityHost } : {}) };
}

async function resetDamagedConfig(context: CliContext): Promise<void> {
  const path = configFilePath(intuneDeskConfigDir({ env: context.env, platform: context.platform }));
  try {
    readConfig(path);
    await context.err.write(`${path} is readable; --reset-config left it as it is.\n`);
  } catch (error) {
    if (!(error instanceof ConfigFileError)) throw error;
    const aside = setConfigAside(path, context.now());
    await context.err.write(`The settings file ${path} could not be used (${error.what}); it was moved to ${aside}, and new settings start now.\n`);
  }
}
