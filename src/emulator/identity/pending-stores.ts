// Short-lived state that does not survive a restart (neither does Entra's): sign-ins in
// progress, authorization codes and device codes. Each entry expires on the emulator's clock.
import { randomBytes, randomInt } from 'node:crypto';
import type { AppRegistration } from '../directory/model.ts';
import type { SignedInAccount } from './claims.ts';
import type { ScopeRequest } from './scopes.ts';
import type { BrowserSession } from './session-cookie.ts';
import type { TenantPath } from './tenant-path.ts';

export type ResponseMode = 'query' | 'fragment' | 'form_post';
export type Prompt = 'login' | 'none' | 'consent' | 'select_account';

/** Where an authorize request's answer goes. */
export interface RedirectTarget {
  readonly kind: 'redirect';
  readonly redirectUri: string;
  readonly responseMode: ResponseMode;
  readonly state?: string;
  readonly nonce?: string;
  readonly codeChallenge?: string;
  readonly clientInfo: boolean;
}

/** A sign-in started on /devicelogin answers a waiting device instead. */
export interface DeviceTarget {
  readonly kind: 'device';
  readonly deviceCode: string;
}

export interface Interaction {
  readonly id: string;
  readonly tenantPath: TenantPath;
  readonly app: AppRegistration;
  readonly scopes: ScopeRequest;
  readonly target: RedirectTarget | DeviceTarget;
  readonly prompt: Prompt | undefined;
  readonly loginHint?: string;
  readonly domainHint?: string;
  readonly expiresAt: number;
  /** Set once the person has proved who they are, while consent is still to come. */
  readonly signedIn?: BrowserSession;
}

export interface AuthorizationCode {
  readonly clientId: string;
  readonly redirectUri: string;
  readonly codeChallenge?: string;
  readonly nonce?: string;
  readonly account: SignedInAccount;
  readonly scopes: ScopeRequest;
  readonly granted: readonly string[];
  readonly authTime: number;
  readonly expiresAt: number;
  readonly redeemed: boolean;
}

export type DeviceStatus =
  | { readonly kind: 'pending' }
  | { readonly kind: 'declined' }
  | { readonly kind: 'approved'; readonly account: SignedInAccount; readonly granted: readonly string[]; readonly authTime: number }
  | { readonly kind: 'redeemed' };

export interface DeviceCode {
  readonly deviceCode: string;
  readonly userCode: string;
  readonly tenantPath: TenantPath;
  readonly app: AppRegistration;
  readonly scopes: ScopeRequest;
  readonly expiresAt: number;
  readonly status: DeviceStatus;
}

/** A keyed map whose entries vanish after `expiresAt`; swept whenever something is added. */
class ExpiringMap<T extends { readonly expiresAt: number }> {
  private readonly entries = new Map<string, T>();
  /** How long past expiry an entry is kept, so "expired" can be told apart from "unknown". */
  private readonly grace: number;
  constructor(graceMs: number) {
    this.grace = graceMs;
  }
  set(key: string, value: T, now: number): void {
    for (const [k, v] of this.entries) if (v.expiresAt + this.grace < now) this.entries.delete(k);
    this.entries.set(key, value);
  }
  get(key: string, now: number): T | undefined {
    const value = this.entries.get(key);
    if (value && value.expiresAt + this.grace < now) {
      this.entries.delete(key);
      return undefined;
    }
    return value;
  }
  values(): IterableIterator<T> {
    return this.entries.values();
  }
}

const MINUTE = 60_000;
/** How long a person may take on the sign-in pages. */
const INTERACTION_MS = 30 * MINUTE;
/** Entra's authorization codes are good for about ten minutes. */
export const CODE_MS = 10 * MINUTE;
/** Entra's device codes: 15 minutes. */
export const DEVICE_CODE_SECONDS = 900;

export class PendingStores {
  private readonly interactions = new ExpiringMap<Interaction>(0);
  private readonly codes = new ExpiringMap<AuthorizationCode>(60 * MINUTE);
  private readonly devices = new ExpiringMap<DeviceCode>(60 * MINUTE);

  startInteraction(fields: Omit<Interaction, 'id' | 'expiresAt'>, now: number): Interaction {
    const interaction: Interaction = { ...fields, id: randomBytes(24).toString('base64url'), expiresAt: now + INTERACTION_MS };
    this.interactions.set(interaction.id, interaction, now);
    return interaction;
  }

  interaction(id: string, now: number): Interaction | undefined {
    return this.interactions.get(id, now);
  }

  updateInteraction(interaction: Interaction, now: number): void {
    this.interactions.set(interaction.id, interaction, now);
  }

  endInteraction(interaction: Interaction): void {
    // Expire at once: a finished sign-in must not be replayed by the back button.
    this.interactions.set(interaction.id, { ...interaction, expiresAt: -1 }, 0);
  }

  issueCode(fields: Omit<AuthorizationCode, 'expiresAt' | 'redeemed'>, now: number): string {
    const code = `1.A${randomBytes(96).toString('base64url')}`;
    this.codes.set(code, { ...fields, expiresAt: now + CODE_MS, redeemed: false }, now);
    return code;
  }

  code(code: string, now: number): AuthorizationCode | undefined {
    return this.codes.get(code, now);
  }

  redeemCode(code: string, now: number): void {
    const entry = this.codes.get(code, now);
    if (entry) this.codes.set(code, { ...entry, redeemed: true }, now);
  }

  newDeviceCode(fields: Omit<DeviceCode, 'deviceCode' | 'userCode' | 'expiresAt' | 'status'>, now: number): DeviceCode {
    const entry: DeviceCode = {
      ...fields,
      deviceCode: `DAQABIQEAAAD${randomBytes(120).toString('base64url')}`,
      userCode: this.uniqueUserCode(now),
      expiresAt: now + DEVICE_CODE_SECONDS * 1000,
      status: { kind: 'pending' },
    };
    this.devices.set(entry.deviceCode, entry, now);
    return entry;
  }

  device(deviceCode: string, now: number): DeviceCode | undefined {
    return this.devices.get(deviceCode, now);
  }

  deviceByUserCode(userCode: string, now: number): DeviceCode | undefined {
    const wanted = userCode.trim().toUpperCase();
    for (const d of this.devices.values()) {
      if (d.userCode === wanted) return this.devices.get(d.deviceCode, now);
    }
    return undefined;
  }

  setDeviceStatus(deviceCode: string, status: DeviceStatus, now: number): void {
    const entry = this.devices.get(deviceCode, now);
    if (entry) this.devices.set(deviceCode, { ...entry, status }, now);
  }

  private uniqueUserCode(now: number): string {
    // Nine characters without look-alikes (0/O, 1/I), like the codes Entra shows.
    const alphabet = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';
    for (;;) {
      let code = '';
      for (let i = 0; i < 9; i++) code += alphabet[randomInt(alphabet.length)];
      if (!this.deviceByUserCode(code, now)) return code;
    }
  }
}
