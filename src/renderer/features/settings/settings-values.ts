// Reading a number from a spin button: its value when stepped, its typed text when typed.

export interface SpinChange {
  readonly value?: number | null;
  readonly displayValue?: string;
}

/** The whole number the technician chose, within [min, max]; undefined when it is not a number. */
export function spinValue(change: SpinChange, min: number, max: number): number | undefined {
  const raw = change.value ?? (change.displayValue === undefined ? undefined : Number(change.displayValue.trim()));
  if (raw === undefined || raw === null || !Number.isFinite(raw)) return undefined;
  return Math.min(max, Math.max(min, Math.round(raw)));
}
