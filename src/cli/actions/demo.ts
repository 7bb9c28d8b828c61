// What "intune-desk demo" does (commands/demo.ts has its options).
import { intuneDeskConfigDir } from '../../core/auth/config-dir.ts';
import { ProblemError } from '../../core/problem.ts';
import type { DemoTenant } from '../../emulator/index.ts';
import type { DemoRequest } from '../commands/demo.ts';
import { demoAllowed } from '../config/effective-profile.ts';
import { policyFilePath, readPolicy } from '../../core/config/policy-file.ts';
import type { CliContext } from '../context.ts';
import { demoDataDir, demoEndpointPath, removeDemoEndpoint, writeDemoEndpoint } from '../../core/demo/demo-files.ts';
import { findRunningDemo, startDemo } from '../../core/demo/demo-runtime.ts';
import { renderTable } from '../output/table.ts';
import { EXIT_OK } from '../usage-error.ts';

export async function demo({ devices, seed, latencyMs, port }: DemoRequest, context: CliContext): Promise<number> {
  demoAllowed(readPolicy(policyFilePath(context.env, context.platform)));
  const configDir = intuneDeskConfigDir({ env: context.env, platform: context.platform });
  const running = await findRunningDemo(configDir);
  if (running) throw new ProblemError({ code: 'badRequest', message: `The demo tenant is already running at ${running.baseUrl}; commands use it. Stop it (Ctrl-C where it runs) before starting another.` });
  const started = await startDemo(configDir, {
    ...(devices !== undefined ? { devices } : {}),
    ...(seed !== undefined ? { seed } : {}),
    ...(port !== undefined ? { port } : {}),
    ...(latencyMs !== undefined ? { latencyMs } : {}),
  }, (m) => void context.err.write(`demo tenant: ${m}\n`));
  try {
    const { tenant } = started;
    writeDemoEndpoint(configDir, {
      version: 1,
      baseUrl: tenant.urls.baseUrl,
      caCertificate: tenant.caCertificate,
      clientId: tenant.ready.clientId,
      pid: process.pid,
      startedAt: new Date(context.now()).toISOString(),
      dataDir: demoDataDir(configDir),
    });
    await context.out.write(banner(tenant, demoEndpointPath(configDir)));
    await untilStopped(context);
    await context.err.write('Stopping the demo tenant.\n');
    return EXIT_OK;
  } finally {
    removeDemoEndpoint(configDir, process.pid);
    await started.stop();
  }
}

function banner(tenant: DemoTenant, endpointFile: string): string {
  const { ready } = tenant;
  const tenants = renderTable(['TENANT', 'ID', 'DOMAINS', 'DEVICES'], ready.tenants.map((t) => [t.displayName, t.id, t.domains.join(', '), String(t.devices)]));
  const users = renderTable(['SIGN-IN NAME', 'PASSWORD', 'INTUNE ROLE', 'TENANT'], ready.users.map((u) => [u.upn, u.password, u.roles.join(', ') || 'none', u.tenant]));
  return `Demo tenant running at ${tenant.urls.baseUrl}
CA certificate: ${tenant.caCertificate}
Other intune-desk commands use it while it runs (${endpointFile}). Ctrl-C stops it.

${tenants}
${users}
Sign in with: intune-desk login --device-code   (or without --device-code, in the browser)
These demo credentials work only against this demo tenant, on this computer.
`;
}

function untilStopped(context: CliContext): Promise<void> {
  if (context.signal.aborted) return Promise.resolve();
  return new Promise((resolve) => context.signal.addEventListener('abort', () => resolve(), { once: true }));
}
