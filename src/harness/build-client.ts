// `npm run build:harness`: bundles the harness's bridge client (client/bridge-client.ts and the
// contract code it uses) into one classic script, dist/harness/bridge-client.js, which the
// harness serves to the page. Kept apart from dist/renderer: the window's build never holds it.
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'vite';
import { CLIENT_FILE, HARNESS_DIST } from './harness-files.ts';

/** Builds the client into `outDir` (dist/harness by default); returns the script's path. */
export async function buildHarnessClient(outDir: string = HARNESS_DIST): Promise<string> {
  await build({
    configFile: false,
    logLevel: 'warn',
    build: {
      outDir,
      emptyOutDir: true,
      target: 'chrome130',
      minify: false,
      sourcemap: false,
      copyPublicDir: false,
      lib: {
        entry: fileURLToPath(new URL('./client/bridge-client.ts', import.meta.url)),
        // A classic script (not a module) runs as soon as it is parsed, before the window's modules.
        formats: ['iife'],
        name: 'intuneDeskHarness',
        fileName: () => 'bridge-client.js',
      },
    },
  });
  return outDir === HARNESS_DIST ? CLIENT_FILE : join(outDir, 'bridge-client.js');
}

if (import.meta.main) {
  buildHarnessClient().then(
    (file) => process.stdout.write(`Built ${file}\n`),
    (error: unknown) => {
      process.stderr.write(`The harness client could not be built: ${error instanceof Error ? error.message : String(error)}\n`);
      process.exitCode = 1;
    },
  );
}
