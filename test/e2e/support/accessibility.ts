// axe-core on a page as it is now: every result is attached to the test as JSON, and any
// violation of serious or critical impact fails the test (softly, so the journey goes on and
// reports every page's violations, not just the first).
import { AxeBuilder } from '@axe-core/playwright';
import { expect } from '@playwright/test';
import type { Page, TestInfo } from '@playwright/test';
import { attachJson } from './steps.ts';

const BLOCKING = new Set(['serious', 'critical']);

export async function checkAccessibility(page: Page, info: TestInfo, name: string): Promise<void> {
  const results = await new AxeBuilder({ page }).analyze();
  await attachJson(info, `axe-${name}`, results);
  const blocking = results.violations.filter((v) => v.impact !== undefined && v.impact !== null && BLOCKING.has(v.impact));
  const summary = blocking.map((v) => `${v.impact} ${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).slice(0, 5).join('; ')})`);
  expect.soft(summary, `axe-core found serious or critical violations on ${name}`).toEqual([]);
  // A check that found nothing to check would pass on a blank page.
  expect(results.passes.length, `axe-core checked nothing on ${name}`).toBeGreaterThan(10);
}
