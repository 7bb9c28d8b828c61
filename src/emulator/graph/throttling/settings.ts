// Switches for the throttle, as the admin endpoint and tests set them.
// Parsing is strict because the admin endpoint hands over untrusted JSON.
import { isJsonObject } from '../model/json.ts';

export interface ThrottleSettings {
  readonly enabled: boolean;
  /** Leave Retry-After out of 429s, as some Intune 429s do (FACTS §4). */
  readonly omitRetryAfter: boolean;
  /** Scales every budget (0.01 = one hundredth); default 1, Intune's published rates. */
  readonly rateMultiplier?: number;
}

export const DEFAULT_THROTTLE_SETTINGS: ThrottleSettings = { enabled: true, omitRetryAfter: false, rateMultiplier: 1 };

/** Small enough that every budget still rounds to at least one request per window. */
const MIN_MULTIPLIER = 0.0001;
const MAX_MULTIPLIER = 1000;

export type ParsedThrottleSettings = { readonly ok: true; readonly settings: ThrottleSettings } | { readonly ok: false; readonly message: string };

/** Reads a full or partial settings object; missing keys keep their value from `base`. */
export function parseThrottleSettings(input: unknown, base: ThrottleSettings = DEFAULT_THROTTLE_SETTINGS): ParsedThrottleSettings {
  if (!isJsonObject(input)) return { ok: false, message: 'Throttle settings must be a JSON object.' };
  const allowed = ['enabled', 'omitRetryAfter', 'rateMultiplier'];
  const unknown = Object.keys(input).filter((k) => !allowed.includes(k));
  if (unknown.length > 0) {
    return { ok: false, message: `Unknown throttle setting ${unknown.map((k) => JSON.stringify(k)).join(', ')}; allowed: ${allowed.join(', ')}.` };
  }
  const merged: { enabled: boolean; omitRetryAfter: boolean; rateMultiplier?: number } = { ...base };
  for (const key of ['enabled', 'omitRetryAfter'] as const) {
    const value: unknown = input[key];
    if (value === undefined) continue;
    if (typeof value !== 'boolean') return { ok: false, message: `${key} must be true or false, got ${JSON.stringify(value)}.` };
    merged[key] = value;
  }
  if (input['rateMultiplier'] !== undefined) merged.rateMultiplier = input['rateMultiplier'] as number;
  const problem = throttleSettingsProblem(merged);
  return problem === undefined ? { ok: true, settings: merged } : { ok: false, message: problem };
}

/** Why settings are unusable, or undefined when they are fine. */
export function throttleSettingsProblem(settings: ThrottleSettings): string | undefined {
  const m: unknown = settings.rateMultiplier;
  if (m === undefined) return undefined;
  if (typeof m !== 'number' || !Number.isFinite(m) || m < MIN_MULTIPLIER || m > MAX_MULTIPLIER) {
    return `rateMultiplier must be a number from ${MIN_MULTIPLIER} to ${MAX_MULTIPLIER}, got ${JSON.stringify(m)}.`;
  }
  return undefined;
}
