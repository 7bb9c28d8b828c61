// Test controls of the browser harness (--controls): lines on stdin, each answered with one JSON
// line on stdout. An end-to-end test needs to take the service away behind the app's back, as
// if the network went away, while the host, the window and the offline inventory stay up:
//   stop-demo-tenant  → {"control":"stop-demo-tenant","done":true}
// The app starts the demo tenant again by itself the next time it needs the service (a sign-in,
// a sync, a remote action), as it would after a real outage.
import { createInterface } from 'node:readline';
import type { RunningHarness } from './start-harness.ts';

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

/** Answers control lines until stdin closes; then calls `closed` (the test runner went away: stop rather than linger). */
export function readControls(harness: RunningHarness, closed: () => void): () => void {
  const lines = createInterface({ input: process.stdin });
  lines.on('line', (line) => {
    control(harness, line).then(
      (answer) => process.stdout.write(`${JSON.stringify(answer)}\n`),
      (error: unknown) => process.stdout.write(`${JSON.stringify({ control: line.trim(), done: false, problem: error instanceof Error ? error.message : String(error) })}\n`),
    );
  });
  lines.once('close', closed);
  return () => lines.close();
}
