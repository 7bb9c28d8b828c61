// "intune-desk login --device-code" completed the way a person would: the CLI prints Entra's
// message, the code is entered on the device login page with the user's password (through the
// demo tenant's real pages), and the CLI, polling, finishes the sign-in.
import { readFile } from 'node:fs/promises';
import { approveDeviceCode } from '../../helpers/sign-in.ts';
import { startCli } from './cli.ts';
import type { CliResult } from './cli.ts';

export interface DeviceCodeLogin {
  readonly upn: string;
  readonly password: string;
  /** The demo tenant's CA file; by default the one in the CLI's demo data folder. */
  readonly caFile: string;
  readonly args?: readonly string[];
}

export async function loginWithDeviceCode(env: NodeJS.ProcessEnv, login: DeviceCodeLogin): Promise<CliResult & { readonly verificationUri: string }> {
  const running = startCli(['login', '--device-code', ...(login.args ?? [])], env);
  const match = await running.waitFor('stderr', /open the page (https:\/\/\S+) and enter the code (\S+) /);
  const verificationUri = match[1] ?? '';
  await approveDeviceCode({
    baseUrl: new URL(verificationUri).origin,
    ca: await readFile(login.caFile, 'utf8'),
    userCode: match[2] ?? '',
    upn: login.upn,
    password: login.password,
  });
  return { ...(await running.exited), verificationUri };
}
