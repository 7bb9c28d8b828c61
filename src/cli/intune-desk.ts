#!/usr/bin/env node
// intune-desk: the command-line face of Intune Desk, on the same services as the app
// (src/core). Needs Node 24 (it runs TypeScript by type stripping): "npm run cli -- <command>"
// uses the project's own Node 24. This file only wires the process to runCli().
import { systemBrowserOpener } from './browser.ts';
import type { CliContext } from './context.ts';
import { streamOutput } from './output/streams.ts';
import { runCli } from './run.ts';
import { EXIT_INTERRUPTED } from './usage-error.ts';

const stop = new AbortController();
const out = streamOutput(process.stdout, () => stop.abort(new Error('stdout was closed')));
const err = streamOutput(process.stderr);

// The first Ctrl-C asks the command to stop cleanly (a sync keeps the previous data, the demo
// tenant shuts down); a second one quits at once.
let interrupts = 0;
const onSignal = (signal: NodeJS.Signals): void => {
  interrupts++;
  if (interrupts > 1) process.exit(EXIT_INTERRUPTED);
  if (signal === 'SIGINT') process.stderr.write('\nStopping… (Ctrl-C again to quit at once)\n');
  stop.abort(new Error(`Received ${signal}`));
};
process.on('SIGINT', onSignal);
process.on('SIGTERM', onSignal);

const context: CliContext = {
  out,
  err,
  env: process.env,
  platform: process.platform,
  signal: stop.signal,
  openBrowser: systemBrowserOpener(process.env, process.platform, err),
  now: Date.now,
};

const code = await runCli(process.argv.slice(2), context);
process.exitCode = code;
process.off('SIGINT', onSignal);
process.off('SIGTERM', onSignal);
// Everything the command opened is closed by now; a socket kept alive by a library must not hold
// the prompt hostage.
setTimeout(() => process.exit(code), 2000).unref();
