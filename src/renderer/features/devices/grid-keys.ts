// Moving the active row of the device grid from the keyboard. Rows are the unit (a technician
// picks a device, not a cell), so Home and End go to the first and last device.

/** The row to make active after a key press, or undefined when the key does not move it. */
export function nextActiveRow(key: string, active: number, total: number, rowsPerPage: number): number | undefined {
  if (total <= 0) return undefined;
  const last = total - 1;
  const page = Math.max(1, rowsPerPage - 1);
  const clamp = (n: number): number => Math.min(last, Math.max(0, n));
  switch (key) {
    case 'ArrowDown':
      return clamp(active + 1);
    case 'ArrowUp':
      return clamp(active - 1);
    case 'PageDown':
      return clamp(active + page);
    case 'PageUp':
      return clamp(active - page);
    case 'Home':
      return 0;
    case 'End':
      return last;
    default:
      return undefined;
  }
}
