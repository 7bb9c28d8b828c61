// bench/results.json collects every benchmark's figures; each run merges its own keys in.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export const RESULTS_PATH = join(import.meta.dirname, 'results.json');

export function mergeResults(figures: Readonly<Record<string, number | string | boolean>>): void {
  let current: Record<string, unknown> = {};
  if (existsSync(RESULTS_PATH)) {
    try {
      current = JSON.parse(readFileSync(RESULTS_PATH, 'utf8')) as Record<string, unknown>;
    } catch {
      // A damaged results file is rewritten from this run's figures rather than failing the run.
      current = {};
    }
  }
  writeFileSync(RESULTS_PATH, `${JSON.stringify({ ...current, ...figures, measuredAt: new Date().toISOString() }, null, 2)}\n`);
}

export interface Row {
  readonly figure: string;
  readonly value: string;
  readonly target: string;
  readonly met: boolean | undefined;
}

export function printTable(title: string, rows: readonly Row[]): void {
  const lines = [`### ${title}`, '', '| Figure | Measured | Target | Met |', '|---|---|---|---|'];
  for (const r of rows) lines.push(`| ${r.figure} | ${r.value} | ${r.target} | ${r.met === undefined ? '—' : r.met ? 'yes' : 'NO'} |`);
  process.stdout.write(`${lines.join('\n')}\n\n`);
}

export function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] as number;
}
