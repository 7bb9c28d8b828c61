// The system browser, for interactive sign-in: $BROWSER when set (as xdg-open and many tools
// honour it), else xdg-open (Linux and others), open (macOS) or start (Windows). The address is
// printed too, for a machine where no browser opens.
import { spawn } from 'node:child_process';
import type { BrowserOpener } from '../core/auth/index.ts';
import type { TextOutput } from './context.ts';

export function browserCommand(url: string, env: Readonly<Record<string, string | undefined>>, platform: NodeJS.Platform): { readonly command: string; readonly args: readonly string[]; readonly verbatim: boolean } {
  const chosen = env['BROWSER']?.trim();
  if (chosen) {
    const [command = chosen, ...args] = chosen.split(/\s+/);
    return { command, args: [...args, url], verbatim: false };
  }
  // Inside double quotes cmd.exe takes & and ? as they are; a URL cannot hold a double quote.
  if (platform === 'win32') return { command: 'cmd.exe', args: ['/d', '/s', '/c', `start "" "${url}"`], verbatim: true };
  if (platform === 'darwin') return { command: 'open', args: [url], verbatim: false };
  return { command: 'xdg-open', args: [url], verbatim: false };
}

export function systemBrowserOpener(env: Readonly<Record<string, string | undefined>>, platform: NodeJS.Platform, err: TextOutput): BrowserOpener {
  return async (url) => {
    await err.write(`Opening the sign-in page in your browser. If it does not open, go to:\n  ${url}\n`);
    const { command, args, verbatim } = browserCommand(url, env, platform);
    await new Promise<void>((resolve) => {
      const child = spawn(command, [...args], { stdio: 'ignore', detached: true, windowsHide: true, windowsVerbatimArguments: verbatim });
      child.once('error', (error) => {
        void err.write(`No browser could be opened (${command}: ${error.message}). Open the address above yourself, or sign in with --device-code.\n`);
        resolve();
      });
      child.once('spawn', () => {
        child.unref();
        resolve();
      });
    });
  };
}
