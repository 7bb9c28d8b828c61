// `npm run emulator`: starts the demo tenant, prints one JSON ready line on stdout, logs on stderr.
import { OptionsError, parseArguments, usage } from './options.ts';
import { startDemoTenant } from './index.ts';

async function main(): Promise<number> {
  let options;
  try {
    options = parseArguments(process.argv.slice(2));
  } catch (error) {
    if (error instanceof OptionsError) {
      process.stderr.write(`${error.message}\n`);
      return 2;
    }
    throw error;
  }
  if (options === 'help') {
    process.stdout.write(`${usage}\n`);
    return 0;
  }
  // Listen before starting: a launcher may signal the moment it reads the ready line, and
  // Node sets up its first signal listener slowly enough for that to kill the process
  // mid-way (leaving a temporary data folder behind).
  const stopSignal = firstStopSignal();
  let tenant;
  try {
    tenant = await startDemoTenant(options, { log: (m) => process.stderr.write(`${m}\n`) });
  } catch (error) {
    if (error instanceof OptionsError) {
      process.stderr.write(`${error.message}\n`);
      return 2;
    }
    throw error;
  }
  process.stdout.write(`${JSON.stringify(tenant.ready)}\n`);
  const signal = await stopSignal;
  process.stderr.write(`Received ${signal}; stopping the demo tenant.\n`);
  await tenant.stop();
  return 0;
}

/** The first SIGINT or SIGTERM. The listeners do not keep the process alive on their own. */
function firstStopSignal(): Promise<NodeJS.Signals> {
  return new Promise((resolve) => {
    process.once('SIGINT', () => resolve('SIGINT'));
    process.once('SIGTERM', () => resolve('SIGTERM'));
  });
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`The demo tenant failed to start: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exitCode = 1;
  },
);
