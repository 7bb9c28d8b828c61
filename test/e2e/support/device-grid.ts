// The device grid as a technician sees it: role=grid named "Devices" (or "My devices"), a header
// row, then one row per device whose first cell is its name (the default first column).
import type { Locator, Page } from '@playwright/test';
import type { DeviceRow, DeviceWindow, IntuneDeskApi } from '../../../src/shared/bridge/api.ts';

export function deviceGrid(page: Page, name = 'Devices'): Locator {
  return page.getByRole('grid', { name, exact: true });
}

/** The device rows in the DOM (the grid is virtualized: only those near the screen). */
export function deviceRows(grid: Locator): Locator {
  return grid.getByRole('rowgroup').nth(1).getByRole('row');
}

/** Names in the rows rendered now, skipping rows still loading. */
export async function renderedNames(grid: Locator): Promise<string[]> {
  const names = await deviceRows(grid).evaluateAll((rows) => rows.map((row) => row.querySelector('[role="gridcell"]')?.textContent?.trim() ?? ''));
  return names.filter((n) => n !== '' && n !== 'Loading…');
}

/**
 * Every device of the open tenant's offline inventory, read through the bridge the window uses
 * (window.intuneDesk), 500 rows at a time: what the grid can show, without scrolling 2,000 rows.
 */
export async function allInventoryRows(page: Page): Promise<readonly DeviceRow[]> {
  const rows: DeviceRow[] = [];
  for (let offset = 0; ; offset += 500) {
    const window: DeviceWindow = await page.evaluate(async (at) => {
      const bridge = (globalThis as unknown as { readonly intuneDesk: IntuneDeskApi }).intuneDesk;
      const result = await bridge.devices.window({ offset: at, limit: 500 });
      if (!result.ok) throw new Error(`devices.window failed: ${result.problem.message}`);
      return result.value;
    }, offset);
    rows.push(...window.rows);
    if (window.rows.length === 0 || rows.length >= window.total) return rows;
  }
}
