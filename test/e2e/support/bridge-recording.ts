// What crossed the bridge, as the harness recorded it (INTUNE_DESK_RECORD_BRIDGE: one JSON line
// per message, { at, direction, message }), and the tokens the host holds, to check that none of
// them ever reached the window.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { KeyFileEncryptor } from '../../../src/core/auth/index.ts';

/** A JWT: what Entra's access and ID tokens (and the demo tenant's) look like. */
export const JWT_SHAPE = /eyJ[\w-]+\.[\w-]+\.[\w-]*/;
/** The demo tenant's refresh tokens: "1.A" and 160 random bytes in base64url (src/emulator/identity/token-issuer.ts). */
export const DEMO_REFRESH_TOKEN_SHAPE = /1\.A[\w-]{200,}/;

export interface RecordedMessage {
  readonly at: string;
  readonly direction: 'fromPage' | 'toPage';
  readonly message: unknown;
}

export interface BridgeRecording {
  readonly text: string;
  readonly messages: readonly RecordedMessage[];
  /** Channels the page called ("devices.window") and events it was sent ("event.syncState"). */
  readonly channels: ReadonlySet<string>;
}

export async function readRecording(path: string): Promise<BridgeRecording> {
  const text = await readFile(path, 'utf8');
  const messages = text.split('\n').filter((line) => line !== '').map((line) => JSON.parse(line) as RecordedMessage);
  const channels = new Set<string>();
  for (const { message } of messages) {
    if (typeof message !== 'object' || message === null) continue;
    const m = message as { channel?: unknown; event?: unknown };
    if (typeof m.channel === 'string') channels.add(m.channel);
    if (typeof m.event === 'string') channels.add(m.event);
  }
  return { text, messages, channels };
}

interface MsalSecrets {
  readonly [kind: string]: Readonly<Record<string, { readonly secret?: string }>>;
}

/**
 * The access, ID and refresh tokens in the host's token cache (<dataDir>/token-cache.bin, sealed
 * with the key file beside it; layout in src/core/auth/token-cache-file.ts: "IDTC", format,
 * name length, encryptor name, then the sealed JSON { v, msal, signIns }).
 */
export async function cachedTokens(dataDir: string): Promise<readonly string[]> {
  const raw = await readFile(join(dataDir, 'token-cache.bin'));
  if (raw.subarray(0, 4).toString('ascii') !== 'IDTC') throw new Error('token-cache.bin is not an Intune Desk token cache');
  const nameLength = raw[5] ?? 0;
  const plain = await new KeyFileEncryptor(join(dataDir, 'token-cache.key')).decrypt(raw.subarray(6 + nameLength));
  const document = JSON.parse(plain.toString('utf8')) as { readonly msal: string };
  const msal = JSON.parse(document.msal) as MsalSecrets;
  return ['AccessToken', 'IdToken', 'RefreshToken'].flatMap((kind) => Object.values(msal[kind] ?? {}).flatMap((entry) => (entry.secret ? [entry.secret] : [])));
}
