// `npm run start:web`: the window in a browser, the desktop host behind it (see start-harness.ts).
// Prints one JSON line on stdout when ready ({ url, port, dataDir, demoCertificateSpkiSha256 });
// logs go to stderr. Exit status: 0 stopped with Ctrl-C or SIGTERM, 2 a missing build or a bad
// option, 1 anything else.
import { HarnessOptionsError, USAGE, parseHarnessArguments } from './options.ts';

async function main(): Promise<number> {
  let options;
  try {
    options = parseHarnessArguments(process.argv.slice(2));
  } catch (error) {
    if (!(error instanceof HarnessOptionsError)) throw error;
    process.stderr.write(`${error.message}\n`);
    return 2;
  }
  if (options === 'help') {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  // Loaded only now: --help and a wrong option answer without loading the host.
  const { HarnessSetupError, startHarness } = await import('./start-harness.ts');
  const { openInChromium } = await import('./chromium.ts');
  // Listening first: a launcher may signal as soon as it reads the ready line.
  let stdinClosed: () => void = () => undefined;
  const stop = new Promise<NodeJS.Signals | 'stdin closed'>((resolve) => {
    process.once('SIGINT', () => resolve('SIGINT'));
    process.once('SIGTERM', () => resolve('SIGTERM'));
    stdinClosed = () => resolve('stdin closed');
  });
  let harness;
  try {
    harness = await startHarness({
      port: options.port,
      ...(options.dataDir !== undefined ? { dataDir: options.dataDir } : {}),
      ...(options.devices !== undefined ? { devices: options.devices } : {}),
      ...(options.rendererDir !== undefined ? { rendererDir: options.rendererDir } : {}),
    });
  } catch (error) {
    if (!(error instanceof HarnessSetupError)) throw error;
    process.stderr.write(`${error.message}\n`);
    return 2;
  }
  process.stdout.write(`${JSON.stringify({ url: harness.url, port: harness.port, dataDir: harness.dataDir, demoCertificateSpkiSha256: harness.demoCertificateSpkiSha256 })}\n`);
  if (options.open) openInChromium(harness.url, harness.dataDir, harness.demoCertificateSpkiSha256, (m) => process.stderr.write(`${m}\n`));
  const stopControls = options.controls ? (await import('./controls.ts')).readControls(harness, stdinClosed) : undefined;
  const signal = await stop;
  stopControls?.();
  process.stderr.write(`Received ${signal}; stopping the harness.\n`);
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
