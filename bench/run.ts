// `npm run bench`: every benchmark, printed as tables and merged into bench/results.json.
import { benchEmulator } from './emulator.bench.ts';
import { mergeResults, printTable, RESULTS_PATH } from './results-file.ts';

const emulator = await benchEmulator();
printTable('Demo tenant (issue 2)', emulator.rows);
mergeResults(emulator.figures);
process.stdout.write(`Figures written to ${RESULTS_PATH}\n`);
