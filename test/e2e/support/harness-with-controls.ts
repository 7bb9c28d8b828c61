// The browser harness as `npm run start:web` runs it (src/harness/cli.ts: the same startHarness,
// the same ready line on stdout, SIGTERM stops it), plus one control an end-to-end test needs and
// the harness's command line does not offer: stopping the demo tenant behind the app's back, as
// if the network went away, while the host, the window and the offline inventory stay up.
//
// Controls arrive as lines on stdin; each is answered with one JSON line on stdout:
//   stop-demo-tenant  → {"control":"stop-demo-tenant","done":true}
// The app starts the demo tenant again by itself the next time it needs the service (a sign-in,
// a sync, a remote action), as it would after a real outage.
import { createInterface } from 'node:readline';
import { HarnessOptionsError, parseHarnessArguments } from '../../../src/harness/options.ts';
import { startHarness } from '../../../src/harness/start-harness.ts';
import type { RunningHarness } from '../../../src/harness/start-harness.ts';

async function control(harness: RunningHarness, line: string): Promise<Record<string, unknown>> {
  const command = line.trim();
  switch (command) {
    case 'stop-demo-tenant': {
      const demo = harness.host.demo.inProcess;
      if (demo === undefined) return { control: command, done: false, problem: 'The demo tenant is not running in this harness.' };
      await demo.tenant.stop();
      return { control: command, done: true };
    }
    default:
      return { control: command, done: false, problem: `Unknown control ${JSON.stringify(command)}; the one control is stop-demo-tenant.` };
  }
}

async function main(): Promise<number> {
  let options;
  try {
    options = parseHarnessArguments(process.argv.slice(2));
  } catch (error) {
    if (!(error instanceof HarnessOptionsError)) throw error;
    process.stderr.write(`${error.message}\n`);
    return 2;
  }
  if (options === 'help' || options.open) {
    process.stderr.write('This is the end-to-end tests\' harness; use "npm run start:web" for --help and --open.\n');
    return 2;
  }
  // Stdin closing means the test runner went away: stop rather than linger.
  let stopRequested: () => void = () => undefined;
  const stop = new Promise<void>((resolve) => {
    stopRequested = resolve;
    process.once('SIGINT', () => resolve());
    process.once('SIGTERM', () => resolve());
  });
  const harness = await startHarness({
    port: options.port,
    ...(options.dataDir !== undefined ? { dataDir: options.dataDir } : {}),
    ...(options.devices !== undefined ? { devices: options.devices } : {}),
    ...(options.rendererDir !== undefined ? { rendererDir: options.rendererDir } : {}),
  });
  process.stdout.write(`${JSON.stringify({ url: harness.url, port: harness.port, dataDir: harness.dataDir, demoCertificateSpkiSha256: harness.demoCertificateSpkiSha256 })}\n`);
  const lines = createInterface({ input: process.stdin });
  lines.on('line', (line) => {
    control(harness, line).then(
      (answer) => process.stdout.write(`${JSON.stringify(answer)}\n`),
      (error: unknown) => process.stdout.write(`${JSON.stringify({ control: line.trim(), done: false, problem: error instanceof Error ? error.message : String(error) })}\n`),
    );
  });
  lines.once('close', () => stopRequested());
  await stop;
  lines.close();
  await harness.close();
  return 0;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`The harness failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exitCode = 1;
  },
);
