// Small checks and shapes shared by the store's parts.
import { ProblemError } from '../problem.ts';

export function checkAsOf(asOf: string): void {
  if (typeof asOf !== 'string' || Number.isNaN(Date.parse(asOf))) throw new ProblemError({ code: 'badRequest', message: `The as-of time must be an ISO 8601 date, not ${JSON.stringify(asOf)}.` });
}

/** `base` plus the optional properties that have a value (exactOptionalPropertyTypes-friendly). */
export function withOptional<T extends object, O extends object>(base: T, optional: O): T & { [K in keyof O]?: Exclude<O[K], undefined> } {
  const out: Record<string, unknown> = { ...(base as Record<string, unknown>) };
  for (const [key, value] of Object.entries(optional)) if (value !== undefined) out[key] = value;
  return out as T & { [K in keyof O]?: Exclude<O[K], undefined> };
}
