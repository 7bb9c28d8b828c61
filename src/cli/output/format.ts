// The --format option: which formats a command offers, checked before anything runs.
import { UsageError } from '../usage-error.ts';

export type OutputFormat = 'table' | 'csv' | 'json';

export function parseFormat<F extends OutputFormat>(value: string | undefined, allowed: readonly F[], fallback: F | undefined, command: string): F {
  if (value === undefined) {
    if (fallback !== undefined) return fallback;
    throw new UsageError(`"intune-desk ${command}" needs --format ${allowed.join('|')}.`, command);
  }
  const found = allowed.find((f) => f === value.toLowerCase());
  if (!found) throw new UsageError(`--format must be ${orList(allowed)}, not "${value}".`, command);
  return found;
}

function orList(items: readonly string[]): string {
  return items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} or ${items[items.length - 1] ?? ''}`;
}
