// Every step of a journey leaves a screenshot in the test's output folder (test-results/e2e/…)
// and in the report, so a reviewer can see what the window showed at each point.
import { writeFile } from 'node:fs/promises';
import type { Page, TestInfo } from '@playwright/test';

/** Screenshots taken so far, per test: their numbers keep the steps in order in the folder. */
const taken = new WeakMap<TestInfo, number>();

/** Screenshot of `page` named "<nn>-<name>.png", attached to the test. */
export async function screenshot(page: Page, info: TestInfo, name: string): Promise<void> {
  const number = (taken.get(info) ?? 0) + 1;
  taken.set(info, number);
  const file = info.outputPath(`${String(number).padStart(2, '0')}-${name.replace(/[^\w.-]+/g, '-')}.png`);
  await page.screenshot({ path: file, fullPage: false, animations: 'disabled', caret: 'initial' });
  await info.attach(name, { path: file, contentType: 'image/png' });
}

/** `value` as <name>.json in the test's output folder, attached to the test. */
export async function attachJson(info: TestInfo, name: string, value: unknown): Promise<void> {
  const file = info.outputPath(`${name.replace(/[^\w.-]+/g, '-')}.json`);
  await writeFile(file, `${JSON.stringify(value, null, 2)}\n`);
  await info.attach(`${name}.json`, { path: file, contentType: 'application/json' });
}
