// The fault switches of the demo tenant. All of them are driven by the seed, so a run
// that showed a bug can be replayed exactly; parsing is strict because the admin
// endpoint hands over untrusted JSON.
import { isJsonObject } from '../graph/model/json.ts';

export interface FaultSettings {
  /** Added to every Graph request. */
  readonly latencyMs: number;
  /** Extra latency drawn uniformly from 0..jitterMs (whole milliseconds). */
  readonly jitterMs: number;
  /** Fraction of requests answered with 500, 502, 503 or 504 instead of being handled. */
  readonly errorRate: number;
  /** Fraction of requests whose connection is destroyed without a response. */
  readonly dropRate: number;
  /** Fraction of responses whose body trickles out at slowBodyBytesPerSecond. */
  readonly slowBodyRate: number;
  readonly slowBodyBytesPerSecond: number;
  /** Fraction of collection GETs answered 200 with a truncated, unparseable body. */
  readonly malformedPageRate: number;
}

export const DEFAULT_FAULT_SETTINGS: FaultSettings = {
  latencyMs: 0,
  jitterMs: 0,
  errorRate: 0,
  dropRate: 0,
  slowBodyRate: 0,
  slowBodyBytesPerSecond: 2048,
  malformedPageRate: 0,
};

type Rule = { readonly kind: 'rate' } | { readonly kind: 'whole'; readonly min: number; readonly max: number };

const MAX_DELAY_MS = 600_000;
const RULES: Readonly<Record<keyof FaultSettings, Rule>> = {
  latencyMs: { kind: 'whole', min: 0, max: MAX_DELAY_MS },
  jitterMs: { kind: 'whole', min: 0, max: MAX_DELAY_MS },
  errorRate: { kind: 'rate' },
  dropRate: { kind: 'rate' },
  slowBodyRate: { kind: 'rate' },
  // At least one byte a second, or a slow body would never finish.
  slowBodyBytesPerSecond: { kind: 'whole', min: 1, max: 1_000_000_000 },
  malformedPageRate: { kind: 'rate' },
};
const KEYS = Object.keys(RULES) as (keyof FaultSettings)[];

export type ParsedFaultSettings = { readonly ok: true; readonly settings: FaultSettings } | { readonly ok: false; readonly message: string };

/** Reads a full or partial settings object; missing keys keep their value from `base`. */
export function parseFaultSettings(input: unknown, base: FaultSettings = DEFAULT_FAULT_SETTINGS): ParsedFaultSettings {
  if (!isJsonObject(input)) return { ok: false, message: 'Fault settings must be a JSON object.' };
  const unknown = Object.keys(input).filter((k) => !(KEYS as string[]).includes(k));
  if (unknown.length > 0) {
    return { ok: false, message: `Unknown fault setting ${unknown.map((k) => JSON.stringify(k)).join(', ')}; allowed: ${KEYS.join(', ')}.` };
  }
  const merged: Record<keyof FaultSettings, unknown> = { ...base };
  for (const key of KEYS) if (input[key] !== undefined) merged[key] = input[key];
  const problem = faultSettingsProblem(merged);
  return problem === undefined ? { ok: true, settings: merged as unknown as FaultSettings } : { ok: false, message: problem };
}

/** Why settings are unusable, or undefined when they are fine. */
export function faultSettingsProblem(settings: Readonly<Record<keyof FaultSettings, unknown>>): string | undefined {
  for (const key of KEYS) {
    const value = settings[key];
    const rule = RULES[key];
    if (rule.kind === 'rate') {
      if (typeof value !== 'number' || !Number.isFinite(value) || value < 0 || value > 1) {
        return `${key} must be a number from 0 to 1, got ${JSON.stringify(value)}.`;
      }
    } else if (typeof value !== 'number' || !Number.isInteger(value) || value < rule.min || value > rule.max) {
      return `${key} must be a whole number from ${rule.min} to ${rule.max}, got ${JSON.stringify(value)}.`;
    }
  }
  // Drop, error and malformed page exclude each other and share one draw (see FaultInjector),
  // so together they cannot exceed every request.
  const exclusive = (settings.dropRate as number) + (settings.errorRate as number) + (settings.malformedPageRate as number);
  if (exclusive > 1 + 1e-9) return `dropRate + errorRate + malformedPageRate must not exceed 1, got ${exclusive}.`;
  return undefined;
}
