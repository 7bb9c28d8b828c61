// `npm run bench [-- emulator|inventory|sync ...]`: the benchmarks, printed as tables and
// merged into bench/results.json. With no names, all of them run, one after another, so no
// benchmark shares the machine with another, and each in a process of its own, so none starts
// with another's heap, compiled code or leftover threads (run after the inventory benchmark in
// the same process, the sync ratio came out at 0.334; alone, within the same hour, 0.262–0.290).
import { spawnSync } from 'node:child_process';
import { benchEmulator } from './emulator.bench.ts';
import { benchInventory } from './inventory.bench.ts';
import { benchSync } from './sync.bench.ts';
import type { Row } from './results-file.ts';
import { mergeResults, printTable, RESULTS_PATH } from './results-file.ts';

type Bench = () => Promise<{ readonly rows: Row[]; readonly figures: Record<string, number> }>;

const BENCHES: Readonly<Record<string, readonly [string, Bench]>> = {
  emulator: ['Demo tenant (issue 2)', benchEmulator],
  inventory: ['Inventory store: (b) search and (d) ingest (issue 3)', benchInventory],
  sync: ['Sync: (a) full sync and (c) incremental refresh (issue 3)', benchSync],
};

const asked = process.argv.slice(2);
const unknown = asked.filter((name) => !(name in BENCHES));
if (unknown.length > 0) {
  process.stderr.write(`Unknown benchmark ${unknown.join(', ')}; choose from ${Object.keys(BENCHES).join(', ')}.\n`);
  process.exit(2);
}
const names = asked.length > 0 ? asked : Object.keys(BENCHES);
if (names.length === 1) {
  const [title, bench] = BENCHES[names[0] as string] as readonly [string, Bench];
  const result = await bench();
  printTable(title, result.rows);
  mergeResults(result.figures);
  process.stdout.write(`Figures written to ${RESULTS_PATH}\n`);
} else {
  for (const name of names) {
    const child = spawnSync(process.execPath, [...process.execArgv, import.meta.filename, name], { stdio: 'inherit' });
    if (child.status !== 0) process.exit(child.status ?? 1);
  }
}
