// intune-desk demo [--devices N] [--seed S] [--latency-ms L] [--port P]
import { integerOption } from '../args.ts';
import { HELP_OPTION } from '../command.ts';
import type { CommandSpec } from '../command.ts';

const NAME = 'demo';

export interface DemoRequest {
  readonly devices: number | undefined;
  readonly seed: number | undefined;
  readonly latencyMs: number | undefined;
  readonly port: number | undefined;
}

export const demo: CommandSpec = {
  name: NAME,
  summary: 'run the demo tenant and point the CLI at it, until Ctrl-C',
  synopsis: 'demo [--devices N] [--seed S] [--latency-ms L] [--port P]',
  description: `Runs the demo tenant (Entra ID and the Intune part of Microsoft Graph, on this machine
only) in the foreground until Ctrl-C, keeping its data in the config folder (demo-tenant/), so
sign-ins, consents and changes persist from one run to the next. While it runs, its address is in
demo-endpoint.json and every other intune-desk command with no tenant configured (or a demo
profile) uses it. Prints the demo users to sign in with.

The options apply to a new data folder: a folder made with other --devices or --seed is refused
(delete demo-tenant/ to start afresh). The port is remembered, so sign-ins stay valid.`,
  options: { ...HELP_OPTION, devices: { type: 'string' }, seed: { type: 'string' }, 'latency-ms': { type: 'string' }, port: { type: 'string' } },
  optionHelp: [
    ['--devices N', 'managed devices in the Contoso tenant (default: as last started, else 2000)'],
    ['--seed S', 'seed of the generated data (default: as last started, else 1)'],
    ['--latency-ms L', 'latency added to every Graph request (default 0)'],
    ['--port P', 'port on 127.0.0.1 (default: the one it had last time, else any free one)'],
  ],
  positionals: { min: 0, max: 0 },
  examples: ['intune-desk demo', 'intune-desk demo --devices 20000 --latency-ms 100'],
  run: async (args, context) => {
    const devices = integerOption(args, 'devices', 0, 1_000_000, NAME);
    const seed = integerOption(args, 'seed', 0, 2 ** 32 - 1, NAME);
    const latencyMs = integerOption(args, 'latency-ms', 0, 600_000, NAME);
    const port = integerOption(args, 'port', 0, 65535, NAME);
    return (await import('../actions/demo.ts')).demo({ devices, seed, latencyMs, port }, context);
  },
};
