// Intune's published throttling limits (FACTS §4, DOCS includes/throttling-intune-*.md).
// Every Intune area shares the same figures except the devices service, which gets double.
import type { ThrottleArea } from './area.ts';

/** The published figures count requests per this window. */
export const THROTTLE_WINDOW_MS = 20_000;

/** Writes also count as "any request": a PATCH spends from both budgets. */
export type RequestKind = 'any' | 'write';
export type ThrottleScope = 'tenant' | 'app';

const WRITE_METHODS: ReadonlySet<string> = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

export function isWriteMethod(method: string): boolean {
  return WRITE_METHODS.has(method.toUpperCase());
}

const BASE_LIMITS: Readonly<Record<ThrottleScope, Readonly<Record<RequestKind, number>>>> = {
  tenant: { any: 2000, write: 200 },
  app: { any: 1000, write: 100 },
};

const AREA_FACTOR: Readonly<Record<ThrottleArea, number>> = { devices: 2, other: 1 };

/**
 * Requests allowed per window. A multiplier (for tests and slow demos) scales the budget;
 * budgets stay whole requests and never drop below one, so a bucket can always recover.
 */
export function requestsPerWindow(scope: ThrottleScope, kind: RequestKind, area: ThrottleArea, rateMultiplier: number): number {
  return Math.max(1, Math.floor(BASE_LIMITS[scope][kind] * AREA_FACTOR[area] * rateMultiplier));
}
