// `npm run start:web` options, parsed strictly: a wrong flag or value is an error naming it,
// never a silent default.

export interface HarnessOptions {
  /** Loopback port of the page and its bridge; 0 picks a free one. */
  readonly port: number;
  /** The host's data folder; undefined: a fresh temporary folder, removed when the harness stops. */
  readonly dataDir: string | undefined;
  /** Devices in the demo tenant the first time its folder is made. */
  readonly devices: number | undefined;
  /** Launch /usr/bin/chromium at the page, trusting the demo tenant's certificate. */
  readonly open: boolean;
  /** The built window (npm run build:renderer); dist/renderer by default. */
  readonly rendererDir: string | undefined;
  /** Read control lines on stdin (controls.ts), for end-to-end tests; stdin closing stops the harness. */
  readonly controls: boolean;
}

export class HarnessOptionsError extends Error {
  override readonly name = 'HarnessOptionsError';
}

export const USAGE = `Usage: npm run start:web -- [--port P] [--data-dir D] [--devices N] [--open] [--renderer-dir R] [--controls]

Serves Intune Desk's window (dist/renderer, built by "npm run build:renderer") to a browser on
127.0.0.1, with the desktop host behind it over a loopback WebSocket. For development and tests
only. When ready it prints one JSON line on stdout: the page's address (with its one-time
secret), the port and the data folder. Logs go to stderr; Ctrl-C stops it.

  --port P           port to listen on, 0 for any free port (default 0)
  --data-dir D       the host's data folder (default: a new temporary folder, removed at exit)
  --devices N        devices in the demo tenant when its folder is first made (default 2000)
  --open             open the page in /usr/bin/chromium, trusting the demo tenant's certificate
  --renderer-dir R   serve the window from R instead of dist/renderer
  --controls         read test controls on stdin, one per line, each answered with a JSON line:
                     "stop-demo-tenant" stops the demo tenant as if the network went away
  --help             show this text`;

export function parseHarnessArguments(argv: readonly string[]): HarnessOptions | 'help' {
  let port = 0;
  let dataDir: string | undefined;
  let devices: number | undefined;
  let open = false;
  let rendererDir: string | undefined;
  let controls = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? '';
    if (arg === '--help' || arg === '-h') return 'help';
    const eq = arg.indexOf('=');
    const flag = eq >= 0 ? arg.slice(0, eq) : arg;
    const inline = eq >= 0 ? arg.slice(eq + 1) : undefined;
    const value = (): string => {
      const v = inline ?? argv[++i];
      if (v === undefined || v === '') throw new HarnessOptionsError(`${flag} needs a value.`);
      return v;
    };
    switch (flag) {
      case '--port':
        port = whole(flag, value(), 0, 65535);
        break;
      case '--data-dir':
        dataDir = value();
        break;
      case '--devices':
        devices = whole(flag, value(), 0, 1_000_000);
        break;
      case '--renderer-dir':
        rendererDir = value();
        break;
      case '--open':
        if (inline !== undefined) throw new HarnessOptionsError('--open takes no value.');
        open = true;
        break;
      case '--controls':
        if (inline !== undefined) throw new HarnessOptionsError('--controls takes no value.');
        controls = true;
        break;
      default:
        throw new HarnessOptionsError(`Unknown option ${JSON.stringify(arg)}. See --help.`);
    }
  }
  return { port, dataDir, devices, open, rendererDir, controls };
}

function whole(flag: string, text: string, min: number, max: number): number {
  const n = /^\d+$/.test(text) ? Number(text) : Number.NaN;
  if (!Number.isSafeInteger(n) || n < min || n > max) throw new HarnessOptionsError(`${flag} must be a whole number from ${min} to ${max}, not ${JSON.stringify(text)}.`);
  return n;
}
