// npm run security:electron: Electronegativity (Doyensec's scanner for Electron
// misconfigurations) over src/, failing on any finding above informational, and on any file it
// could not parse (a file not scanned is not a file found clean). A false positive is silenced
// where it occurs with `/* eng-disable CHECK_ID */` and the reason beside it, never here.
//
// Run through the scanner's programmatic API rather than its CLI, for two reasons that are
// about this machine and CI, not about the checks:
// - every run first fetches translations from an S3 bucket, and offline, got 11's retry timer
//   then throws on Node 24 after the results; the bundled en-US strings are loaded instead;
// - AvailableSecurityFixesGlobalCheck fetches Electron's release list over the network; it is
//   left out, and the Electron version is given (from node_modules/electron) rather than guessed
//   as 0.1.0, which would judge every default as Electron 0.1's.
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { setTimeout as delay } from 'node:timers/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const require = createRequire(import.meta.url);

interface Level {
  readonly value: number;
  readonly name: string;
}

interface Issue {
  readonly id: string;
  readonly file: string;
  readonly location: { readonly line: number; readonly column: number };
  readonly severity: Level;
  readonly confidence: Level;
  readonly description: string;
  readonly manualReview?: boolean;
}

interface RunResult {
  readonly globalChecks: number;
  readonly atomicChecks: number;
  readonly errors: readonly { readonly file: string; readonly message: string; readonly tolerable: boolean }[];
  readonly issues: readonly Issue[];
}

type Run = (options: Readonly<Record<string, unknown>>) => Promise<RunResult>;

export interface Finding {
  readonly check: string;
  readonly file: string;
  readonly line: number;
  readonly severity: string;
  readonly confidence: string;
  readonly description: string;
}

export interface SecurityReport {
  readonly checks: number;
  /** Above informational: each one fails the run. */
  readonly findings: readonly Finding[];
  readonly informational: number;
  /** Files the scanner could not parse. */
  readonly unscanned: readonly { readonly file: string; readonly message: string }[];
}

let loaded: Run | undefined;

function electronegativity(): Run {
  if (loaded) return loaded;
  const i18nPath = require.resolve('@doyensec/electronegativity/dist/locales/i18n.js');
  const fromScanner = createRequire(i18nPath);
  const i18n = fromScanner('i18n') as { configure(options: Readonly<Record<string, unknown>>): void; setLocale(locale: string): void };
  const offlineTranslations = async (): Promise<void> => {
    i18n.configure({ locales: ['en-US'], defaultLocale: 'en-US', directory: dirname(i18nPath), updateFiles: false, objectNotation: true, retryInDefaultLocale: true, register: globalThis });
    i18n.setLocale('en-US');
  };
  // The runner requires './locales/i18n': answer it from the module cache with the offline loader.
  const Module = require('node:module') as { new (id: string): { filename: string; loaded: boolean; exports: unknown } };
  const stub = new Module(i18nPath);
  stub.filename = i18nPath;
  stub.loaded = true;
  stub.exports = offlineTranslations;
  (require.cache as Record<string, unknown>)[i18nPath] = stub;
  loaded = require('@doyensec/electronegativity') as Run;
  return loaded;
}

export async function scanElectronSecurity(input: string): Promise<SecurityReport> {
  const electronVersion = (JSON.parse(readFileSync(require.resolve('electron/package.json'), 'utf8')) as { version: string }).version;
  const out = mkdtempSync(join(tmpdir(), 'electronegativity-'));
  try {
    const result = await electronegativity()({
      input,
      output: join(out, 'findings.sarif'),
      isSarif: true,
      customScan: [],
      excludeFromScan: ['AvailableSecurityFixesGlobalCheck'],
      isRelative: false,
      electronVersionOverride: electronVersion,
      parserPlugins: [],
    });
    const above = result.issues.filter((issue) => issue.severity.value > 0);
    return {
      checks: result.globalChecks + result.atomicChecks,
      findings: above.map((issue) => ({
        check: issue.id,
        file: issue.file === 'N/A' ? '(whole app)' : relative(ROOT, issue.file),
        line: issue.location.line,
        severity: issue.severity.name,
        confidence: issue.confidence.name,
        description: issue.description,
      })),
      informational: result.issues.length - above.length,
      unscanned: result.errors.filter((e) => !e.tolerable).map((e) => ({ file: relative(ROOT, e.file), message: e.message })),
    };
  } finally {
    // Electronegativity opens its report file after its promise resolves: removing the folder
    // before then makes that late open fail as an uncaught ENOENT. Wait for the file (bounded).
    for (let waited = 0; waited < 5000 && !existsSync(join(out, 'findings.sarif')); waited += 20) await delay(20);
    await delay(20);
    rmSync(out, { recursive: true, force: true });
  }
}

async function main(): Promise<number> {
  const input = join(ROOT, 'src');
  const report = await scanElectronSecurity(input);
  const say = (line: string): boolean => process.stdout.write(`${line}\n`);
  say(`Electronegativity: ${report.checks} checks over ${relative(ROOT, input)}/ (Electron ${JSON.parse(readFileSync(require.resolve('electron/package.json'), 'utf8')).version as string}).`);
  for (const f of report.findings) say(`  ${f.severity} (${f.confidence})  ${f.check}  ${f.file}:${f.line}\n      ${f.description}`);
  for (const u of report.unscanned) say(`  NOT SCANNED  ${u.file}: ${u.message}`);
  say(`${report.findings.length} finding(s) above informational, ${report.informational} informational, ${report.unscanned.length} file(s) not scanned.`);
  return report.findings.length === 0 && report.unscanned.length === 0 ? 0 : 1;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  main().then((code) => {
    process.exitCode = code;
  }, (error: unknown) => {
    process.stderr.write(`security:electron failed to run: ${error instanceof Error ? error.stack ?? error.message : String(error)}\n`);
    process.exitCode = 2;
  });
}
