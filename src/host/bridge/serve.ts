// Serving one bridge message: the channel must be one of CHANNELS, the arguments must pass the
// channel's schema, and whatever happens the answer is a value. A ProblemError becomes the
// failure it describes; anything else (a bug) becomes an `internal` Problem with a sentence the
// technician can act on, while the details go to the host's log, never to the window. Nothing
// shaped like a token leaves: a result or Problem holding one is withheld and logged.
import { ProblemError } from '../../core/problem.ts';
import type { BridgeResult, Problem } from '../../shared/bridge/api.ts';
import { CHANNELS } from '../../shared/bridge/channels.ts';
import type { Channel } from '../../shared/bridge/channels.ts';
import { validateArgs } from '../../shared/bridge/schemas.ts';
import type { HostPlatform } from '../platform.ts';
import type { Handlers } from './handlers.ts';
import { containsJwt } from './token-guard.ts';

export type Serve = (channel: string, raw: unknown) => Promise<BridgeResult<unknown>>;

const KNOWN: ReadonlySet<string> = new Set(CHANNELS);

export function createServe(handlers: Handlers, log: HostPlatform['log']): Serve {
  return async (channel, raw) => {
    if (typeof channel !== 'string' || !KNOWN.has(channel)) {
      return { ok: false, problem: { code: 'badRequest', message: `There is no bridge channel "${printable(channel)}".` } };
    }
    const known = channel as Channel;
    const args = validateArgs(known, raw);
    if (!args.ok) return args;
    let answer: BridgeResult<unknown>;
    try {
      // Each handler takes its own channel's arguments; the table's type pairs them.
      const handler = handlers[known] as (args: unknown) => Promise<unknown>;
      answer = { ok: true, value: plain(await handler(args.value)) };
    } catch (error) {
      answer = { ok: false, problem: problemOf(error, known, log) };
    }
    return withoutTokens(answer, known, log);
  };
}

/** A payload as the window may receive it: plain JSON data, checked for tokens. */
export function safePayload(payload: unknown, what: string, log: HostPlatform['log']): unknown {
  const data = plain(payload);
  if (data !== undefined && containsJwt(JSON.stringify(data))) {
    log('error', `Withheld ${what}: it held something shaped like a token.`);
    return undefined;
  }
  return data;
}

function problemOf(error: unknown, channel: Channel, log: HostPlatform['log']): Problem {
  if (error instanceof ProblemError) return plain(error.problem) as Problem;
  log('error', `The host failed on ${channel}.`, { error: error instanceof Error ? { name: error.name, message: error.message, stack: error.stack } : String(error) });
  return { code: 'internal', message: `Intune Desk hit an unexpected error (${channel}). Nothing was changed by it; try again, and if it happens again send the log in Intune Desk's data folder to support.` };
}

function withoutTokens(answer: BridgeResult<unknown>, channel: Channel, log: HostPlatform['log']): BridgeResult<unknown> {
  if (!containsJwt(JSON.stringify(answer))) return answer;
  log('error', `Withheld the answer to ${channel}: it held something shaped like a token.`);
  return { ok: false, problem: { code: 'internal', message: `Intune Desk withheld its answer (${channel}) because it looked like it held a sign-in token. Send the log in Intune Desk's data folder to support.` } };
}

/** JSON's view of the value: what IPC and the WebSocket both carry, with no class instance or undefined left. */
function plain(value: unknown): unknown {
  return value === undefined ? undefined : (JSON.parse(JSON.stringify(value)) as unknown);
}

function printable(value: unknown): string {
  const text = typeof value === 'string' ? value : typeof value;
  // eslint-disable-next-line no-control-regex -- control characters are exactly what is removed
  return text.replace(/[\u0000-\u001f\u007f]/g, '?').slice(0, 80);
}
