// Options for the demo tenant, shared by the CLI and by code that starts it.
// Parsing is strict: a wrong flag or value is a clear error, never a silent default.

export interface DemoTenantOptions {
  /** Managed devices generated in the first tenant (contoso); the second gets a tenth. */
  readonly devices: number;
  /** Seed for the generated data and for every fault switch. */
  readonly seed: number;
  /** Port to listen on; 0 picks a free one. */
  readonly port: number;
  /** Fixed latency added to each Graph request, in milliseconds. */
  readonly latencyMs: number;
  /** Where certificates, keys and writes are kept across restarts; undefined = a temporary folder. */
  readonly dataDir: string | undefined;
}

export const defaultOptions: DemoTenantOptions = {
  devices: 2000,
  seed: 1,
  port: 0,
  latencyMs: 0,
  dataDir: undefined,
};

export class OptionsError extends Error {
  override readonly name = 'OptionsError';
}

const MAX_DEVICES = 1_000_000;

export function validateOptions(input: Partial<DemoTenantOptions>): DemoTenantOptions {
  const merged = { ...defaultOptions, ...stripUndefined(input) };
  checkInteger('devices', merged.devices, 0, MAX_DEVICES);
  checkInteger('seed', merged.seed, 0, 2 ** 32 - 1);
  checkInteger('port', merged.port, 0, 65535);
  checkInteger('latency-ms', merged.latencyMs, 0, 600_000);
  if (merged.dataDir !== undefined && (typeof merged.dataDir !== 'string' || merged.dataDir.trim() === '')) {
    throw new OptionsError('--data-dir must be a folder path');
  }
  return merged;
}

function stripUndefined(input: Partial<DemoTenantOptions>): Partial<DemoTenantOptions> {
  return Object.fromEntries(Object.entries(input).filter(([, v]) => v !== undefined)) as Partial<DemoTenantOptions>;
}

function checkInteger(flag: string, value: unknown, min: number, max: number): void {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    throw new OptionsError(`--${flag} must be a whole number from ${min} to ${max}, got ${JSON.stringify(value)}`);
  }
}

const FLAGS: Readonly<Record<string, keyof DemoTenantOptions>> = {
  '--devices': 'devices',
  '--seed': 'seed',
  '--port': 'port',
  '--latency-ms': 'latencyMs',
  '--data-dir': 'dataDir',
};

export const usage = `Usage: npm run emulator -- [--devices N] [--seed S] [--port P] [--latency-ms L] [--data-dir D]

Starts the Intune Desk demo tenant: Entra ID v2 and the Intune part of Microsoft Graph
over HTTPS on loopback. When ready it prints one JSON line on stdout; logs go to stderr.

  --devices N      managed devices in the contoso tenant (default ${defaultOptions.devices})
  --seed S         seed for generated data and fault switches (default ${defaultOptions.seed})
  --port P         port to listen on, 0 for any free port (default 0)
  --latency-ms L   latency added to every Graph request (default 0)
  --data-dir D     keep certificates, keys and writes in D across restarts
  --help           show this text`;

/** Parses CLI arguments; returns 'help' when --help is asked for. */
export function parseArguments(argv: readonly string[]): DemoTenantOptions | 'help' {
  const collected: Record<string, string | number> = {};
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? '';
    if (arg === '--help' || arg === '-h') return 'help';
    const [flag, inline] = arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined];
    const key = FLAGS[flag];
    if (!key) throw new OptionsError(`Unknown argument ${JSON.stringify(arg)}. Run with --help for the options.`);
    const value = inline ?? argv[++i];
    if (value === undefined || (inline === undefined && value.startsWith('--'))) {
      throw new OptionsError(`${flag} needs a value`);
    }
    if (key === 'dataDir') {
      collected[key] = value;
    } else {
      if (!/^\d+$/.test(value)) throw new OptionsError(`${flag} must be a whole number, got ${JSON.stringify(value)}`);
      collected[key] = Number(value);
    }
  }
  return validateOptions(collected as Partial<DemoTenantOptions>);
}
