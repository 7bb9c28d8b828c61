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
  await new Promise<void>((resolve) => {
    const stop = (signal: string): void => {
      process.stderr.write(`Received ${signal}; stopping the demo tenant.\n`);
      void tenant.stop().then(resolve);
    };
    process.once('SIGINT', () => stop('SIGINT'));
    process.once('SIGTERM', () => stop('SIGTERM'));
  });
  return 0;
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
