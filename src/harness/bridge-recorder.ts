// INTUNE_DESK_RECORD_BRIDGE=<file>: every bridge message, both ways, appended as one JSON line
// ({ at, direction, message }), so an end-to-end test can read what crossed (and check that no
// token did). The page's proof of the secret is written as "[secret]": the record is evidence,
// not a way in.
import { appendFileSync } from 'node:fs';

export type Direction = 'fromPage' | 'toPage';

export class BridgeRecorder {
  private readonly path: string;

  constructor(path: string) {
    this.path = path;
  }

  record(direction: Direction, text: string): void {
    let message: unknown;
    try {
      message = JSON.parse(text);
    } catch {
      message = text;
    }
    if (typeof message === 'object' && message !== null && 'auth' in message) message = { ...message, auth: '[secret]' };
    appendFileSync(this.path, `${JSON.stringify({ at: new Date().toISOString(), direction, message })}\n`);
  }
}

export function recorderFromEnvironment(env: Readonly<Record<string, string | undefined>>): BridgeRecorder | undefined {
  const path = env['INTUNE_DESK_RECORD_BRIDGE'];
  return path ? new BridgeRecorder(path) : undefined;
}
